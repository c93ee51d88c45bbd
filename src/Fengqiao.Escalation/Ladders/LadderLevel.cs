using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Ladders;

/// <summary>One rung of an escalation ladder (升级阶梯): which org units serve at it.</summary>
/// <param name="Key">The level's key, unique in its ladder, e.g. <c>street</c>; org units tagged with it serve here.</param>
/// <param name="Name">The level's display name, e.g. "Street/township 街道/乡镇".</param>
/// <param name="Kinds">The kinds of org unit that serve at this level without a tag; may be empty.</param>
/// <remarks>
/// A unit serves at a level when it carries the level's key among its <see cref="OrgUnit.Tags"/>, or when its
/// <see cref="OrgUnit.Kind"/> is one of <paramref name="Kinds"/>. Tags let a county bind posts that share a kind
/// (Baiyin's levels are all posts) without new kinds.
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record LadderLevel(string Key, string Name, ImmutableArray<OrgUnitKind> Kinds)
{
    /// <summary>Gets whether <paramref name="unit"/> serves at this level.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="unit"/> is null.</exception>
    public bool IsServedBy(OrgUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return unit.HasTag(Key) || (!Kinds.IsDefault && Kinds.Contains(unit.Kind));
    }

    /// <summary>Gets or initialises the keys of lower levels whose holders may send a case straight to this level, skipping the levels between (直报).</summary>
    /// <remarks>
    /// Empty (the default) when a case climbs one level at a time. Saybagh's streets and functional departments both
    /// "反馈至百姓说事云工作专班": the task-force level lists <c>street</c> and <c>department</c>. Only the desk's target
    /// check reads it (<see cref="Routing.RoutingAuthority.CheckTarget"/>); the automatic escalation rules still climb
    /// one level at a time. A default (uninitialised) array reads as empty. Keys that name no lower level of the same
    /// ladder never match a holder (a loaded profile reports them as problems).
    /// </remarks>
    public ImmutableArray<string> ReachableFrom
    {
        get => reachableFrom.IsDefault ? [] : reachableFrom;
        init => reachableFrom = value;
    }

    private readonly ImmutableArray<string> reachableFrom;
}
