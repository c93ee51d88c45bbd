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
}
