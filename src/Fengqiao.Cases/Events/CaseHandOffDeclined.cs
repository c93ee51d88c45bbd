namespace Fengqiao.Cases.Events;

/// <summary>The receiving body declined the hand-off (退回) with a reason; recorded with the hand-back that returns the case.</summary>
/// <param name="Key">The hand-off's correlation key; not empty.</param>
/// <param name="Reason">Why; not empty.</param>
/// <exception cref="ArgumentException"><paramref name="Key"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffDeclined(string Key, string Reason) : CaseHandOffRecord(Key)
{
    /// <summary>Gets why the body declined.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string Reason { get; init; } = string.IsNullOrWhiteSpace(Reason) ? throw new ArgumentException("A decline needs a reason.", nameof(Reason)) : Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
