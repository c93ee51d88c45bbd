namespace Fengqiao.Escalation.Routing;

/// <summary>How a <see cref="RoutingTarget"/> names the unit that owns a case.</summary>
public enum RoutingTargetKind
{
    /// <summary>One org unit, by id (e.g. the housing bureau).</summary>
    Unit = 0,

    /// <summary>A kind of unit within the reporting street: the unit of that kind on the reporting grid's chain, else
    /// the only unit of that kind under the reporting street (e.g. the grid's community).</summary>
    UnitKind = 1,

    /// <summary>A level of the escalation ladder: the unit that serves at that level on the case's ladder path (e.g. the street).</summary>
    Level = 2,
}
