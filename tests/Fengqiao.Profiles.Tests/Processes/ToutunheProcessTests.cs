using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Rules;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>samples/profiles/toutunhe.yaml on a real case desk: 一格五员 — grid manager, grid leader, supervisor.</summary>
public class ToutunheProcessTests
{
    // Monday 2 November 2026, 10:00 in Beijing.
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 2, 0);

    private static readonly CaseActor Dispatcher = Staff("district-dispatcher", "district-centre");

    [Fact]
    public async Task Return_GridManagerCannotSolveIt_TheCaseGoesToTheGridLeader()
    {
        var kit = new ProfileDesk("toutunhe.yaml", Start, Unit("district-centre"));
        var c = await kit.DispatchedAsync(Report("grid-a1", "livelihood", "楼道堆放杂物堵塞消防通道"), Dispatcher, "grid-a1");
        var manager = Staff("a1-manager", "grid-a1");

        await kit.Desk.ClaimAsync(c.Id, manager);
        var after = await kit.Desk.ReturnAsync(c.Id, manager, CannotResolve.Reason("需网格长协调物业"));

        Assert.Equal(CaseState.Escalated, after.State);
        Assert.Equal(Unit("grid-leader-a"), after.HoldingUnit);
        var escalate = Assert.Single(BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.CannotResolve, escalate.Cause!.RuleId);
        Assert.Equal("grid-manager", escalate.Cause.Facts["from-level"]);
        Assert.Equal("grid-leader", escalate.Cause.Facts["to-level"]);
    }

    [Fact]
    public async Task Supervise_TheGridSupervisorPressesTheCase_ButMayNotHandleIt()
    {
        var kit = new ProfileDesk("toutunhe.yaml", Start, Unit("district-centre"));
        var c = await kit.DispatchedAsync(Report("grid-a1", "livelihood", "小区路灯不亮"), Dispatcher, "grid-a1");
        var supervisor = Staff("a1-supervisor", "grid-a1");

        var supervised = await kit.Desk.SuperviseAsync(c.Id, supervisor, "三日内未见处理，请网格管理员跟进");
        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ClaimAsync(c.Id, supervisor));

        Assert.Equal(1, supervised.SupervisionCount);
        Assert.Equal(CaseState.Dispatched, (await kit.CaseAsync(c.Id)).State);
        Assert.Contains("a1-supervisor", refused.Message, StringComparison.Ordinal);

        // The grid manager, not the supervisor, handles it.
        var claimed = await kit.Desk.ClaimAsync(c.Id, Staff("a1-manager", "grid-a1"));
        Assert.Equal(CaseState.Claimed, claimed.State);
    }
}
