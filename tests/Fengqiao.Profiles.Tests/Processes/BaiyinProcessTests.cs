using Fengqiao.TestSupport;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Rules;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>samples/profiles/baiyin.yaml on a real case desk: the seven-level ladder and the deputies who reopen.</summary>
public class BaiyinProcessTests
{
    // Monday 2 November 2026, 09:00 in Beijing: no public holiday in the weeks the case climbs.
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);

    private static readonly string[] ChainA =
        ["village-a1", "pl-township-a", "head-township-a", "leader-township-a", "county-political-legal", "county-heads", "city-political-legal"];

    private static readonly CaseActor Dispatcher = Staff("pl-a", "pl-township-a");

    private static readonly CaseActor Cadre = Staff("cadre-a1", "village-a1");

    private static ProfileDesk Desk() => new("baiyin.yaml", Start, Unit("pl-township-a"));

    [Fact]
    public async Task Sweep_OverdueCase_WalksTheSevenLevelsInOrderOnePerSweepAndStopsAtTheTop()
    {
        var kit = Desk();
        var c = await kit.DispatchedAsync(Report("village-a1", "livelihood", "村道路灯损坏多日无人维修"), Dispatcher, "village-a1");

        for (var level = 1; level < ChainA.Length; level++)
        {
            kit.Clock.Advance(Duration.FromDays(10));
            await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
            var now = await kit.CaseAsync(c.Id);
            Assert.Equal(Unit(ChainA[level]), now.HoldingUnit);
            Assert.Equal(level, now.EscalationCount);
        }

        kit.Clock.Advance(Duration.FromDays(10));
        var atTop = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Empty(atTop.PolicyFailures);
        var final = await kit.CaseAsync(c.Id);
        Assert.Equal(Unit("city-political-legal"), final.HoldingUnit);
        Assert.Equal(ChainA.Length - 1, final.EscalationCount);

        var escalations = BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate);
        Assert.Equal(ChainA.Skip(1).Select(Unit), escalations.Select(e => e.Unit()!.Value));
        Assert.All(escalations, e => Assert.Equal(EscalationRuleIds.Overdue, e.Cause!.RuleId));
        Assert.Equal(kit.Profile.Ladder.Levels.Skip(1).Select(l => l.Key), escalations.Select(e => e.Cause!.Facts["to-level"]));
    }

    [Fact]
    public async Task Reopen_ProfileScopeAssigned_RefusesTheDeputyUntilTheCaseIsAssignedToThem_AndAnUnknownDeputyAlways()
    {
        var profile = Sample("baiyin.yaml") with
        {
            DeputyScope = DeputyScope.Assigned,
        };
        var kit = new ProfileDesk(profile, Start, Unit("pl-township-a"));
        var c = await ClosedAsync(kit);
        var li = CaseActor.Deputy(new ActorId("deputy-li"));

        var notAssigned = await Assert.ThrowsAsync<Fengqiao.Cases.Desk.CaseActionRefusedException>(() => kit.Desk.ReopenAsync(c.Id, li, "问题未解决"));
        Assert.Contains("only on cases assigned to them", notAssigned.Reason, StringComparison.Ordinal);
        var unknown = await Assert.ThrowsAsync<Fengqiao.Cases.Desk.CaseActionRefusedException>(() => kit.Desk.AssignDeputyAsync(c.Id, Dispatcher, new ActorId("deputy-qian")));
        Assert.Contains("'deputy-qian' is not a registered people's deputy", unknown.Reason, StringComparison.Ordinal);

        await kit.Desk.AssignDeputyAsync(c.Id, Dispatcher, li.Id, "代表跟踪");
        var after = await kit.Desk.ReopenAsync(c.Id, li, "群众反映问题未根本解决");
        Assert.Equal(CaseState.Escalated, after.State);
    }

    // A boundary dispute the village's cadre settles; the citizen is satisfied and the township closes it.
    private static Task<Case> ClosedAsync(ProfileDesk kit) =>
        kit.ClosedAsync(Report("village-a1", "dispute", "邻里宅基地界线纠纷"), Dispatcher, "village-a1", Cadre, "已组织双方现场确认界线");

    [Fact]
    public async Task Reopen_ByADeputyAfterTheVillageClosedIt_MovesTheCaseOneLevelAboveTheCloser()
    {
        var kit = Desk();
        var c = await ClosedAsync(kit);

        // 李代表 is a deputy (人大代表) the profile names under the county political-legal committee.
        Assert.Contains(kit.Tree.Units.SelectMany(u => u.Members), m => m.Id == new ActorId("deputy-li") && m.Holds(new MemberRole("deputy")));
        var after = await kit.Desk.ReopenAsync(c.Id, CaseActor.Deputy(new ActorId("deputy-li")), "群众反映问题未根本解决");

        Assert.Equal(CaseState.Escalated, after.State);
        Assert.Equal(Unit("pl-township-a"), after.HoldingUnit);
        var escalate = Assert.Single(BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.ReopenAboveCloser, escalate.Cause!.RuleId);
        Assert.Equal("village-a1", escalate.Cause.Facts["closed-by"]);
    }
}
