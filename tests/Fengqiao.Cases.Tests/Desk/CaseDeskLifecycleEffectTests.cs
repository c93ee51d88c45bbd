using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Lifecycles;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>Issue 12, item 4: effects emitted by lifecycle actions are carried out through the desk, in the same append, or the action fails with nothing saved.</summary>
public class CaseDeskLifecycleEffectTests
{
    [Fact]
    public async Task Dispatch_LifecycleEntryActionEmitsASupervision_IsAppendedWithTheDispatchAsASystemStep()
    {
        var lifecycle = CaseLifecycles.CreateDefaultBuilder();
        lifecycle.Configure(CaseState.Dispatched).OnEntry("press the new holder", c => c.Emit(new CaseSupervised("派单即督办")));
        var appends = new CountingStore(new InMemoryCaseStore());
        var kit = new BareCounty(wrap: _ => appends, configure: o => o.Lifecycle = lifecycle.Build());
        var c = await kit.RegisterAsync();
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        var before = appends.Appends;

        var dispatched = await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);

        Assert.Equal(1, dispatched.SupervisionCount);
        Assert.Equal(before + 1, appends.Appends); // one append: the dispatch and its effect together
        var history = await kit.HistoryAsync(c.Id);
        var (dispatch, effect) = (history[^2], history[^1]);
        Assert.IsType<CaseDispatched>(dispatch.Payload);
        Assert.Equal(new CaseSupervised("派单即督办"), effect.Payload);
        Assert.Equal(CaseActor.System, effect.Actor);
        Assert.Equal("lifecycle.effect", effect.Cause!.RuleId);
        Assert.Equal(("Accepted", "Dispatch", "Dispatched", "Supervise"),
            (effect.Cause.Facts["from"], effect.Cause.Facts["trigger"], effect.Cause.Facts["to"], effect.Cause.Facts["effect"]));
        Assert.Equal(1, Case.Replay(history, Calendar).SupervisionCount);
    }

    [Fact]
    public async Task Dispatch_LifecycleActionEmitsSomethingThatIsNotADeskStep_FailsNamingIt_AndSavesNothing()
    {
        var lifecycle = CaseLifecycles.CreateDefaultBuilder();
        lifecycle.Configure(CaseState.Dispatched).OnEntry("notify the unit", c => c.Emit("send an SMS"));
        var kit = new BareCounty(configure: o => o.Lifecycle = lifecycle.Build());
        var c = await kit.RegisterAsync();
        var accepted = await kit.Desk.AcceptAsync(c.Id, Dispatcher);

        var error = await Assert.ThrowsAsync<LifecycleDefinitionException>(() => kit.Desk.DispatchAsync(c.Id, Dispatcher, Community));

        Assert.Contains("emitted a String", error.Message, StringComparison.Ordinal);
        Assert.Contains("Accepted --Dispatch--> Dispatched", error.Message, StringComparison.Ordinal);
        Assert.Equal(accepted.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task Claim_LifecycleEffectTheLifecycleRefuses_RefusesTheClaimNamingTheEffect_AndSavesNothing()
    {
        var lifecycle = CaseLifecycles.CreateDefaultBuilder();
        // Accept is not permitted once a case is claimed: the effect cannot be carried out.
        lifecycle.Configure(CaseState.Claimed).OnEntry("a wrong effect", c => c.Emit(new CaseAccepted()));
        var kit = new BareCounty(configure: o => o.Lifecycle = lifecycle.Build());
        var c = await kit.DispatchedAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ClaimAsync(c.Id, Worker));

        Assert.Equal((CaseTrigger.Claim, CaseRefusalKind.NotPermitted), (refused.Trigger, refused.Kind));
        Assert.Contains("emitted Accept", refused.Reason, StringComparison.Ordinal);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    private sealed class CountingStore(ICaseStore inner) : ICaseStore
    {
        public int Appends { get; private set; }

        public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<Case?> FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCodeDigest digest, CancellationToken cancellationToken) =>
            inner.FindByQueryCodeAsync(digest, cancellationToken);

        public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => inner.ReadEventsAsync(id, cancellationToken);

        public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
        {
            Appends++;
            return inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);
        }

        public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(NodaTime.Instant now, CancellationToken cancellationToken) => inner.ListDueAsync(now, cancellationToken);
    }
}
