using Fengqiao.Lifecycles;

namespace Fengqiao.Core.Tests.Lifecycles;

public class LifecycleTests
{
    private static readonly Lifecycle<S, T, Args> Machine = TestModel.Build();
    private static readonly Args Ok = new("because");

    [Fact]
    public void Fire_PermittedTrigger_ReturnsDestinationAndEffects()
    {
        var outcome = Machine.Fire(S.Start, T.Begin, Ok);

        Assert.True(outcome.IsCompleted);
        Assert.Equal(S.Start, outcome.Source);
        Assert.Equal(S.Working, outcome.Destination);
        Assert.Equal(TransitionKind.External, outcome.Kind);
        Assert.Equal(["enter Active", "enter Working"], outcome.Effects);
    }

    [Fact]
    public void Fire_BetweenSiblings_ExitsAndEntersOnlyTheSubstates()
    {
        var outcome = Machine.Fire(S.Working, T.Wait, Ok);

        Assert.Equal(S.Waiting, outcome.Destination);
        Assert.Equal(["exit Working", "enter Waiting"], outcome.Effects);
    }

    [Fact]
    public void Fire_TriggerOfSuperstate_IsPermittedInSubstate_AndExitsInHierarchyOrder()
    {
        var outcome = Machine.Fire(S.Waiting, T.Park, Ok);

        Assert.Equal(S.Parked, outcome.Destination);
        Assert.Equal(["exit Waiting", "exit Active", "enter Parked"], outcome.Effects);
    }

    [Fact]
    public void Fire_InternalTransition_StaysAndRunsOnlyItsAction()
    {
        var outcome = Machine.Fire(S.Waiting, T.Note, Ok);

        Assert.Equal(S.Waiting, outcome.Destination);
        Assert.Equal(TransitionKind.Internal, outcome.Kind);
        Assert.Equal(["note Active"], outcome.Effects);
    }

    [Fact]
    public void Fire_Reentry_ExitsAndReentersTheState()
    {
        var outcome = Machine.Fire(S.Working, T.Restart, Ok);

        Assert.Equal(S.Working, outcome.Destination);
        Assert.Equal(TransitionKind.Reentry, outcome.Kind);
        Assert.Equal(["exit Working", "enter Working"], outcome.Effects);
    }

    [Fact]
    public void Fire_Dynamic_GoesWhereTheArgumentsSay()
    {
        Assert.Equal(S.Waiting, Machine.Fire(S.Parked, T.Unpark, Ok with { ResumeTo = S.Waiting }).Destination);
        Assert.Equal(
            ["enter Active", "enter Working"],
            Machine.Fire(S.Parked, T.Unpark, Ok with { ResumeTo = S.Working }).Effects);
    }

    [Fact]
    public void Fire_DynamicChoosesUndeclaredDestination_ThrowsTransitionFailed()
    {
        var e = Assert.Throws<TransitionFailedException>(() => Machine.Fire(S.Parked, T.Unpark, Ok with { ResumeTo = S.Done }));

        Assert.Equal(S.Parked, e.State);
        Assert.Contains("chose 'Done', which is not one of the declared destinations: Working, Waiting", e.Message);
    }

    [Fact]
    public void Fire_NoActions_HasNoEffects()
    {
        var b = new LifecycleBuilder<S, T, Args>(S.Start);
        b.Configure(S.Start).Permit(T.Begin, S.Done);
        b.Configure(S.Done).Terminal();

        var outcome = b.Build().Fire(S.Start, T.Begin, Ok);

        Assert.Empty(outcome.Effects);
    }

    [Fact]
    public void Fire_NotPermitted_ThrowsNamingStateTriggerAndPermittedTriggers()
    {
        var e = Assert.Throws<TransitionRefusedException>(() => Machine.Fire(S.Start, T.Finish, Ok));

        Assert.Equal(TransitionStatus.NotPermitted, e.Status);
        Assert.Equal(S.Start, e.State);
        Assert.Equal(T.Finish, e.Trigger);
        Assert.Equal([T.Begin], e.PermittedTriggers.Cast<T>());
        Assert.Equal("Trigger 'Finish' is not permitted in state 'Start'. Nothing changed. Permitted triggers: Begin.", e.Message);
    }

    [Fact]
    public void Fire_GuardFails_ThrowsWithReason()
    {
        var e = Assert.Throws<TransitionRefusedException>(() => Machine.Fire(S.Working, T.Wait, new Args()));

        Assert.Equal(TransitionStatus.GuardFailed, e.Status);
        Assert.Equal(["a reason must be given"], e.FailedGuards);
        Assert.Equal(
            "Trigger 'Wait' was refused in state 'Working': a reason must be given. Nothing changed. " +
            "Permitted triggers: Restart, Finish, Park, Note.",
            e.Message);
    }

