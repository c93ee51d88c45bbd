using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;

namespace Fengqiao.EarlyWarning;

/// <summary>A durable ledger of acted warning occurrences that keeps nothing of its own: an occurrence has acted when the
/// history of its target case holds the typed <see cref="CaseWarningActed"/> record of that rule and occurrence, which
/// <see cref="WarningResponder"/> appends together with the action (<see cref="WarningResponder.RecordOf"/>).</summary>
/// <remarks>
/// <para>Why the case's history and not a table: the action and its record are then one append in the case store, so
/// there is no moment at which the desk has acted and the ledger does not know (a separate table would leave a gap of
/// one call across a crash), the ledger survives wherever the store does (SQLite file, PostgreSQL, a test's in-memory
/// store), and no store needs a new schema.</para>
/// <para>Only the record's typed fields (<see cref="CaseWarningActed.RuleId"/>, <see cref="CaseWarningActed.OccurrenceId"/>)
/// are read; the event's cause is an explanation for people and is not parsed.</para>
/// <para>Histories written before the typed record existed (before this release, when the warning's action was
/// appended alone, with the occurrence only in its cause): a warning action (a supervision, an instruction or a summons)
/// that is not preceded by a <see cref="CaseWarningActed"/> is recognised by its cause's rule id and
/// <see cref="WarningResponder.OccurrenceFact"/>, by a separate legacy reader kept only so that an upgrade does not act on
/// such an occurrence a second time. No new history reaches it: every warning action written now carries its record.</para>
/// <para>Each question reads one case's history (<see cref="CaseDesk.GetHistoryAsync"/>); warnings are rare next to desk
/// events, so this costs one history read per raised warning, not per event.</para>
/// <para><see cref="RecordAsync"/> does nothing: the record the desk appended is the record.</para>
/// <para>A case merged away keeps its history, so its warnings still count as acted. An erased reporter does not touch
/// the record.</para>
/// </remarks>
/// <threadsafety>Safe to call concurrently (it only reads the store through the desk).</threadsafety>
public sealed class CaseHistoryWarningLedger : IWarningLedger
{
    private readonly CaseDesk desk;

    /// <summary>Creates a ledger over a desk's case store.</summary>
    /// <param name="desk">The desk the warnings act through.</param>
    /// <exception cref="ArgumentNullException"><paramref name="desk"/> is null.</exception>
    public CaseHistoryWarningLedger(CaseDesk desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        this.desk = desk;
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    /// <remarks>A target the store does not know has no history, so it has not acted.</remarks>
    public async ValueTask<bool> HasActedAsync(RaisedWarning warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var history = await desk.GetHistoryAsync(warning.Target, cancellationToken).ConfigureAwait(false);
        foreach (var e in history)
        {
            if (e.Payload is CaseWarningActed acted && acted.RuleId == warning.RuleId && acted.OccurrenceId == warning.OccurrenceId)
            {
                return true;
            }
        }

        return LegacyWarningCause.Acted(history, warning);
    }

    /// <inheritdoc/>
    /// <remarks>Does nothing: the <see cref="CaseWarningActed"/> the warning appended with its action is the record.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    public ValueTask RecordAsync(RaisedWarning warning, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return ValueTask.CompletedTask;
    }
}
