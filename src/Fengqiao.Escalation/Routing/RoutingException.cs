using Fengqiao.Cases.Organisation;
using Fengqiao.Cases;

namespace Fengqiao.Escalation.Routing;

/// <summary>Thrown when a <see cref="RoutingTable"/> cannot say which unit owns a case: no row covers it and the table
/// refuses unrouted cases, or the matching row names a unit, kind or level that does not resolve for the reporting grid.</summary>
/// <remarks>The message names the category, channel, grid and the row; a loaded profile that passed its check
/// (<see cref="RoutingTable.Verify"/>) never throws it for the categories and channels it lists.</remarks>
/// <threadsafety>Immutable once thrown; safe to read from any thread.</threadsafety>
public sealed class RoutingException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What could not be routed and why.</param>
    /// <param name="category">The case's category.</param>
    /// <param name="grid">The reporting grid.</param>
    /// <param name="row">The row that matched, if any.</param>
    /// <param name="inner">The underlying failure (e.g. a <see cref="Ladders.LadderResolutionException"/>), if any.</param>
    public RoutingException(string message, CaseCategory category, OrgUnitId grid, RoutingRow? row = null, Exception? inner = null)
        : base(FengqiaoErrorKind.Configuration, message, inner)
    {
        Category = category;
        Grid = grid;
        Row = row;
    }

    /// <summary>Gets the case's category.</summary>
    public CaseCategory Category { get; }

    /// <summary>Gets the reporting grid.</summary>
    public OrgUnitId Grid { get; }

    /// <summary>Gets the row that matched, or <see langword="null"/> when none did.</summary>
    public RoutingRow? Row { get; }
}
