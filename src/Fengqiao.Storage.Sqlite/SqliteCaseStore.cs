using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Fengqiao.Storage.Sqlite;

/// <summary>The embedded default case store (案件库): case events, an indexed due list and a snapshot cache in one SQLite file, or in memory.</summary>
/// <remarks>
/// <para>
/// Events are kept as <see cref="CaseEventJson"/> text, one row each, keyed by case and version; a row per case holds
/// its version, query code and next due instant (<see cref="Case.NextDueAt"/>), which an index makes
/// <see cref="ListDueAsync"/> a range query rather than a scan. Loading a case replays its events with the calendar
/// given at open; the folded cases are kept in a bounded cache (<see cref="SqliteCaseStoreOptions.SnapshotCacheSize"/>)
/// and used only while their version is the stored one.
/// </para>
/// <para>
/// Appends run in one immediate transaction: the stored version is checked (a stale writer gets the same
/// <see cref="ConcurrencyConflictException"/> as from the in-memory store, and nothing is written), then the events and
/// the case row are written together. Input is checked by <see cref="CaseAppendValidation"/> first, as every store does.
/// Files use write-ahead logging (WAL), so another process may read while this one writes.
/// </para>
/// <para>
/// The schema is versioned (<see cref="SchemaVersion"/>, kept in SQLite's <c>user_version</c> with an application id):
/// a new or empty file gets the schema; a file of another version, another application or not SQLite at all is refused
/// with <see cref="SqliteCaseStoreSchemaException"/>, unchanged.
/// </para>
/// </remarks>
/// <threadsafety>
/// Thread-safe: the store holds one connection and serialises every call on it with a lock, so calls from many threads
/// are safe but run one at a time (SQLite writes one at a time anyway). Calls complete synchronously.
/// </threadsafety>
public sealed class SqliteCaseStore : ICaseStore, IDisposable, IAsyncDisposable
{
    /// <summary>The schema version this store reads and writes.</summary>
    public const int SchemaVersion = 1;

    // "FQCS" — marks a SQLite file as a Fengqiao case store.
    private const int ApplicationId = 0x46514353;

    private const string DueSql = "SELECT id FROM cases WHERE next_due <= $due";

    private static readonly string[] CreateSchema =
    [
        "CREATE TABLE cases (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, query_code TEXT NOT NULL, next_due INTEGER NULL) WITHOUT ROWID",
        "CREATE UNIQUE INDEX cases_query_code ON cases (query_code)",
        "CREATE INDEX cases_next_due ON cases (next_due) WHERE next_due IS NOT NULL",
        "CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (case_id, version)) WITHOUT ROWID",
        $"PRAGMA application_id = {ApplicationId}",
        $"PRAGMA user_version = {SchemaVersion}",
    ];

    private readonly object gate = new();
    private readonly SqliteConnection connection;
    private readonly BusinessCalendar calendar;
    private readonly SnapshotCache cache;
    private readonly SqliteCommand versionOf;
    private readonly SqliteCommand idByCode;
    private readonly SqliteCommand readEvents;
    private readonly SqliteCommand insertEvent;
    private readonly SqliteCommand insertCase;
    private readonly SqliteCommand updateCase;
    private readonly SqliteCommand listDue;
    private bool disposed;

    private SqliteCaseStore(SqliteConnection connection, string dataSource, BusinessCalendar calendar, SqliteCaseStoreOptions options)
    {
        this.connection = connection;
        this.calendar = calendar;
        DataSource = dataSource;
        cache = new SnapshotCache(options.SnapshotCacheSize);
        versionOf = Command("SELECT version FROM cases WHERE id = $id", "$id");
        idByCode = Command("SELECT id FROM cases WHERE query_code = $code", "$code");
        readEvents = Command("SELECT version, body FROM events WHERE case_id = $id ORDER BY version", "$id");
        insertEvent = Command("INSERT INTO events (case_id, version, at, body) VALUES ($id, $version, $at, $body)", "$id", "$version", "$at", "$body");
        insertCase = Command("INSERT INTO cases (id, version, query_code, next_due) VALUES ($id, $version, $code, $due)", "$id", "$version", "$code", "$due");
        updateCase = Command("UPDATE cases SET version = $version, next_due = $due WHERE id = $id", "$id", "$version", "$due");
        listDue = Command(DueSql, "$due");
    }

