using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;

namespace Fengqiao.Storage.Internal;

/// <summary>The group-commit queue both shipped stores keep: appends that arrive together are cut into groups of at
/// most a store's limit and handed, one group at a time, to the store's own commit.</summary>
/// <remarks>
/// <para>Compiled into each store package from <c>src/Shared</c> (a linked source file, internal to each), so the two
/// stores queue, lead and cut groups one way; only the commit (SQLite's savepoints, PostgreSQL's locked batch) is
/// the store's.</para>
/// <para>When no commit is under way the submitting caller leads: it commits queued groups until its own appends are
/// done (a lone append therefore commits at once, waiting for no batch), then hands any appends still queued to a
/// thread-pool leader. A commit that completes synchronously (SQLite's) keeps the whole lead on the caller's
/// thread.</para>
/// <para>Thread safety: every member may be called concurrently; one group commits at a time per queue.</para>
/// </remarks>
internal sealed class GroupCommitQueue
{
    private readonly object queueLock = new();
    private readonly List<PendingAppend> queue = [];
    private readonly int maxGroup;
    private readonly Func<List<PendingAppend>, ValueTask> commit;
    private bool leading;

    /// <summary>Creates a queue that hands groups of at most <paramref name="maxGroup"/> appends to <paramref name="commit"/>.</summary>
    /// <param name="maxGroup">The most appends one commit takes; the rest wait for the next one.</param>
    /// <param name="commit">Commits one group and completes every append's <see cref="PendingAppend.Completion"/>;
    /// it must not throw for an append's own failure (it sets that append's outcome instead).</param>
    public GroupCommitQueue(int maxGroup, Func<List<PendingAppend>, ValueTask> commit)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroup, 1);
        this.maxGroup = maxGroup;
        this.commit = commit;
    }

    /// <summary>Whether <paramref name="e"/> is an append's own refusal (a stale version, a held query code, a
    /// duplicate report, an append that does not fit its snapshot), which fails that append alone and not its group.</summary>
    public static bool IsRefusal(Exception e) =>
        e is ConcurrencyConflictException or QueryCodeConflictException or DuplicateReportException or ArgumentException;

    /// <summary>Splits a group's cancelled appends (completed as cancelled here) from the live ones it returns.</summary>
    /// <remarks>Cancellation is read once, before anything is written: a group that shares one token is either all
    /// cancelled or all attempted, never cut in two.</remarks>
    public static List<PendingAppend> TakeLive(List<PendingAppend> group)
    {
        var live = new List<PendingAppend>(group.Count);
        foreach (var append in group)
        {
            if (append.CancellationToken.IsCancellationRequested)
            {
                append.Completion.TrySetCanceled(append.CancellationToken);
            }
            else
            {
                live.Add(append);
            }
        }

        return live;
    }

    /// <summary>Appends a group through the queue: each append is checked and prepared alone, the prepared ones are
    /// submitted together, and each one's outcome is returned in place (null: written).</summary>
    /// <param name="appends">The appends, in order.</param>
    /// <param name="prepare">Prepares a checked append for the store's commit (with the caller's cancellation token).</param>
    /// <returns>Each append's refusal (see <see cref="IsRefusal"/>), or null where it was written.</returns>
    /// <exception cref="ArgumentNullException">One of <paramref name="appends"/> is null.</exception>
    /// <exception cref="OperationCanceledException">The appends' token was cancelled before the group joined a commit.</exception>
    /// <remarks>The store checks <paramref name="appends"/> for null and its token for cancellation first. Any other
    /// failure of the commit (the store's own exception) is thrown as it is.</remarks>
    public ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, Func<CaseAppend, PendingAppend> prepare) =>
        AppendPreparedAsync(Prepare(appends, prepare));

    /// <summary>Checks and prepares a group's appends (the first half of <see cref="AppendGroupAsync"/>), on the calling
    /// thread, for <see cref="AppendPreparedAsync"/> on another.</summary>
    /// <param name="appends">The appends, in order.</param>
    /// <param name="prepare">Prepares a checked append for the store's commit.</param>
    /// <returns>The prepared appends and the refusals of those that did not pass the check.</returns>
    /// <exception cref="ArgumentNullException">One of <paramref name="appends"/> is null.</exception>
    public static PreparedGroup Prepare(IReadOnlyList<CaseAppend> appends, Func<CaseAppend, PendingAppend> prepare)
    {
        var outcomes = new Exception?[appends.Count];
        var pending = new List<PendingAppend>(appends.Count);
        var slots = new List<int>(appends.Count);
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i] ?? throw new ArgumentNullException(nameof(appends), $"Append {i} of the group is null.");
            try
            {
                CaseAppendValidation.Validate(append.ExpectedVersion, append.Events, append.Snapshot);
                pending.Add(prepare(append));
                slots.Add(i);
            }
            catch (ArgumentException e)
            {
                outcomes[i] = e;
            }
        }

        return new PreparedGroup(outcomes, pending, slots);
    }

    /// <summary>Submits a prepared group (the second half of <see cref="AppendGroupAsync"/>) and returns each append's
    /// outcome in place (null: written).</summary>
    /// <param name="group">The group from <see cref="Prepare"/>, submitted once.</param>
    /// <returns>Each append's refusal (see <see cref="IsRefusal"/>), or null where it was written.</returns>
    /// <remarks>Any other failure of the commit (the store's own exception) is thrown as it is.</remarks>
    public async ValueTask<ImmutableArray<Exception?>> AppendPreparedAsync(PreparedGroup group)
    {
        var (outcomes, pending, slots) = (group.Outcomes, group.Pending, group.Slots);
        if (pending.Count > 0)
        {
            await SubmitAsync(pending).ConfigureAwait(false);
            for (var k = 0; k < pending.Count; k++)
            {
                try
                {
                    await pending[k].Completion.Task.ConfigureAwait(false);
                }
                catch (Exception e) when (IsRefusal(e))
                {
                    outcomes[slots[k]] = e;
                }
            }
        }

        return [.. outcomes];
    }

    /// <summary>Queues appends and, when no commit is under way, leads (see the type's remarks).</summary>
    /// <param name="appends">The appends, at least one.</param>
    /// <returns>A task that completes when this caller's lead (if any) ends; each append's own outcome is its
    /// <see cref="PendingAppend.Completion"/>. Completed synchronously when the commit is.</returns>
    public async ValueTask SubmitAsync(List<PendingAppend> appends)
    {
        lock (queueLock)
        {
            queue.AddRange(appends);
            if (leading)
            {
                return;
            }

            leading = true;
        }

        var last = appends[^1].Completion.Task;
        while (Take() is { } group)
        {
            await commit(group).ConfigureAwait(false);
            if (last.IsCompleted)
            {
                lock (queueLock)
                {
                    if (queue.Count == 0)
                    {
                        leading = false;
                        return;
                    }
                }

                _ = Task.Run(DrainAsync);
                return;
            }
        }
    }

    private async Task DrainAsync()
    {
        while (Take() is { } group)
        {
            await commit(group).ConfigureAwait(false);
        }
    }

    /// <summary>Takes up to the group limit of queued appends, or ends the lead (null) when none are queued.</summary>
    private List<PendingAppend>? Take()
    {
        lock (queueLock)
        {
            if (queue.Count == 0)
            {
                leading = false;
                return null;
            }

            var count = Math.Min(queue.Count, maxGroup);
            var group = queue.GetRange(0, count);
            queue.RemoveRange(0, count);
            return group;
        }
    }
}

