using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>samples/profiles/toutunhe.yaml on a real case desk: 一格五员 — work passing between the posts of one grid.</summary>
public class PostsProcessTests
{
    // Monday 2 November 2026, 10:00 in Beijing (Toutunhe's assumed hours: 10:00-14:00, 15:30-19:30).
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 2, 0);

    private static readonly CaseActor Dispatcher = Staff("wjl-dispatcher", "street-wangjialiang");
    private static readonly CaseActor Info = Staff("a1-info", "grid-a1");
    private static readonly CaseActor Manager = Staff("a1-manager", "grid-a1");
    private static readonly CaseActor CoManager = Staff("a1-co-manager", "grid-a1");

    [Fact]
    public async Task HandOver_InformationOfficerToManagerToCoManager_AnOverdueCoManagerSendsItBackToTheManagerThenTheGridLeaderTakesIt()
    {
        var kit = new ProfileDesk("toutunhe.yaml", Start, Unit("district-centre"));
        Assert.Equal(["information-officer", "grid-manager", "grid-co-manager"], kit.Profile.Posts.Select(p => p.Role.Name));

        // The grid's information officer registers what a resident reported; the street dispatches it to the grid.
        var c = (await kit.Desk.RegisterAsync(Report("grid-a1", "dispute", "楼道堆物引发邻里矛盾"), Info)).Case;
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        await kit.Desk.DispatchAsync(c.Id, Dispatcher, Unit("grid-a1"));

        // “居民遇到問題可以向網格管理員反映”: the officer hands it to the manager, who claims it and asks the co-manager to verify.
        await kit.Desk.HandOverAsync(c.Id, Info, new MemberRole("grid-manager"), "信息员登记，交网格管理员");
        await kit.Desk.ClaimAsync(c.Id, Manager);
        var atCoManager = await kit.Desk.HandOverAsync(c.Id, Manager, new MemberRole("grid-co-manager"), "协管员入户核实");
        Assert.Equal("grid-co-manager", atCoManager.Post!.Post);

        // The co-manager's one working day (Tuesday 19:30) passes: Wednesday's first sweep gives the case back to the manager.
        kit.Clock.Reset(Instant.FromUtc(2026, 11, 4, 2, 30));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        var back = (await kit.HistoryAsync(c.Id)).Last(e => e.Payload is CasePostHandedOver);
        Assert.Equal(("post.overdue", "grid-manager"), (back.Cause!.RuleId, ((CasePostHandedOver)back.Payload).Post));
        var now = await kit.CaseAsync(c.Id);
        Assert.Equal((Unit("grid-a1"), "grid-manager"), (now.HoldingUnit!.Value, now.Post!.Post));

        // The co-manager no longer has it, so cannot pass it on; the manager, who cannot solve it, sends it to the grid leader.
        await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, CoManager, new MemberRole("information-officer")));
        var up = await kit.Desk.EscalateAsync(c.Id, Manager, Unit("grid-leader-a"), "网格内协调未果");
        Assert.Equal((Unit("grid-leader-a"), (CasePost?)null), (up.HoldingUnit!.Value, up.Post));
    }

    [Fact]
    public async Task HandOver_ToThePostOfAUnitWithoutIt_IsRefusedNamingTheUnit()
    {
        var kit = new ProfileDesk("toutunhe.yaml", Start, Unit("district-centre"));
        var c = await kit.DispatchedAsync(Report("grid-a1", "dispute", "噪音"), Dispatcher, "grid-a1");
        var leader = Staff("leader-a", "grid-leader-a");
        await kit.Desk.EscalateAsync(c.Id, Manager, Unit("grid-leader-a"), "上报");

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, leader, new MemberRole("grid-co-manager")));

        Assert.Contains("no member of unit 'grid-leader-a' holds the post", e.Reason, StringComparison.Ordinal);
    }
}
