using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.PostgreSql.Internal;
using NodaTime;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>The shared case store (案件库) for many portal nodes: case events, an indexed due list and sweep claims in one PostgreSQL database.</summary>
/// <remarks>
/// <para>
/// Events are kept as <see cref="CaseEventJson"/> text, one row each in <c>fengqiao_events</c>, keyed by case and
/// version; a row per case in <c>fengqiao_cases</c> holds its version, query code (unique), next due instant (indexed,
/// so <see cref="ListDueAsync"/> is a range query) and the sweeper holding it, if any. Loading a case reads its stored
/// version (and, on a cache miss, its snapshot) in one statement; folded cases are kept in a bounded cache and used
/// only while their version is the stored one, so another node's append is never missed.
/// </para>
/// <para>
/// Snapshots on disk (schema 9; the contract of the SQLite store's schema 9): every append also writes the case's fold
/// (<see cref="CaseSnapshotJson"/>) to <c>fengqiao_snapshots</c> in the same transaction, with its format, the
/// calendar's <see cref="BusinessCalendar.Fingerprint"/> and a seal: a link of the case's hash chain from the head the
/// append leaves, over the snapshot's text. A load that misses the cache restores the case from it, replaying only
/// events written after it (none, when every append writes one). A snapshot of another format, or written on a calendar
/// that counts otherwise, is ignored and the case replayed from its events with the calendar given at open (the next
/// append writes a current one). With <see cref="PostgreSqlCaseStoreOptions.VerifyChainOnLoad"/> the seal is checked
/// against the chain head (and the events after the snapshot against their links): a snapshot edited outside the store
/// is refused with <see cref="PostgreSqlCaseStoreTamperException"/>. Events older than the snapshot are not read by such
/// a load, so an edit to them does not change what the load gives and is found by <see cref="ReadEventsAsync"/> and
/// <see cref="VerifyAsync"/>, which also compares every snapshot with the fold of its events. A database migrated from
/// schema 8 gets no snapshot at migration: each case gets one at its next append, or all at <see cref="RepairAsync"/>.
/// </para>
/// <para>
/// Appends run in one transaction (concurrent ones share it: group commit, <see cref="AppendGroupAsync"/>): a new case is inserted only if neither its id nor its query code exists; an
/// existing case's row is updated only where its version is still the expected one (the row lock makes concurrent
/// writers to one case queue, and exactly one of them wins). A stale writer gets the same
/// <see cref="ConcurrencyConflictException"/> as from the in-memory store and nothing is written. Input is checked by
/// <see cref="CaseAppendValidation"/> first, as every store does. An append also releases any sweep claim on the case.
/// </para>
/// <para>
/// The schema is versioned (<see cref="SchemaVersion"/>; the table <c>fengqiao_schema_versions</c> lists the
/// migrations applied): opening applies every missing migration in order, in one transaction, under an advisory lock
/// so that nodes starting together migrate once; a database of a newer version is refused with
/// <see cref="PostgreSqlCaseStoreSchemaException"/>, unchanged.
/// </para>
/// <para>
/// Connections come from Npgsql's pool, configured by the connection string (<c>Maximum Pool Size</c>, <c>Timeout</c>);
/// each statement is bounded by <see cref="PostgreSqlCaseStoreOptions.CommandTimeout"/>. Every failure of the server
/// or the driver is a <see cref="PostgreSqlCaseStoreException"/> naming the server, database and operation.
/// Cancellation is passed to the server: a cancelled call throws <see cref="OperationCanceledException"/>, and a
/// cancelled append writes nothing.
/// </para>
/// <para>For sweeps shared by many nodes, see <see cref="ForSweeper"/>.</para>
/// </remarks>
/// <threadsafety>
/// Thread-safe: each call takes its own pooled connection, so calls from many threads run concurrently (up to the
/// pool size; beyond it they wait up to the connection string's <c>Timeout</c>). Many stores in many processes may
/// share one database.
/// </threadsafety>
public sealed partial class PostgreSqlCaseStore : ICaseStore, ICaseReporterErasure, IDisposable, IAsyncDisposable
{
    /// <summary>The schema version this store writes; databases of every earlier version are migrated to it at open.</summary>
    public const int SchemaVersion = 10;

    private const string DueSql = "SELECT id FROM fengqiao_cases WHERE next_due <= $1";

