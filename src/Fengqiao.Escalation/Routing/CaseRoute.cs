using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Routing;

/// <summary>Where a <see cref="RoutingTable"/> routed a case: the owning unit, the department that answers for it, and the row that decided.</summary>
/// <param name="Owner">The unit that owns the case (the default dispatch target).</param>
/// <param name="Department">The unit that binds the ladder's department level for the case, or <see langword="null"/> when
/// the routing names none (the ladder then binds the level itself).</param>
/// <param name="Row">The row that matched, or <see langword="null"/> when no row covered the case and the table's fallback unit took it.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseRoute(OrgUnitId Owner, OrgUnitId? Department, RoutingRow? Row)
{
    /// <summary>Gets whether the table's fallback unit took the case because no row covered it.</summary>
    public bool IsFallback => Row is null;
}
