using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Profiles;

namespace Fengqiao.EarlyWarning;

/// <summary>Acts on raised warnings through the desk — supervise (督办), instruct (批示) or summon (吹哨) — with the rule as the event's cause, once per occurrence.</summary>
/// <remarks>
/// <para>The warning acts as the profile's warning actor (<see cref="WarningsProfile.DeskActor"/>) on its
/// <see cref="RaisedWarning.Target"/> case through the desk, so the desk's checks and authoriser apply (the actor must
/// be a leader of a unit above the case's grid, allowed to supervise as well as to take the action). The action's
/// <see cref="CaseEvent.Cause"/> is the warning (<see cref="CauseOf"/>): the rule id as its rule, and the facts that
/// matched — the occurrence id, the group, the matched cases and the rule's own facts. The note or instruction is the
/// warning's message, for people; nothing is parsed back from it.</para>
/// <para>Once per occurrence: the ledger is asked before and told after (see <see cref="IWarningLedger"/> for restarts).
/// The action is appended together with a typed <see cref="CaseWarningActed"/> record (<see cref="RecordOf"/>) through
/// <see cref="CaseDesk.RecordAsync(CaseId, CaseActor, CaseRecord, CaseTransition, CaseEventCause?, CancellationToken)"/>, so the
/// action and its record are one append; <see cref="CaseHistoryWarningLedger"/> reads that record, never the cause.</para>
/// </remarks>
/// <threadsafety>Safe to call concurrently for different warnings; the ledger decides for the same one.</threadsafety>
public sealed class WarningResponder
{
    private readonly CaseDesk desk;
    private readonly CaseActor actor;
    private readonly IWarningLedger ledger;

    /// <summary>Creates a responder.</summary>
    /// <param name="desk">The desk to act through.</param>
    /// <param name="actor">The warning actor: a staff member with a unit.</param>
    /// <param name="ledger">Remembers which occurrences acted.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EarlyWarningException"><paramref name="actor"/> acts for no unit.</exception>
    public WarningResponder(CaseDesk desk, CaseActor actor, IWarningLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(desk);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(ledger);
        if (actor.Unit is null)
        {
            throw new EarlyWarningException($"the warning actor '{actor.Id}' acts for no unit; warnings supervise and summon as a unit");
        }

        this.desk = desk;
        this.actor = actor;
        this.ledger = ledger;
    }

    /// <summary>Creates a responder acting as the profile's warning actor.</summary>
    /// <param name="desk">The desk to act through.</param>
    /// <param name="warnings">The profile's warning section.</param>
    /// <param name="ledger">Remembers which occurrences acted.</param>
    /// <returns>The responder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EarlyWarningException">The section names no warning actor (<c>warnings.acts-as</c>).</exception>
    public static WarningResponder ForProfile(CaseDesk desk, WarningsProfile warnings, IWarningLedger ledger)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        return new WarningResponder(desk, warnings.DeskActor ?? throw new EarlyWarningException("the profile's warnings section names no warning actor (warnings.acts-as)"), ledger);
    }

    /// <summary>Acts on one warning unless its occurrence already acted.</summary>
    /// <param name="warning">The warning.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the action, or <see langword="null"/> when the occurrence had already acted.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">The target case does not exist.</exception>
    /// <exception cref="CaseActionRefusedException">The desk refused the action (the actor may not act on the case, the case is closed, …); the ledger is not told, so a later call tries again.</exception>
    /// <exception cref="Fengqiao.Cases.Ports.ConcurrencyConflictException">The case changed meanwhile; nothing changed, try again.</exception>
    public async Task<Case?> ActAsync(RaisedWarning warning, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(warning);
        if (await ledger.HasActedAsync(warning, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var unit = actor.Unit!.Value;
        CaseTransition step;
        switch (warning.Action)
        {
            case WarningActionKind.Supervise:
                var current = await desk.FindAsync(warning.Target, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(warning.Target);
                step = new CaseSupervisionIssued(unit, current.HoldingUnit ?? current.Report.Location.Grid, warning.Limit, warning.Grade, warning.Message);
                break;
            case WarningActionKind.Summon:
                step = new CaseSummoned(unit, warning.Departments, warning.Limit, warning.Message);
                break;
            default:
                step = new CaseInstructed(warning.Message);
                break;
        }

        // The typed record of the occurrence and the action go in one append: a durable ledger reads the record back.
        var result = await desk.RecordAsync(warning.Target, actor, RecordOf(warning), step, CauseOf(warning), cancellationToken).ConfigureAwait(false);
        await ledger.RecordAsync(warning, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The cause recorded on the event a warning appends: the rule, and the facts that matched.</summary>
    /// <param name="warning">The warning.</param>
    /// <returns>A cause whose <see cref="CaseEventCause.RuleId"/> is <see cref="RaisedWarning.RuleId"/> and whose facts are
    /// the warning's <see cref="RaisedWarning.Facts"/> plus <c>occurrence</c>, <c>group-kind</c>, <c>group</c> and
    /// <c>matched</c> (the matched case ids, oldest first, comma-separated).</returns>
    /// <remarks>The cause is stored with the case's history, so it holds no personal data: for a person's group (a
    /// repeat petition) <c>group</c> is <c>person</c>, not the reporter's pseudonymous key; the matched cases say who.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    internal static CaseEventCause CauseOf(RaisedWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        var facts = warning.Facts
            .SetItem(OccurrenceFact, warning.OccurrenceId)
            .SetItem("group-kind", warning.GroupKind.ToString())
            .SetItem("group", warning.GroupKind == Facts.CaseGroupKind.Person ? "person" : warning.GroupKey)
            .SetItem("matched", string.Join(",", warning.Matched));
        return new CaseEventCause(warning.RuleId, facts);
    }

    /// <summary>The name of the cause fact that holds the occurrence id (<see cref="RaisedWarning.OccurrenceId"/>).</summary>
    public const string OccurrenceFact = "occurrence";

    /// <summary>The typed record a warning appends with its action, which durable ledgers read back.</summary>
    /// <param name="warning">The warning.</param>
    /// <returns>A <see cref="CaseWarningActed"/> naming <see cref="RaisedWarning.RuleId"/> and <see cref="RaisedWarning.OccurrenceId"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="warning"/> is null.</exception>
    internal static CaseWarningActed RecordOf(RaisedWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return new CaseWarningActed(warning.RuleId, warning.OccurrenceId);
    }
}
