namespace Fengqiao.Cli.Simulation;

/// <summary>The most entries the simulation's per-case collections held at the end of any day: what its memory
/// follows. Each figure is the largest over the days, taken separately.</summary>
/// <param name="LiveCases">Cases whose figures the metrics keep (registered, not yet retired).</param>
/// <param name="OpenCases">Cases the simulation follows as open (CountySimulation's open cases).</param>
/// <param name="AgendaSteps">Steps on the agenda.</param>
/// <param name="MediationMarks">Cases marked unroutable, waiting for a mediator or given up waiting.</param>
/// <param name="KnownCases">Open cases' snapshots kept by the grouped store (at most <see cref="GroupedAppendStore.MaxKnown"/>).</param>
/// <param name="HandOffs">Hand-offs in the mediation ledger (it keeps every one, by its contract).</param>
/// <param name="RetiredCases">Cases retired into the metrics' running totals so far (grows with the run, by design).</param>
internal sealed record SimulationFootprint(int LiveCases, int OpenCases, int AgendaSteps, int MediationMarks, int KnownCases, int HandOffs, int RetiredCases)
{
    /// <summary>Gets the footprint before the first day ends.</summary>
    public static SimulationFootprint Empty { get; } = new(0, 0, 0, 0, 0, 0, 0);

    /// <summary>The larger of each figure.</summary>
    public SimulationFootprint Max(SimulationFootprint other) => new(
        Math.Max(LiveCases, other.LiveCases),
        Math.Max(OpenCases, other.OpenCases),
        Math.Max(AgendaSteps, other.AgendaSteps),
        Math.Max(MediationMarks, other.MediationMarks),
        Math.Max(KnownCases, other.KnownCases),
        Math.Max(HandOffs, other.HandOffs),
        Math.Max(RetiredCases, other.RetiredCases));
}
