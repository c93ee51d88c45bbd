using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The pending extension was denied (不予延期).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.DenyExtension"/> step.</remarks>
/// <param name="Reason">Why.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseExtensionDenied(string Reason) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.DenyExtension;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
