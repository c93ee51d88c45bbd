using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The case was closed (归档).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Close"/> step.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseClosed() : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Close;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
