using Fengqiao.Mediation.Limits;

namespace Fengqiao.Mediation.RoadMap;

/// <summary>One step of a dispute's legal road map, with the statutory limit that binds it when the law sets one.</summary>
/// <param name="Kind">The step.</param>
/// <param name="Name">The display name with the Chinese term.</param>
/// <param name="Limit">The step's statutory limit, or <see langword="null"/> when the reference table sets none.</param>
/// <param name="Note">What the step is for this kind of dispute, for the citizen and the mediator.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record RoadMapStep(RoadMapStepKind Kind, string Name, StatutoryLimit? Limit, string Note)
{
    /// <inheritdoc />
    public override string ToString() => Limit is null ? Name : $"{Name} ({Limit.Limit}, {Limit.Source})";
}
