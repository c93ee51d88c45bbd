using System.Collections.Immutable;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Policies;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cases.Desk;

// The sweep (时限巡查): due cases read, decided and committed a batch at a time.
public sealed partial class CaseDesk
{
    /// <summary>Moves the clocks of every case due by <paramref name="now"/> and lets the policies act on them.</summary>
    /// <param name="now">The instant to sweep at, usually the clock's now.</param>
    /// <param name="cancellationToken">Cancels the sweep between cases.</param>
    /// <returns>What the sweep did.</returns>
    /// <remarks>
    /// <para>
    /// For each case the store lists as due, every running clock whose stage (on track → warning → overdue) or warning
    /// level differs from the one recorded gets a <see cref="CaseClockStageChanged"/> event by the system
    /// actor (cause <c>sla.clock-stage</c>), all appended together; then the policies are evaluated. Sweeping again at
    /// the same instant finds nothing due and does nothing.
    /// </para>
    /// <para>
    /// Then, for each open tracked supervision whose deadline has passed and each summoned department that has not
    /// reported in by its deadline, a <see cref="CaseSupervisionOverdue"/> or
    /// <see cref="CaseSummonsOverdue"/> event is appended once (causes <c>sla.supervision-deadline</c> and
    /// <c>sla.summons-deadline</c>, naming the supervision or summons, the units and the deadline). Those deadlines are
    /// part of <see cref="Case.NextDueAt"/>, so the sweep wakes for them.
    /// </para>
    /// <para>
    /// On a store that loads in batches (<see cref="ICaseBatchLoad"/>) the due cases are read, and their own steps
    /// decided, up to 512 at a time; the policies that decide from the case alone (<see cref="ICaseBatchPolicy"/>, such as
    /// the escalation policy) are evaluated on the whole batch in one call each, before the other policies, which see one
    /// case at a time. On a store with group commit (<see cref="ICaseGroupCommit"/>) the swept cases are committed in
    /// groups of up to 512 in one transaction each (a store may cut a group smaller: its own limit), each case with its own outcome, and their events published when the
    /// group is durable. A step asked by a policy that is not an <see cref="ICaseBatchPolicy"/> (a hand-off, say), or a
    /// policy failure recorded, closes its group, so the next case's policies see that step committed and published, as
    /// an ungrouped sweep would. Other stores get one append a case.
    /// </para>
    /// <para>A case changed concurrently is skipped and listed in <see cref="SweepResult.Conflicts"/> (the next sweep takes
    /// it up again); a policy failure is listed in <see cref="SweepResult.PolicyFailures"/>; both leave the other cases of
    /// the batch and of its group unaffected. Store failures propagate.</para>
    /// </remarks>
    /// <exception cref="OperationCanceledException">The sweep was cancelled; the cases committed so far stay swept.</exception>
    public async Task<SweepResult> SweepAsync(Instant now, CancellationToken cancellationToken = default)
    {
        var due = await store.ListDueAsync(now, cancellationToken).ConfigureAwait(false);
        var sweep = new SweepTally(store as ICaseGroupCommit);
        var batches = store as ICaseBatchLoad;

        // Without batch loads each case is read just before it is swept.
        var size = batches is null ? 1 : SweepGroup;
        var pending = new List<DueCase>(size);
        for (var start = 0; start < due.Count; start += size)
        {
            cancellationToken.ThrowIfCancellationRequested();
            IReadOnlyList<Case?> batch = batches is null
                ? [await store.LoadAsync(due[start], cancellationToken).ConfigureAwait(false)]
                : await batches.LoadManyAsync([.. due.Skip(start).Take(size)], cancellationToken).ConfigureAwait(false);

            // A case changed since it was read is refused at its append as a conflict.
            pending.Clear();
            foreach (var current in batch)
            {
                if (current?.NextDueAt is { } dueAt && dueAt <= now)
                {
                    pending.Add(OwnSweepSteps(current, now));
                }
            }

            sweep.Swept += pending.Count;
            var asked = await AskBatchPoliciesAsync(pending, cancellationToken).ConfigureAwait(false);
            for (var k = 0; k < pending.Count; k++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                await DecideSweptAsync(sweep, pending[k], asked?[k], cancellationToken).ConfigureAwait(false);
            }
        }

        await CommitSweptAsync(sweep, cancellationToken).ConfigureAwait(false);
        return new SweepResult(sweep.Swept, sweep.Appended, sweep.Conflicts.ToImmutable(), sweep.Failures.ToImmutable());
    }

