using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A worker of the holding unit claimed the case (签收).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Claim"/> step.</remarks>
/// <param name="Worker">The worker.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseClaimed(ActorId Worker) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Claim;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => Worker.ToString();
}
