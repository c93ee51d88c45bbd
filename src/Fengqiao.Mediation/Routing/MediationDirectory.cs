using System.Collections.Frozen;
using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;

namespace Fengqiao.Mediation.Routing;

/// <summary>The county's mediation bodies and mediators, validated and immutable. A host gets it from its county profile
/// (<c>CountyProfile.BuildMediationDirectory</c>, or the desk the profile composes), which reads the profile's <c>mediation:</c> section.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class MediationDirectory
{
    private readonly FrozenDictionary<OrgUnitId, MediationBody> bodies;
    private readonly FrozenDictionary<ActorId, Mediator> mediators;
    private readonly FrozenDictionary<OrgUnitId, ImmutableArray<Mediator>> mediatorsByBody;

    internal MediationDirectory(ImmutableArray<MediationBody> bodies, ImmutableArray<Mediator> mediators)
    {
        Bodies = bodies;
        Mediators = mediators;
        this.bodies = bodies.ToFrozenDictionary(b => b.Id);
        this.mediators = mediators.ToFrozenDictionary(m => m.Id);
        mediatorsByBody = mediators.GroupBy(m => m.Body).ToFrozenDictionary(g => g.Key, g => g.ToImmutableArray());
    }

    /// <summary>Gets every body, in the order added.</summary>
    public ImmutableArray<MediationBody> Bodies { get; }

    /// <summary>Gets every mediator, in the order added.</summary>
    public ImmutableArray<Mediator> Mediators { get; }

    /// <summary>Gets a body that must exist.</summary>
    /// <exception cref="KeyNotFoundException">No body has that id.</exception>
    public MediationBody Body(OrgUnitId id) =>
        bodies.TryGetValue(id, out var body) ? body : throw new KeyNotFoundException($"There is no mediation body '{id}'.");

    /// <summary>Finds a mediator.</summary>
    /// <returns>The mediator, or <see langword="null"/> when the id is unknown.</returns>
    public Mediator? FindMediator(ActorId id) => mediators.GetValueOrDefault(id);

    /// <summary>Gets the mediators of a body, in the order added.</summary>
    public ImmutableArray<Mediator> MediatorsOf(OrgUnitId body) =>
        mediatorsByBody.TryGetValue(body, out var list) ? list : [];
}
