using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>A rated or closed case was reopened (重办) for a new handling cycle.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Reopen"/> step.</remarks>
/// <param name="Reason">Why.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReopened(string Reason) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Reopen;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
