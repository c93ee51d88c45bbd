namespace Fengqiao.Cases.Events;

/// <summary>The hand-off's clock resumed after excluded time.</summary>
/// <param name="Key">The hand-off's correlation key; not empty.</param>
/// <exception cref="ArgumentException"><paramref name="Key"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffResumed(string Key) : CaseHandOffRecord(Key)
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
