using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>A suspended case resumed (恢复).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Resume"/> step.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseResumed() : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Resume;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