    [Fact]
    public void TryFire_Outcomes_AreValuesWithoutExceptions()
    {
        var completed = Machine.TryFire(S.Working, T.Wait, Ok);
        var notPermitted = Machine.TryFire(S.Done, T.Begin, Ok);
        var guardFailed = Machine.TryFire(S.Working, T.Finish, new Args("x", Allowed: false));

        Assert.Equal(TransitionStatus.Completed, completed.Status);
        Assert.Equal(TransitionStatus.NotPermitted, notPermitted.Status);
        Assert.Equal(S.Done, notPermitted.Destination);
        Assert.Empty(notPermitted.PermittedTriggers);
        Assert.Equal(TransitionStatus.GuardFailed, guardFailed.Status);
        Assert.Equal(S.Working, guardFailed.Destination);
        Assert.Equal(["only an allowed actor may do this"], guardFailed.FailedGuards);
        Assert.Equal([T.Wait, T.Restart, T.Park, T.Note], guardFailed.PermittedTriggers);
        Assert.Empty(guardFailed.Effects);
    }

    [Fact]
    public void TryFire_TriggerUnknownToLifecycle_IsNotPermitted()
    {
        Assert.Equal(TransitionStatus.NotPermitted, Machine.TryFire(S.Start, T.Boom, Ok).Status);
        Assert.Equal(TransitionStatus.NotPermitted, Machine.TryFire(S.Start, (T)999, Ok).Status);
    }