    /// <summary>Gets the file the store keeps its data in, or <c>:memory:</c>.</summary>
    public string DataSource { get; }

    /// <summary>Gets the SQL of the due-list query, for tests that check it uses the index.</summary>
    internal static string DueQuery => DueSql;

    /// <summary>Opens (or creates) a case store in a SQLite file.</summary>
    /// <param name="path">The file; its folder must exist. A missing or empty file gets the schema.</param>
    /// <param name="calendar">The calendar the cases' clocks count on (loads replay events with it).</param>
    /// <param name="options">Cache and durability options; <see cref="SqliteCaseStoreOptions.Default"/> when null.</param>
    /// <returns>The open store; dispose it to close the file.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> or <paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    /// <exception cref="DirectoryNotFoundException">The file's folder does not exist.</exception>
    /// <exception cref="SqliteCaseStoreSchemaException">The file is not a case store of <see cref="SchemaVersion"/>.</exception>
    public static SqliteCaseStore Open(string path, BusinessCalendar calendar, SqliteCaseStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(calendar);
        options ??= SqliteCaseStoreOptions.Default;
        options.Validate();
        var full = Path.GetFullPath(path);
        var folder = Path.GetDirectoryName(full);
        if (folder is not null && !Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"The folder of case store '{full}' does not exist.");
        }

