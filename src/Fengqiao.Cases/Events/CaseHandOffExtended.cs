using Fengqiao.Sla;

namespace Fengqiao.Cases.Events;

/// <summary>The hand-off's current time limit was extended as the law allows (延期).</summary>
/// <param name="Key">The hand-off's correlation key; not empty.</param>
/// <param name="By">The extension.</param>
/// <param name="Reason">Why; not empty.</param>
/// <exception cref="ArgumentException"><paramref name="Key"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffExtended(string Key, TimeLimit By, string Reason) : CaseHandOffRecord(Key)
{
    /// <summary>Gets the extension.</summary>
    /// <exception cref="ArgumentNullException">Set to null.</exception>
    public TimeLimit By { get; init; } = By ?? throw new ArgumentNullException(nameof(By));

    /// <summary>Gets why it was extended.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string Reason { get; init; } = string.IsNullOrWhiteSpace(Reason) ? throw new ArgumentException("An extension needs a reason.", nameof(Reason)) : Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
