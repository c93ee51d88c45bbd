using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.PostgreSql.Internal;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>Group commit: appends that arrive together share one transaction and its round trips, each with its own outcome.</summary>
public sealed partial class PostgreSqlCaseStore : ICaseGroupCommit
{
    /// <summary>The most appends one transaction takes; the rest wait for the next one.</summary>
    private const int MaxGroup = 256;

    /// <summary>How often a group the server chose as a deadlock victim is tried again before its appends fail.</summary>
    private const int DeadlockRetries = 3;

    private GroupCommitQueue? queue;

    /// <inheritdoc />
    /// <remarks>
    /// <para>The group is queued with any concurrent appends of this store (<see cref="AppendAsync"/> calls too) and
    /// committed in one transaction: the rows of the existing cases are locked in one statement, in case-id order (so
    /// groups on different nodes cannot deadlock on them), each append's version is checked against them, and the
    /// accepted appends' rows are written in one batch. A new case's insert and duplicate check run in a savepoint of
    /// their own, so a refused one is rolled back alone. When no commit is under way the first caller commits at once
    /// (a lone append waits for no batch); callers that arrive meanwhile share the next commit. Durable at the server's
    /// <c>synchronous_commit</c> level when the task completes. One group commits at a time per store, on one pooled
    /// connection: a group that waits for a row another node has locked delays the appends queued behind it.</para>
    /// <para>Should the server still pick the group as a deadlock victim (new cases' duplicate keys locked in another
    /// order by another node), nothing of it was written and it is tried again, up to three times.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appends"/> or one of its items is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the group joined a commit; nothing of it was written.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; nothing of the group was written.</exception>
    public async ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        return await Queue.AppendGroupAsync(appends, append => Prepare(append.ExpectedVersion, append.Events, append.Snapshot, cancellationToken)).ConfigureAwait(false);
    }

    private static PendingAppend Prepare(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        var parts = new CaseEventParts[events.Count];
        for (var i = 0; i < parts.Length; i++)
        {
            parts[i] = CaseEventJson.SerializeApart(events[i]);
        }

        return new PendingAppend(expectedVersion, events, parts, snapshot, erase: false, cancellationToken);
    }

    /// <summary>Appends one case's events through the group queue and waits for its own outcome.</summary>
    private async Task AppendOneAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        ThrowIfDisposed();
        var pending = Prepare(expectedVersion, events, snapshot, cancellationToken);
        await SubmitAsync([pending]).ConfigureAwait(false);
        await pending.Completion.Task.ConfigureAwait(false);
    }

    /// <summary>The queue this store's appends share commits through, created on first use (the lambda only then, so
    /// an append allocates nothing for it).</summary>
    private GroupCommitQueue Queue => Volatile.Read(ref queue) ?? LazyInitializer.EnsureInitialized(ref queue, () => new GroupCommitQueue(MaxGroup, CommitGroupAsync));

    /// <summary>Queues appends and, when no commit is under way, leads: commits queued groups until its own appends are
    /// done (so a lone append commits at once), then hands any appends still queued to a thread-pool leader.</summary>
    private ValueTask SubmitAsync(List<PendingAppend> appends) => Queue.SubmitAsync(appends);

    /// <summary>Commits one group in one transaction and completes every append's task with its own outcome.</summary>
    private async ValueTask CommitGroupAsync(List<PendingAppend> group)
    {
        // Cancellation is read once, before anything is written (see GroupCommitQueue.TakeLive). A lone append keeps
        // its token for the server's statements too.
        var live = GroupCommitQueue.TakeLive(group);
        if (live.Count == 0)
        {
            return;
        }

        var token = live.Count == 1 ? live[0].CancellationToken : CancellationToken.None;
        Exception?[] outcomes;
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    outcomes = await RunAsync(PostgreSqlCaseStoreOperation.Append, connection => WriteGroupAsync(connection, live, token), token).ConfigureAwait(false);
                    break;
                }
                catch (PostgreSqlCaseStoreException e) when (attempt < DeadlockRetries && e.InnerException is PostgresException { SqlState: "40P01" })
                {
                    // The server rolled the whole group back; nothing of it was written, so it can be tried again.
                }
            }
        }
        catch (Exception e)
        {
            foreach (var append in live)
            {
                if (e is OperationCanceledException)
                {
                    append.Completion.TrySetCanceled(append.CancellationToken);
                }
                else
                {
                    append.Completion.TrySetException(e);
                }
            }

            return;
        }

        for (var i = 0; i < live.Count; i++)
        {
            if (outcomes[i] is { } refused)
            {
                live[i].Completion.TrySetException(refused);
            }
            else
            {
                live[i].Completion.TrySetResult();
            }
        }
    }

    /// <summary>Writes a group in one transaction on <paramref name="connection"/>: the outcome of each append (null:
    /// written), decided in order; commits when any was accepted. A group of several appends with a new case is first
    /// written at once (<see cref="TryWriteGroupAtOnceAsync"/>); only when the server refuses one of its new cases or
    /// joined codes is it rolled back and written case by case, so each refusal is decided alone.</summary>
    private async Task<Exception?[]> WriteGroupAsync(NpgsqlConnection connection, List<PendingAppend> group, CancellationToken cancellationToken)
    {
        if (group.Count > 1 && group.Exists(a => a.ExpectedVersion == 0)
            && await TryWriteGroupAtOnceAsync(connection, group, cancellationToken).ConfigureAwait(false) is { } written)
        {
            return written;
        }

        return await WriteGroupCaseByCaseAsync(connection, group, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a group whose new cases are expected to be accepted in one round trip after the lock: every
    /// append's rows, and each new case's checks (its code not held by a joined report, its id and code not taken, no
    /// open case for its matter) and each joined code's check, in order, so each check reads the rows of the appends
    /// before it as the case-by-case path does. The checks' row counts are read afterwards: when any refuses, the
    /// transaction is rolled back and null is returned (nothing was written); otherwise it commits.</summary>
    /// <remarks>A stale version is decided before anything is sent, as in the case-by-case path, and is that append's
    /// outcome alone. Refusals the client can see at once (a joined code given twice or equal to the case's own) also
    /// return null, so the case-by-case path decides them.</remarks>
    private async Task<Exception?[]?> TryWriteGroupAtOnceAsync(NpgsqlConnection connection, List<PendingAppend> group, CancellationToken cancellationToken)
    {
        var outcomes = new Exception?[group.Count];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var state = await LockCasesAsync(connection, group, cancellationToken).ConfigureAwait(false);
        var accepted = new List<PendingAppend>(group.Count);

        // The commands whose rows refuse an append: a check that must find none, or an insert that must write one.
        var mustFindNone = new List<NpgsqlBatchCommand>();
        var mustWriteOne = new List<NpgsqlBatchCommand>();

        // The events and personal documents, which no check reads, go in one multi-row insert each at the end.
        var eventRows = new EventRows();
        await using (var batch = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds })
        {
            for (var k = 0; k < group.Count; k++)
            {
                var append = group[k];
                var id = append.Snapshot.Id.Value;
                var (actual, head) = state.TryGetValue(id, out var known) ? known : (0L, null);
                if (append.ExpectedVersion != actual)
                {
                    outcomes[k] = new ConcurrencyConflictException(append.Snapshot.Id, append.ExpectedVersion, actual);
                    continue;
                }

                var codes = JoinedCodes(append.Events);
                if (codes.Length > 0)
                {
                    if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Length
                        || (append.Snapshot.Version == append.Events.Count && Array.IndexOf(codes, append.Snapshot.QueryCodeDigest.ToString()) >= 0))
                    {
                        return null;
                    }

                    var held = BatchCommand(
                        "SELECT 1 FROM fengqiao_cases WHERE query_code = ANY($1) UNION ALL SELECT 1 FROM fengqiao_case_codes WHERE digest = ANY($1) LIMIT 1", (object)codes);
                    batch.BatchCommands.Add(held);
                    mustFindNone.Add(held);
                }

                var links = new byte[append.Events.Count][];
                for (var i = 0; i < links.Length; i++)
                {
                    head = links[i] = chain.Link(head ?? CaseEventChain.Genesis, id, append.Events[i].Version, append.Parts[i].Body);
                }

                var due = append.Snapshot.NextDueAt is { } at ? (object)DueTicks.Of(at) : DBNull.Value;
                if (append.ExpectedVersion == 0)
                {
                    var snapshot = append.Snapshot;
                    var codeHeld = BatchCommand("SELECT 1 FROM fengqiao_case_codes WHERE digest = $1 LIMIT 1", snapshot.QueryCodeDigest.ToString());
                    var insert = BatchCommand(
                        "INSERT INTO fengqiao_cases (id, version, query_code, next_due, head) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                        id, snapshot.Version, snapshot.QueryCodeDigest.ToString(), due, head!);
                    batch.BatchCommands.Add(codeHeld);
                    batch.BatchCommands.Add(insert);
                    mustFindNone.Add(codeHeld);
                    mustWriteOne.Add(insert);
                    var checks = batch.BatchCommands.Count;
                    var locks = AddDuplicateCheck(batch, snapshot);
                    for (var c = checks + locks; c < batch.BatchCommands.Count; c++)
                    {
                        mustFindNone.Add(batch.BatchCommands[c]);
                    }
                }
                else
                {
                    batch.BatchCommands.Add(BatchCommand(
                        "UPDATE fengqiao_cases SET version = $2, next_due = $3, head = $4, claimed_by = NULL, claimed_until = NULL WHERE id = $1",
                        id, append.Snapshot.Version, due, head!));
                }

                AddRows(batch, id, append.Events, append.Parts, links, append.Snapshot, isNew: append.ExpectedVersion == 0, erase: false, eventRows);
                state[id] = (append.Snapshot.Version, head);
                accepted.Add(append);
            }

            if (accepted.Count == 0)
            {
                await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                return outcomes;
            }

            eventRows.AddTo(batch);
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        if (mustFindNone.Exists(c => c.Rows != 0) || mustWriteOne.Exists(c => c.Rows != 1))
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }

        await CommitAndCacheAsync(transaction, accepted, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>Writes a group in one transaction, each new case in a savepoint of its own with its checks read before
    /// the next append is sent: the outcome of each append (null: written), decided in order; commits when any was
    /// accepted.</summary>
    private async Task<Exception?[]> WriteGroupCaseByCaseAsync(NpgsqlConnection connection, List<PendingAppend> group, CancellationToken cancellationToken)
    {
        var outcomes = new Exception?[group.Count];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // The existing cases' rows, locked in id order; then each append is checked against the versions and heads as
        // the appends before it in the group leave them.
        var state = await LockCasesAsync(connection, group, cancellationToken).ConfigureAwait(false);
        var several = group.Count > 1;
        var accepted = new List<PendingAppend>(group.Count);
        var batch = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds };

        // A new case's savepoint is released with the next rows sent, not on a round trip of its own (the commit
        // releases one still open).
        var release = false;
        try
        {
            for (var k = 0; k < group.Count; k++)
            {
                var append = group[k];
                var id = append.Snapshot.Id.Value;
                if (release)
                {
                    batch.BatchCommands.Add(new NpgsqlBatchCommand("RELEASE SAVEPOINT new_case"));
                    release = false;
                }

                try
                {
                    var (actual, head) = state.TryGetValue(id, out var known) ? known : (0L, null);
                    CaseAppendValidation.ThrowIfConflict(append.Snapshot.Id, append.ExpectedVersion, actual);
                    if (HasJoinedCodes(append.Events))
                    {
                        // The check reads the code rows the earlier appends of the group write: send those first.
                        batch = await FlushAsync(batch, connection, transaction, cancellationToken).ConfigureAwait(false);
                        await CheckJoinedCodesAsync(connection, append.Snapshot, append.Events, cancellationToken).ConfigureAwait(false);
                    }

                    var links = new byte[append.Events.Count][];
                    for (var i = 0; i < links.Length; i++)
                    {
                        head = links[i] = chain.Link(head ?? CaseEventChain.Genesis, id, append.Events[i].Version, append.Parts[i].Body);
                    }

                    var due = append.Snapshot.NextDueAt is { } at ? (object)DueTicks.Of(at) : DBNull.Value;
                    if (append.ExpectedVersion == 0)
                    {
                        // A new case's checks read the rows the earlier appends of the group write: they go first, in
                        // the same round trip.
                        release = several;
                        var sent = batch;
                        batch = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds };
                        await using (sent.ConfigureAwait(false))
                        {
                            await InsertNewCaseAsync(sent, connection, transaction, append, due, head!, several, cancellationToken).ConfigureAwait(false);
                        }
                    }
                    else
                    {
                        batch.BatchCommands.Add(BatchCommand(
                            "UPDATE fengqiao_cases SET version = $2, next_due = $3, head = $4, claimed_by = NULL, claimed_until = NULL WHERE id = $1",
                            id, append.Snapshot.Version, due, head!));
                    }

                    AddRows(batch, id, append.Events, append.Parts, links, append.Snapshot, isNew: append.ExpectedVersion == 0, erase: false);
                    state[id] = (append.Snapshot.Version, head);
                    accepted.Add(append);
                }
                catch (Exception e) when (GroupCommitQueue.IsRefusal(e))
                {
                    outcomes[k] = e;
                }
            }

            await FlushAsync(batch, connection, transaction, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            await batch.DisposeAsync().ConfigureAwait(false);
        }

        if (accepted.Count == 0)
        {
            await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
            return outcomes;
        }

        await CommitAndCacheAsync(transaction, accepted, cancellationToken).ConfigureAwait(false);
        return outcomes;
    }

    /// <summary>Commits the group's transaction, then caches the snapshots of the appends it wrote (only after the commit,
    /// so a case whose append was rolled back is never cached at a version the database does not hold).</summary>
    private async Task CommitAndCacheAsync(NpgsqlTransaction transaction, List<PendingAppend> accepted, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        foreach (var append in accepted)
        {
            cache.Put(append.Snapshot);
        }
    }

    /// <summary>Locks the rows of the group's existing cases in id order and reads their versions and heads.</summary>
    private async Task<Dictionary<string, (long Version, byte[]? Head)>> LockCasesAsync(NpgsqlConnection connection, List<PendingAppend> group, CancellationToken cancellationToken)
    {
        var state = new Dictionary<string, (long Version, byte[]? Head)>(StringComparer.Ordinal);
        var ids = group.Where(a => a.ExpectedVersion > 0).Select(a => a.Snapshot.Id.Value).Distinct(StringComparer.Ordinal).ToArray();
        if (ids.Length == 0)
        {
            return state;
        }

        await using var command = ids.Length == 1
            ? Command(connection, "SELECT id, version, head FROM fengqiao_cases WHERE id = $1 FOR UPDATE", ids[0])
            : Command(connection, "SELECT id, version, head FROM fengqiao_cases WHERE id = ANY($1) ORDER BY id COLLATE \"C\" FOR UPDATE", (object)ids);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            state[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
        }

        return state;
    }

    /// <summary>Inserts a new case's row and checks it for a duplicate, in one round trip with the rows already batched
    /// (<paramref name="batch"/>, sent first); in a group, inside a savepoint that a refusal rolls back. The case's own
    /// rows go in the next batch, so a refused case writes none.</summary>
    private async Task InsertNewCaseAsync(NpgsqlBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, PendingAppend append, object due, byte[] head, bool savepoint, CancellationToken cancellationToken)
    {
        var snapshot = append.Snapshot;
        if (savepoint)
        {
            batch.BatchCommands.Add(new NpgsqlBatchCommand("SAVEPOINT new_case"));
        }

        // A joined report may hold the new case's code (the case index's unique key sees only the cases' own codes):
        // asked in the same round trip, after the rows batched before it (which may add joined codes).
        batch.BatchCommands.Add(BatchCommand("SELECT 1 AS code_held FROM fengqiao_case_codes WHERE digest = $1 LIMIT 1", snapshot.QueryCodeDigest.ToString()));
        batch.BatchCommands.Add(BatchCommand(
            "INSERT INTO fengqiao_cases (id, version, query_code, next_due, head) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING 1 AS inserted",
            snapshot.Id.Value, snapshot.Version, snapshot.QueryCodeDigest.ToString(), due, head));
        AddDuplicateCheck(batch, snapshot);
        var inserted = false;
        string? duplicate = null;
        var findsAnswered = false;
        var codeHeld = false;
        try
        {
            await using (var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                // Only the insert's RETURNING, the advisory locks and the look-ups return rows; the look-ups come in key
                // order and the first that finds a case answers.
                do
                {
                    if (reader.FieldCount == 0)
                    {
                        continue;
                    }

                    var column = reader.GetName(0);
                    var row = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                    if (column == "inserted")
                    {
                        inserted = row;
                    }
                    else if (column == "code_held")
                    {
                        codeHeld = row;
                    }
                    else if (column == "case_id" && !findsAnswered && row)
                    {
                        duplicate = reader.GetString(0);
                        findsAnswered = true;
                    }
                }
                while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false));
            }

            if (codeHeld)
            {
                // Never re-point a query code: a joined report's reporter holds it. The savepoint (or, alone, the
                // transaction) takes back the row just inserted.
                throw new QueryCodeConflictException(snapshot.Id);
            }

            if (!inserted)
            {
                // Read again after the insert waited out any concurrent writer: the row is committed by now.
                await using var stored = Command(connection, "SELECT version FROM fengqiao_cases WHERE id = $1", snapshot.Id.Value);
                var version = await stored.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long v ? v : 0L;
                if (version == 0)
                {
                    // Never re-point a query code: it is another citizen's key to their case.
                    throw new QueryCodeConflictException(snapshot.Id);
                }

                CaseAppendValidation.ThrowIfConflict(snapshot.Id, 0, version);
            }

            // After the id and query-code checks, so those refusals keep their own exceptions.
            if (duplicate is not null)
            {
                throw new DuplicateReportException(snapshot.Id, new CaseId(duplicate));
            }
        }
        catch (Exception e) when (savepoint && GroupCommitQueue.IsRefusal(e))
        {
            await transaction.RollbackAsync("new_case", cancellationToken).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Sends the batched rows, if any, and returns an empty batch for the rest.</summary>
    private async Task<NpgsqlBatch> FlushAsync(NpgsqlBatch batch, NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        if (batch.BatchCommands.Count == 0)
        {
            return batch;
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await batch.DisposeAsync().ConfigureAwait(false);
        return new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds };
    }
}
