using System.Text.Json;
using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite;

/// <summary>The read path: look-ups on their own connection (file stores), and batched loads.</summary>
public sealed partial class SqliteCaseStore : ICaseBatchLoad
{
    /// <inheritdoc />
    /// <remarks>
    /// <para>Three statements for the whole batch, whatever its size: the case rows, then the events and the personal
    /// rows of the cases the snapshot cache does not hold at their stored version. Each case is then checked against
    /// its hash chain and replayed as <see cref="LoadAsync"/> would, and cached. All of it reads one committed state of
    /// the file (one read transaction), so the cases are consistent with one another.</para>
    /// <para>On a file store the batch reads on the store's read connection and never waits for an append in progress.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    /// <exception cref="SqliteCaseStoreTamperException">A case's events do not match its hash chain (the message names
    /// the case and version); no case of the batch is returned.</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        return ValueTask.FromResult<IReadOnlyList<Case?>>(Read(SqliteCaseStoreOperation.Load, r => LoadManyLocked(r, ids), cancellationToken));
    }

    /// <summary>Runs a read: on a file store on the read connection, in one read transaction (every statement sees the
    /// same committed state, and a writer's open transaction does not hold it up); in memory on the one connection.</summary>
    private T Read<T>(SqliteCaseStoreOperation operation, Func<CaseReads, T> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        readGate.Wait(cancellationToken);
        try
        {
            ThrowIfDisposed();
            if (readConnection is null)
            {
                reads.Transaction = null;
                return body(reads);
            }

            using var transaction = readConnection.BeginTransaction(deferred: true);
            reads.Transaction = transaction;
            return body(reads);
        }
        catch (SqliteException e)
        {
            throw Failure(DataSource, operation, e, busyTimeout);
        }
        finally
        {
            readGate.Release();
        }
    }

    private Case?[] LoadManyLocked(CaseReads r, IReadOnlyList<CaseId> ids)
    {
        var result = new Case?[ids.Count];
        if (ids.Count == 0)
        {
            return result;
        }

        var states = r.States(ids.Select(id => id.Value));
        var missing = new List<int>();
        for (var i = 0; i < ids.Count; i++)
        {
            if (!states.TryGetValue(ids[i].Value, out var state))
            {
                continue;
            }

            if (cache.TryGet(ids[i], state.Version, out var cached))
            {
                result[i] = cached;
            }
            else
            {
                missing.Add(i);
            }
        }

        if (missing.Count == 0)
        {
            return result;
        }

        var wanted = missing.Select(i => ids[i].Value).Distinct(StringComparer.Ordinal).ToList();
        var snapshots = r.SnapshotsOf(wanted);
        var folded = new Dictionary<string, Case>(StringComparer.Ordinal);
        var replay = new List<string>();
        foreach (var id in wanted)
        {
            var snapshot = snapshots.TryGetValue(id, out var found) ? found : (StoredSnapshot?)null;
            if (FromSnapshot(r, new CaseId(id), states[id], snapshot, () => r.EventsFrom(id, snapshot!.Value.Version)) is { } c)
            {
                cache.Put(c);
                folded[id] = c;
            }
            else
            {
                replay.Add(id);
            }
        }

        if (replay.Count > 0)
        {
            // Cases without a snapshot that can stand for them (none yet, another format or calendar): replayed.
            var stored = r.EventsOf(replay);
            var personal = r.PersonalOf(replay);
            foreach (var id in replay)
            {
                var events = Materialise(new CaseId(id), stored.GetValueOrDefault(id) ?? [], states[id],
                    personal.GetValueOrDefault(id) ?? new Personal([], Legacy: true), SqliteCaseStoreOperation.Load);
                var c = Case.Replay(events, calendar);
                cache.Put(c);
                folded[id] = c;
            }
        }

        foreach (var i in missing)
        {
            result[i] = folded[ids[i].Value];
        }

        return result;
    }

    /// <summary>The reading statements, prepared on one connection: the writer's (inside its transactions) or the
    /// read connection's. Not thread-safe: used under the gate of its connection.</summary>
    private sealed class CaseReads : IDisposable
    {
        private const string ManyIds = "(SELECT value FROM json_each($ids))";

        /// <summary>The link of the event at the snapshot's version (alias <c>s</c>): a key look-up in the same statement,
        /// so a load from a snapshot at the case's version still notices that event deleted or re-linked.</summary>
        private const string SnapshotEventLink = "(SELECT e.link FROM events e WHERE e.case_id = s.case_id AND e.version = s.version)";
        private readonly SqliteCommand state;
        private readonly SqliteCommand idByCode;
        private readonly SqliteCommand joinedCodes;
        private readonly SqliteCommand events;
        private readonly SqliteCommand personal;
        private readonly SqliteCommand due;
        private readonly SqliteCommand states;
        private readonly SqliteCommand eventsOf;
        private readonly SqliteCommand personalOf;
        private readonly SqliteCommand stateAndSnapshot;
        private readonly SqliteCommand eventsFrom;
        private readonly SqliteCommand snapshotsOf;

        public CaseReads(SqliteConnection connection)
        {
            state = Prepare(connection, "SELECT version, head FROM cases WHERE id = $id", "$id");
            idByCode = Prepare(connection, "SELECT id FROM cases WHERE query_code = $code UNION ALL SELECT case_id FROM case_codes WHERE digest = $code LIMIT 1", "$code");
            joinedCodes = Prepare(connection, "SELECT digest FROM case_codes WHERE case_id = $id ORDER BY version", "$id");
            events = Prepare(connection, "SELECT version, body, link FROM events WHERE case_id = $id ORDER BY version", "$id");
            personal = Prepare(connection, "SELECT version, data FROM personal WHERE case_id = $id", "$id");
            due = Prepare(connection, DueSql, "$due");
            states = Prepare(connection, $"SELECT id, version, head FROM cases WHERE id IN {ManyIds}", "$ids");
            eventsOf = Prepare(connection, $"SELECT case_id, version, body, link FROM events WHERE case_id IN {ManyIds} ORDER BY case_id, version", "$ids");
            personalOf = Prepare(connection, $"SELECT case_id, version, data FROM personal WHERE case_id IN {ManyIds}", "$ids");
            stateAndSnapshot = Prepare(connection,
                "SELECT c.version, c.head, s.version, s.format, s.calendar, s.seal, s.body, " + SnapshotEventLink + " FROM cases c LEFT JOIN snapshots s ON s.case_id = c.id WHERE c.id = $id", "$id");
            eventsFrom = Prepare(connection, "SELECT version, body, link FROM events WHERE case_id = $id AND version >= $from ORDER BY version", "$id", "$from");
            snapshotsOf = Prepare(connection, $"SELECT s.version, s.format, s.calendar, s.seal, s.body, s.case_id, {SnapshotEventLink} FROM snapshots s WHERE s.case_id IN {ManyIds}", "$ids");
        }

        private IEnumerable<SqliteCommand> All => [state, idByCode, joinedCodes, events, personal, due, states, eventsOf, personalOf, stateAndSnapshot, eventsFrom, snapshotsOf];

        /// <summary>The case row's version (0 when there is none) and chain head, and its snapshot when
        /// <paramref name="wantSnapshot"/> says so for that version (a cache miss).</summary>
        public (long Version, byte[]? Head, StoredSnapshot? Snapshot) StateAndSnapshot(string id, Func<long, bool> wantSnapshot)
        {
            stateAndSnapshot.Parameters[0].Value = id;
            using var reader = stateAndSnapshot.ExecuteReader();
            if (!reader.Read())
            {
                return (0L, null, null);
            }

            var version = reader.GetInt64(0);
            var head = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
            return (version, head, wantSnapshot(version) ? StoredSnapshot.Read(reader, 2, 7) : null);
        }

        /// <summary>A case's stored events from a version on (inclusive), oldest first.</summary>
        public List<StoredCaseEvent> EventsFrom(string id, long from)
        {
            eventsFrom.Parameters[0].Value = id;
            eventsFrom.Parameters[1].Value = from;
            var stored = new List<StoredCaseEvent>();
            using var reader = eventsFrom.ExecuteReader();
            while (reader.Read())
            {
                stored.Add(new StoredCaseEvent(reader.GetInt64(0), StoredBodies.ReadEvent(reader, 1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
            }

            return stored;
        }

        /// <summary>The stored snapshots of some cases, by case id.</summary>
        public Dictionary<string, StoredSnapshot> SnapshotsOf(List<string> ids)
        {
            snapshotsOf.Parameters[0].Value = JsonSerializer.Serialize(ids);
            var found = new Dictionary<string, StoredSnapshot>(StringComparer.Ordinal);
            using var reader = snapshotsOf.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetString(5)] = StoredSnapshot.Read(reader, 0, 6)!.Value;
            }

            return found;
        }

        /// <summary>Sets the transaction every statement runs in (null: none).</summary>
        public SqliteTransaction? Transaction
        {
            set
            {
                foreach (var command in All)
                {
                    command.Transaction = value;
                }
            }
        }

        /// <summary>The case row's version (0 when there is none) and chain head.</summary>
        public (long Version, byte[]? Head) State(string id)
        {
            state.Parameters[0].Value = id;
            using var reader = state.ExecuteReader();
            return reader.Read() ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1)) : (0L, null);
        }

        public string? IdByCode(string digest)
        {
            idByCode.Parameters[0].Value = digest;
            return idByCode.ExecuteScalar() as string;
        }

        /// <summary>The digests of the query codes a case's joined reports hold (<c>case_codes</c>), in the order they joined.</summary>
        public List<string> JoinedCodes(string id)
        {
            joinedCodes.Parameters[0].Value = id;
            var digests = new List<string>();
            using var reader = joinedCodes.ExecuteReader();
            while (reader.Read())
            {
                digests.Add(reader.GetString(0));
            }

            return digests;
        }

        public List<StoredCaseEvent> Events(string id)
        {
            events.Parameters[0].Value = id;
            var stored = new List<StoredCaseEvent>();
            using var reader = events.ExecuteReader();
            while (reader.Read())
            {
                stored.Add(new StoredCaseEvent(reader.GetInt64(0), StoredBodies.ReadEvent(reader, 1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
            }

            return stored;
        }

        public Personal ReadPersonal(string id)
        {
            personal.Parameters[0].Value = id;
            var rows = new PersonalRows();
            using var reader = personal.ExecuteReader();
            while (reader.Read())
            {
                rows.Add(reader, 0);
            }

            return rows.ToPersonal();
        }

        public List<CaseId> Due(long ticks)
        {
            due.Parameters[0].Value = ticks;
            var ids = new List<CaseId>();
            using var reader = due.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(new CaseId(reader.GetString(0)));
            }

            return ids;
        }

        public Dictionary<string, (long Version, byte[]? Head)> States(IEnumerable<string> ids)
        {
            states.Parameters[0].Value = JsonSerializer.Serialize(ids);
            var found = new Dictionary<string, (long, byte[]?)>(StringComparer.Ordinal);
            using var reader = states.ExecuteReader();
            while (reader.Read())
            {
                found[reader.GetString(0)] = (reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
            }

            return found;
        }

        public Dictionary<string, List<StoredCaseEvent>> EventsOf(List<string> ids)
        {
            eventsOf.Parameters[0].Value = JsonSerializer.Serialize(ids);
            var found = new Dictionary<string, List<StoredCaseEvent>>(StringComparer.Ordinal);
            using var reader = eventsOf.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!found.TryGetValue(id, out var list))
                {
                    found[id] = list = [];
                }

                list.Add(new StoredCaseEvent(reader.GetInt64(1), StoredBodies.ReadEvent(reader, 2), reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3)));
            }

            return found;
        }

        public Dictionary<string, Personal> PersonalOf(List<string> ids)
        {
            personalOf.Parameters[0].Value = JsonSerializer.Serialize(ids);
            var rows = new Dictionary<string, PersonalRows>(StringComparer.Ordinal);
            using var reader = personalOf.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!rows.TryGetValue(id, out var one))
                {
                    rows[id] = one = new PersonalRows();
                }

                one.Add(reader, 1);
            }

            return rows.ToDictionary(p => p.Key, p => p.Value.ToPersonal(), StringComparer.Ordinal);
        }

        public void Dispose()
        {
            foreach (var command in All)
            {
                command.Dispose();
            }
        }
    }

    /// <summary>Collects one case's rows of <c>personal</c> (version, data from a given column on).</summary>
    private sealed class PersonalRows
    {
        private readonly Dictionary<long, string?> data = [];

        public void Add(SqliteDataReader reader, int first) =>
            data[reader.GetInt64(first)] = StoredBodies.ReadPersonal(reader, first + 1);

        public Personal ToPersonal() => new(data, Legacy: data.Count == 0);
    }
}
