using System.Collections.Immutable;

namespace Fengqiao.Cases.Organisation;

/// <summary>A person who belongs to an org unit with one or more roles.</summary>
/// <param name="Id">The member's actor id.</param>
/// <param name="Name">The display name (not personal data of a citizen: a cadre's or worker's name).</param>
/// <param name="Roles">The roles held in the unit; at least one.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record OrgMember(ActorId Id, string Name, ImmutableArray<MemberRole> Roles)
{
    /// <summary>Gets whether the member holds <paramref name="role"/>.</summary>
    public bool Holds(MemberRole role) => !Roles.IsDefault && Roles.Contains(role);
}
