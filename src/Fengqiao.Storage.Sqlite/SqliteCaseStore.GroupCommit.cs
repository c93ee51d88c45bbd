using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Internal;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite;

/// <summary>Group commit: appends that arrive together share one transaction, each with its own outcome.</summary>
public sealed partial class SqliteCaseStore : ICaseGroupCommit
{
    /// <summary>The most appends one transaction takes; the rest wait for the next one.</summary>
    private const int MaxGroup = 512;

    private GroupCommitQueue? queue;

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
        return await Queue.AppendGroupAsync(appends, append => Prepare(append.ExpectedVersion, append.Events, append.Snapshot, erase: false, cancellationToken)).ConfigureAwait(false);
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

    /// <summary>The queue this store's appends share commits through, created on first use (the lambda only then, so
    /// an append allocates nothing for it).</summary>
    private GroupCommitQueue Queue => Volatile.Read(ref queue) ?? LazyInitializer.EnsureInitialized(ref queue, () => new GroupCommitQueue(MaxGroup, CommitGroup));

    /// <summary>Queues appends and, when no commit is under way, leads: commits queued groups on this thread until its
    /// own appends are done (a lone append therefore commits at once, waiting for no batch), then hands any appends
    /// still queued to a thread-pool leader.</summary>
    /// <remarks>The commit is synchronous, so the lead ends before this returns.</remarks>
    private void Submit(List<PendingAppend> appends)
    {
        var lead = Queue.SubmitAsync(appends);
        if (!lead.IsCompletedSuccessfully)
        {
            // Only a failure before any append's outcome was set (the store's gate disposed) gets here.
            lead.AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>Commits one group in one transaction, each append in its own savepoint; completes every append's task.</summary>
    /// <returns>A completed task: the commit is synchronous.</returns>
    private ValueTask CommitGroup(List<PendingAppend> group)
    {
        var accepted = new List<PendingAppend>(group.Count);
        gate.Wait();
        try
        {
            ThrowIfDisposed();
            // Cancellation is read once, inside the gate, before anything is written (see GroupCommitQueue.TakeLive).
            var live = GroupCommitQueue.TakeLive(group);
            if (live.Count == 0)
            {
                return default;
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
                catch (Exception e) when (GroupCommitQueue.IsRefusal(e))
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
                return default;
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

        return default;
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
}