    private readonly NpgsqlDataSource source;
    private readonly BusinessCalendar calendar;
    private readonly SnapshotCache cache;
    private readonly int snapshotInterval;
    private readonly int commandTimeoutSeconds;
    private readonly CaseEventChain chain;
    private readonly bool verifyOnLoad;
    private readonly Duration? duplicateWindow;
    private readonly PostgreSqlCaseStoreOptions openOptions; // init-only, read by the (lazy) open
    private readonly SemaphoreSlim openGate = new(1, 1);
    private byte[] reportKeySalt = []; // set once by the open, before opened is
    private bool opened;
    private int disposed;

    private PostgreSqlCaseStore(NpgsqlDataSource source, string dataSource, BusinessCalendar calendar, PostgreSqlCaseStoreOptions options, int commandTimeoutSeconds)
    {
        openOptions = options;
        duplicateWindow = options.DuplicateWindow;
        this.source = source;
        this.calendar = calendar;
        this.commandTimeoutSeconds = commandTimeoutSeconds;
        DataSource = dataSource;
        cache = new SnapshotCache(options.SnapshotCacheSize);
        snapshotInterval = options.SnapshotInterval;
        chain = new CaseEventChain(options.ChainKey.Span);
        verifyOnLoad = options.VerifyChainOnLoad;
    }

    /// <summary>Gets the server and database the store uses, for example <c>db1:5432/fengqiao</c> (never the password).</summary>
    public string DataSource { get; }

    /// <summary>Gets the SQL of the due-list query, for tests that check it uses the index.</summary>
    internal static string DueQuery => DueSql;

    /// <summary>Opens a case store in a PostgreSQL database, creating or migrating its schema.</summary>
    /// <param name="connectionString">An Npgsql connection string, for example
    /// <c>Host=db1;Port=5432;Database=fengqiao;Username=fengqiao;Password=…;Maximum Pool Size=50;Timeout=15</c>.
    /// The database must exist and the user must be able to create tables in it (on first open and when migrating).</param>
    /// <param name="calendar">The calendar the cases' clocks count on (loads replay events with it).</param>
    /// <param name="options">Cache and timeout options; <see cref="PostgreSqlCaseStoreOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Cancels the open.</param>
    /// <returns>The open store; dispose it to close its connection pool.</returns>
    /// <remarks>The same as <see cref="Create"/> followed by <see cref="EnsureOpenAsync"/>: a failure is thrown here, and the pool is closed again.</remarks>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty, white space or not a valid connection string (the message says which keyword).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    /// <exception cref="PostgreSqlCaseStoreSchemaException">The database holds a case store of a schema newer than <see cref="SchemaVersion"/>; nothing was changed.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server cannot be reached, refuses the login, or the schema cannot be created or migrated.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; a migration under way is rolled back.</exception>
    public static async Task<PostgreSqlCaseStore> OpenAsync(string connectionString, BusinessCalendar calendar, PostgreSqlCaseStoreOptions? options = null, CancellationToken cancellationToken = default)
    {
        var store = Create(connectionString, calendar, options);
        try
        {
            await store.EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
            return store;
        }
        catch
        {
            await store.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Creates a case store in a PostgreSQL database without touching the server: the schema is checked (created,
    /// migrated) by <see cref="EnsureOpenAsync"/> or, at the latest, by the store's first operation.</summary>
    /// <param name="connectionString">An Npgsql connection string (see <see cref="OpenAsync"/>).</param>
    /// <param name="calendar">The calendar the cases' clocks count on (loads replay events with it).</param>
    /// <param name="options">Cache and timeout options; <see cref="PostgreSqlCaseStoreOptions.Default"/> when null.</param>
    /// <returns>The store, not yet opened; dispose it to close its connection pool.</returns>
    /// <remarks>
    /// <para>For hosts that build their services synchronously (a dependency-injection factory): nothing here waits on
    /// the network. The first operation that needs the database opens the store once for all concurrent callers; when
    /// that fails (server down, login refused, newer schema), the operation throws the same exception
    /// <see cref="OpenAsync"/> would, and the next operation tries to open again.</para>
    /// </remarks>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty, white space or not a valid connection string (the message says which keyword).</exception>
    /// <exception cref="ArgumentNullException"><paramref name="connectionString"/> or <paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">An option is out of range (named).</exception>
    public static PostgreSqlCaseStore Create(string connectionString, BusinessCalendar calendar, PostgreSqlCaseStoreOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        ArgumentNullException.ThrowIfNull(calendar);
        options ??= PostgreSqlCaseStoreOptions.Default;
        options.Validate();
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or KeyNotFoundException)
        {
            throw new ArgumentException($"The PostgreSQL connection string is not valid: {e.Message}", nameof(connectionString), e);
        }

        var timeout = (int)Math.Ceiling(options.CommandTimeout.TotalSeconds);
        builder.CommandTimeout = timeout;
        return new PostgreSqlCaseStore(NpgsqlDataSource.Create(builder), Describe(builder), calendar, options, timeout);
    }

    /// <summary>Gets whether the store has been opened: its schema checked (created, migrated) on the server.</summary>
    /// <remarks>A store from <see cref="OpenAsync"/> is open; one from <see cref="Create"/> is open after its first successful
    /// <see cref="EnsureOpenAsync"/> or operation.</remarks>
    public bool IsOpen => Volatile.Read(ref opened);

    /// <summary>Opens the store if it is not open yet: checks, creates or migrates its schema, once for all concurrent callers.</summary>
    /// <param name="cancellationToken">Cancels the open (a migration under way is rolled back).</param>
    /// <returns>A task that completes when the store is open; at once when it already is.</returns>
    /// <remarks>A failed open leaves the store unopened: the next call (or operation) tries again.</remarks>
    /// <exception cref="PostgreSqlCaseStoreSchemaException">The database holds a case store of a schema newer than <see cref="SchemaVersion"/>; nothing was changed.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server cannot be reached, refuses the login, or the schema cannot be created or migrated.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task EnsureOpenAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfDisposed();
        if (Volatile.Read(ref opened))
        {
            return;
        }

        await openGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (opened)
            {
                return;
            }

            ThrowIfDisposed();
            await EnsureSchemaAsync(source, DataSource, openOptions, calendar, cancellationToken).ConfigureAwait(false);
            reportKeySalt = await ReportKeys.LoadSaltAsync(source, cancellationToken).ConfigureAwait(false);
            Volatile.Write(ref opened, true);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(DataSource, PostgreSqlCaseStoreOperation.Open, e);
        }
        catch (TimeoutException e)
        {
            throw new PostgreSqlCaseStoreException(DataSource, PostgreSqlCaseStoreOperation.Open, $"the server did not answer in time ({e.Message})", e);
        }
        finally
        {
            openGate.Release();
        }
    }

