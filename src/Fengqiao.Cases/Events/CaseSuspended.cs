using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>Handling was suspended (挂起).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Suspend"/> step.</remarks>
/// <param name="Reason">Why.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSuspended(string Reason) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Suspend;

    internal override string? ArgumentText => Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
