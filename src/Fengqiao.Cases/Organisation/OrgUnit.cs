using System.Collections.Immutable;

namespace Fengqiao.Cases.Organisation;

/// <summary>A unit of the county's organisation: where it sits (its parent), what kind it is and who is in it.</summary>
/// <param name="Id">The unit's id.</param>
/// <param name="Name">The unit's display name, e.g. "新华街道".</param>
/// <param name="Kind">The kind of unit.</param>
/// <param name="Parent">The unit above it in the tree, or <see langword="null"/> for a root.</param>
/// <param name="Members">The members of the unit.</param>
/// <param name="Tags">Free labels a county gives the unit; an escalation ladder level binds to the units tagged with
/// its key (e.g. <c>township-political-legal</c> in Baiyin's seven-level ladder).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record OrgUnit(OrgUnitId Id, string Name, OrgUnitKind Kind, OrgUnitId? Parent, ImmutableArray<OrgMember> Members, ImmutableArray<string> Tags)
{
    /// <summary>Gets whether the unit carries <paramref name="tag"/>.</summary>
    public bool HasTag(string tag) => !Tags.IsDefault && Tags.Contains(tag);
}
