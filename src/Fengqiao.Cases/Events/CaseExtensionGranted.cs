using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>The pending extension was granted (批准延期).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.GrantExtension"/> step.</remarks>
/// <param name="Limit">The extension granted. On a recorded event the desk has always filled it in (the limit asked for, else the one requested, else the policy's); in a request, <see langword="null"/> asks for that default.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseExtensionGranted(TimeLimit? Limit = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.GrantExtension;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
