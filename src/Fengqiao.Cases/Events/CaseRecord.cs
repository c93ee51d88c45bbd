using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>The payload of a step recorded on a case without changing its lifecycle state: an answer or a flag that
/// belongs to the case's history (for example a hand-off's acceptance, extension or overdue flag).</summary>
/// <remarks>
/// <para>
/// Recorded through <see cref="Desk.CaseDesk.RecordAsync(CaseId, CaseActor, CaseRecord, CaseEventCause?, CancellationToken)"/>
/// (alone, or followed in the same append by a lifecycle step). The event's <see cref="CaseEvent.From"/> and
/// <see cref="CaseEvent.To"/> are the case's state, in any state; the lifecycle is not consulted. The authoriser is asked
/// whether the actor may fire the trigger a record stands for (its remarks say which), so the people who may act on
/// the matter are the people who may record about it.
/// </para>
/// <para>Projections (the hand-off ledger of Fengqiao.Mediation) fold these events; the case folds those that change
/// what it shows (see each type).</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public abstract record CaseRecord : CaseEventPayload
{
    private protected CaseRecord()
    {
    }

    /// <summary>Gets the trigger whose authority recording this needs.</summary>
    internal abstract CaseTrigger AuthorizedAs { get; }
}