    /// <summary>The sweep's own steps on a due case: its clocks' stages, then its passed deadlines and post limit.</summary>
    private DueCase OwnSweepSteps(Case current, Instant now)
    {
        var at = Instant.Max(now, current.UpdatedAt);
        var events = new List<CaseEvent>();
        var next = current;
        foreach (var (kind, slaClock) in current.Clocks.OrderBy(c => c.Key))
        {
            if (slaClock.State != SlaClockState.Running)
            {
                continue;
            }

            var reading = slaClock.At(at);
            if (reading.Stage == current.RecordedStage(kind) && reading.Warning?.Name == current.RecordedWarning(kind))
            {
                continue;
            }

            var e = new CaseEvent(current.Id, next.Version + 1, at, CaseActor.System, next.State, next.State,
                new CaseClockStageChanged(kind, reading.Stage, reading.Warning?.Name))
            {
                Cause = new CaseEventCause(SweepCause.RuleId, new Dictionary<string, string>
                {
                    ["clock"] = kind.ToString(),
                    ["deadline"] = InstantPattern.ExtendedIso.Format(reading.Deadline),
                    ["stage"] = reading.Stage.ToString(),
                }),
            };
            events.Add(e);
            next = next.Apply(e);
        }

        next = RecordPassedDeadlines(next, at, events);
        next = RecordPassedPostLimit(next, at, events);
        return new DueCase(current, at, events, next);
    }