    [Fact]
    public void Fire_UnknownState_ThrowsArgumentExceptionNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => Machine.Fire(S.Nowhere, T.Begin, Ok));

        Assert.Equal("state", e.ParamName);
        Assert.Contains("'Nowhere' is not a state of this lifecycle", e.Message);
    }

    [Fact]
    public void Fire_NullArgs_ThrowsArgumentNull()
    {
        Assert.Throws<ArgumentNullException>(() => Machine.Fire(S.Start, T.Begin, null!));
    }

    [Fact]
    public void Fire_GuardThrows_ThrowsTransitionFailedAndNothingRuns()
    {
        var ran = new List<string>();
        var b = new LifecycleBuilder<S, T, Args>(S.Start);
        b.Configure(S.Start)
            .Permit(T.Begin, S.Done, new LifecycleGuard<Args>("the reason must be short", a => a.Reason!.Length < 5))
            .OnExit("log", _ => ran.Add("exit"));
        b.Configure(S.Done).Terminal().OnEntry("log", _ => ran.Add("entry"));
        var lifecycle = b.Build();

        var e = Assert.Throws<TransitionFailedException>(() => lifecycle.Fire(S.Start, T.Begin, new Args()));

        Assert.IsType<NullReferenceException>(e.InnerException);
        Assert.Equal(S.Start, e.State);
        Assert.Equal(T.Begin, e.Trigger);
        Assert.Equal("the guard 'the reason must be short'", e.Stage);
        Assert.Contains("Nothing changed: the state is still 'Start'", e.Message);
        Assert.Empty(ran);
    }

    [Fact]
    public void Fire_EntryActionThrows_ThrowsTransitionFailedAndStateIsUnchanged()
    {
        var b = TestModel.Builder();
        b.Configure(S.Done).OnEntry("file the report", _ => throw new InvalidOperationException("disk full"));
        var lifecycle = b.Build();
        var caseState = S.Working;

        var e = Assert.Throws<TransitionFailedException>(() => caseState = lifecycle.Fire(caseState, T.Finish, Ok).Destination);
        var again = lifecycle.TryFire(caseState, T.Wait, Ok);

        Assert.Equal(S.Working, caseState);
        Assert.Equal("the entry action 'file the report' of 'Done'", e.Stage);
        Assert.Equal("disk full", e.InnerException!.Message);
        Assert.True(again.IsCompleted);
    }

    [Fact]
    public void TryFire_ActionThrows_StillThrowsTransitionFailed()
    {
        var b = TestModel.Builder();
        b.Configure(S.Active).OnExit("boom", _ => throw new InvalidOperationException("boom"));

        Assert.Throws<TransitionFailedException>(() => b.Build().TryFire(S.Working, T.Park, Ok));
    }

    [Fact]
    public void IsInState_HonoursHierarchy()
    {
        Assert.True(Machine.IsInState(S.Working, S.Active));
        Assert.True(Machine.IsInState(S.Working, S.Working));
        Assert.False(Machine.IsInState(S.Active, S.Working));
        Assert.False(Machine.IsInState(S.Parked, S.Active));
        Assert.Throws<ArgumentException>(() => Machine.IsInState(S.Working, S.Nowhere));
    }

    [Fact]
    public void GetPermittedTriggers_OwnBeforeInherited_GuardsApplied()
    {
        Assert.Equal([T.Wait, T.Restart, T.Finish, T.Park, T.Note], Machine.GetPermittedTriggers(S.Working, Ok));
        Assert.Equal([T.Restart, T.Finish, T.Park, T.Note], Machine.GetPermittedTriggers(S.Working, new Args()));
        Assert.Empty(Machine.GetPermittedTriggers(S.Done, Ok));
    }

    [Fact]
    public void ExplainTriggers_RefusedTrigger_NamesFailingGuard()
    {
        var explained = Machine.ExplainTriggers(S.Working, new Args(Allowed: false));

        Assert.Equal(
            ["Wait: refused (a reason must be given)", "Restart: permitted", "Finish: refused (only an allowed actor may do this)",
             "Park: permitted", "Note: permitted"],
            explained.Select(x => x.ToString()));
        Assert.False(explained[0].IsPermitted);
    }

    [Fact]
    public void CanFire_MatchesTryFire()
    {
        Assert.True(Machine.CanFire(S.Working, T.Wait, Ok));
        Assert.False(Machine.CanFire(S.Working, T.Wait, new Args()));
        Assert.False(Machine.CanFire(S.Working, T.Begin, Ok));
    }

    [Fact]
    public void Fire_SubstateDeclaresTrigger_ShadowsSuperstate()
    {
        var b = TestModel.Builder();
        b.Configure(S.Waiting).Permit(T.Park, S.Done, TestModel.ReasonGiven);
        var lifecycle = b.Build();

        Assert.Equal(S.Done, lifecycle.Fire(S.Waiting, T.Park, Ok).Destination);
        Assert.Equal(TransitionStatus.GuardFailed, lifecycle.TryFire(S.Waiting, T.Park, new Args()).Status);
        Assert.Equal(S.Parked, lifecycle.Fire(S.Working, T.Park, new Args()).Destination);
    }

    [Fact]
    public void Fire_GuardedAlternatives_FirstPassingWins()
    {
        var b = TestModel.Builder();
        b.Configure(S.Waiting).Permit(T.Finish, S.Working, TestModel.ReasonGiven);
        var lifecycle = b.Build();

        Assert.Equal(S.Working, lifecycle.Fire(S.Waiting, T.Finish, Ok).Destination);
        var refused = lifecycle.TryFire(S.Waiting, T.Finish, new Args());
        Assert.Equal(["a reason must be given"], refused.FailedGuards);
    }

    [Fact]
    public void Fire_ConcurrentCallers_GetIndependentOutcomes()
    {
        var results = new TransitionOutcome<S, T>[1000];
        Parallel.For(0, results.Length, i =>
            results[i] = Machine.Fire(i % 2 == 0 ? S.Working : S.Waiting, i % 2 == 0 ? T.Wait : T.Continue, Ok));

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(i % 2 == 0 ? S.Waiting : S.Working, results[i].Destination);
            Assert.Equal(2, results[i].Effects.Count);
        }
    }

    [Fact]
    public void Describe_ListsStatesHierarchyAndEdges()
    {
        var model = Machine.Describe();

        var working = model.States.Single(s => s.State == S.Working);
        Assert.Equal([S.Active], working.Superstates);
        Assert.Equal([S.Working, S.Waiting], model.States.Single(s => s.State == S.Active).Substates);
        Assert.Equal("Active 在办", model.States.Single(s => s.State == S.Active).Label);
        Assert.True(model.States.Single(s => s.State == S.Done).IsTerminal);
        Assert.True(model.States.Single(s => s.State == S.Start).IsInitial);
        var unpark = model.Transitions.Single(t => t.Trigger == T.Unpark);
        Assert.True(unpark.IsDynamic);
        Assert.Equal([S.Working, S.Waiting], unpark.Destinations);
        Assert.Equal(["a reason must be given"], model.Transitions.Single(t => t.Trigger == T.Wait).Guards);
        Assert.Same(model, Machine.Describe());
    }

    [Fact]
    public void TransitionOutcome_Equality_IsByValue()
    {
        var a = Machine.TryFire(S.Working, T.Finish, new Args(Allowed: false));
        var b = Machine.TryFire(S.Working, T.Finish, new Args(Allowed: false));
        var c = Machine.TryFire(S.Working, T.Wait, Ok);

        Assert.True(a == b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.True(a != c);
        Assert.False(a.Equals((object)"x"));
        Assert.Equal(TransitionStatus.None, default(TransitionOutcome<S, T>).Status);
        Assert.Empty(default(TransitionOutcome<S, T>).Effects);
    }

    [Fact]
    public void LifecycleActionContext_Default_CannotEmit()
    {
        Assert.Throws<InvalidOperationException>(() => default(LifecycleActionContext<S, T, Args>).Emit("x"));
    }
}
