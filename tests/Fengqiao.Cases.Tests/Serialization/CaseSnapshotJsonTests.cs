using System.Text;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Serialization;

public class CaseSnapshotJsonTests
{
    [Fact]
    public void Deserialize_RandomDeskHistoriesAtEveryVersion_EqualsTheFoldFieldByFieldAndFoldsOnAsTheEventsDo()
    {
        PropertyCheck.ForAll(FengqiaoArbitraries.DeskScripts(), script =>
        {
            var county = new BareCounty();
            foreach (var id in DeskScriptRunner.RunAsync(county, script).GetAwaiter().GetResult().Cases)
            {
                var history = county.Desk.GetHistoryAsync(id).AsTask().GetAwaiter().GetResult();
                var whole = Case.Replay(history, Calendar);
                var folded = Case.Register(history[0], Calendar);
                for (var k = 1; k <= history.Count; k++)
                {
                    if (k > 1)
                    {
                        folded = folded.Apply(history[k - 1]);
                    }

                    var bytes = CaseSnapshotJson.SerializeToUtf8Bytes(folded);
                    var back = CaseSnapshotJson.Deserialize(bytes, id, Calendar);

                    AssertSameFold(folded, back);
                    Assert.Equal(Encoding.UTF8.GetString(bytes), Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(back)));

                    // The hidden state (recorded stages, re-projections, parked relay clocks, clock histories) shows in
                    // what the rest of the history makes of the restored case.
                    var onwards = back;
                    for (var j = k; j < history.Count; j++)
                    {
                        onwards = onwards.Apply(history[j]);
                    }

                    AssertSameFold(whole, onwards);
                }
            }
        }, runsScale: 0.3);
    }

    [Fact]
    public async Task SerializeToUtf8Bytes_ARegisteredCase_IsCompactAndLeavesDefaultsOut()
    {
        var county = new BareCounty();
        var c = await county.RegisterAsync();
        var id = c.Id;

        var json = Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(c));

        Assert.StartsWith("{\"f\":1,\"v\":1,", json, StringComparison.Ordinal);
        foreach (var absent in new[] { "\"cy\"", "\"ua\"", "\"svc\"", "\"rts\"", "\"hbo\"", "\"jrs\"", "\"svs\"", "\"sms\"" })
        {
            Assert.DoesNotContain(absent, json, StringComparison.Ordinal);
        }

        Assert.True(json.Length < 1200, $"a registered case's snapshot is {json.Length} characters: {json}");
    }

    [Theory]
    [InlineData("{\"f\":1,", "{\"f\":2,", "$.format")]
    [InlineData("\"st\":", "\"zz\":1,\"st\":", "$.zz")]
    [InlineData("\"cks\":[{\"ck\":0,\"hi\":[[0,", "\"cks\":[{\"ck\":0,\"hi\":[[2,", "$")]
    [InlineData("\"cks\":[{\"ck\":0,\"hi\":[[0,", "\"cks\":[{\"ck\":0,\"hi\":[[99,", "$.clocks[0].history[0][0]")]
    [InlineData("\"cks\":[{\"ck\":0,", "\"cks\":[{\"zz\":1,\"ck\":0,", "$.clocks[0].zz")]
    [InlineData("\"cks\":[{\"ck\":0,", "\"cks\":[{\"ck\":\"0\",", "$.clocks[0].clock")]
    public async Task Deserialize_ABrokenSnapshot_NamesTheFieldWithoutItsValue(string find, string replace, string field)
    {
        var county = new BareCounty();
        var c = await county.RegisterAsync();
        var id = c.Id;
        var json = Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(c));
        Assert.Contains(find, json, StringComparison.Ordinal);

        var e = Assert.Throws<CaseEventFormatException>(() =>
            CaseSnapshotJson.Deserialize(Encoding.UTF8.GetBytes(json.Replace(find, replace, StringComparison.Ordinal)), id, Calendar));

        Assert.Equal(field, e.Field);
        Assert.DoesNotContain(c.Report.Reporter.Name, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deserialize_SnapshotsWhoseSlaTermsDifferInOneByte_EachReadsItsOwnTerms()
    {
        // The reader keeps the terms it read by their bytes (cases share a few sets): the same bytes give equal terms,
        // and terms one byte apart are never taken for each other.
        var county = new BareCounty();
        var c = await county.RegisterAsync();
        var json = Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(c));
        var policy = c.Sla.PolicyName;
        var edited = json.Replace($"\"pn\":\"{policy}\"", $"\"pn\":\"{policy}X\"", StringComparison.Ordinal);
        Assert.NotEqual(json, edited);

        var first = CaseSnapshotJson.Deserialize(Encoding.UTF8.GetBytes(json), c.Id, Calendar);
        var other = CaseSnapshotJson.Deserialize(Encoding.UTF8.GetBytes(edited), c.Id, Calendar);
        var again = CaseSnapshotJson.Deserialize(Encoding.UTF8.GetBytes(json), c.Id, Calendar);

        Assert.Equal(c.Sla, first.Sla);
        Assert.Equal(policy + "X", other.Sla.PolicyName);
        Assert.Equal(c.Sla with { PolicyName = policy + "X" }, other.Sla);
        Assert.Equal(c.Sla, again.Sla);
        Assert.Equal(json, Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(again)));
    }

    [Fact]
    public void Fingerprint_CalendarsThatCountAlike_AreEqualAndAnotherWorkingDayChangesIt()
    {
        var a = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();
        var b = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();
        var other = new BusinessCalendarBuilder().UseChinaNational().AllowProjection()
            .AddHoliday(new LocalDate(2026, 12, 1), "county day").Build();

        Assert.Equal(a.Fingerprint, b.Fingerprint);
        Assert.Matches("^[0-9a-f]{32}$", a.Fingerprint);
        Assert.NotEqual(a.Fingerprint, other.Fingerprint);
        Assert.NotEqual(a.Fingerprint, BusinessCalendar.ChinaNationalStrict.Fingerprint);
    }

    private static void AssertSameFold(Case expected, Case actual)
    {
        Assert.Null(CaseComparison.Difference(expected, actual));
        Assert.Equal(CaseComparison.Fingerprint(expected), CaseComparison.Fingerprint(actual));
        foreach (var kind in Enum.GetValues<CaseClockKind>())
        {
            Assert.Equal(expected.RecordedStage(kind), actual.RecordedStage(kind));
            Assert.Equal(expected.RecordedWarning(kind), actual.RecordedWarning(kind));
            Assert.Equal(expected.LastReprojection(kind), actual.LastReprojection(kind));
        }

        foreach (var level in expected.Sla.RelayBudgets.Keys)
        {
            Assert.Equal(expected.RelayClock(level)?.Explain(), actual.RelayClock(level)?.Explain());
        }
    }
}
