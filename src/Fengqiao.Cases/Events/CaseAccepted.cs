using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The matter was accepted (受理).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Accept"/> step.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseAccepted() : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Accept;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
