using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Profiles;
using Fengqiao.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Cli.Tests.Reliability;

/// <summary>Issue 15 item 5: the error messages that bad input produces — from the event format, the SQLite store,
/// the profile loader and the CLI — never carry a reporter's name, phone, ID number, address or coordinates from that
/// input. Each probe feeds input holding the sentinels below and returns every message it got (an exception's message
/// and its inner exceptions', or what the tool wrote).</summary>
public partial class ReliabilityProbeTests
{
    private const string SecretName = "欧阳秘密";
    private const string SecretPhone = "13987654321";
    private const string SecretIdNumber = "65010219800101123X";
    private const string SecretAddress = "幸福路88号3单元";
    private const double SecretLatitude = 43.8123456;
    private const double SecretLongitude = 87.6123456;

    private static readonly string[] Secrets =
        [SecretName, SecretPhone, SecretIdNumber, SecretAddress, "43.812", "87.612", "幸福路", "欧阳"];

    [Fact]
    public void ErrorMessages_OfEveryBadInputProbe_CarryNoPersonalDataFromTheInput()
    {
        var messages = new List<(string Probe, string Message)>();
        foreach (var (probe, run) in Probes())
        {
            var got = run();
            Assert.True(got.Count > 0 && got.All(m => !string.IsNullOrWhiteSpace(m)), $"probe '{probe}' produced no message: it no longer fails");
            messages.AddRange(got.Select(m => (probe, m)));
        }

        var leaks = messages.Where(m => Secrets.Any(s => m.Message.Contains(s, StringComparison.Ordinal)))
            .Select(m => $"{m.Probe}: {m.Message}").ToList();
        Assert.True(leaks.Count == 0, "personal data in error messages:\n" + string.Join('\n', leaks));
        Assert.True(messages.Count >= 12, $"only {messages.Count} messages collected");
    }

    private static IEnumerable<(string Probe, Func<IReadOnlyList<string>> Run)> Probes()
    {
        // The event format: a registration holding personal data, with one field broken at a time.
        var json = CaseEventJson.Serialize(SecretRegistration());
        foreach (var (what, from, to) in new[]
                 {
                     ("priority out of range", "\"priority\":", "\"priority\":99,\"_p\":"),
                     ("latitude as text", $"\"latitude\":{SecretLatitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}", $"\"latitude\":\"{SecretAddress} {SecretLatitude.ToString(System.Globalization.CultureInfo.InvariantCulture)}\""),
                     ("phone as a number", $"\"phone\":\"{SecretPhone}\"", $"\"phone\":{SecretPhone}"),
                     ("name missing", $"\"name\":\"{SecretName}\",", string.Empty),
                     ("unknown reporter field", $"\"name\":\"{SecretName}\"", $"\"name\":\"{SecretName}\",\"idNumber\":\"{SecretIdNumber}\""),
                     ("empty grid", "\"grid\":\"grid-1\"", "\"grid\":\"\""),
                     ("cut short", "\"text\":", "\"text\""),
                 })
        {
            yield return ($"event json: {what}", () => Messages(() => CaseEventJson.Deserialize(Replace(json, from, to))));
        }

        // The SQLite store: the same registration in a file, then edited outside Fengqiao, read back as events (a load
        // restores the case from its snapshot and reads no events).
        foreach (var (what, from, to, verify) in new[]
                 {
                     ("phone edited, chain on", SecretPhone, "13900000000", true),
                     ("priority broken, chain off", "\"pr\":", "\"pr\":99,\"_p\":", false),
                     ("address as a number, chain off", $"\"address\":\"{SecretAddress}\"", "\"address\":8", false),
                 })
        {
            yield return ($"sqlite store: {what}", () =>
            {
                var path = SecretStore();
                EditBody(path, from, to);
                using var store = SqliteCaseStore.Open(path, Fengqiao.Sla.BusinessCalendar.ChinaNational, new SqliteCaseStoreOptions { VerifyChainOnLoad = verify });
                return Messages(() => store.ReadEventsAsync(new CaseId("case-1"), default).AsTask().GetAwaiter().GetResult());
            });
        }

        yield return ("cli verify: phone edited", () =>
        {
            var path = SecretStore();
            EditBody(path, SecretPhone, "13900000000");
            var (_, output, error) = CliRun.Invoke("verify", "--database", path);
            return [output + error];
        });

        yield return ("cli reproject: phone edited", () =>
        {
            var path = SecretStore();
            EditBody(path, SecretPhone, "13900000000");
            var folder = Path.GetDirectoryName(path)!;
            var (_, output, error) = CliRun.Invoke("reproject", "--database", path, "--calendar-file", Fengqiao.TestSupport.HypotheticalNotices.Write2027(folder));
            return [error.Length > 0 ? error : output];
        });

        // The profile loader and the tool reading profiles: personal data a county might paste into a profile's free
        // text, next to a mistake.
        foreach (var (what, yaml) in new[]
                 {
                     ("unknown key", $"county: {SecretName} {SecretPhone}\nzone: {{ id: Asia/Shanghai, note: {SecretAddress} }}\nwrong-key: {SecretIdNumber}\n"),
                     ("syntax error", $"county: \"{SecretName} {SecretPhone}\n  address: {SecretAddress}\n"),
                     ("bad nesting", $"org: [[[{SecretAddress}, {SecretIdNumber}]]]\ncounty: {SecretName}\n"),
                 })
        {
            yield return ($"profile loader: {what}", () => Messages(() => CountyProfileLoader.Parse(yaml, "county.yaml")));
            yield return ($"cli profile check: {what}", () =>
            {
                var file = Path.Combine(Folder(), "county.yaml");
                File.WriteAllText(file, yaml);
                var (_, output, error) = CliRun.Invoke("profile", "check", file);
                return [output + error];
            });
        }
    }

