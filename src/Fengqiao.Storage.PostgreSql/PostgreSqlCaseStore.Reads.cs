using System.Data;
using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>The batched read path: a sweep's due cases in a few statements rather than three round trips a case.</summary>
public sealed partial class PostgreSqlCaseStore : ICaseBatchLoad
{
    // The case rows and, for each case this store does not hold at its stored version (w.held, 0 for none), its snapshot.
    private const string StatesSql = "SELECT c.id, c.version, c.head, " + SnapshotColumns
        + " FROM unnest($1::text[], $2::bigint[]) AS w(id, held) JOIN fengqiao_cases c ON c.id = w.id LEFT JOIN fengqiao_snapshots s ON s.case_id = c.id AND c.version <> w.held";
    private const string EventsOfSql = "SELECT case_id, version, body, link FROM fengqiao_events WHERE case_id = ANY($1) ORDER BY case_id, version";
    private const string PersonalOfSql = "SELECT case_id, version, data FROM fengqiao_personal WHERE case_id = ANY($1)";

    /// <inheritdoc />
    /// <remarks>
    /// <para>At most three statements for the whole batch, whatever its size, on one pooled connection and in one
    /// <c>REPEATABLE READ</c> transaction (so every case is read from the same committed state of the database, and
    /// never waits for a writer): the case rows with the snapshots of the cases the snapshot cache does not hold at
    /// their stored version; then, in one round trip and only when some case needs them, the events and personal rows
    /// of the cases whose snapshot is older than the case (from the snapshot's version on) or cannot stand for it (none,
    /// another format or calendar: all their events). Each case is checked as <see cref="LoadAsync"/> checks it (the
    /// snapshot's seal and the events after it, or the whole chain, with
    /// <see cref="PostgreSqlCaseStoreOptions.VerifyChainOnLoad"/> on), folded and cached.</para>
    /// <para>An empty list makes no round trip. An id given twice is read once and returned twice.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    /// <exception cref="PostgreSqlCaseStoreTamperException">A case's events fail their hash chain, or its personal data
    /// does not match the digests in its events (the message names the case and version); no case of the batch is returned.</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            ThrowIfDisposed();
            return [];
        }

        return await RunAsync(PostgreSqlCaseStoreOperation.Load, connection => LoadBatchAsync(connection, ids, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<Case?>> LoadBatchAsync(NpgsqlConnection connection, IReadOnlyList<CaseId> ids, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
        var distinct = ids.Select(id => id.Value).Distinct(StringComparer.Ordinal).ToArray();
        var held = Array.ConvertAll(distinct, id => cache.HeldVersion(new CaseId(id)));
        var states = new Dictionary<string, (long Version, byte[]? Head, StoredSnapshot? Snapshot)>(StringComparer.Ordinal);
        await using (var command = Command(connection, StatesSql, distinct, held))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2), StoredSnapshot.Read(reader, 3));
            }
        }

        var folded = new Dictionary<string, Case>(StringComparer.Ordinal);
        var withEvents = new List<string>();
        foreach (var (id, state) in states)
        {
            var caseId = new CaseId(id);
            if (cache.TryGet(caseId, state.Version, out var cached))
            {
                folded[id] = cached;
            }
            else if (state.Snapshot is { } s && IsCurrent(s, state.Version) && s.Version == state.Version
                && await FromSnapshotAsync(caseId, (state.Version, state.Head), s, NoTail, PostgreSqlCaseStoreOperation.Load, cancellationToken).ConfigureAwait(false) is { } c)
            {
                folded[id] = c;
                cache.Put(c);
            }
            else
            {
                withEvents.Add(id);
            }
        }

        if (withEvents.Count > 0)
        {
            var (stored, personal) = await ReadStoredAsync(connection, [.. withEvents], cancellationToken).ConfigureAwait(false);
            foreach (var id in withEvents)
            {
                var (version, head, snapshot) = states[id];
                var caseId = new CaseId(id);
                var ofCase = personal.GetValueOrDefault(id) ?? new Personal([]);

                // The transaction's snapshot holds no event past the version its case row gives; the filter keeps the
                // fold at exactly that version should a row ever say otherwise (the chain check then names it).
                var events = stored.GetValueOrDefault(id) is { } all ? all.FindAll(e => e.Version <= version) : [];
                var c = await FromSnapshotAsync(caseId, (version, head), snapshot,
                            (from, _) => Task.FromResult((events.FindAll(e => e.Version >= from), ofCase)), PostgreSqlCaseStoreOperation.Load, cancellationToken).ConfigureAwait(false)
                    ?? Case.Replay(Decode(caseId, events, ofCase, version, head, PostgreSqlCaseStoreOperation.Load), calendar);
                folded[id] = c;
                cache.Put(c);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        var result = new Case?[ids.Count];
        for (var i = 0; i < ids.Count; i++)
        {
            result[i] = folded.GetValueOrDefault(ids[i].Value);
        }

        return result;
    }

    /// <summary>A tail reader for a snapshot at the case's version: never called (no event is after it).</summary>
    private static Task<(List<StoredCaseEvent> Events, Personal Personal)> NoTail(long from, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("A snapshot at the case's version has no events after it to read.");

    /// <summary>The events (by case, oldest first) and personal rows of several cases, in one round trip.</summary>
    private async Task<(Dictionary<string, List<StoredCaseEvent>> Events, Dictionary<string, Personal> Personal)> ReadStoredAsync(
        NpgsqlConnection connection, string[] ids, CancellationToken cancellationToken)
    {
        await using var batch = new NpgsqlBatch(connection) { Timeout = commandTimeoutSeconds };
        batch.BatchCommands.Add(BatchCommand(EventsOfSql, (object)ids));
        batch.BatchCommands.Add(BatchCommand(PersonalOfSql, (object)ids));
        var events = new Dictionary<string, List<StoredCaseEvent>>(StringComparer.Ordinal);
        var personal = new Dictionary<string, Personal>(StringComparer.Ordinal);
        await using var reader = await batch.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            if (!events.TryGetValue(id, out var list))
            {
                events[id] = list = [];
            }

            list.Add(new StoredCaseEvent(reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3)));
        }

        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var id = reader.GetString(0);
            if (!personal.TryGetValue(id, out var one))
            {
                personal[id] = one = new Personal([]);
            }

            one.Data[reader.GetInt64(1)] = reader.IsDBNull(2) ? null : reader.GetString(2);
        }

        return (events, personal);
    }
}
