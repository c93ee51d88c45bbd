using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Issues;

// Issue 12, item 5: what a trial portal found on the desk.
public partial class IssuesTests
{
    [Fact]
    public async Task Dispatch_AgainToTheUnitHoldingTheCase_KeepsItsUnitClock()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var held = c.Clock(CaseClockKind.Unit)!;
        kit.Clock.Advance(Duration.FromHours(2));

        var again = await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);

        // A holder's time limit is the holding's, not the call's.
        Assert.Equal((held.StartedAt, held.Deadline), (again.Clock(CaseClockKind.Unit)!.StartedAt, again.Clock(CaseClockKind.Unit)!.Deadline));
        var elsewhere = await kit.Desk.DispatchAsync(c.Id, Dispatcher, Housing);
        Assert.Equal(kit.Clock.GetCurrentInstant(), elsewhere.Clock(CaseClockKind.Unit)!.StartedAt);
        Assert.Equal(Fingerprint(elsewhere), Fingerprint(Case.Replay(await kit.HistoryAsync(c.Id), Calendar)));
    }

    [Fact]
    public async Task Register_SixteenIdenticalReportsAtTheSameMoment_MakeOneCase()
    {
        // A store that lets other calls run between each step, as a real one waiting on its disk does.
        var kit = new BareCounty(wrap: store => new YieldingStore(store));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => kit.Desk.RegisterAsync(Report(), Intake))));

        Assert.Single(results.Select(r => r.Case.Id).Distinct());
        Assert.Equal(15, results.Count(r => r.JoinedExisting));
        Assert.Equal(1, kit.InMemory.Count);
        Assert.Equal(15, (await kit.Desk.FindAsync(results[0].Case.Id))!.JoinedReports.Length);
    }

    [Fact]
    public async Task Register_WithoutAnActor_IsRecordedAsTheReportsChannel_WhichMayDoNothingElse()
    {
        var kit = new BareCounty();

        var c = (await kit.Desk.RegisterAsync(Report())).Case;

        var registered = (await kit.HistoryAsync(c.Id))[0];
        Assert.Equal(CaseActor.Channel(CaseChannel.QrCode), registered.Actor);
        Assert.Equal((CaseActorKind.Channel, "channel:qr-code"), (registered.Actor.Kind, registered.Actor.Id.Value));
        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.AcceptAsync(c.Id, registered.Actor));
        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.Empty(refused.PermittedTriggers);
    }

    [Fact]
    public async Task Merge_IntoACaseOutsideTheActorsArea_IsRefused_AndChangesNeitherCase()
    {
        var kit = new BareCounty();
        var mine = await kit.RegisterAsync(Report(phone: "13800000001"));
        var theirs = await kit.RegisterAsync(Report(phone: "13800000002"));
        await kit.Desk.AcceptAsync(theirs.Id, Dispatcher);
        theirs = await kit.Desk.DispatchAsync(theirs.Id, Dispatcher, Housing); // now a department's case, outside the street

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.MergeAsync(mine.Id, StreetDispatcher, theirs.Id, "同一事项"));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.Contains($"case '{theirs.Id}'", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(mine.Version, (await kit.Desk.FindAsync(mine.Id))!.Version);
        Assert.Equal(theirs.Version, (await kit.Desk.FindAsync(theirs.Id))!.Version);
        var merged = await kit.Desk.MergeAsync(mine.Id, Dispatcher, theirs.Id, "同一事项");
        Assert.Equal(CaseState.Merged, merged.State);
    }

    [Fact]
    public async Task Refusal_ListsWhatTheActorMayDoNow_ArgumentsNeededOrNot_TheSameForNotPermittedAndNotAuthorised()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        // Not permitted (the lifecycle): the worker tries to claim a case it already works on.
        var notPermitted = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ClaimAsync(c.Id, Worker));
        // Not authorised: the worker tries to approve.
        var notAuthorised = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ApproveAsync(c.Id, Worker));

        Assert.Equal(CaseRefusalKind.NotPermitted, notPermitted.Kind);
        Assert.Equal(CaseRefusalKind.Unauthorized, notAuthorised.Kind);
        Assert.Equal(notPermitted.PermittedTriggers.ToArray(), notAuthorised.PermittedTriggers.ToArray());
        // Resolve needs a reply: it is listed all the same. No extension is pending, so no decision on one is.
        Assert.Equal([CaseTrigger.Resolve, CaseTrigger.RequestExtension], notPermitted.PermittedTriggers.Order().ToArray());

        var reviewer = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ClaimAsync(c.Id, Dispatcher));
        Assert.DoesNotContain(CaseTrigger.GrantExtension, reviewer.PermittedTriggers);
        Assert.DoesNotContain(CaseTrigger.DenyExtension, reviewer.PermittedTriggers);
        await kit.Desk.RequestExtensionAsync(c.Id, Worker, "需协调");
        var pending = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ClaimAsync(c.Id, Dispatcher));
        Assert.Contains(CaseTrigger.GrantExtension, pending.PermittedTriggers);
        Assert.Contains(CaseTrigger.DenyExtension, pending.PermittedTriggers);
        Assert.Contains(CaseTrigger.Escalate, pending.PermittedTriggers);
        Assert.DoesNotContain(CaseTrigger.RequestExtension, (await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ClaimAsync(c.Id, Worker))).PermittedTriggers);
    }

    [Fact]
    public async Task Deputy_WithARegister_ActsOnlyInTheirArea_AndAnUnknownDeputyIsRefused()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync(); // in grid-1, under community-1 and street-1
        var register = new Dictionary<Fengqiao.Cases.Organisation.ActorId, Fengqiao.Cases.Organisation.OrgUnitId>
        {
            [new("deputy-7")] = Street,
            [new("deputy-8")] = Housing,
        };
        var authorizer = new Fengqiao.Cases.InMemory.OrgCaseAuthorizer(Tree, register);

        var local = await authorizer.AuthorizeAsync(Deputy, CaseTrigger.Reopen, c, false, default);
        var elsewhere = await authorizer.AuthorizeAsync(CaseActor.Deputy(new("deputy-8")), CaseTrigger.Reopen, c, false, default);
        var unknown = await authorizer.AuthorizeAsync(CaseActor.Deputy(new("deputy-99")), CaseTrigger.Rate, c, false, default);

        Assert.True(local.IsAllowed);
        Assert.False(elsewhere.IsAllowed);
        Assert.Contains("outside it", elsewhere.Reason, StringComparison.Ordinal);
        Assert.False(unknown.IsAllowed);
        Assert.Contains("'deputy-99' is not a registered people's deputy", unknown.Reason, StringComparison.Ordinal);
        Assert.False((await authorizer.AuthorizeAsync(Deputy, CaseTrigger.Accept, c, false, default)).IsAllowed);
    }

    [Fact]
    public async Task Deputy_UnknownToTheOrgTree_IsRefusedEvenInsideAnyArea()
    {
        // The desk's default authoriser over the tree: deputies are the tree's members holding the deputy role.
        var kit = new BareCounty();
        var c = await kit.RatedAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ReopenAsync(c.Id, CaseActor.Deputy(new("deputy-99")), "不满意"));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.Contains("'deputy-99' is not a registered people's deputy", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
        var reopened = await kit.Desk.ReopenAsync(c.Id, Deputy, "代表评议不满意"); // deputy-7 of street-1, the case's area
        Assert.Equal(CaseState.Reopened, reopened.State);
    }

    [Fact]
    public async Task Deputy_OutsideTheirArea_MayActOnlyOnceAssigned_AndTheAssignmentIsAnEvent()
    {
        var kit = new BareCounty();
        var c = await kit.RatedAsync(); // in grid-1; deputy-8's area is the housing department

        var before = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ReopenAsync(c.Id, OtherDeputy, "不满意"));
        Assert.Contains("outside it", before.Reason, StringComparison.Ordinal);

        var assigned = await kit.Desk.AssignDeputyAsync(c.Id, Dispatcher, OtherDeputy.Id, "代表跟踪");
        Assert.Equal(new[] { OtherDeputy.Id }, assigned.AssignedDeputies.ToArray());
        var history = await kit.HistoryAsync(c.Id);
        var e = history[^1];
        Assert.Equal((CaseTrigger.AssignDeputy, CaseState.Rated, CaseState.Rated), (e.Trigger!.Value, e.From, e.To));
        Assert.Equal(new CaseDeputyAssigned(OtherDeputy.Id, "代表跟踪"), e.Payload);
        Assert.Equal(new[] { OtherDeputy.Id }, Case.Replay(history, Calendar).AssignedDeputies.ToArray());

        var reopened = await kit.Desk.ReopenAsync(c.Id, OtherDeputy, "代表评议不满意");
        Assert.Equal(CaseState.Reopened, reopened.State);
    }

    [Fact]
    public async Task AssignDeputy_UnknownDeputy_IsRefusedAndNothingChanges()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.AssignDeputyAsync(c.Id, Dispatcher, new("deputy-99")));

        Assert.Equal(CaseRefusalKind.InvalidArgument, refused.Kind);
        Assert.Contains("'deputy-99' is not a registered people's deputy", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task AssignDeputy_ByAWorker_IsRefusedAsNotAuthorised()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.AssignDeputyAsync(c.Id, Worker, OtherDeputy.Id));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.Empty((await kit.Desk.FindAsync(c.Id))!.AssignedDeputies);
    }

    [Fact]
    public async Task Deputy_ScopeAssigned_IsRefusedInTheirOwnAreaUntilAssigned()
    {
        var kit = new BareCounty(configure: o => o.Authorizer = new OrgCaseAuthorizer(Tree) { DeputyScope = DeputyScope.Assigned });
        var c = await kit.RatedAsync(); // in deputy-7's area

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ReopenAsync(c.Id, Deputy, "不满意"));
        Assert.Contains("only on cases assigned to them", refused.Reason, StringComparison.Ordinal);

        await kit.Desk.AssignDeputyAsync(c.Id, Dispatcher, Deputy.Id);
        Assert.Equal(CaseState.Reopened, (await kit.Desk.ReopenAsync(c.Id, Deputy, "代表评议不满意")).State);
    }

    [Fact]
    public async Task Deputy_ScopeArea_AssignmentOutsideTheirAreaIsRefused()
    {
        var kit = new BareCounty(configure: o => o.Authorizer = new OrgCaseAuthorizer(Tree) { DeputyScope = DeputyScope.Area });
        var c = await kit.RatedAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.AssignDeputyAsync(c.Id, Dispatcher, OtherDeputy.Id));

        Assert.Equal(CaseRefusalKind.InvalidArgument, refused.Kind);
        Assert.Contains("outside it", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(CaseState.Reopened, (await kit.Desk.ReopenAsync(c.Id, Deputy, "代表评议不满意")).State);
    }

    [Fact]
    public void DeputyScope_Undefined_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new OrgCaseAuthorizer(Tree) { DeputyScope = (DeputyScope)7 });

    private sealed class YieldingStore(Fengqiao.Cases.Ports.ICaseStore inner) : Fengqiao.Cases.Ports.ICaseStore
    {
        public async ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.LoadAsync(id, cancellationToken);
        }

        public ValueTask<Case?> FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCodeDigest digest, CancellationToken cancellationToken) =>
            inner.FindByQueryCodeAsync(digest, cancellationToken);

        public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => inner.ReadEventsAsync(id, cancellationToken);

        public async ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
        {
            for (var i = 0; i < 8; i++)
            {
                await Task.Yield();
            }

            await inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);
        }

        public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) => inner.ListDueAsync(dueBy, cancellationToken);
    }
}