    /// <summary>A view of this store for one sweeper: its <see cref="ICaseStore.ListDueAsync"/> claims due cases so
    /// that sweepers on many nodes never work on the same case at once.</summary>
    /// <param name="options">The sweeper's name, clock, lease and batch size.</param>
    /// <returns>The view; it shares this store's connection pool and must not outlive it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The sweeper name is empty or longer than 200 characters.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The lease or batch size is out of range (named).</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    public PostgreSqlSweepStore ForSweeper(PostgreSqlSweepOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        ThrowIfDisposed();
        return new PostgreSqlSweepStore(this, options);
    }

    /// <inheritdoc />
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    /// <exception cref="PostgreSqlCaseStoreTamperException">The case's events fail their hash chain, or its personal
    /// data or query code does not match the digests in its events (with <see cref="PostgreSqlCaseStoreOptions.VerifyChainOnLoad"/> on).</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public async ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken)
    {
        return await RunAsync(PostgreSqlCaseStoreOperation.Load, connection =>
            LoadRowAsync(connection, "c.id = $1", id.Value, cache.HeldVersion(id), PostgreSqlCaseStoreOperation.Load, cancellationToken),
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>The case is looked up by the code's digest (the desk digests the code a citizen types): the database
    /// holds no plain query code anywhere.</remarks>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    /// <exception cref="PostgreSqlCaseStoreTamperException">The case fails its hash chain or digests (see <see cref="LoadAsync"/>).</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public async ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) =>
        await RunAsync(PostgreSqlCaseStoreOperation.FindByQueryCode, connection =>
            LoadRowAsync(connection,
                "c.id = (SELECT id FROM fengqiao_cases WHERE query_code = $1 UNION ALL SELECT case_id FROM fengqiao_case_codes WHERE digest = $1 LIMIT 1)", digest.ToString(), held: 0, PostgreSqlCaseStoreOperation.FindByQueryCode, cancellationToken),
            cancellationToken).ConfigureAwait(false);

    /// <summary>Whether a case with <paramref name="id"/>, or a case or joined report holding <paramref name="digest"/>, is
    /// stored: what <see cref="LoadAsync"/> and <see cref="FindByQueryCodeAsync"/> would find, asked in one round trip
    /// without reading either case (for the CLI's grouped appends, before they hold a new case).</summary>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    internal async ValueTask<bool> HoldsIdOrCodeAsync(CaseId id, QueryCodeDigest digest, CancellationToken cancellationToken) =>
        await RunAsync(PostgreSqlCaseStoreOperation.FindByQueryCode, async connection =>
        {
            await using var command = Command(connection,
                "SELECT EXISTS (SELECT 1 FROM fengqiao_cases WHERE id = $1) OR EXISTS (SELECT 1 FROM fengqiao_cases WHERE query_code = $2) " +
                "OR EXISTS (SELECT 1 FROM fengqiao_case_codes WHERE digest = $2)",
                id.Value, digest.ToString());
            return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is true;
        }, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    /// <exception cref="PostgreSqlCaseStoreTamperException">The case fails its hash chain or digests (see <see cref="LoadAsync"/>).</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public async ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken)
    {
        return await RunAsync(PostgreSqlCaseStoreOperation.ReadEvents, async connection =>
        {
            if (await StateAsync(connection, id.Value, cancellationToken).ConfigureAwait(false) is not { } state)
            {
                return (IReadOnlyList<CaseEvent>)[];
            }

            var (stored, personal) = await ReadStoredAsync(connection, id.Value, 1, state.Version, cancellationToken).ConfigureAwait(false);
            return Decode(id, stored, personal, state.Version, state.Head, PostgreSqlCaseStoreOperation.ReadEvents);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Each event is written with its personal data apart (<see cref="CaseEventJson.SerializeApart(CaseEvent)"/>): the
    /// body, hash-chained from the case's head, in <c>fengqiao_events</c>; the reporter's data in
    /// <c>fengqiao_personal</c>; the query code's digest (the only form of the code the store ever sees) in the index.
    /// Concurrent appends on this store share commits (see <see cref="AppendGroupAsync"/>); a lone append commits at once.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="ArgumentException">The events or snapshot do not fit together (see <see cref="CaseAppendValidation"/>).</exception>
    /// <exception cref="QueryCodeConflictException">A new case's query code is held by another case; nothing was written.</exception>
    /// <exception cref="DuplicateReportException">A new case reports a matter an open case registered within
    /// <see cref="PostgreSqlCaseStoreOptions.DuplicateWindow"/> already has (see <see cref="FindDuplicateAsync"/>); nothing was written.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; nothing was written.</exception>
    public async ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        CaseAppendValidation.Validate(expectedVersion, events, snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        await AppendOneAsync(expectedVersion, events, snapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Appends an erasure event and deletes the case's personal data in one transaction (个人信息删除).</summary>
    /// <param name="expectedVersion">The version the erasure was decided on.</param>
    /// <param name="erasure">The <see cref="CaseReporterErased"/> event.</param>
    /// <param name="snapshot">The case after it.</param>
    /// <param name="cancellationToken">Cancels the erasure before it is committed.</param>
    /// <returns>A task that completes when the erasure is durable.</returns>
    /// <remarks>The personal data of the registration and every joined report is set to NULL in
    /// <c>fengqiao_personal</c>; the query-code digest and the event bodies stay, so the hash chain and
    /// <see cref="VerifyAsync"/> still pass. The old row versions stay in the table's pages until PostgreSQL's vacuum
    /// reclaims them, and in backups and WAL archives until those expire (see docs/operations.md).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="erasure"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The event is not an erasure or does not fit the snapshot.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version differs; nothing was written or deleted.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; nothing was written or deleted.</exception>
    public async ValueTask EraseReporterAsync(long expectedVersion, CaseEvent erasure, Case snapshot, CancellationToken cancellationToken)
    {
        CaseAppendValidation.ValidateErasure(expectedVersion, erasure, snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        var parts = new[] { CaseEventJson.SerializeApart(erasure) };
        await EraseCoreAsync(expectedVersion, erasure, parts, snapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes an erasure in one transaction on the case's locked row. Appends (new cases included) go through
    /// the group queue instead (<see cref="AppendOneAsync"/>), which checks a new case's code in its insert batch.</summary>
    private async Task EraseCoreAsync(long expectedVersion, CaseEvent erasure, CaseEventParts[] parts, Case snapshot, CancellationToken cancellationToken)
    {
        await RunAsync(PostgreSqlCaseStoreOperation.EraseReporter, async connection =>
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var id = snapshot.Id.Value;
            var due = snapshot.NextDueAt is { } at ? (object)DueTicks.Of(at) : DBNull.Value;
            byte[]? head;

            // The row lock queues concurrent writers of one case; each reads the head the previous one committed.
            await using (var current = Command(connection, "SELECT version, head FROM fengqiao_cases WHERE id = $1 FOR UPDATE", id))
            await using (var reader = await current.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                var found = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                CaseAppendValidation.ThrowIfConflict(snapshot.Id, expectedVersion, found ? reader.GetInt64(0) : 0);
                head = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
            }

            var links = new[] { chain.Link(head ?? CaseEventChain.Genesis, id, erasure.Version, parts[0].Body) };
            await using (var write = Command(connection, "UPDATE fengqiao_cases SET version = $2, next_due = $3, head = $4, claimed_by = NULL, claimed_until = NULL WHERE id = $1",
                id, snapshot.Version, due, links[0]))
            {
                await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var batch = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds })
            {
                AddRows(batch, id, [erasure], parts, links, snapshot, isNew: false, erase: true);
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            cancellationToken.ThrowIfCancellationRequested();
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            cache.Put(snapshot);
            return true;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds an append's rows to a batch: its events (with their personal data apart), the listing row, and
    /// for a new case its duplicate keys; for an erasure, the deletion of the case's personal data and keys.</summary>
    private void AddRows(NpgsqlBatch batch, string id, IReadOnlyList<CaseEvent> events, CaseEventParts[] parts, byte[][] links, Case snapshot, bool isNew, bool erase, EventRows? eventRows = null)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (eventRows is not null)
            {
                eventRows.Add(id, events[i].Version, events[i].At.ToUnixTimeTicks(), parts[i].Body, links[i], parts[i].PersonalData);
                continue;
            }

            batch.BatchCommands.Add(BatchCommand("INSERT INTO fengqiao_events (case_id, version, at, body, link) VALUES ($1, $2, $3, $4, $5)",
                id, events[i].Version, events[i].At.ToUnixTimeTicks(), parts[i].Body, links[i]));
            if (parts[i].PersonalData is { } data)
            {
                batch.BatchCommands.Add(BatchCommand("INSERT INTO fengqiao_personal (case_id, version, data) VALUES ($1, $2, $3)",
                    id, events[i].Version, data));
            }
        }

        AddJoinedCodeRows(batch, id, events);
        if (erase)
        {
            batch.BatchCommands.Add(BatchCommand("UPDATE fengqiao_personal SET data = NULL WHERE case_id = $1", id));

            // The duplicate detector's keys are digests of the reporter's phone or name: they go with the data.
            batch.BatchCommands.Add(BatchCommand("DELETE FROM fengqiao_report_keys WHERE case_id = $1", id));
        }

        batch.BatchCommands.Add(ListingProjection.Upsert(CaseListingEntry.From(snapshot)));
        if (erase || WritesSnapshot(snapshot.Version - events.Count, snapshot.Version))
        {
            // The fold as of this append, sealed to the head it leaves, in the same transaction: an erasure always
            // writes it, so no snapshot keeps the erased personal data.
            batch.BatchCommands.Add(SnapshotUpsert(snapshot, links[^1]));
        }

        if (isNew)
        {
            foreach (var remember in ReportKeys.Remember(snapshot, reportKeySalt))
            {
                batch.BatchCommands.Add(remember);
            }
        }
    }

    /// <summary>A group's event and personal-document rows, gathered to be written by one multi-row insert each
    /// (<c>unnest</c> of arrays) instead of one statement a row. Only for rows no check of the same group reads.</summary>
    private sealed class EventRows
    {
        private readonly List<string> cases = [];
        private readonly List<long> versions = [];
        private readonly List<long> ats = [];
        private readonly List<string> bodies = [];
        private readonly List<byte[]> links = [];
        private readonly List<string> personalCases = [];
        private readonly List<long> personalVersions = [];
        private readonly List<string> personalData = [];

        public void Add(string id, long version, long at, string body, byte[] link, string? data)
        {
            cases.Add(id);
            versions.Add(version);
            ats.Add(at);
            bodies.Add(body);
            links.Add(link);
            if (data is not null)
            {
                personalCases.Add(id);
                personalVersions.Add(version);
                personalData.Add(data);
            }
        }

        /// <summary>Adds the inserts of the rows gathered (none when there are none).</summary>
        public void AddTo(NpgsqlBatch batch)
        {
            if (cases.Count > 0)
            {
                batch.BatchCommands.Add(BatchCommand(
                    "INSERT INTO fengqiao_events (case_id, version, at, body, link) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::text[], $5::bytea[])",
                    cases.ToArray(), versions.ToArray(), ats.ToArray(), bodies.ToArray(), links.ToArray()));
            }

            if (personalCases.Count > 0)
            {
                batch.BatchCommands.Add(BatchCommand(
                    "INSERT INTO fengqiao_personal (case_id, version, data) SELECT * FROM unnest($1::text[], $2::bigint[], $3::text[])",
                    personalCases.ToArray(), personalVersions.ToArray(), personalData.ToArray()));
            }
        }
    }

    private static NpgsqlBatchCommand BatchCommand(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <inheritdoc />
    /// <remarks>An index range query on the stored next due instants: its cost grows with the number of cases due, not
    /// the number stored. It claims nothing: on many nodes, sweep through <see cref="ForSweeper"/>.</remarks>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public async ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) =>
        await RunAsync(PostgreSqlCaseStoreOperation.ListDue, async connection =>
        {
            await using var command = Command(connection, DueSql, dueBy.ToUnixTimeTicks());
            return (IReadOnlyList<CaseId>)await ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Closes the store's connection pool; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    /// <remarks>Calls under way finish on their connections. Disposing twice does nothing.</remarks>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            source.Dispose();
            cache.Clear();
        }
    }

    /// <summary>Closes the store's connection pool.</summary>
    /// <returns>A task that completes when the pool is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            await source.DisposeAsync().ConfigureAwait(false);
            cache.Clear();
        }
    }

    /// <summary>Describes the store.</summary>
    /// <returns>For example <c>PostgreSqlCaseStore(db1:5432/fengqiao)</c>.</returns>
    public override string ToString() => $"PostgreSqlCaseStore({DataSource})";

    internal async Task<T> RunAsync<T>(PostgreSqlCaseStoreOperation operation, Func<NpgsqlConnection, Task<T>> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfDisposed();
        if (!Volatile.Read(ref opened))
        {
            await EnsureOpenAsync(cancellationToken).ConfigureAwait(false);
        }

        try
        {
            await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await body(connection).ConfigureAwait(false);
        }
        catch (NpgsqlException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw Failure(DataSource, operation, e);
        }
        catch (TimeoutException e)
        {
            throw new PostgreSqlCaseStoreException(DataSource, operation, $"the server did not answer in time ({e.Message})", e);
        }
        catch (NpgsqlException e)
        {
            throw new OperationCanceledException($"The {operation} on '{DataSource}' was cancelled.", e, cancellationToken);
        }
    }

    internal NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] values)
    {
        var command = new NpgsqlCommand(sql, connection) { CommandTimeout = commandTimeoutSeconds };
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    internal static async Task<List<CaseId>> ReadIdsAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        var ids = new List<CaseId>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(new CaseId(reader.GetString(0)));
        }

        return ids;
    }

    internal void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);

    private static string Describe(NpgsqlConnectionStringBuilder builder) =>
        string.Create(CultureInfo.InvariantCulture, $"{builder.Host ?? "localhost"}:{builder.Port}/{builder.Database ?? builder.Username ?? "postgres"}");

    private static PostgreSqlCaseStoreException Failure(string dataSource, PostgreSqlCaseStoreOperation operation, NpgsqlException e)
    {
        var problem = e switch
        {
            PostgresException { SqlState: "57014" } => "the statement ran longer than the command timeout and was cancelled; nothing was written, try again",
            PostgresException { SqlState: "28P01" or "28000" } => $"the server refused the login ({e.Message.ReplaceLineEndings(" ")})",
            PostgresException { SqlState: "3D000" } => $"the database does not exist ({e.Message.ReplaceLineEndings(" ")})",
            PostgresException { SqlState: "42501" } => $"the user lacks a privilege the store needs ({e.Message.ReplaceLineEndings(" ")})",
            PostgresException p => $"the server reported {p.SqlState}: {p.MessageText.ReplaceLineEndings(" ")}",
            { InnerException: TimeoutException } => $"the server did not answer in time, or no pooled connection was free ({e.Message.ReplaceLineEndings(" ")}); try again",
            _ => $"the server cannot be reached ({e.Message.ReplaceLineEndings(" ")}); try again",
        };
        return new PostgreSqlCaseStoreException(dataSource, operation, problem, e);
    }

    private static QueryCodeKey? KeyOf(ReadOnlyMemory<byte> key) => key.IsEmpty ? null : new QueryCodeKey(key.Span);

    private static async Task EnsureSchemaAsync(NpgsqlDataSource source, string name, PostgreSqlCaseStoreOptions options, BusinessCalendar calendar, CancellationToken cancellationToken)
    {
        await using var connection = await source.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"SELECT pg_advisory_xact_lock({SchemaMigrations.LockKey})", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection,
            "CREATE TABLE IF NOT EXISTS fengqiao_schema_versions (version integer NOT NULL PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())",
            cancellationToken).ConfigureAwait(false);
        long current;
        await using (var read = new NpgsqlCommand("SELECT coalesce(max(version), 0) FROM fengqiao_schema_versions", connection))
        {
            current = Convert.ToInt64(await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }

        if (current > SchemaVersion)
        {
            throw new PostgreSqlCaseStoreSchemaException(name, current,
                string.Create(CultureInfo.InvariantCulture, $"it has schema version {current}, newer than this version of Fengqiao knows (1 to {SchemaVersion}); use the newer Fengqiao that migrated it"));
        }

        if (current is > 0 and < 5 && KeyOf(options.QueryCodeKey) is null)
        {
            await using var count = new NpgsqlCommand("SELECT count(*) FROM fengqiao_cases", connection);
            if (Convert.ToInt64(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
            {
                throw new PostgreSqlCaseStoreSchemaException(name, current,
                    string.Create(CultureInfo.InvariantCulture, $"it has schema version {current} and holds plain query codes; migrating them to digests needs the county's query-code key (PostgreSqlCaseStoreOptions.QueryCodeKey, the desk's key; --query-code-key-file on the command line)"));
            }
        }

        foreach (var migration in SchemaMigrations.All.Where(m => m.Version > current))
        {
            foreach (var statement in migration.Statements)
            {
                await ExecuteAsync(connection, statement, cancellationToken).ConfigureAwait(false);
            }

            if (migration.Version == 3)
            {
                var salt = await ReportKeys.CreateSaltAsync(connection, cancellationToken).ConfigureAwait(false);
                await ListingProjection.BuildExistingAsync(connection, calendar, salt, KeyOf(options.QueryCodeKey), cancellationToken).ConfigureAwait(false);
            }

            if (migration.Version == 4)
            {
                await PersonalApart.MoveExistingAsync(connection, new CaseEventChain(options.ChainKey.Span), KeyOf(options.QueryCodeKey), name, current, cancellationToken).ConfigureAwait(false);
            }

            if (migration.Version == 5)
            {
                await PlainCodes.DigestExistingAsync(connection, new CaseEventChain(options.ChainKey.Span), KeyOf(options.QueryCodeKey), name, current, cancellationToken).ConfigureAwait(false);
            }

            if (migration.Version == 6)
            {
                await InlineText.MoveApartAsync(connection, new CaseEventChain(options.ChainKey.Span), cancellationToken).ConfigureAwait(false);
            }

            if (migration.Version == 7)
            {
                await StaffTextApart.MoveApartAsync(connection, new CaseEventChain(options.ChainKey.Span), cancellationToken).ConfigureAwait(false);
            }

            await using var record = new NpgsqlCommand("INSERT INTO fengqiao_schema_versions (version, description) VALUES ($1, $2)", connection);
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Version });
            record.Parameters.Add(new NpgsqlParameter { Value = migration.Description });
            await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Loads the case of the row <paramref name="where"/> picks (by <c>$1</c> = <paramref name="key"/>): its
    /// version and head and, unless this store holds the case at that version (<paramref name="held"/>, sent so the
    /// server leaves it out), its snapshot, in one statement; then the cached fold, the snapshot and the events after
    /// it, or a replay of its events.</summary>
    private async Task<Case?> LoadRowAsync(NpgsqlConnection connection, string where, string key, long held, PostgreSqlCaseStoreOperation operation, CancellationToken cancellationToken)
    {
        string id;
        long version;
        byte[]? head;
        StoredSnapshot? snapshot;
        await using (var command = Command(connection,
            $"SELECT c.id, c.version, c.head, {SnapshotColumns} FROM fengqiao_cases c LEFT JOIN fengqiao_snapshots s ON s.case_id = c.id AND c.version <> $2 WHERE {where}",
            key, held))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            id = reader.GetString(0);
            version = reader.GetInt64(1);
            head = reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2);
            snapshot = StoredSnapshot.Read(reader, 3);
        }

        var caseId = new CaseId(id);
        if (cache.TryGet(caseId, version, out var cached))
        {
            return cached;
        }

        // The events after the snapshot, up to the version the row gave, so a concurrent append cannot make the fold
        // newer than that row said (and the head read with it is the link of exactly that version).
        var folded = await FromSnapshotAsync(caseId, (version, head), snapshot,
                (from, token) => ReadStoredAsync(connection, id, from, version, token), operation, cancellationToken).ConfigureAwait(false)
            ?? await ReplayAsync(connection, caseId, version, head, operation, cancellationToken).ConfigureAwait(false);
        cache.Put(folded);
        return folded;
    }

    /// <summary>Folds a case from all its events up to <paramref name="version"/>, checked against the chain head.</summary>
    private async Task<Case> ReplayAsync(NpgsqlConnection connection, CaseId id, long version, byte[]? head, PostgreSqlCaseStoreOperation operation, CancellationToken cancellationToken)
    {
        var (stored, personal) = await ReadStoredAsync(connection, id.Value, 1, version, cancellationToken).ConfigureAwait(false);
        return Case.Replay(Decode(id, stored, personal, version, head, operation), calendar);
    }

    private async Task<(long Version, byte[]? Head)?> StateAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, "SELECT version, head FROM fengqiao_cases WHERE id = $1", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? (reader.GetInt64(0), reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1))
            : null;
    }

    private async Task<(List<StoredCaseEvent> Events, Personal Personal)> ReadStoredAsync(NpgsqlConnection connection, string id, long from, long upTo, CancellationToken cancellationToken)
    {
        var events = new List<StoredCaseEvent>();
        await using (var command = Command(connection, "SELECT version, body, link FROM fengqiao_events WHERE case_id = $1 AND version BETWEEN $2 AND $3 ORDER BY version", id, from, upTo))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                events.Add(new StoredCaseEvent(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
            }
        }

        var data = new Dictionary<long, string?>();
        await using (var command = Command(connection, "SELECT version, data FROM fengqiao_personal WHERE case_id = $1 AND version BETWEEN $2 AND $3", id, from, upTo))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                data[reader.GetInt64(0)] = reader.IsDBNull(1) ? null : reader.GetString(1);
            }
        }

        return (events, new Personal(data));
    }

    private List<CaseEvent> Decode(CaseId id, List<StoredCaseEvent> stored, Personal personal, long version, byte[]? head, PostgreSqlCaseStoreOperation operation)
    {
        if (verifyOnLoad && chain.Verify(id.Value, stored, head, version) is { } problem)
        {
            throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, problem.Version, problem.Description);
        }

        var events = new List<CaseEvent>(stored.Count);
        foreach (var e in stored)
        {
            try
            {
                events.Add(DecodeOne(id, e, personal));
            }
            catch (CaseEventFormatException failure) when (verifyOnLoad)
            {
                // The chain holds, so the body is as written: what does not read is the personal data kept apart,
                // edited since.
                throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, e.Version,
                    $"the personal data kept apart does not match the event ({failure.Message})");
            }
        }

        if (verifyOnLoad && events.Count > 0 && ErasedOutsideTheStore(events))
        {
            throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, 1,
                "personal data kept apart (the reporter's, or a staff text) is missing, but the case has no erasure event: it was deleted outside the store");
        }

        return events;
    }

    private CaseEvent DecodeOne(CaseId id, StoredCaseEvent stored, Personal personal)
    {
        try
        {
            return CaseEventJson.DeserializeApart(stored.Body, personal.Data.GetValueOrDefault(stored.Version));
        }
        catch (CaseEventFormatException e)
        {
            throw new CaseEventFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Event {stored.Version} of case '{id}' in '{DataSource}' cannot be read. {e.Message}"), e);
        }
    }

    private static bool ErasedOutsideTheStore(List<CaseEvent> events) =>
        !events.Exists(e => e.Payload is CaseReporterErased)
        && events.Exists(e => e.Payload is CaseRegistration { Report.IsPersonalDataErased: true } or CaseReportJoined { Report.IsPersonalDataErased: true }
            || StaffTexts.AnyErased(e.Payload));


    /// <summary>One case's rows in <c>fengqiao_personal</c>: each event's personal document (null once erased).</summary>
    private sealed record Personal(Dictionary<long, string?> Data);
}