        var builder = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false };
        return Create(builder.ToString(), full, calendar, options, file: true);
    }

    /// <summary>Opens a new, empty case store held in memory: the SQLite store's behaviour without a file, for tests and samples.</summary>
    /// <param name="calendar">The calendar the cases' clocks count on.</param>
    /// <param name="options">Cache options; <see cref="SqliteCaseStoreOptions.Default"/> when null.</param>
    /// <returns>The open store; its data is gone when it is disposed.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public static SqliteCaseStore OpenInMemory(BusinessCalendar calendar, SqliteCaseStoreOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        options ??= SqliteCaseStoreOptions.Default;
        options.Validate();
        var builder = new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false };
        return Create(builder.ToString(), ":memory:", calendar, options, file: false);
    }

    /// <inheritdoc />
    public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult(LoadLocked(id));
        }
    }

    /// <inheritdoc />
    public ValueTask<Case?> FindByQueryCodeAsync(QueryCode code, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ThrowIfDisposed();
            idByCode.Parameters[0].Value = code.ToString();
            return ValueTask.FromResult(idByCode.ExecuteScalar() is string id ? LoadLocked(new CaseId(id)) : null);
        }
    }

    /// <inheritdoc />
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ThrowIfDisposed();
            return ValueTask.FromResult<IReadOnlyList<CaseEvent>>(ReadEventsLocked(id));
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="ArgumentException">The events or snapshot do not fit together (see <see cref="CaseAppendValidation"/>).</exception>
    public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        CaseAppendValidation.Validate(expectedVersion, events, snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        var bodies = events.Select(CaseEventJson.Serialize).ToArray();
        var id = snapshot.Id.Value;
        lock (gate)
        {
            ThrowIfDisposed();
            using (var transaction = connection.BeginTransaction(deferred: false))
            {
                versionOf.Transaction = transaction;
                versionOf.Parameters[0].Value = id;
                var stored = versionOf.ExecuteScalar() is long v ? v : 0L;
                CaseAppendValidation.ThrowIfConflict(snapshot.Id, expectedVersion, stored);

                insertEvent.Transaction = transaction;
                for (var i = 0; i < events.Count; i++)
                {
                    insertEvent.Parameters[0].Value = id;
                    insertEvent.Parameters[1].Value = events[i].Version;
                    insertEvent.Parameters[2].Value = events[i].At.ToUnixTimeTicks();
                    insertEvent.Parameters[3].Value = bodies[i];
                    insertEvent.ExecuteNonQuery();
                }

                var due = snapshot.NextDueAt is { } at ? (object)at.ToUnixTimeTicks() : DBNull.Value;
                var write = stored == 0 ? insertCase : updateCase;
                write.Transaction = transaction;
                write.Parameters["$id"].Value = id;
                write.Parameters["$version"].Value = snapshot.Version;
                write.Parameters["$due"].Value = due;
                if (stored == 0)
                {
                    write.Parameters["$code"].Value = snapshot.QueryCode.ToString();
                }

                write.ExecuteNonQuery();
                cancellationToken.ThrowIfCancellationRequested();
                transaction.Commit();
            }

            cache.Put(snapshot);
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <remarks>An index range query on the stored next due instants: its cost grows with the number of cases due, not the number stored.</remarks>
    public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            ThrowIfDisposed();
            listDue.Parameters[0].Value = dueBy.ToUnixTimeTicks();
            var due = new List<CaseId>();
            using var reader = listDue.ExecuteReader();
            while (reader.Read())
            {
                due.Add(new CaseId(reader.GetString(0)));
            }

            return ValueTask.FromResult<IReadOnlyList<CaseId>>(due);
        }
    }

    /// <summary>Closes the store and its file; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var command in new[] { versionOf, idByCode, readEvents, insertEvent, insertCase, updateCase, listDue })
            {
                command.Dispose();
            }

            connection.Dispose();
            cache.Clear();
        }
    }

    /// <summary>Closes the store and its file.</summary>
    /// <returns>A completed task: closing is synchronous.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Describes the store.</summary>
    /// <returns>For example <c>SqliteCaseStore(/var/lib/county/cases.db)</c>.</returns>
    public override string ToString() => $"SqliteCaseStore({DataSource})";

    private static SqliteCaseStore Create(string connectionString, string dataSource, BusinessCalendar calendar, SqliteCaseStoreOptions options, bool file)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}"));
            EnsureSchema(connection, dataSource);
            if (file)
            {
                Execute(connection, "PRAGMA journal_mode = WAL");
                Execute(connection, options.FlushEachAppend ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");
            }

            return new SqliteCaseStore(connection, dataSource, calendar, options);
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    private static void EnsureSchema(SqliteConnection connection, string dataSource)
    {
        long applicationId, userVersion, tables;
        try
        {
            applicationId = Scalar(connection, "PRAGMA application_id");
            userVersion = Scalar(connection, "PRAGMA user_version");
            tables = Scalar(connection, "SELECT count(*) FROM sqlite_master");
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, null, "the file is not a SQLite database", e);
        }

        if (applicationId == 0 && userVersion == 0 && tables == 0)
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var statement in CreateSchema)
            {
                Execute(connection, statement, transaction);
            }

            transaction.Commit();
            return;
        }

        if (applicationId != ApplicationId)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, userVersion,
                string.Create(CultureInfo.InvariantCulture, $"it is another application's database (application id {applicationId}, {tables} schema objects)"));
        }

        if (userVersion != SchemaVersion)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, userVersion,
                string.Create(CultureInfo.InvariantCulture, $"it has schema version {userVersion}; this version of Fengqiao reads only {SchemaVersion}"));
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private Case? LoadLocked(CaseId id)
    {
        versionOf.Transaction = null;
        versionOf.Parameters[0].Value = id.Value;
        if (versionOf.ExecuteScalar() is not long version)
        {
            return null;
        }

        if (cache.TryGet(id, version, out var cached))
        {
            return cached;
        }

        var folded = Case.Replay(ReadEventsLocked(id), calendar);
        cache.Put(folded);
        return folded;
    }

    private List<CaseEvent> ReadEventsLocked(CaseId id)
    {
        readEvents.Parameters[0].Value = id.Value;
        var events = new List<CaseEvent>();
        using var reader = readEvents.ExecuteReader();
        while (reader.Read())
        {
            var version = reader.GetInt64(0);
            try
            {
                events.Add(CaseEventJson.Deserialize(reader.GetString(1)));
            }
            catch (CaseEventFormatException e)
            {
                throw new CaseEventFormatException(
                    string.Create(CultureInfo.InvariantCulture, $"Event {version} of case '{id}' in '{DataSource}' cannot be read. {e.Message}"), e);
            }
        }

        return events;
    }

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
