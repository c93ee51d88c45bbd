using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Cli.Tests;

/// <summary><c>fengqiao reproject</c> on a SQLite store with open cases across the 2026/2027 boundary, with the
/// labelled made-up 2027 notice (<see cref="HypotheticalNotices"/>).</summary>
public sealed class ReprojectCommandTests : IDisposable
{
    private static readonly DateTimeZone Shanghai = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private static readonly Instant Now = Instant.FromUtc(2026, 12, 30, 1, 0);
    private readonly string folder = Directory.CreateTempSubdirectory("fengqiao-reproject-").FullName;
    private readonly string profile = RepositoryPaths.Combine("samples", "profiles", "yumen.yaml");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private static Instant Beijing(int y, int m, int d, int h, int min) =>
        new LocalDateTime(y, m, d, h, min).InZoneStrictly(Shanghai).ToInstant();

    /// <summary>A store written on Yumen's calendar (projection, no notice): a case whose deadline the notice moves,
    /// one crossing the boundary that moves too, one it confirms, one in the verified years.</summary>
    private string Store()
    {
        var path = Path.Combine(folder, "cases.db");
        var calendar = CountyProfileLoader.LoadFile(profile).BuildCalendar();
        // The seed appends the same reporter's matter three times, bypassing the desk: the store's duplicate check is off.
        using var store = SqliteCaseStore.Open(path, calendar, new SqliteCaseStoreOptions { DuplicateWindow = null });
        var codes = new QueryCodeGenerator();
        foreach (var (id, at, limit) in new[]
                 {
                     ("case-1", Beijing(2027, 2, 1, 10, 0), TimeLimit.WorkingDays(5)),
                     ("case-2", Beijing(2026, 12, 21, 10, 0), TimeLimit.WorkingDays(35)),
                     ("case-3", Beijing(2026, 12, 28, 10, 0), TimeLimit.WorkingDays(5)),
                     ("case-4", Beijing(2026, 11, 2, 10, 0), TimeLimit.WorkingDays(5)),
                 })
        {
            var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
                new CaseLocation(new OrgUnitId("grid-1")), new Reporter("张三", "13800000000"), "楼上漏水");
            var registered = new CaseEvent(new CaseId(id), 1, at, CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre")),
                CaseState.Registered, CaseState.Registered,
                new CaseRegistration(report, Fengqiao.Testing.BareCounty.QueryCodeKey.Digest(codes.Next()), "test/1", new CaseSlaTerms("test", limit, null, null, null, [])));
            store.AppendAsync(0, [registered], Case.Register(registered, calendar), default).AsTask().GetAwaiter().GetResult();
        }

