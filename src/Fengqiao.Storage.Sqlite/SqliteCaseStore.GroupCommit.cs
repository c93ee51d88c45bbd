using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.Sqlite.Internal;
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
    /// <para>The group is queued with any concurrent appends and committed in one immediate transaction. Each append is
    /// checked (its stored version; a new case's query code and duplicates) before any of its rows is written, so a
    /// refused one writes nothing and the rest of the group is written without savepoints; an append that failed
    /// half-written would send the group back to one savepoint per append, so it alone is rolled back. Durable at the file's synchronous level
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

    /// <summary>Checks a group's appends and encodes them for the file (event and snapshot JSON, compressed) on the calling
    /// thread, so that <see cref="AppendPreparedAsync"/> on another thread only writes them: a pipelined writer (the
    /// simulation's) then shares the work with the thread that hands it the groups.</summary>
    /// <param name="appends">The appends, in order.</param>
    /// <returns>The prepared group, to be appended once.</returns>
    /// <remarks>Encodes what <see cref="AppendGroupAsync"/> would encode at the commit, the same bytes (the snapshot is
    /// encoded when the append's expected version says one is due; the commit encodes it itself should the stored version
    /// differ, which refuses the append anyway). Thread-safe: it reads nothing of the store's file.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appends"/> or one of its items is null.</exception>
    internal SqlitePreparedGroup PrepareGroup(IReadOnlyList<CaseAppend> appends)
    {
        ArgumentNullException.ThrowIfNull(appends);
        return new SqlitePreparedGroup(GroupCommitQueue.Prepare(appends, append => Prepare(append.ExpectedVersion, append.Events, append.Snapshot, erase: false, CancellationToken.None, encodeAhead: true)));
    }

    /// <summary>Appends a group prepared by <see cref="PrepareGroup"/>, as <see cref="AppendGroupAsync"/> does.</summary>
    /// <param name="group">The prepared group (appended once).</param>
    /// <param name="cancellationToken">Cancels before the group joins a commit.</param>
    /// <returns>Each append's refusal, or null where it was written (see <see cref="AppendGroupAsync"/>).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="group"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the group joined a commit.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed; nothing of the group was written.</exception>
    internal ValueTask<ImmutableArray<Exception?>> AppendPreparedAsync(SqlitePreparedGroup group, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(group);
        cancellationToken.ThrowIfCancellationRequested();
        return Queue.AppendPreparedAsync(group.Group);
    }

    private PendingAppend Prepare(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, bool erase, CancellationToken cancellationToken, bool encodeAhead = false)
    {
        var parts = new CaseEventParts[events.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            // The row form: the case id and version are the row's key columns, and the chain's link covers them.
            parts[i] = CaseEventJson.SerializeApart(events[i], CaseEventJson.RowFormatVersion);
        }

        return new PendingAppend(expectedVersion, events, parts, snapshot, erase, cancellationToken)
        {
            Encoded = encodeAhead && compressBodies ? EncodedAppend.Of(parts, snapshot, SnapshotDue(erase, expectedVersion, snapshot.Version)) : null,
        };
    }

    /// <summary>Whether an append from <paramref name="stored"/> to <paramref name="version"/> writes the case's snapshot
    /// (unless the next append of its case in the group writes it): an erasure always does; else a new case, every
    /// append at interval 1, and an append that crosses a multiple of the interval.</summary>
    private bool SnapshotDue(bool erase, long stored, long version) =>
        erase || (snapshotInterval > 0 && (stored == 0 || snapshotInterval == 1 || version / snapshotInterval != stored / snapshotInterval));

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

    /// <summary>Commits one group in one transaction; completes every append's task.</summary>
    /// <remarks>
    /// <para>Each append is checked (<see cref="CheckLocked"/>: its stored version, a new case's query code and
    /// duplicates) before any of its rows is written, and every refusal is thrown by that check, so a refused append
    /// has written nothing and the group goes on without savepoints. An append followed in the group by another append of
    /// its case leaves its snapshot and listing row to the next one written (they are written once, as the last written
    /// one leaves them; see <see cref="TryWriteWithoutSavepoints"/>). Should an append fail after some of its rows were
    /// written (nothing known does: a fault), the whole transaction is rolled back and the group written again with one
    /// savepoint per append, so that append is rolled back alone — correctness first.</para>
    /// </remarks>
    /// <returns>A completed task: the commit is synchronous.</returns>
    private ValueTask CommitGroup(List<PendingAppend> group)
    {
        List<PendingAppend>? live = null;
        Exception?[] refusals = [];
        var committed = false;
        gate.Wait();
        try
        {
            ThrowIfDisposed();
            // Cancellation is read once, inside the gate, before anything is written (see GroupCommitQueue.TakeLive).
            live = GroupCommitQueue.TakeLive(group);
            if (live.Count == 0)
            {
                return default;
            }

            // The transaction's statements are prepared once (WriteTransaction); the commands run without a driver transaction.
            refusals = new Exception?[live.Count];
            writeTransaction.Begin();
            if (!TryWriteWithoutSavepoints(live, refusals))
            {
                writeTransaction.RollbackIfOpen();
                SavepointGroups++;
                Array.Clear(refusals);
                writeTransaction.Begin();
                WriteWithSavepoints(live, refusals);
            }

            if (Array.TrueForAll(refusals, r => r is not null))
            {
                writeTransaction.RollbackIfOpen();
            }
            else
            {
                WhileCommitting?.Invoke();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                writeTransaction.Commit();
                CommitTicks += System.Diagnostics.Stopwatch.GetTimestamp() - started;
                Commits++;
                committed = true;
                for (var i = 0; i < live.Count; i++)
                {
                    if (refusals[i] is null)
                    {
                        cache.Put(live[i].Snapshot);
                    }
                }
            }
        }
        catch (Exception e)
        {
            RollBackAfter(e);
            var failure = e is SqliteException sqlite ? Failure(DataSource, SqliteCaseStoreOperation.Append, sqlite, busyTimeout) : e;
            // An append refused on its own is told its refusal; every other one the group's failure.
            for (var i = 0; i < refusals.Length; i++)
            {
                if (refusals[i] is { } own)
                {
                    live![i].Completion.TrySetException(own);
                }
            }

            foreach (var append in group)
            {
                append.Completion.TrySetException(failure);
            }

            return default;
        }
        finally
        {
            gate.Release();
        }

        for (var i = 0; i < live.Count; i++)
        {
            if (refusals[i] is { } refused)
            {
                live[i].Completion.TrySetException(refused);
            }
            else if (committed)
            {
                live[i].Completion.TrySetResult();
            }
        }

        return default;
    }

    /// <summary>Gets how many group transactions were committed, for tests and benchmarks (how many commits a sweep makes).</summary>
    internal long Commits { get; private set; }

    /// <summary>Gets the <see cref="System.Diagnostics.Stopwatch"/> ticks spent in the groups' <c>COMMIT</c> statements
    /// (the WAL's flush, and a checkpoint when one is due), for benchmarks.</summary>
    internal long CommitTicks { get; private set; }

    /// <summary>Gets how many groups were written again with a savepoint per append (see <see cref="CommitGroup"/>), for tests.</summary>
    internal int SavepointGroups { get; private set; }

    /// <summary>Gets how many appends left their snapshot and listing row to the next append of their case in the group
    /// (written once, by it), for tests and benchmarks.</summary>
    internal long LeftToTheNextAppend { get; private set; }

    /// <summary>Gets or sets what runs in an append's write after its event rows and before its case row, for tests that
    /// make an append fail half-written.</summary>
    internal Action<CaseId>? WhileWriting { get; set; }

    /// <summary>Writes the group with no savepoints: each append is checked, then written; a refused one (it wrote
    /// nothing) gets its refusal in <paramref name="refusals"/>.</summary>
    /// <remarks>An append of a case that the group appends to again leaves its snapshot and listing row (<see cref="Deferred"/>)
    /// to the next append of the case that is written; the rows still left when the group is written (the later append was
    /// refused) are written at the end, as that append left them. So a case appended to several times in a group is
    /// encoded, compressed and written once, at its last written version, whatever a later append's outcome.</remarks>
    /// <returns>False when an append failed with a refusal after some of its rows were written: the transaction must be
    /// rolled back and the group written with savepoints.</returns>
    private bool TryWriteWithoutSavepoints(List<PendingAppend> live, Exception?[] refusals)
    {
        var written = live.Count > 1 ? new Dictionary<CaseId, Case?>() : null;
        var again = live.Count > 1 ? AppendedAgain(live) : null;
        var deferred = again is not null ? new Dictionary<CaseId, Deferred>() : null;
        for (var i = 0; i < live.Count; i++)
        {
            CheckedAppend state;
            try
            {
                state = CheckLocked(null, live[i]);
            }
            catch (Exception e) when (GroupCommitQueue.IsRefusal(e))
            {
                refusals[i] = e;
                continue;
            }

            try
            {
                WriteCheckedLocked(null, live[i], state, written, deferred, again?[i] ?? false);
            }
            catch (Exception e) when (GroupCommitQueue.IsRefusal(e))
            {
                return false;
            }
        }

        if (deferred is { Count: > 0 })
        {
            // Left to a later append of the case that was refused: written now, as the last written append left them.
            foreach (var (id, left) in deferred)
            {
                WriteSnapshotAndListingLocked(left.Snapshot, left.Link, left.OwesSnapshot, left.Ahead, written![id], written);
            }
        }

        return true;
    }

    /// <summary>For each append of a group, whether a later append of the group is to the same case (it may continue
    /// from this one, or be refused: see <see cref="Deferred"/>).</summary>
    private static bool[] AppendedAgain(List<PendingAppend> live)
    {
        var again = new bool[live.Count];
        var later = new HashSet<CaseId>();
        for (var i = live.Count - 1; i >= 0; i--)
        {
            again[i] = !later.Add(live[i].Snapshot.Id);
        }

        return again;
    }

    /// <summary>What a written append left to the next append of its case in the group: the case after it, the chain
    /// link of its last event (the seal of a snapshot at its version) and whether a snapshot is owed (its own rule, or
    /// an earlier append's left to it). The next written append of the case takes it over (and writes the later
    /// version's snapshot if either owes one); if none is written, the group writes it before its commit. The snapshot
    /// encoded ahead of the writer, if any, goes with it.</summary>
    private readonly record struct Deferred(Case Snapshot, byte[]? Link, bool OwesSnapshot, EncodedSnapshot? Ahead);

    /// <summary>Writes the group with one savepoint per append, so an append that fails half-written is rolled back alone.</summary>
    private void WriteWithSavepoints(List<PendingAppend> live, Exception?[] refusals)
    {
        var written = new Dictionary<CaseId, Case?>();
        for (var i = 0; i < live.Count; i++)
        {
            writeTransaction.Save();
            try
            {
                WriteLocked(null, live[i], written);
                writeTransaction.Release();
            }
            catch (Exception e) when (GroupCommitQueue.IsRefusal(e))
            {
                // Its snapshot never joined `written`, so the listing rows of its case are judged from the one before.
                writeTransaction.Undo();
                refusals[i] = e;
            }
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
}
