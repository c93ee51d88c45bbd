using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite;

/// <summary>Group commit: appends that arrive together share one transaction, each with its own outcome.</summary>
public sealed partial class SqliteCaseStore : ICaseGroupCommit
{
    /// <summary>The most appends one transaction takes; the rest wait for the next one.</summary>
    private const int MaxGroup = 512;

    private readonly object queueLock = new();
    private readonly List<PendingAppend> queue = [];
    private bool leading;

    /// <summary>Gets or sets what runs inside a group's transaction just before it commits, for tests that hold a
    /// writer's transaction open.</summary>
    internal Action? WhileCommitting { get; set; }

    /// <inheritdoc />
    /// <remarks>
    /// <para>The group is queued with any concurrent appends and committed in one immediate transaction; each append runs
    /// in its own savepoint, so a refused one is rolled back alone. Durable at the file's synchronous level
    /// (<see cref="SqliteCaseStoreOptions.FlushEachAppend"/>) when the task completes.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appends"/> or one of its items is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the group joined a commit.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, full, read-only, locked past the busy timeout); nothing of the group was written.</exception>
    public async ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        cancellationToken.ThrowIfCancellationRequested();
        var outcomes = new Exception?[appends.Count];
        var pending = new List<PendingAppend>(appends.Count);
        var slots = new List<int>(appends.Count);
        for (var i = 0; i < appends.Count; i++)
        {
            var append = appends[i] ?? throw new ArgumentNullException(nameof(appends), $"Append {i} of the group is null.");
            try
            {
                CaseAppendValidation.Validate(append.ExpectedVersion, append.Events, append.Snapshot);
                pending.Add(Prepare(append.ExpectedVersion, append.Events, append.Snapshot, erase: false, cancellationToken));
                slots.Add(i);
            }
            catch (ArgumentException e)
            {
                outcomes[i] = e;
            }
        }

        if (pending.Count > 0)
        {
            Submit(pending);
            for (var k = 0; k < pending.Count; k++)
            {
                try
                {
                    await pending[k].Completion.Task.ConfigureAwait(false);
                }
                catch (Exception e) when (e is ConcurrencyConflictException or QueryCodeConflictException or DuplicateReportException or ArgumentException)
                {
                    outcomes[slots[k]] = e;
                }
            }
        }

        return [.. outcomes];
    }

    private static PendingAppend Prepare(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, bool erase, CancellationToken cancellationToken)
    {
        var parts = new CaseEventParts[events.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            // The row form: the case id and version are the row's key columns, and the chain's link covers them.
            parts[i] = CaseEventJson.SerializeApart(events[i], CaseEventJson.RowFormatVersion);
        }

        return new PendingAppend(expectedVersion, events, parts, snapshot, erase, cancellationToken);
    }

    /// <summary>Queues appends and, when no commit is under way, leads: commits queued groups on this thread until its
    /// own appends are done (a lone append therefore commits at once, waiting for no batch), then hands any appends
    /// still queued to a thread-pool leader.</summary>
    private void Submit(List<PendingAppend> appends)
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
        while (true)
        {
            var group = Take();
            if (group is null)
            {
                return;
            }

            CommitGroup(group);
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

                _ = Task.Run(Drain);
                return;
            }
        }
    }

    private void Drain()
    {
        while (Take() is { } group)
        {
            CommitGroup(group);
        }
    }

    /// <summary>Takes up to <see cref="MaxGroup"/> queued appends, or ends the lead (null) when none are queued.</summary>
    private List<PendingAppend>? Take()
    {
        lock (queueLock)
        {
            if (queue.Count == 0)
            {
                leading = false;
                return null;
            }

            var count = Math.Min(queue.Count, MaxGroup);
            var group = queue.GetRange(0, count);
            queue.RemoveRange(0, count);
            return group;
        }
    }

    /// <summary>Commits one group in one transaction, each append in its own savepoint; completes every append's task.</summary>
    private void CommitGroup(List<PendingAppend> group)
    {
        var accepted = new List<PendingAppend>(group.Count);
        gate.Wait();
        try
        {
            ThrowIfDisposed();
            // Cancellation is read once, before anything is written: a group that shares one token is either all
            // cancelled or all attempted, never cut in two.
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

            if (live.Count == 0)
            {
                return;
            }

            // The transaction's statements are prepared once (WriteTransaction); the commands run without a driver transaction.
            writeTransaction.Begin();
            var several = live.Count > 1;
            foreach (var append in live)
            {
                if (several)
                {
                    writeTransaction.Save();
                }

                try
                {
                    WriteLocked(null, append);
                    if (several)
                    {
                        writeTransaction.Release();
                    }

                    accepted.Add(append);
                }
                catch (Exception e) when (e is ConcurrencyConflictException or QueryCodeConflictException or DuplicateReportException or ArgumentException)
                {
                    if (several)
                    {
                        writeTransaction.Undo();
                    }

                    append.Completion.TrySetException(e);
                }
            }

            if (accepted.Count == 0)
            {
                writeTransaction.RollbackIfOpen();
                return;
            }

            WhileCommitting?.Invoke();
            writeTransaction.Commit();
            foreach (var append in accepted)
            {
                cache.Put(append.Snapshot);
            }
        }
        catch (Exception e)
        {
            RollBackAfter(e);
            var failure = e is SqliteException sqlite ? Failure(DataSource, SqliteCaseStoreOperation.Append, sqlite, busyTimeout) : e;
            foreach (var append in group)
            {
                append.Completion.TrySetException(failure);
            }

            accepted.Clear();
        }
        finally
        {
            gate.Release();
        }

        foreach (var append in accepted)
        {
            append.Completion.TrySetResult();
        }
    }

    /// <summary>Ends the group's transaction after a failure, so the connection is left with none open (as disposing the
    /// driver's transaction did); a failure of the rollback itself is not allowed to hide the first one.</summary>
    private void RollBackAfter(Exception failure)
    {
        if (disposed)
        {
            return;
        }

        try
        {
            writeTransaction.RollbackIfOpen();
        }
        catch (SqliteException second)
        {
            // Every append of the group is told the first failure; the second is kept beside it.
            failure.Data["Fengqiao.RollbackFailure"] = second.Message;
        }
    }

    /// <summary>One append waiting for its commit, with its own outcome.</summary>
    private sealed class PendingAppend(long expectedVersion, IReadOnlyList<CaseEvent> events, CaseEventParts[] parts, Case snapshot, bool erase, CancellationToken cancellationToken)
    {
        public long ExpectedVersion { get; } = expectedVersion;

        public IReadOnlyList<CaseEvent> Events { get; } = events;

        public CaseEventParts[] Parts { get; } = parts;

        public Case Snapshot { get; } = snapshot;

        public bool Erase { get; } = erase;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