        return path;
    }

    private IReadOnlyList<CaseEvent> Events(string path, string id)
    {
        var calendar = CountyProfileLoader.LoadFile(profile).BuildCalendar();
        using var store = SqliteCaseStore.Open(path, calendar);
        return store.ReadEventsAsync(new CaseId(id), default).AsTask().GetAwaiter().GetResult();
    }

    [Fact]
    public void Reproject_The2027NoticeOnAStoreAcrossTheBoundary_RecordsAnEventPerMovedDeadlineAndPrintsASummary()
    {
        var path = Store();
        var notice = HypotheticalNotices.Write2027(folder);

        var (code, output, error) = CliRun.InvokeAt(Now, "reproject", "--database", path, "--calendar-file", notice, "--profile", profile);

        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains("4 case(s) with a running clock scanned against", output, StringComparison.Ordinal);
        Assert.Contains("case-1 Citizen: Wed 2027-02-10 18:00 → Mon 2027-02-15 18:00 (due 2027-02-10 → 2027-02-15)", output, StringComparison.Ordinal);
        Assert.Contains("case-2 Citizen: ", output, StringComparison.Ordinal);
        Assert.Contains("(due 2027-02-11 → 2027-02-16)", output, StringComparison.Ordinal);
        Assert.DoesNotContain("case-3 ", output, StringComparison.Ordinal);
        Assert.Contains("2 deadline(s) moved in 2 case(s), one event each; 1 provisional deadline(s) confirmed", output, StringComparison.Ordinal);
        var moved = Assert.IsType<CaseDeadlineReprojected>(Events(path, "case-1")[^1].Payload);
        Assert.Equal(new LocalDate(2027, 2, 15), moved.DueDate);
        Assert.Contains("2027.csv", moved.Notice, StringComparison.Ordinal);
        Assert.Single(Events(path, "case-3"));
        Assert.Single(Events(path, "case-4"));

        var (verifyCode, verifyOutput, _) = CliRun.InvokeAt(Now, "verify", "--database", path, "--profile", WithNoticeProfile(notice));
        Assert.True(verifyCode == FengqiaoCli.Ok, verifyOutput);
    }

    [Fact]
    public void Reproject_SecondRun_ChangesNothingAndSaysSo()
    {
        var path = Store();
        var notice = HypotheticalNotices.Write2027(folder);
        CliRun.InvokeAt(Now, "reproject", "--database", path, "--calendar-file", notice, "--profile", profile);
        var before = File.ReadAllBytes(path);

        var (code, output, error) = CliRun.InvokeAt(Now + Duration.FromDays(1), "reproject", "--database", path, "--calendar-file", notice, "--profile", profile);

        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains("Nothing moved: no event recorded, the store is unchanged", output, StringComparison.Ordinal);
        Assert.Equal(2, Events(path, "case-1").Count);
        Assert.Equal(2, Events(path, "case-2").Count);
        Assert.Equal(before.Length, File.ReadAllBytes(path).Length);
    }

    [Fact]
    public void Reproject_NoticeNamedInTheProfile_MovesTheDeadlinesFromTheProjection()
    {
        var path = Store();
        var withNotice = WithNoticeProfile(HypotheticalNotices.Write2027(folder));

        var (code, output, error) = CliRun.InvokeAt(Now, "reproject", "--database", path, "--profile", withNotice);

        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains("2 deadline(s) moved in 2 case(s)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Reproject_MissingDatabase_IsRefusedAndNothingIsCreated()
    {
        var path = Path.Combine(folder, "missing.db");
        var notice = HypotheticalNotices.Write2027(folder);

        var (code, _, error) = CliRun.InvokeAt(Now, "reproject", "--database", path, "--calendar-file", notice, "--profile", profile);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains($"--database '{path}' does not exist", error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
    }

    [Fact]
    public void Reproject_NoNoticeAnywhere_IsRefusedWithWhatToGive()
    {
        var path = Store();

        var (code, _, error) = CliRun.InvokeAt(Now, "reproject", "--database", path, "--profile", profile);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("give --calendar-file 2027.csv", error, StringComparison.Ordinal);
        Assert.Single(Events(path, "case-1"));
    }

    [Fact]
    public void Reproject_BadNoticeFile_ListsItsProblemsAndChangesNothing()
    {
        var path = Store();
        var notice = Path.Combine(folder, "2027.csv");
        File.WriteAllText(notice, "date,kind,name\n2027-02-09,holiday,\n");

        var (code, _, error) = CliRun.InvokeAt(Now, "reproject", "--database", path, "--calendar-file", notice, "--profile", profile);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains("2027.csv:2", error, StringComparison.Ordinal);
        Assert.Single(Events(path, "case-1"));
    }

    /// <summary>A copy of the Yumen profile, in the temporary folder, that names the notice file.</summary>
    private string WithNoticeProfile(string notice)
    {
        var copy = Path.Combine(folder, "yumen.yaml");
        File.WriteAllText(copy, File.ReadAllText(profile).Replace("  strict: false", $"  strict: false\n  notice-files: [{Path.GetFileName(notice)}]", StringComparison.Ordinal));
        return copy;
    }
}
