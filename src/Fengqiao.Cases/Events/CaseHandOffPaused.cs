namespace Fengqiao.Cases.Events;

/// <summary>The hand-off's clock was paused for excluded time (e.g. an appraisal, 鉴定).</summary>
/// <param name="Key">The hand-off's correlation key; not empty.</param>
/// <param name="Reason">What the excluded step is; not empty.</param>
/// <exception cref="ArgumentException"><paramref name="Key"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffPaused(string Key, string Reason) : CaseHandOffRecord(Key)
{
    /// <summary>Gets what the excluded step is.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string Reason { get; init; } = string.IsNullOrWhiteSpace(Reason) ? throw new ArgumentException("A pause needs a reason.", nameof(Reason)) : Reason;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
