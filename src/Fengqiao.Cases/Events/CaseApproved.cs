using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The reply was approved (审核通过).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Approve"/> step.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseApproved() : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Approve;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
