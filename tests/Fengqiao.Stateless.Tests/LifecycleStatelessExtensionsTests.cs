using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Lifecycles;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;

namespace Fengqiao.Stateless.Tests;

public class LifecycleStatelessExtensionsTests
{
    private static readonly Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> Kernel = CaseLifecycles.Default;
    private static readonly CaseTrigger[] Triggers = Enum.GetValues<CaseTrigger>();
    private static readonly CaseState[] States = [.. Kernel.Describe().States.Select(s => s.State)];

    private static FsCheck.Gen<CaseTransitionArgs> Args =>
        from reason in Gen.Elements<string?>(null, "理由")
        from unit in Gen.Elements<OrgUnitId?>(null, new OrgUnitId("grid-3"))
        from reply in Gen.Elements<string?>(null, "已办结")
        from rating in Gen.Elements(Enum.GetValues<CaseRating>())
        from returnTo in Gen.Elements<CaseState?>([null, .. States])
        select new CaseTransitionArgs { Reason = reason, TargetUnit = unit, Reply = reply, Rating = rating, ReturnTo = returnTo };

    private static FsCheck.Gen<(CaseTrigger Trigger, CaseTransitionArgs Args)[]> Steps =>
        from length in Gen.Choose(0, 40)
        from steps in Gen.ArrayOf(Gen.Elements(Triggers).Zip(Args), length)
        select steps;

    [Fact]
    public void ToStateMachine_RandomTriggerSequences_AgreesWithTheKernelOnEveryStateAndPermittedTrigger()
    {
        // 1,000 runs locally (3,000 under CI=true): the differential property the issue asks for.
        PropertyCheck.ForAll(Steps, steps =>
        {
            var state = Kernel.InitialState;
            var args = CaseTransitionArgs.None;
            var machine = Kernel.ToStateMachine(() => state, s => state = s, () => args);
            foreach (var (trigger, stepArgs) in steps)
            {
                args = stepArgs;
                AssertAgree(machine, state, args);
                var outcome = Kernel.TryFire(state, trigger, args);
                Assert.Equal(outcome.IsCompleted, machine.CanFire(trigger));
                if (outcome.IsCompleted)
                {
                    machine.Fire(trigger);
                    Assert.Equal(outcome.Destination, state);
                    Assert.Equal(outcome.Destination, machine.State);
                }
            }

            AssertAgree(machine, state, args);
        }, runsScale: 10);
    }

    [Fact]
    public void ToStateMachine_DispatchThenResume_FollowsGuardsSuperstatesAndInternalTransitions()
    {
        var state = CaseState.Registered;
        var args = CaseTransitionArgs.None;
        var machine = Kernel.ToStateMachine(() => state, s => state = s, () => args);

        machine.Fire(CaseTrigger.Accept);
        Assert.False(machine.CanFire(CaseTrigger.Dispatch)); // the guard wants a target unit
        args = new CaseTransitionArgs { TargetUnit = new OrgUnitId("grid-3"), Reason = "等待材料" };
        machine.Fire(CaseTrigger.Dispatch);
        machine.Fire(CaseTrigger.RequestExtension); // internal, declared on the Handling superstate
        Assert.Equal(CaseState.Dispatched, state);
        Assert.True(machine.IsInState(CaseState.Handling));
        Assert.True(machine.IsInState(CaseState.Open));
        machine.Fire(CaseTrigger.Suspend);
        Assert.False(machine.CanFire(CaseTrigger.Resume)); // no state to return to
        args = new CaseTransitionArgs { ReturnTo = CaseState.Dispatched };
        machine.Fire(CaseTrigger.Resume); // dynamic: the kernel's selector names the destination

        Assert.Equal(CaseState.Dispatched, state);
    }

    private static void AssertAgree(global::Stateless.StateMachine<CaseState, CaseTrigger> machine, CaseState state, CaseTransitionArgs args)
    {
        Assert.Equal(state, machine.State);
        Assert.Equal(
            Kernel.GetPermittedTriggers(state, args).Order().ToArray(),
            machine.GetPermittedTriggersAsync().GetAwaiter().GetResult().Distinct().Order().ToArray());
        foreach (var trigger in Triggers)
        {
            Assert.Equal(Kernel.CanFire(state, trigger, args), machine.CanFire(trigger));
        }

        foreach (var other in States)
        {
            Assert.Equal(Kernel.IsInState(state, other), machine.IsInState(other));
        }
    }
}
