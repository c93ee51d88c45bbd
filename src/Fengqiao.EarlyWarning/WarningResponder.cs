using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Profiles;

namespace Fengqiao.EarlyWarning;

/// <summary>Acts on raised warnings through the desk — supervise (督办), instruct (批示) or summon (吹哨) — once per occurrence.</summary>
/// <remarks>
/// <para>The warning acts as the profile's warning actor (<see cref="WarningsProfile.DeskActor"/>) on its
/// <see cref="RaisedWarning.Target"/> case, through the desk's ordinary calls, so the desk's checks and authoriser apply
/// (the actor must be a leader of a unit above the case's grid). The note or instruction opens with
/// <c>预警 &lt;rule id&gt; [&lt;occurrence id&gt;]</c>, then the message and the matched cases: the rule is the stated cause
/// on the case's own record.</para>
/// <para>Once per occurrence: the ledger is asked before and told after (see <see cref="IWarningLedger"/> for restarts).</para>
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
        if (await ledger.HasActedAsync(warning.OccurrenceId, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var note = Note(warning);
        Case result;
        switch (warning.Action)
        {
            case WarningActionKind.Supervise:
                var current = await desk.FindAsync(warning.Target, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(warning.Target);
                result = await desk.SuperviseAsync(warning.Target, actor, current.HoldingUnit ?? current.Report.Location.Grid, warning.Limit, warning.Grade, note, cancellationToken).ConfigureAwait(false);
                break;
            case WarningActionKind.Summon:
                result = await desk.SummonAsync(warning.Target, actor, warning.Departments, warning.Limit, note, cancellationToken).ConfigureAwait(false);
                break;
            default:
                result = await desk.InstructAsync(warning.Target, actor, note, cancellationToken).ConfigureAwait(false);
                break;
        }

        await ledger.RecordAsync(warning, cancellationToken).ConfigureAwait(false);
        return result;
    }

    /// <summary>The text the desk records: rule id and occurrence first, then the message and the matched cases.</summary>
    /// <param name="warning">The warning.</param>
    /// <returns>For example <c>预警 warning.grid-cluster [warning.grid-cluster:Grid:grid-017:case-3]: … 关联案件 case-3、case-5、case-9</c>.</returns>
    public static string Note(RaisedWarning warning)
    {
        ArgumentNullException.ThrowIfNull(warning);
        return string.Create(CultureInfo.InvariantCulture, $"预警 {warning.RuleId} [{warning.OccurrenceId}]: {warning.Message}；关联案件 {string.Join("、", warning.Matched)}");
    }
}
