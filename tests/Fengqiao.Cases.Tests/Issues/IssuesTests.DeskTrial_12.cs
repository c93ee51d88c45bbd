using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Cases.Tests.Desk.DeskKit;

namespace Fengqiao.Cases.Tests.Issues;

// Issue 12, item 5: what a trial portal found on the desk.
public partial class IssuesTests
{
    [Fact]
    public async Task Dispatch_AgainToTheUnitHoldingTheCase_KeepsItsUnitClock()
    {
        var kit = new DeskKit();
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
        var kit = new DeskKit(wrap: store => new YieldingStore(store));

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => Task.Run(() => kit.Desk.RegisterAsync(Report(), Intake))));

        Assert.Single(results.Select(r => r.Case.Id).Distinct());
        Assert.Equal(15, results.Count(r => r.JoinedExisting));
        Assert.Equal(1, kit.InMemory.Count);
        Assert.Equal(15, (await kit.Desk.FindAsync(results[0].Case.Id))!.JoinedReports.Length);
    }

    [Fact]
    public async Task Register_WithoutAnActor_IsRecordedAsTheReportsChannel_WhichMayDoNothingElse()
    {
        var kit = new DeskKit();

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
        var kit = new DeskKit();
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
        var kit = new DeskKit();
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
        var kit = new DeskKit();
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

    private sealed class YieldingStore(Fengqiao.Cases.Ports.ICaseStore inner) : Fengqiao.Cases.Ports.ICaseStore
    {
        public async ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.LoadAsync(id, cancellationToken);
        }

        public ValueTask<Case?> FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCode code, CancellationToken cancellationToken) =>
            inner.FindByQueryCodeAsync(code, cancellationToken);

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
