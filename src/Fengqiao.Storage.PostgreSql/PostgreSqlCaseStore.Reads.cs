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
    private const string StatesSql = "SELECT id, version, head FROM fengqiao_cases WHERE id = ANY($1)";
    private const string EventsOfSql = "SELECT case_id, version, body, link FROM fengqiao_events WHERE case_id = ANY($1) ORDER BY case_id, version";
    private const string PersonalOfSql = "SELECT case_id, version, data FROM fengqiao_personal WHERE case_id = ANY($1)";

    /// <inheritdoc />
    /// <remarks>
    /// <para>At most three statements for the whole batch, whatever its size, on one pooled connection and in one
    /// read-only <c>REPEATABLE READ</c> transaction (so every case is read from the same committed state of the
    /// database, and never waits for a writer): the case rows (<c>id = ANY(…)</c>), then, in one round trip, the events
    /// and the personal rows of the cases the snapshot cache does not hold at their stored version. Each of those is
    /// checked against its hash chain (with <see cref="PostgreSqlCaseStoreOptions.VerifyChainOnLoad"/> on), replayed as
    /// <see cref="LoadAsync"/> would and cached.</para>
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
        var states = new Dictionary<string, (long Version, byte[]? Head)>(StringComparer.Ordinal);
        await using (var command = Command(connection, StatesSql, (object)distinct))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                states[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
            }
        }

        var folded = new Dictionary<string, Case>(StringComparer.Ordinal);
        var wanted = new List<string>();
        lock (cacheLock)
        {
            foreach (var (id, state) in states)
            {
                if (cache.TryGet(new CaseId(id), state.Version, out var cached))
                {
                    folded[id] = cached;
                }
                else
                {
                    wanted.Add(id);
                }
            }
        }

        if (wanted.Count > 0)
        {
            var (stored, personal) = await ReadStoredAsync(connection, [.. wanted], cancellationToken).ConfigureAwait(false);
            foreach (var id in wanted)
            {
                var (version, head) = states[id];
                var caseId = new CaseId(id);

                // The transaction's snapshot holds no event past the version its case row gives; the filter keeps the
                // fold at exactly that version should a row ever say otherwise (the chain check then names it).
                var events = stored.GetValueOrDefault(id) is { } all ? all.FindAll(e => e.Version <= version) : [];
                var c = Case.Replay(Decode(caseId, events, personal.GetValueOrDefault(id) ?? new Personal([]), version, head, PostgreSqlCaseStoreOperation.Load), calendar);
                folded[id] = c;
            }

            lock (cacheLock)
            {
                foreach (var id in wanted)
                {
                    cache.Put(folded[id]);
                }
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
