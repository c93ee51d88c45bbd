using BenchmarkDotNet.Attributes;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Lifecycles;
using Fengqiao.Cases.Organisation;
using Fengqiao.Stateless;
using Stateless;

namespace Fengqiao.Benchmarks;

/// <summary>
/// Our kernel beside Stateless 5.20.1 (never shipped; the benchmarks reference it), one run: the guarded Dispatch
/// (Accepted → Dispatched, the guard reads the target unit) + append an event record, by
/// (a) the kernel, (b) one shared Stateless machine over external state — the state moved back for the next call —,
/// (c) a Stateless machine configured per case, the usual pattern, and (d) the machine exported by
/// <see cref="LifecycleStatelessExtensions.ToStateMachine"/>. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*StatelessComparison*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class StatelessComparisonBenchmarks
{
    private static readonly CaseTransitionArgs DispatchArgs = new() { TargetUnit = new OrgUnitId("community-3") };
    private readonly Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> lifecycle = CaseLifecycles.Default;
    private readonly List<EventRecord> events = new(1 << 16);
    private StateMachine<CaseState, CaseTrigger> shared = null!;
    private StateMachine<CaseState, CaseTrigger> exported = null!;
    private CaseState state;
    private readonly CaseTransitionArgs args = DispatchArgs;

    /// <summary>Configures the shared and exported machines once.</summary>
    [GlobalSetup]
    public void Setup()
    {
        shared = Configure(() => state, s => state = s);
        exported = lifecycle.ToStateMachine(() => state, s => state = s, () => args);
    }

    /// <summary>The kernel: guarded Dispatch + append.</summary>
    [Benchmark(Baseline = true)]
    public int Kernel()
    {
        var outcome = lifecycle.Fire(CaseState.Accepted, CaseTrigger.Dispatch, DispatchArgs);
        return Append(outcome.Source, outcome.Trigger, outcome.Destination);
    }

    /// <summary>One shared Stateless machine over external state.</summary>
    [Benchmark]
    public int StatelessShared()
    {
        state = CaseState.Accepted;
        shared.Fire(CaseTrigger.Dispatch);
        return Append(CaseState.Accepted, CaseTrigger.Dispatch, state);
    }

    /// <summary>A Stateless machine configured for this case, then fired.</summary>
    [Benchmark]
    public int StatelessPerCase()
    {
        var current = CaseState.Accepted;
        var machine = Configure(() => current, s => current = s);
        machine.Fire(CaseTrigger.Dispatch);
        return Append(CaseState.Accepted, CaseTrigger.Dispatch, current);
    }

    /// <summary>The machine exported from the kernel (its guards ask the kernel).</summary>
    [Benchmark]
    public int StatelessExported()
    {
        state = CaseState.Accepted;
        exported.Fire(CaseTrigger.Dispatch);
        return Append(CaseState.Accepted, CaseTrigger.Dispatch, state);
    }

    /// <summary>The handling part of the case lifecycle as a Stateless user writes it (superstates, guards, internal transitions).</summary>
    private StateMachine<CaseState, CaseTrigger> Configure(Func<CaseState> get, Action<CaseState> set)
    {
        var machine = new StateMachine<CaseState, CaseTrigger>(get, set);
        machine.Configure(CaseState.Open);
        machine.Configure(CaseState.Handling).SubstateOf(CaseState.Open)
            .PermitIf(CaseTrigger.Suspend, CaseState.Suspended, () => args.Reason is not null, "a reason is given")
            .PermitIf(CaseTrigger.Escalate, CaseState.Escalated, () => args.TargetUnit is not null, "a target unit is given")
            .InternalTransitionIf(CaseTrigger.RequestExtension, _ => args.Reason is not null, static () => { }, "a reason is given")
            .InternalTransition(CaseTrigger.GrantExtension, static () => { });
        machine.Configure(CaseState.Registered).SubstateOf(CaseState.Open).Permit(CaseTrigger.Accept, CaseState.Accepted);
        machine.Configure(CaseState.Accepted).SubstateOf(CaseState.Handling)
            .PermitIf(CaseTrigger.Dispatch, CaseState.Dispatched, () => args.TargetUnit is not null, "a target unit is given");
        machine.Configure(CaseState.Dispatched).SubstateOf(CaseState.Handling)
            .Permit(CaseTrigger.Claim, CaseState.Claimed)
            .PermitIf(CaseTrigger.Return, CaseState.Returned, () => args.Reason is not null, "a reason is given");
        machine.Configure(CaseState.Claimed).SubstateOf(CaseState.Handling).Permit(CaseTrigger.Start, CaseState.InProgress);
        machine.Configure(CaseState.InProgress).SubstateOf(CaseState.Handling)
            .PermitIf(CaseTrigger.Resolve, CaseState.Resolved, () => args.Reply is not null, "a reply is given");
        return machine;
    }

    private int Append(CaseState source, CaseTrigger trigger, CaseState destination)
    {
        if (events.Count == events.Capacity)
        {
            events.Clear();
        }

        events.Add(new EventRecord(source, trigger, destination));
        return events.Count;
    }

    private sealed record EventRecord(CaseState Source, CaseTrigger Trigger, CaseState Destination);
}
