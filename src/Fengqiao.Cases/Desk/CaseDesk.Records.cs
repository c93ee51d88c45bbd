using System.Runtime.CompilerServices;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Cases.Desk;

// The general desk calls: a lifecycle step with a cause, and records that do not change the case's state.
public sealed partial class CaseDesk
{
    /// <summary>Fires any lifecycle step on the case, with the cause that made it happen: the call through which a
    /// system (an early-warning rule, a mediation desk, an integration) acts on a case.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts: a person, or <see cref="CaseActor.System"/> (which must give a cause).</param>
    /// <param name="step">The step, as its payload (<see cref="CaseSupervised"/>, <see cref="CaseInstructed"/>, <see cref="CaseSummoned"/>, …).</param>
    /// <param name="cause">Why (the rule's id and the facts it matched), recorded on the event as <see cref="CaseEvent.Cause"/>;
    /// required for the system, optional for a person; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the step (and after any policy actions it caused).</returns>
    /// <remarks>
    /// <para>The step is decided exactly as the named calls decide it (<see cref="SuperviseAsync(CaseId, CaseActor, string?, CancellationToken)"/>
    /// is this call with a <see cref="CaseSupervised"/> and no cause): lifecycle, authoriser (told that a cause is given),
    /// the desk's checks, policies, one append.</para>
    /// <para>The cause is an explanation for people: the desk and its policies never read it back to decide anything.</para>
    /// <para>A merge cannot go through this call, because it changes two cases: use <see cref="MergeAsync"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="step"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="step"/> is a <see cref="CaseMerged"/>.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also <see cref="CaseRefusalKind.Unauthorized"/>
    /// for the system without a cause); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> ActAsync(CaseId id, CaseActor actor, CaseTransition step, CaseEventCause? cause, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(step);
        if (step is CaseMerged)
        {
            throw new ArgumentException("A merge changes two cases: use MergeAsync.", nameof(step));
        }

