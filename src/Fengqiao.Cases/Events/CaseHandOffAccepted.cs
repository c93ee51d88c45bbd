namespace Fengqiao.Cases.Events;

/// <summary>The receiving body signed for the hand-off (签收): its conclusion clock starts; the case shows it (<see cref="Case.HandOffAcceptedAt"/>).</summary>
/// <param name="Key">The hand-off's correlation key; not empty.</param>
/// <exception cref="ArgumentException"><paramref name="Key"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffAccepted(string Key) : CaseHandOffRecord(Key)
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
