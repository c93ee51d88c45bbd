using Fengqiao.Cases.Organisation;
using Fengqiao.EarlyWarning.Facts;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.EarlyWarning.Tests;

public class EarlyWarningEngineTests
{
    // 2026-01-20 08:00 Beijing time: 26 days before the Spring Festival holiday of 2026 (Feb 15).
    private static readonly Instant Start = Instant.FromUtc(2026, 1, 20, 0, 0);

    [Fact]
    public async Task Observe_ThirdNeighbourDisputeInOneGridWithinSevenDays_RaisesOneGridCluster()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);

        var first = await yumen.ReportAsync("neighbour", "grid-017", "楼上漏水");
        await yumen.ReportAsync("neighbour", "grid-017", "占用楼道", after: Duration.FromDays(2));
        Assert.DoesNotContain(engine.TakeRaised(), w => w.RuleId == "warning.grid-cluster");
        var third = await yumen.ReportAsync("neighbour", "grid-017", "噪音扰民", after: Duration.FromDays(3));

        var warning = Assert.Single(engine.TakeRaised(), w => w.RuleId == "warning.grid-cluster");
        Assert.Equal(CaseGroupKind.Grid, warning.GroupKind);
        Assert.Equal("grid-017", warning.GroupKey);
        Assert.Equal(third.Id, warning.Target);
        Assert.Equal(3, warning.Matched.Length);
        Assert.Equal(first.Id, warning.Matched[0]);
        Assert.Equal("3", warning.Facts["count"]);
        Assert.Equal("7", warning.Facts["days"]);
        Assert.Equal(WarningActionKind.Supervise, warning.Action);
        Assert.Empty(engine.TakeFailures());
    }

    [Fact]
    public async Task Observe_ThreeDisputesSpreadOverMoreThanTheWindow_RaisesNothing()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);

        await yumen.ReportAsync("neighbour", "grid-017", "楼上漏水");
        await yumen.ReportAsync("neighbour", "grid-017", "占用楼道", after: Duration.FromDays(4));
        await yumen.ReportAsync("neighbour", "grid-017", "噪音扰民", after: Duration.FromDays(4));

        Assert.DoesNotContain(engine.TakeRaised(), w => w.RuleId == "warning.grid-cluster");
    }

    [Fact]
    public async Task Observe_FourthDisputeInTheSameCluster_ContinuesTheOccurrenceAndRaisesNothingNew()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);
        for (var i = 0; i < 3; i++)
        {
            await yumen.ReportAsync("family", "grid-040", $"家庭矛盾{i}");
        }

        Assert.Single(engine.TakeRaised(), w => w.RuleId == "warning.grid-cluster");
        await yumen.ReportAsync("family", "grid-040", "家庭矛盾3");

        Assert.DoesNotContain(engine.TakeRaised(), w => w.RuleId == "warning.grid-cluster");
    }

    [Fact]
    public async Task Observe_ANewClusterAfterTheFirstAgedOut_RaisesASecondOccurrence()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);
        for (var i = 0; i < 3; i++)
        {
            await yumen.ReportAsync("neighbour", "grid-002", $"纠纷{i}");
        }

        var first = Assert.Single(engine.TakeRaised(), w => w.RuleId == "warning.grid-cluster");
        for (var i = 0; i < 3; i++)
        {
            await yumen.ReportAsync("neighbour", "grid-002", $"再起纠纷{i}", after: i == 0 ? Duration.FromDays(10) : Duration.FromHours(1));
        }

        var second = Assert.Single(engine.TakeRaised(), w => w.RuleId == "warning.grid-cluster");
        Assert.NotEqual(first.OccurrenceId, second.OccurrenceId);
        Assert.Empty(first.Matched.Intersect(second.Matched));
    }

    [Fact]
    public async Task Observe_EachBuiltInPattern_RaisesItsKindWithItsAction()
    {
        var yumen = new YumenDesk(Start);
        var engine = new EarlyWarningEngine(yumen.Profile);
        using var following = engine.Attach(yumen.County.Desk);

        // Three labour cases against one company in three grids of one township, 26 days before the festival.
        var grids = yumen.County.Tree.Units
            .Where(u => u.Kind == OrgUnitKind.Grid && yumen.County.Tree.IsWithin(u.Id, new OrgUnitId("township-03")))
            .Select(u => u.Id.Value).Take(3).ToList();
        Assert.Equal(3, grids.Count);
        await yumen.ReportAsync("labour", grids[0], "玉门祥和建筑公司拖欠工资两个月");
        await yumen.ReportAsync("labour", grids[1], "玉门祥和建筑公司欠薪");
        await yumen.ReportAsync("labour", grids[2], "玉门祥和建筑公司工资未结");
        // One person petitioning twice.
        await yumen.ReportAsync("petition-remedy", "grid-100", "征地补偿不到位", phone: "13912345678");
        await yumen.ReportAsync("petition-remedy", "grid-100", "再次反映征地补偿", phone: "13912345678", after: Duration.FromDays(20));
        // A threat in a neighbour dispute.
        var threat = await yumen.ReportAsync("neighbour", "grid-150", "对方扬言要报复");

        var raised = engine.TakeRaised();
        var byRule = raised.GroupBy(w => w.RuleId).ToDictionary(g => g.Key, g => g.ToList());
        Assert.Equal(WarningActionKind.Instruct, Assert.Single(byRule["warning.employer-cluster"]).Action);
        Assert.Equal("玉门祥和建筑公司", byRule["warning.employer-cluster"][0].GroupKey);
        Assert.Equal(CaseGroupKind.Township, Assert.Single(byRule["warning.wage-arrears"]).GroupKind);
        var repeat = Assert.Single(byRule["warning.repeat-petition"]);
        Assert.DoesNotContain("13912345678", repeat.OccurrenceId, StringComparison.Ordinal);
        var violent = Assert.Single(byRule["warning.violent-risk"]);
        Assert.Equal(threat.Id, violent.Target);
        Assert.Equal(WarningActionKind.Summon, violent.Action);
        Assert.Equal([new OrgUnitId("police")], violent.Departments.ToArray());
    }

    [Fact]
    public async Task Observe_SameEventsReplayedIntoANewEngine_GivesTheSameOccurrenceIds()
    {
        var yumen = new YumenDesk(Start);
        var live = new EarlyWarningEngine(yumen.Profile);
        using (live.Attach(yumen.County.Desk))
        {
            for (var i = 0; i < 4; i++)
            {
                await yumen.ReportAsync("neighbour", "grid-033", $"纠纷{i}");
                await yumen.ReportAsync("labour", "grid-033", $"玉门新华工地欠薪{i}");
            }
        }

        var replayed = new EarlyWarningEngine(yumen.Profile);
        var again = yumen.Events.SelectMany(replayed.Observe).Select(w => w.OccurrenceId).ToList();

        var liveIds = live.TakeRaised().Select(w => w.OccurrenceId).ToList();
        Assert.NotEmpty(liveIds);
        Assert.Equal(liveIds, again);
    }

    [Fact]
    public void Constructor_SummonWithoutDepartments_ThrowsNamingTheRule()
    {
        var profile = Profiles.CountyProfileLoader.LoadFile(TestSupport.RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));
        var broken = profile.Warnings with
        {
            Rules = [new WarningRuleProfile(WarningKind.ViolentRisk, 1, 1, [], WarningActionKind.Summon) { Keywords = ["砍"] }],
        };

        var e = Assert.Throws<EarlyWarningException>(() => new EarlyWarningEngine(broken, profile.BuildOrgTree(), profile.BuildCalendar()));

        Assert.Contains("warning.violent-risk", e.Message, StringComparison.Ordinal);
        Assert.Contains("department", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ATypeThatIsNotARule_ThrowsNamingTheType()
    {
        var profile = Profiles.CountyProfileLoader.LoadFile(TestSupport.RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

        var e = Assert.Throws<EarlyWarningException>(() => new EarlyWarningEngine(profile, [typeof(string)]));

        Assert.Contains("System.String", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RuleIds_YumenWithACountyRule_ListsBuiltInsAndTheCountyRule()
    {
        var profile = Profiles.CountyProfileLoader.LoadFile(TestSupport.RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

        var engine = new EarlyWarningEngine(profile, [typeof(NightMarketRule)]);

        Assert.Equal(
            "county.night-market, warning.employer-cluster, warning.grid-cluster, warning.repeat-petition, warning.violent-risk, warning.wage-arrears",
            string.Join(", ", engine.RuleIds));
        Assert.Contains("Spring Festival", engine.Descriptions["warning.wage-arrears"], StringComparison.Ordinal);
    }
}
