using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The reply was sent for review (送审).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.SubmitForReview"/> step.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSubmittedForReview() : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.SubmitForReview;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
