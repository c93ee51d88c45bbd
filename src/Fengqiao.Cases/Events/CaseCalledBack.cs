using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>A call-back attempt (回访) was recorded.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.CallBack"/> step.</remarks>
/// <param name="Note">A note on the call, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseCalledBack(string? Note = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.CallBack;

    internal override string? ArgumentText => Note;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
