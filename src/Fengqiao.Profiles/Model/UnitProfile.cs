using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Profiles;

/// <summary>One org unit as a profile lists it.</summary>
/// <param name="Id">The unit id.</param>
/// <param name="Name">The display name.</param>
/// <param name="Kind">The kind of unit.</param>
/// <param name="Parent">The unit above it, or <see langword="null"/> for a root.</param>
/// <param name="Tags">Labels, e.g. the ladder levels the unit serves at.</param>
/// <param name="Members">Its members with their roles.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record UnitProfile(OrgUnitId Id, string Name, OrgUnitKind Kind, OrgUnitId? Parent, ImmutableArray<string> Tags, ImmutableArray<OrgMember> Members);
