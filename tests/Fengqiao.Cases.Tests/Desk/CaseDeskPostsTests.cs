using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

// Posts within a unit (岗位, Toutunhe's 一格五员): hand-overs between them and the sweep's escalation between posts.
public class CaseDeskPostsTests
{
    private static readonly MemberRole InformationOfficer = new("information-officer");
    private static readonly MemberRole Manager = new("grid-manager");
    private static readonly MemberRole CoManager = new("grid-co-manager");

    private static readonly CaseActor Info = CaseActor.Staff(new ActorId("info"), Community);
    private static readonly CaseActor CoManagerActor = CaseActor.Staff(new ActorId("co"), Community);

    private static readonly OrgTree PostTree = new OrgTreeBuilder()
        .AddUnit(Centre, "综治中心", OrgUnitKind.CommandCentre)
        .AddUnit(Street, "新华街道", OrgUnitKind.Street, Centre)
        .AddUnit(Community, "和平社区", OrgUnitKind.Community, Street)
        .AddUnit(Grid, "第一网格", OrgUnitKind.Grid, Community)
        .AddMember(Centre, new ActorId("d1"), "派单员", MemberRole.Dispatcher, MemberRole.Reviewer)
        .AddMember(Street, new ActorId("sd"), "街道派单员", MemberRole.Dispatcher)
        .AddMember(Community, new ActorId("w1"), "网格管理员", MemberRole.Worker, Manager, MemberRole.Escalator)
        .AddMember(Community, new ActorId("info"), "网格信息员", InformationOfficer)
        .AddMember(Community, new ActorId("co"), "网格协管员", MemberRole.Worker, CoManager)
        .Build();

    private static BareCounty Kit() => new(configure: o =>
    {
        o.Directory = PostTree;
        o.Posts.Add(new UnitPost(InformationOfficer, TimeLimit.WorkingHours(2), Manager));
        o.Posts.Add(new UnitPost(Manager));
        o.Posts.Add(new UnitPost(CoManager, TimeLimit.WorkingDays(1), Manager));
    });

    [Fact]
    public async Task HandOverAsync_TheInformationOfficerToTheManager_PutsTheCaseAtThatPostAndRecordsIt()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync();

        var after = await kit.Desk.HandOverAsync(c.Id, Info, Manager, "信息员登记后交网格管理员办理");

