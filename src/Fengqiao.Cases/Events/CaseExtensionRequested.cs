using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>An extension was requested (延期申请).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.RequestExtension"/> step.</remarks>
/// <param name="Reason">Why more time is needed.</param>
/// <param name="Limit">The extension asked for, or <see langword="null"/> for the policy's extension limit.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseExtensionRequested(string Reason, TimeLimit? Limit = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.RequestExtension;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
