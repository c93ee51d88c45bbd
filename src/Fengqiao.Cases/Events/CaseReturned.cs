using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The holding unit returned the case to the dispatcher (退回).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Return"/> step.</remarks>
/// <param name="Reason">Why the matter is not the unit's (or, starting with 无法解决, that it cannot resolve it).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReturned(string Reason) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Return;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