        Assert.Equal((Community, "grid-manager", (Instant?)null), (after.Post!.Unit, after.Post.Post, after.Post.Deadline));
        Assert.Equal(c.State, after.State);
        Assert.Equal(new CasePostHandedOver(Community, "grid-manager", null, null, "信息员登记后交网格管理员办理"), (await kit.HistoryAsync(c.Id))[^1].Payload);
    }

    [Fact]
    public async Task Sweep_APostThatLetsItsLimitPass_HandsTheCaseToThePostItEscalatesToBeforeItLeavesTheUnit()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync();
        await kit.Desk.HandOverAsync(c.Id, Info, Manager);
        var atCoManager = await kit.Desk.HandOverAsync(c.Id, Worker, CoManager, "协管员先行入户核实");
        Assert.Equal(Calendar.Deadline(kit.Clock.GetCurrentInstant(), TimeLimit.WorkingDays(1)).Deadline, atCoManager.Post!.Deadline);

        var published = await kit.AdvanceAsync(Duration.FromDays(2));

        var back = Assert.Single(published, e => e.Payload is CasePostHandedOver);
        Assert.Equal(("post.overdue", "grid-co-manager", "grid-manager"), (back.Cause!.RuleId, back.Cause.Facts["from-post"], back.Cause.Facts["to-post"]));
        var now = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(("grid-manager", Community), (now.Post!.Post, now.HoldingUnit!.Value));
    }

    [Fact]
    public async Task HandOverAsync_ByAMemberWhoDoesNotHoldThePostThatHasTheCase_IsRefused()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync();
        await kit.Desk.HandOverAsync(c.Id, Info, Manager);

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, CoManagerActor, CoManager));

        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Contains("post 'grid-manager' has the case", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandOverAsync_ToAPostTheCountyDoesNotHave_IsRefusedListingThePosts()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, Info, MemberRole.Supervisor));

        Assert.Equal(CaseRefusalKind.InvalidArgument, e.Kind);
        Assert.Contains("'grid-co-manager', 'grid-manager', 'information-officer'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandOverAsync_ByAMemberOfAnotherUnit_IsRefusedAndNothingIsSaved()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, StreetDispatcher, Manager));

        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task HandOverAsync_TheAuthoriserRefusesThisPairOfPosts_IsRefusedUnauthorizedWithWhatTheActorMayDoAndNothingIsSaved()
    {
        // A county whose authoriser lets the grid manager pass work to the information officer but not to the co-manager.
        var authorizer = new PostPairAuthorizer(new OrgCaseAuthorizer(PostTree), from: "grid-manager", to: CoManager);
        var kit = new BareCounty(configure: o =>
        {
            o.Directory = PostTree;
            o.Authorizer = authorizer;
            o.Posts.Add(new UnitPost(InformationOfficer, TimeLimit.WorkingHours(2), Manager));
            o.Posts.Add(new UnitPost(Manager));
            o.Posts.Add(new UnitPost(CoManager, TimeLimit.WorkingDays(1), Manager));
        });
        var c = await kit.DispatchedAsync();
        var atManager = await kit.Desk.HandOverAsync(c.Id, Info, Manager);

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, Worker, CoManager));

        Assert.Equal((CaseRefusalKind.Unauthorized, c.Id, CaseState.Dispatched), (e.Kind, e.CaseId, e.State));
        Assert.Contains("grid-manager may not pass work to grid-co-manager", e.Reason, StringComparison.Ordinal);
        Assert.Contains(CaseTrigger.Claim, e.PermittedTriggers);
        Assert.Equal(atManager.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
        Assert.Equal((Worker, "grid-manager", "grid-co-manager"), authorizer.Asked[^1]);
        var back = await kit.Desk.HandOverAsync(c.Id, Worker, InformationOfficer, "请信息员补录信息");
        Assert.Equal("information-officer", back.Post!.Post);
    }

    [Fact]
    public async Task HandOverAsync_AnAuthoriserWithoutPostRules_DecidesItAsAClaim()
    {
        // An authoriser written before posts existed: only AuthorizeAsync, so a hand-over needs the authority to claim.
        var asked = new List<CaseTrigger>();
        var kit = new BareCounty(configure: o =>
        {
            o.Directory = PostTree;
            o.Authorizer = new TriggerOnlyAuthorizer(new OrgCaseAuthorizer(PostTree), asked);
            o.Posts.Add(new UnitPost(InformationOfficer, TimeLimit.WorkingHours(2), Manager));
            o.Posts.Add(new UnitPost(Manager));
        });
        var c = await kit.DispatchedAsync();
        asked.Clear();

        // The information officer is no worker, so may not claim, so may not hand over here; the worker may.
        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, Info, Manager));
        var after = await kit.Desk.HandOverAsync(c.Id, Worker, Manager);

        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Contains("permits Claim", e.Reason, StringComparison.Ordinal);
        Assert.Equal("grid-manager", after.Post!.Post);
        Assert.Equal(CaseTrigger.Claim, asked[0]);
    }

    [Fact]
    public async Task HandOverAsync_ByTheSystemWithoutACause_IsRefusedByTheAuthoriser()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.HandOverAsync(c.Id, CaseActor.System, Manager));

        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Null((await kit.Desk.FindAsync(c.Id))!.Post);
    }

    [Fact]
    public async Task EscalateAsync_OutOfTheUnit_LeavesEveryPostOfIt()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync();
        await kit.Desk.HandOverAsync(c.Id, Info, Manager);

        var after = await kit.Desk.EscalateAsync(c.Id, Worker, Street, "网格管理员解决不了");

        Assert.Null(after.Post);
        Assert.Equal(Street, after.HoldingUnit);
    }

    [Fact]
    public void Ctor_APostEscalatingToAPostNotListed_IsReportedWithTheOtherProblems()
    {
        var e = Assert.Throws<ArgumentException>(() => new BareCounty(configure: o =>
        {
            o.Posts.Add(new UnitPost(CoManager, TimeLimit.WorkingDays(1), Manager));
            o.Posts.Add(new UnitPost(InformationOfficer, null, CoManager));
        }));

        Assert.Contains("post 'grid-co-manager' escalates to 'grid-manager', which is not a post", e.Message, StringComparison.Ordinal);
        Assert.Contains("post 'information-officer' escalates to 'grid-co-manager' but has no limit", e.Message, StringComparison.Ordinal);
    }

    /// <summary>The default authoriser, except that work may not pass from one named post to another.</summary>
    private sealed class PostPairAuthorizer(OrgCaseAuthorizer inner, string from, MemberRole to) : ICaseAuthorizer
    {
        public List<(CaseActor Actor, string? From, string To)> Asked { get; } = [];

        public ValueTask<CaseAuthorization> AuthorizeAsync(CaseActor actor, CaseTrigger trigger, Case current, bool hasCause, CancellationToken cancellationToken) =>
            inner.AuthorizeAsync(actor, trigger, current, hasCause, cancellationToken);

        public ValueTask<CaseAuthorization> AuthorizeHandOverAsync(CaseActor actor, Case current, MemberRole post, CancellationToken cancellationToken)
        {
            Asked.Add((actor, current.Post?.Post, post.Name));
            return current.Post?.Post == from && post == to
                ? ValueTask.FromResult(CaseAuthorization.Deny($"{from} may not pass work to {to}"))
                : inner.AuthorizeHandOverAsync(actor, current, post, cancellationToken);
        }
    }

    /// <summary>An authoriser that implements only the trigger decision and records what it was asked.</summary>
    private sealed class TriggerOnlyAuthorizer(OrgCaseAuthorizer inner, List<CaseTrigger> asked) : ICaseAuthorizer
    {
        public ValueTask<CaseAuthorization> AuthorizeAsync(CaseActor actor, CaseTrigger trigger, Case current, bool hasCause, CancellationToken cancellationToken)
        {
            asked.Add(trigger);
            return inner.AuthorizeAsync(actor, trigger, current, hasCause, cancellationToken);
        }
    }
}
