using Fengqiao.Cases.CaseLifecycle;
using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Ports;

/// <summary>How many cases a listing query matches, in total, by state and by grid (for dashboards).</summary>
/// <param name="Total">The number of cases matched.</param>
/// <param name="ByState">The number matched in each state; states with none are absent.</param>
/// <param name="ByGrid">The number matched in each grid; grids with none are absent.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseCounts(long Total, ImmutableDictionary<CaseState, long> ByState, ImmutableDictionary<OrgUnitId, long> ByGrid)
{
    /// <summary>Gets no cases.</summary>
    public static CaseCounts None { get; } = new(0, ImmutableDictionary<CaseState, long>.Empty, ImmutableDictionary<OrgUnitId, long>.Empty);

    /// <summary>Gets the number of cases in a state (0 when none).</summary>
    /// <param name="state">The state.</param>
    /// <returns>The count.</returns>
    public long In(CaseState state) => ByState.TryGetValue(state, out var n) ? n : 0;

    /// <summary>Gets the number of cases reported in a grid (0 when none).</summary>
    /// <param name="grid">The grid.</param>
    /// <returns>The count.</returns>
    public long InGrid(OrgUnitId grid) => ByGrid.TryGetValue(grid, out var n) ? n : 0;

    /// <summary>Counts entries, as the in-memory store does.</summary>
    /// <param name="entries">The entries matched.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is null.</exception>
    public static CaseCounts Of(IEnumerable<CaseListingEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var byState = ImmutableDictionary.CreateBuilder<CaseState, long>();
        var byGrid = ImmutableDictionary.CreateBuilder<OrgUnitId, long>();
        long total = 0;
        foreach (var e in entries)
        {
            total++;
            byState[e.State] = byState.TryGetValue(e.State, out var s) ? s + 1 : 1;
            byGrid[e.Grid] = byGrid.TryGetValue(e.Grid, out var g) ? g + 1 : 1;
        }

        return new(total, byState.ToImmutable(), byGrid.ToImmutable());
    }
}