    private static CaseEvent SecretRegistration()
    {
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(new OrgUnitId("grid-1"), SecretAddress, SecretLatitude, SecretLongitude), new Reporter(SecretName, SecretPhone),
            $"身份证号 {SecretIdNumber}，楼上漏水");
        return new CaseEvent(new CaseId("case-1"), 1, NodaTime.Instant.FromUtc(2026, 11, 2, 1, 0),
            CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre")), CaseState.Registered, CaseState.Registered,
            new CaseRegistration(report, Fengqiao.Testing.BareCounty.QueryCodeKey.Digest(new QueryCodeGenerator().Next()), "test/1",
                new CaseSlaTerms("test", Fengqiao.Sla.TimeLimit.WorkingDays(5), null, null, null, [])));
    }

    private static string SecretStore()
    {
        var path = Path.Combine(Folder(), "cases.db");
        var calendar = Fengqiao.Sla.BusinessCalendar.ChinaNational;
        using var store = SqliteCaseStore.Open(path, calendar);
        var registered = SecretRegistration();
        store.AppendAsync(0, [registered], Case.Register(registered, calendar), default).AsTask().GetAwaiter().GetResult();
        return path;
    }

    private static void EditBody(string path, string from, string to)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        connection.WithBodyFunctions();
        using var command = connection.CreateCommand();
        // The reporter's data is kept apart from the event bodies (the personal table): edit whichever holds the text.
        command.CommandText = "UPDATE events SET body = body_blob(replace(body_text(body), $from, $to)) WHERE instr(body_text(body), $from) > 0; " +
            "UPDATE personal SET data = personal_blob(replace(body_text(data), $from, $to)) WHERE data IS NOT NULL AND instr(body_text(data), $from) > 0";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        Assert.Equal(1, command.ExecuteNonQuery());
    }

    private static string Replace(string json, string from, string to)
    {
        Assert.Contains(from, json, StringComparison.Ordinal);
        return json.Replace(from, to, StringComparison.Ordinal);
    }

    /// <summary>Runs <paramref name="bad"/>, which must throw, and returns the message of the exception and of each inner one.</summary>
    private static List<string> Messages(Action bad)
    {
        try
        {
            bad();
        }
        catch (Exception e)
        {
            var messages = new List<string>();
            for (var x = e; x is not null; x = x.InnerException)
            {
                messages.Add($"{x.GetType().Name}: {x.Message}");
            }

            return messages;
        }

        return [];
    }
}
