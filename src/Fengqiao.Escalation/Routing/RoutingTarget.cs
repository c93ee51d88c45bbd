using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Routing;

/// <summary>Where a <see cref="RoutingRow"/> sends a case: one unit, a unit kind within the reporting street, or a ladder level.</summary>
/// <remarks>Create one with <see cref="ToUnit"/>, <see cref="ToKind"/> or <see cref="ToLevel"/>; exactly the property
/// matching <see cref="Kind"/> is set.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record RoutingTarget
{
    private RoutingTarget(RoutingTargetKind kind, OrgUnitId? unit, OrgUnitKind? unitKind, string? level)
    {
        Kind = kind;
        Unit = unit;
        UnitKind = unitKind;
        Level = level;
    }

    /// <summary>Gets how the target names the owning unit.</summary>
    public RoutingTargetKind Kind { get; }

    /// <summary>Gets the unit, for <see cref="RoutingTargetKind.Unit"/>; otherwise <see langword="null"/>.</summary>
    public OrgUnitId? Unit { get; }

    /// <summary>Gets the unit kind, for <see cref="RoutingTargetKind.UnitKind"/>; otherwise <see langword="null"/>.</summary>
    public OrgUnitKind? UnitKind { get; }

    /// <summary>Gets the ladder level key, for <see cref="RoutingTargetKind.Level"/>; otherwise <see langword="null"/>.</summary>
    public string? Level { get; }

    /// <summary>Routes to one org unit.</summary>
    /// <param name="unit">The unit's id; it must exist in the tree the table is used with.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException"><paramref name="unit"/> is the default (empty) id.</exception>
    public static RoutingTarget ToUnit(OrgUnitId unit)
    {
        if (string.IsNullOrWhiteSpace(unit.Value))
        {
            throw new ArgumentException("A routing target needs a unit id.", nameof(unit));
        }

        return new(RoutingTargetKind.Unit, unit, null, null);
    }

    /// <summary>Routes to the unit of a kind within the reporting street (see <see cref="RoutingTargetKind.UnitKind"/>).</summary>
    /// <param name="kind">The unit kind, e.g. <see cref="OrgUnitKind.Community"/>.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException"><paramref name="kind"/> is not a defined kind.</exception>
    public static RoutingTarget ToKind(OrgUnitKind kind)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentException($"Unit kind '{kind}' is not defined.", nameof(kind));
        }

        return new(RoutingTargetKind.UnitKind, null, kind, null);
    }

    /// <summary>Routes to the unit serving at a ladder level on the case's path.</summary>
    /// <param name="level">The level's key, e.g. <c>street</c>; it must be a level of the ladder the table is used with.</param>
    /// <returns>The target.</returns>
    /// <exception cref="ArgumentException"><paramref name="level"/> is null or blank.</exception>
    public static RoutingTarget ToLevel(string level)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(level);
        return new(RoutingTargetKind.Level, null, null, level.Trim());
    }

    /// <summary>Describes the target as the profile writes it, e.g. <c>unit dept-housing</c>, <c>kind community</c>, <c>level street</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString() => Kind switch
    {
        RoutingTargetKind.Unit => $"unit {Unit}",
        RoutingTargetKind.UnitKind => $"kind {UnitKind}",
        _ => $"level {Level}",
    };
}
