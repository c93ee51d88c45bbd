using BenchmarkDotNet.Attributes;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Lifecycles;

namespace Fengqiao.Benchmarks;

/// <summary>
/// Firing a trigger on the default case lifecycle and appending the resulting event to the case's event list:
/// the hot path of every desk call. Run: <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*Lifecycle*'</c>.
/// </summary>
[MemoryDiagnoser]
public class LifecycleBenchmarks
{
    private static readonly CaseTransitionArgs Dispatch = new() { TargetUnit = new Fengqiao.Cases.Organisation.OrgUnitId("community-3") };
    private readonly Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> lifecycle = CaseLifecycles.Default;
    private readonly List<EventRecord> events = new(1 << 16);
    private readonly List<EventValue> values = new(1 << 16);
    private Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> withEntryAction = null!;

    /// <summary>Builds a variant of the default lifecycle whose Claimed state has an entry action emitting an effect.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var builder = CaseLifecycles.CreateDefaultBuilder();
        builder.Configure(CaseState.Claimed).OnEntry("start the unit clock", c => c.Emit(StartUnitClock.Instance));
        withEntryAction = builder.Build();
    }

    /// <summary>Claim (unguarded) + append an event record (the one allocation the host needs anyway).</summary>
    [Benchmark(Baseline = true)]
    public int FireAndAppendEvent()
    {
        var outcome = lifecycle.Fire(CaseState.Dispatched, CaseTrigger.Claim, CaseTransitionArgs.None);
        return Append(new EventRecord(outcome.Source, outcome.Trigger, outcome.Destination));
    }

    /// <summary>Claim + append an event stored as a struct: shows that firing itself allocates nothing.</summary>
    [Benchmark]
    public int FireAndAppendEventValue()
    {
        var outcome = lifecycle.Fire(CaseState.Dispatched, CaseTrigger.Claim, CaseTransitionArgs.None);
        if (values.Count == values.Capacity)
        {
            values.Clear();
        }

        values.Add(new EventValue(outcome.Source, outcome.Trigger, outcome.Destination));
        return values.Count;
    }

    /// <summary>Dispatch, guarded by "the target unit must be named" + append.</summary>
    [Benchmark]
    public int FireGuardedAndAppendEvent()
    {
        var outcome = lifecycle.Fire(CaseState.Accepted, CaseTrigger.Dispatch, Dispatch);
        return Append(new EventRecord(outcome.Source, outcome.Trigger, outcome.Destination));
    }

    /// <summary>Supervise, an internal transition inherited from the Open superstate, in InProgress + append.</summary>
    [Benchmark]
    public int FireInheritedInternalAndAppendEvent()
    {
        var outcome = lifecycle.Fire(CaseState.InProgress, CaseTrigger.Supervise, CaseTransitionArgs.None);
        return Append(new EventRecord(outcome.Source, outcome.Trigger, outcome.Destination));
    }

    /// <summary>Claim where Claimed has an entry action emitting one effect (allocates the effects list) + append.</summary>
    [Benchmark]
    public int FireWithEntryActionAndAppendEvent()
    {
        var outcome = withEntryAction.Fire(CaseState.Dispatched, CaseTrigger.Claim, CaseTransitionArgs.None);
        return Append(new EventRecord(outcome.Source, outcome.Trigger, outcome.Destination)) + outcome.Effects.Count;
    }

    /// <summary>A refused trigger through TryFire (the refusal lists permitted triggers, so it allocates).</summary>
    [Benchmark]
    public int TryFireRefused()
    {
        var outcome = lifecycle.TryFire(CaseState.Claimed, CaseTrigger.Resolve, CaseTransitionArgs.None);
        return outcome.PermittedTriggers.Count;
    }

    private int Append(EventRecord record)
    {
        if (events.Count == events.Capacity)
        {
            events.Clear();
        }

        events.Add(record);
        return events.Count;
    }

    private sealed record EventRecord(CaseState From, CaseTrigger Trigger, CaseState To);

    private readonly record struct EventValue(CaseState From, CaseTrigger Trigger, CaseState To);

    private sealed class StartUnitClock
    {
        public static readonly StartUnitClock Instance = new();
    }
}
