using Fengqiao.Cases.CaseLifecycle;

namespace Fengqiao.Cases.Events;

/// <summary>An early-warning occurrence (预警) acted on the case: the typed record, appended together with the action it
/// took (a supervision, an instruction or a summons), that the occurrence has acted and must not act again.</summary>
/// <remarks>
/// <para>Recorded through <see cref="Desk.CaseDesk.RecordAsync(CaseId, CaseActor, CaseRecord, CaseTransition, CaseEventCause?, CancellationToken)"/>
/// with the action as the step that follows, so the record and the action are saved together or not at all. A durable
/// warning ledger (Fengqiao.EarlyWarning's <c>CaseHistoryWarningLedger</c>) reads these fields back to decide whether an
/// occurrence has acted; the event's <see cref="CaseEvent.Cause"/> stays an explanation for people.</para>
/// <para>The case's state and what it shows do not change. Recording it needs the authority to supervise
/// (<see cref="CaseTrigger.Supervise"/>): the warning is the supervising level's attention on the case.</para>
/// </remarks>
/// <param name="RuleId">The id of the warning rule whose occurrence acted; not empty.</param>
/// <param name="OccurrenceId">The occurrence's stable id; not empty.</param>
/// <exception cref="ArgumentException"><paramref name="RuleId"/> or <paramref name="OccurrenceId"/> is empty or white space.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseWarningActed(string RuleId, string OccurrenceId) : CaseRecord
{
    /// <summary>Gets the id of the warning rule whose occurrence acted.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string RuleId { get; init; } = string.IsNullOrWhiteSpace(RuleId)
        ? throw new ArgumentException("A warning record names the rule whose occurrence acted.", nameof(RuleId))
        : RuleId;

    /// <summary>Gets the occurrence's stable id.</summary>
    /// <exception cref="ArgumentException">Set to an empty value.</exception>
    public string OccurrenceId { get; init; } = string.IsNullOrWhiteSpace(OccurrenceId)
        ? throw new ArgumentException("A warning record names the occurrence that acted.", nameof(OccurrenceId))
        : OccurrenceId;

    internal override CaseTrigger AuthorizedAs => CaseTrigger.Supervise;

    private protected override string? Details() => OccurrenceId;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
