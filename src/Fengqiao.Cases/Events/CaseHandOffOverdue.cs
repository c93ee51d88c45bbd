namespace Fengqiao.Cases.Events;

/// <summary>The hand-off's limit ran out while it was pending: flagged overdue (逾期), once until it is extended; recorded with the supervision (督办) that presses for it.</summary>
/// <param name="Key">The hand-off's correlation key; not empty.</param>
/// <exception cref="ArgumentException"><paramref name="Key"/> is empty.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseHandOffOverdue(string Key) : CaseHandOffRecord(Key)
{
    internal override CaseLifecycle.CaseTrigger AuthorizedAs => CaseLifecycle.CaseTrigger.Supervise;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
