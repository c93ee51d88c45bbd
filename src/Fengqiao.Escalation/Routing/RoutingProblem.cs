using Fengqiao.Cases;

namespace Fengqiao.Escalation.Routing;

/// <summary>One way a county's routing or ladder would fail at run time, found by <see cref="RoutingTable.Verify"/>.</summary>
/// <param name="Row">The index of the row at fault in <see cref="RoutingTable.Rows"/>, or <see langword="null"/> when no row
/// covers the case (the category is at fault) or the fault is the fallback unit's.</param>
/// <param name="Category">The category the failure was found for, or <see langword="null"/> for a failure of a department holding any case.</param>
/// <param name="Message">What fails, naming the unit, grid, channel or level, and how often it was seen.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record RoutingProblem(int? Row, CaseCategory? Category, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Row is { } r ? $"routing row {r + 1}: {Message}" : Message;
}
