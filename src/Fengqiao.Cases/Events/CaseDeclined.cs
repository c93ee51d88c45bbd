using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The matter was declined (不予受理).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Decline"/> step.</remarks>
/// <param name="Reason">Why.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseDeclined(string Reason) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Decline;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
