using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.EarlyWarning.Tests;

public class WarningResponderTests
{
    private static readonly Instant Start = Instant.FromUtc(2026, 3, 2, 1, 0);

    [Fact]
    public async Task ActAsync_GridCluster_SupervisesTheNewestCaseWithTheRuleAsTheEventsCause()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);
        for (var i = 0; i < 3; i++)
        {
            await yumen.ReportAsync("neighbour", "grid-017", $"纠纷{i}");
        }

        var warning = Assert.Single(engine.TakeRaised());
        var responder = WarningResponder.ForProfile(yumen.County.Desk, yumen.Profile.Warnings, new InMemoryWarningLedger());

        var acted = await responder.ActAsync(warning);

        var supervision = Assert.Single(acted!.Supervisions);
        Assert.Equal(new OrgUnitId("city-secretary"), supervision.IssuingUnit);
        Assert.Equal(CaseSupervisionGrade.Yellow, supervision.Grade);
        Assert.Equal(warning.Message, supervision.Note);
        var last = (await yumen.County.Desk.GetHistoryAsync(warning.Target))[^1];
        Assert.IsType<CaseSupervisionIssued>(last.Payload);
        Assert.Equal(new ActorId("zongzhi-lead"), last.Actor.Id);
        Assert.Equal("warning.grid-cluster", last.Cause!.RuleId);
        Assert.Equal(warning.OccurrenceId, last.Cause.Facts[WarningResponder.OccurrenceFact]);
        Assert.Equal(string.Join(",", warning.Matched), last.Cause.Facts["matched"]);
        Assert.Equal(3, warning.Matched.Length);
    }

    [Fact]
    public async Task ActAsync_SameOccurrenceTwice_ActsOnce()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);
        await yumen.ReportAsync("neighbour", "grid-150", "对方扬言要报复");
        var warning = Assert.Single(engine.TakeRaised());
        var ledger = new InMemoryWarningLedger();
        var responder = WarningResponder.ForProfile(yumen.County.Desk, yumen.Profile.Warnings, ledger);

        var first = await responder.ActAsync(warning);
        var second = await responder.ActAsync(warning);

        Assert.NotNull(first);
        Assert.Null(second);
        var summons = Assert.Single(first!.Summonses);
        Assert.Equal([new OrgUnitId("police")], summons.Departments.Select(d => d.Department));
        Assert.Single(ledger.Acted);
    }

    [Fact]
    public async Task ActAsync_CountyWrittenRule_InstructsThroughTheDesk()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile, [typeof(NightMarketRule)]);
        using var following = engine.Attach(yumen.County.Desk);
        await yumen.ReportAsync("livelihood", "grid-088", "夜市油烟扰民");
        await yumen.ReportAsync("livelihood", "grid-088", "夜市占道经营", after: Duration.FromDays(1));
        var warning = Assert.Single(engine.TakeRaised());
        var responder = WarningResponder.ForProfile(yumen.County.Desk, yumen.Profile.Warnings, new InMemoryWarningLedger());

        await responder.ActAsync(warning);

        Assert.Equal("county.night-market", warning.RuleId);
        var last = (await yumen.County.Desk.GetHistoryAsync(warning.Target))[^1];
        var instructed = Assert.IsType<CaseInstructed>(last.Payload);
        Assert.Equal(warning.Message, instructed.Instruction);
        Assert.Equal("county.night-market", last.Cause!.RuleId);
        Assert.Equal(warning.OccurrenceId, last.Cause.Facts[WarningResponder.OccurrenceFact]);
    }

    [Fact]
    public async Task ActAsync_RepeatPetition_CauseCarriesNoPersonKey()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);
        await yumen.ReportAsync("petition-remedy", "grid-100", "征地补偿不到位", phone: "13912345678");
        await yumen.ReportAsync("petition-remedy", "grid-100", "再次反映征地补偿", phone: "13912345678", after: Duration.FromDays(20));
        var warning = Assert.Single(engine.TakeRaised(), w => w.RuleId == "warning.repeat-petition");
        var responder = WarningResponder.ForProfile(yumen.County.Desk, yumen.Profile.Warnings, new CaseHistoryWarningLedger(yumen.County.Desk));

        await responder.ActAsync(warning);

        var cause = (await yumen.County.Desk.GetHistoryAsync(warning.Target))[^1].Cause!;
        Assert.Equal("warning.repeat-petition", cause.RuleId);
        Assert.Equal("person", cause.Facts["group"]);
        Assert.DoesNotContain(cause.Facts.Values, v => v.Contains(warning.GroupKey, StringComparison.Ordinal));
        Assert.StartsWith("p-", warning.GroupKey, StringComparison.Ordinal);
    }
}