/// <summary>A group's appends checked and prepared by <see cref="GroupCommitQueue.Prepare"/>, not yet submitted.</summary>
/// <param name="Outcomes">Each append's refusal by the check, in place; the rest are set when the group is written.</param>
/// <param name="Pending">The appends that passed the check, prepared, in order.</param>
/// <param name="Slots">For each of <paramref name="Pending"/>, its place in the group.</param>
internal sealed record PreparedGroup(Exception?[] Outcomes, List<PendingAppend> Pending, List<int> Slots);

/// <summary>One append waiting for its commit, with its own outcome.</summary>
/// <param name="expectedVersion">The version the append was decided on (0 for a new case).</param>
/// <param name="events">The events to write.</param>
/// <param name="parts">Each event's stored parts (body and personal data apart), serialized before queuing.</param>
/// <param name="snapshot">The case after the events.</param>
/// <param name="erase">Whether the append is an erasure that also deletes the case's personal data.</param>
/// <param name="cancellationToken">Cancels the append before its group is committed.</param>
internal sealed class PendingAppend(long expectedVersion, IReadOnlyList<CaseEvent> events, CaseEventParts[] parts, Case snapshot, bool erase, CancellationToken cancellationToken)
{
    public long ExpectedVersion { get; } = expectedVersion;

    public IReadOnlyList<CaseEvent> Events { get; } = events;

    public CaseEventParts[] Parts { get; } = parts;

    public Case Snapshot { get; } = snapshot;

    public bool Erase { get; } = erase;

    public CancellationToken CancellationToken { get; } = cancellationToken;

    public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Gets or sets what the store encoded of the append ahead, on the thread that prepared it (the store's own
    /// form; null when it encodes at the commit).</summary>
    public object? Encoded { get; init; }
}
