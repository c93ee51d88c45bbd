using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The case was handed back (移交退回) to the state it left.</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.HandBack"/> step.</remarks>
/// <param name="Note">Why, or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandedBack(string? Note = null) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.HandBack;

    /// <summary>Gets or initialises the return flow (回流) decided with this hand-back, staged on the case (<see cref="Case.PendingReturn"/>) until it is made; <see langword="null"/> when the case simply returns to its holder.</summary>
    public CaseHandOffReturn? Return { get; init; }

    internal override string? ArgumentText => Note;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