        return ActCoreAsync(id, actor, null, step, cause, cancellationToken);
    }

    /// <summary>Records a step on the case that does not change its lifecycle state (a <see cref="CaseRecord"/> such as
    /// a hand-off's acceptance or overdue flag), in any state.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who records it: a person, or <see cref="CaseActor.System"/> (which must give a cause).</param>
    /// <param name="record">What is recorded.</param>
    /// <param name="cause">Why the system recorded it (rule id and facts), or <see langword="null"/> for a person's record.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the record (and after any policy actions it caused).</returns>
    /// <remarks>
    /// <para>The event's <see cref="CaseEvent.From"/> and <see cref="CaseEvent.To"/> are the case's state; the lifecycle
    /// is not consulted. The authoriser is asked whether <paramref name="actor"/> may fire the trigger the record stands
    /// for (see the record type's remarks). Then the policies run and everything is appended at once, as for a step.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="record"/> is null.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The actor may not record it (<see cref="CaseRefusalKind.Unauthorized"/>); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> RecordAsync(CaseId id, CaseActor actor, CaseRecord record, CaseEventCause? cause = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        return ActCoreAsync(id, actor, record, null, cause, cancellationToken);
    }

    /// <summary>Records a step that does not change the case's state and fires the lifecycle step it leads to, in one
    /// append: both are saved or neither (e.g. a hand-off's decline, then the hand-back that returns the case).</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts: a person, or <see cref="CaseActor.System"/> (which must give a cause).</param>
    /// <param name="record">What is recorded first.</param>
    /// <param name="then">The lifecycle step that follows it.</param>
    /// <param name="cause">Why the system acted, recorded on both events, or <see langword="null"/> for a person.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the step (and after any policy actions it caused).</returns>
    /// <remarks>The record is decided as by <see cref="RecordAsync(CaseId, CaseActor, CaseRecord, CaseEventCause?, CancellationToken)"/>,
    /// the step as by <see cref="ActAsync(CaseId, CaseActor, CaseTransition, CaseEventCause?, CancellationToken)"/> on the case after the record;
    /// the policies run after the step. A refused step refuses the record too: nothing is saved.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/>, <paramref name="record"/> or <paramref name="then"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="then"/> is a <see cref="CaseMerged"/>.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The record or the step was refused; nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    public Task<Case> RecordAsync(CaseId id, CaseActor actor, CaseRecord record, CaseTransition then, CaseEventCause? cause = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(record);
        ArgumentNullException.ThrowIfNull(then);
        if (then is CaseMerged)
        {
            throw new ArgumentException("A merge changes two cases: use MergeAsync.", nameof(then));
        }

        return ActCoreAsync(id, actor, record, then, cause, cancellationToken);
    }

    /// <summary>Gets whether the desk's store lists its cases (<see cref="ICaseListing"/>, as every store shipped does), so that <see cref="ReadHistoriesAsync"/> can read them.</summary>
    public bool CanReadHistories => store is ICaseListing;

    /// <summary>Reads the stored history of every case, one case at a time in the listing's order: what a projection
    /// (such as a hand-off ledger) folds to rebuild itself after a restart.</summary>
    /// <param name="cancellationToken">Cancels the reading between pages and cases.</param>
    /// <returns>Each case's events in version order, from its registration.</returns>
    /// <remarks>Cases appended while the reading runs may or may not be included (and a case's history ends at the
    /// version read); a projection also folding <see cref="Events"/> gets the rest from there.</remarks>
    /// <exception cref="InvalidOperationException">The store does not list its cases (<see cref="CanReadHistories"/> is <see langword="false"/>).</exception>
    /// <exception cref="OperationCanceledException">The reading was cancelled.</exception>
    public async IAsyncEnumerable<IReadOnlyList<CaseEvent>> ReadHistoriesAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var listing = store as ICaseListing
            ?? throw new InvalidOperationException($"The case store ({store.GetType().Name}) does not list its cases (ICaseListing), so its histories cannot be read in full.");
        CaseListingToken? after = null;
        do
        {
            var page = await listing.ListAsync(new CaseListingQuery { PageSize = CaseListingQuery.MaxPageSize, After = after }, cancellationToken).ConfigureAwait(false);
            foreach (var entry in page.Entries)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return await store.ReadEventsAsync(entry.Id, cancellationToken).ConfigureAwait(false);
            }

            after = page.Continuation;
        }
        while (after is not null);
    }

    private async Task<(Case Case, CaseEvent Event)> DecideRecordAsync(
        Case current, CaseActor actor, CaseRecord record, CaseEventCause? cause, CancellationToken cancellationToken)
    {
        var trigger = record.AuthorizedAs;
        if (actor.Kind == CaseActorKind.System && cause is null)
        {
            throw new CaseActionRefusedException(CaseRefusalKind.Unauthorized, current.Id, current.State, trigger, actor,
                $"the system records {record} only with a recorded cause (rule and facts)", await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false));
        }

        var decision = await authorizer.AuthorizeAsync(actor, trigger, current, cause is not null, cancellationToken).ConfigureAwait(false);
        if (decision is null || !decision.IsAllowed)
        {
            throw new CaseActionRefusedException(CaseRefusalKind.Unauthorized, current.Id, current.State, trigger, actor,
                $"recording {record} needs the authority to {trigger}: {decision?.Reason ?? "the authoriser gave no decision"}",
                await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false));
        }

        if (CheckRecord(current, actor, record) is { } invalid)
        {
            throw new CaseActionRefusedException(CaseRefusalKind.InvalidArgument, current.Id, current.State, trigger, actor, invalid,
                await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false));
        }

        if (record is CaseWrittenReportFiled filed && directory is not null
            && await directory.FindUnitAsync(filed.Addressee, cancellationToken).ConfigureAwait(false) is null)
        {
            throw new CaseActionRefusedException(CaseRefusalKind.InvalidArgument, current.Id, current.State, trigger, actor,
                $"there is no unit '{filed.Addressee}' in the directory to address the written report to", await PermittedAsync(current, actor, cancellationToken).ConfigureAwait(false));
        }

        var at = Instant.Max(clock.GetCurrentInstant(), current.UpdatedAt);
        var e = new CaseEvent(current.Id, current.Version + 1, at, actor, current.State, current.State, record) { Cause = cause };
        return (current.Apply(e), e);
    }

    /// <summary>The desk's own checks of a record's data against the case and the actor, or <see langword="null"/> when it may be recorded.</summary>
    private static string? CheckRecord(Case current, CaseActor actor, CaseRecord record) => record switch
    {
        CaseDeputyScored scored when actor.Kind != CaseActorKind.Deputy || actor.Id != scored.Deputy =>
            $"only people's deputy '{scored.Deputy}' may give their own score (测评打分), not {actor}",
        CaseDeputyScored when current.State != CaseState.Closed =>
            $"a deputy scores a closed case, and this one is {current.State}",
        CaseWrittenReportFiled filed when actor.Kind == CaseActorKind.Staff && actor.Unit != filed.From =>
            $"'{actor.Id}' acts for '{actor.Unit}' and cannot file a written report (书面报送) for '{filed.From}'",
        CaseWrittenReportFiled filed when current.HoldingUnit != filed.From =>
            $"unit '{filed.From}' does not hold the case (it is held by '{current.HoldingUnit?.ToString() ?? "no unit"}') and cannot report it in writing",
        CaseWrittenReportFiled filed when filed.Addressee == filed.From =>
            $"unit '{filed.From}' cannot address a written report to itself",
        _ => null,
    };
}
