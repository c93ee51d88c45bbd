using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Mediation.Bodies;

/// <summary>A body that mediates: a committee, a centre room or an expert pool.</summary>
/// <param name="Id">The body's id (also its org unit id when the body is in the org tree).</param>
/// <param name="Name">The display name, e.g. "玉门市医疗纠纷人民调解委员会".</param>
/// <param name="Kind">The kind of body.</param>
/// <param name="DisputeTypes">The dispute types it takes; empty means every type (general committees).</param>
/// <param name="Area">The org unit whose area it serves (a community, a street); <see langword="null"/> for county-wide.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record MediationBody(OrgUnitId Id, string Name, MediationBodyKind Kind, ImmutableArray<DisputeType> DisputeTypes, OrgUnitId? Area)
{
    /// <summary>Gets whether the body takes disputes of <paramref name="type"/>.</summary>
    public bool Takes(DisputeType type) => DisputeTypes.IsDefaultOrEmpty || DisputeTypes.Contains(type);
}