    /// <summary>
    /// Evaluates the leading policies that decide from the case alone (<see cref="ICaseBatchPolicy"/>, in the desk's
    /// order, up to the first that is not one) on the whole batch, as the first round of each case's evaluation.
    /// </summary>
    /// <returns>For each case, the first of those policies that asked and its actions, or where the case's first round
    /// goes on; <see langword="null"/> when the first policy is not a batch policy, or a batch evaluation threw or
    /// answered out of shape (every case is then evaluated on its own, which records a failure on the case that caused it).</returns>
    private async Task<PolicyAsk[]?> AskBatchPoliciesAsync(List<DueCase> pending, CancellationToken cancellationToken)
    {
        if (pending.Count == 0 || policies.IsEmpty || policies[0] is not ICaseBatchPolicy)
        {
            return null;
        }

        var asked = new PolicyAsk[pending.Count];
        List<int> open = [.. Enumerable.Range(0, pending.Count)];
        var p = 0;
        for (; p < policies.Length && policies[p] is ICaseBatchPolicy batch && open.Count > 0; p++)
        {
            var arguments = open.ConvertAll(k => new CasePolicyArguments(pending[k].Next, pending[k].At, pending[k].Last));
            IReadOnlyList<IReadOnlyList<CasePolicyAction>> answers;
            try
            {
                answers = await batch.EvaluateManyAsync(arguments, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // The batch is evaluated again case by case, which records the failure on its case.
            catch (Exception)
#pragma warning restore CA1031
            {
                return null;
            }

            if (answers is null || answers.Count != arguments.Count)
            {
                return null;
            }

            List<int> still = new(open.Count);
            for (var i = 0; i < open.Count; i++)
            {
                if (answers[i] is { Count: > 0 } actions)
                {
                    asked[open[i]] = new PolicyAsk(p, batch, actions);
                }
                else
                {
                    still.Add(open[i]);
                }
            }

            open = still;
        }

        foreach (var k in open)
        {
            asked[k] = new PolicyAsk(p, null, null);
        }

        return asked;
    }

    /// <summary>Lets the policies act on one swept case and adds it to the group, committing the group when it is full,
    /// when the store has no group commit, or when a step other cases may read was taken.</summary>
    private async Task DecideSweptAsync(SweepTally sweep, DueCase swept, PolicyAsk? asked, CancellationToken cancellationToken)
    {
        try
        {
            var events = swept.Events;
            var run = await RunPoliciesCoreAsync(swept.Next, swept.Last, swept.At, events, asked, cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
            {
                if (run.Failure is not null)
                {
                    sweep.Failures.Add(run.Failure);
                }

                return;
            }

            sweep.Group.Add(new SweptCase(swept.Current.Version, events, run.Case, run.Failure));
            if (sweep.Grouping is null || sweep.Group.Count >= SweepGroup || run.Shared)
            {
                await CommitSweptAsync(sweep, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (ConcurrencyConflictException)
        {
            // Nothing of this case was appended (a store without group commit); the next sweep takes it up again.
            sweep.Conflicts.Add(swept.Current.Id);
        }
    }

    /// <summary>Commits the swept cases waiting in the group (one group commit when the store has one, else one append
    /// each), publishes each accepted case's events in order, and empties the group.</summary>
    private async Task CommitSweptAsync(SweepTally sweep, CancellationToken cancellationToken)
    {
        var group = sweep.Group;
        if (group.Count == 0)
        {
            return;
        }

        try
        {
            if (sweep.Grouping is not { } grouping)
            {
                foreach (var swept in group)
                {
                    await CommitAsync(swept.ExpectedVersion, swept.Events, swept.Snapshot, cancellationToken).ConfigureAwait(false);
                    sweep.Accepted(swept);
                }

                return;
            }

            await commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var outcomes = await grouping.AppendGroupAsync(
                    [.. group.Select(g => new CaseAppend(g.ExpectedVersion, g.Events, g.Snapshot))], cancellationToken).ConfigureAwait(false);
                for (var i = 0; i < group.Count; i++)
                {
                    switch (outcomes[i])
                    {
                        case null:
                            hub.Publish(group[i].Events);
                            sweep.Accepted(group[i]);
                            break;
                        case ConcurrencyConflictException:
                            // Nothing of this case was appended; the next sweep takes it up again.
                            sweep.Conflicts.Add(group[i].Snapshot.Id);
                            break;
                        case var refused:
                            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(refused);
                            break;
                    }
                }
            }
            finally
            {
                commitGate.Release();
            }
        }
        finally
        {
            group.Clear();
        }
    }

    /// <summary>A due case after the sweep's own steps, waiting for its policies.</summary>
    private sealed record DueCase(Case Current, Instant At, List<CaseEvent> Events, Case Next)
    {
        public CaseEvent? Last => Events.Count > 0 ? Events[^1] : null;
    }

    /// <summary>One swept case waiting for its commit.</summary>
    private sealed record SweptCase(long ExpectedVersion, List<CaseEvent> Events, Case Snapshot, CasePolicyException? Failure);

    /// <summary>What a sweep has done so far, and the group waiting for its commit.</summary>
    private sealed class SweepTally(ICaseGroupCommit? grouping)
    {
        public ICaseGroupCommit? Grouping { get; } = grouping;

        public List<SweptCase> Group { get; } = new(grouping is null ? 1 : SweepGroup);

        public ImmutableArray<CaseId>.Builder Conflicts { get; } = ImmutableArray.CreateBuilder<CaseId>();

        public ImmutableArray<CasePolicyException>.Builder Failures { get; } = ImmutableArray.CreateBuilder<CasePolicyException>();

        public int Swept { get; set; }

        public int Appended { get; private set; }

        public void Accepted(SweptCase swept)
        {
            Appended += swept.Events.Count;
            if (swept.Failure is not null)
            {
                Failures.Add(swept.Failure);
            }
        }
    }
}
