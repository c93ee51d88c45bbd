using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The case was supervised (督办) with a note only: counted, not tracked.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.Supervise"/> step.</remarks>
/// <param name="Note">What is pressed for, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSupervised(string? Note = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.Supervise;

    internal override string? ArgumentText => Note;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
