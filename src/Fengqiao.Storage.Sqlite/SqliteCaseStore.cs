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
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Fengqiao.Storage.Sqlite;

/// <summary>The embedded default case store (案件库): case events, an indexed due list and a snapshot cache in one SQLite file, or in memory.</summary>
/// <remarks>
/// <para>
/// Events are kept as <see cref="CaseEventJson"/> text, one row each, keyed by case and version; a row per case holds
/// its version, query-code digest and next due instant (<see cref="Case.NextDueAt"/>), which an index makes
/// <see cref="ListDueAsync"/> a range query rather than a scan. The folded cases are kept in a bounded cache
/// (<see cref="SqliteCaseStoreOptions.SnapshotCacheSize"/>) and used only while their version is the stored one.
/// The query codes given to joined reports (<see cref="Case.JoinedQueryCodeDigests"/>, schema 12) are indexed in
/// <c>case_codes</c>, one row each; <see cref="FindByQueryCodeAsync"/> searches both indexes, and a digest either holds
/// is never given again.
/// </para>
/// <para>
/// Snapshots on disk (schema 9): every append also writes the case's fold (<see cref="CaseSnapshotJson"/>) to the
/// <c>snapshots</c> table in the same transaction, with its format, the calendar's <see cref="BusinessCalendar.Fingerprint"/>
/// and a seal: a link of the case's hash chain from the head the append leaves, over the snapshot's text. A load that
/// misses the cache reads the case row and its snapshot in one statement and restores the case from it, replaying
/// only events written after it (none, when every append writes one). A snapshot of another format, or written on a
/// calendar that counts otherwise, is ignored and the case replayed from its events (the next append writes a current
/// one). With <see cref="SqliteCaseStoreOptions.VerifyChainOnLoad"/> the seal is checked against the chain head (and the
/// events after the snapshot against their links): a snapshot edited outside the store is refused with
/// <see cref="SqliteCaseStoreTamperException"/>. Events older than the snapshot are not read by such a load, so an edit
/// to them does not change what the load gives and is found by <see cref="ReadEventsAsync"/> and
/// <see cref="VerifyAsync"/>, which also compares every snapshot with the fold of its events. A file migrated from
/// schema 7 gets no snapshot at migration: each case gets one at its next append, or all at <see cref="RepairAsync"/>.
/// </para>
/// <para>
/// Appends run in an immediate transaction: the stored version is checked (a stale writer gets the same
/// <see cref="ConcurrencyConflictException"/> as from the in-memory store, and nothing is written), then the events and
/// the case row are written together. Input is checked by <see cref="CaseAppendValidation"/> first, as every store does.
/// Appends that arrive while a commit is under way (concurrent callers, or a group given to
/// <see cref="AppendGroupAsync"/>) share the next transaction — group commit. Each append is checked before any of its
/// rows is written, so a refused append writes nothing and fails alone, and every caller gets its own outcome (no
/// savepoint per append; a group in which an append failed half-written is written again with one each); an append that finds no commit under way commits
/// at once, waiting for no batch. An append's task completes when its transaction is committed, at the file's
/// synchronous level (<see cref="SqliteCaseStoreOptions.FlushEachAppend"/>).
/// Files use write-ahead logging (WAL), so another process may read while this one writes; within the process, a file
/// store reads (<see cref="LoadAsync"/>, <see cref="LoadManyAsync"/>, <see cref="FindByQueryCodeAsync"/>,
/// <see cref="ReadEventsAsync"/>, <see cref="ListDueAsync"/>) on a second connection, each call in one read transaction,
/// so it sees the last committed state and does not wait for an append's transaction.
/// </para>
/// <para>
/// Event bodies are written in the row form (<see cref="CaseEventJson.RowFormatVersion"/>, from schema 6): the case id
/// and version are the row's key, and each body's hash-chain link covers them. Bodies written earlier (formats 2 and 3)
/// are read as they are and never rewritten, so their chain stays valid; a body whose own case id or version differs from
/// its row is refused.
/// </para>
/// <para>
/// Bodies are compressed on disk (schema 13): an event body is written as a <c>BLOB</c>, a snapshot body likewise,
/// each a marker byte and a zstd frame compressed with a dictionary shipped in this package (trained on the compact
/// format's bodies). The hash chain and the snapshot seals cover the JSON text, not the stored bytes, so
/// <see cref="VerifyAsync"/>, <see cref="RepairAsync"/>, erasure and the seals work the same on both. Rows written
/// before schema 13 (event bodies as <c>TEXT</c>, snapshot bodies as JSON) are read as they are and never rewritten;
/// opening such a file migrates nothing (its new rows are compressed). A stored body that does not decode fails its
/// hash link like any edited body. Personal documents are compressed the same way from schema 14 (<c>personal.data</c>
/// as a <c>BLOB</c>); the digest in each event body covers the document's JSON, so erasure (the row's data set to
/// <c>NULL</c>), <see cref="VerifyAsync"/> and <see cref="RepairAsync"/> treat both the same. Documents written before
/// schema 14 stay <c>TEXT</c> and are read as they are: opening such a file rewrites none of them. A document that does
/// not decode no longer matches its digest, and its event is refused as edited.
/// </para>
/// <para>
/// The schema is versioned (<see cref="SchemaVersion"/>, kept in SQLite's <c>user_version</c> with an application id,
/// and a <c>schema_versions</c> table listing the migrations applied): a new or empty file gets the schema; a file of
/// an older version is migrated forward at open, every missing migration in order in one transaction; a file of a newer
/// version, another application or not SQLite at all is refused with <see cref="SqliteCaseStoreSchemaException"/>,
/// unchanged. An existing file gets SQLite's <c>quick_check</c> at open (unless
/// <see cref="SqliteCaseStoreOptions.CheckIntegrityOnOpen"/> is off), so a damaged page is reported then rather than
/// by some later load. A new file is created readable and writable by its owner only (mode 0600; SQLite gives its
/// <c>-wal</c> and <c>-shm</c> files the same mode).
/// </para>
/// <para>
/// Every failure of the file or the driver is a <see cref="SqliteCaseStoreException"/> naming the file and the
/// operation; when another process holds the write lock, a call waits <see cref="SqliteCaseStoreOptions.BusyTimeout"/>
/// and then fails with <see cref="SqliteCaseStoreException.IsBusy"/> set.
/// </para>
/// </remarks>
/// <threadsafety>
/// Thread-safe: the store holds one writing connection and serialises the writing calls on it (SQLite writes one at a
/// time anyway); a file store's reads are serialised on their own connection and run beside the writes (an in-memory
/// store reads on its one connection, in turn with the writes). A call waiting its turn returns as soon as its
/// cancellation token is cancelled (an append: until its group's transaction begins); a call already running finishes
/// (a wait for another process's lock lasts at most the busy timeout). Reads complete synchronously; an append
/// completes synchronously when it led its own commit, and otherwise when the commit that took it is done.
/// </threadsafety>
public sealed partial class SqliteCaseStore : ICaseStore, ICaseReporterErasure, IDisposable, IAsyncDisposable
{
    /// <summary>The schema version this store writes; files of every earlier version are migrated to it at open.</summary>
    public const int SchemaVersion = 14;

    // "FQCS" — marks a SQLite file as a Fengqiao case store.
    private const int ApplicationId = 0x46514353;

    // The driver retries a busy statement for whole seconds of CommandTimeout on top of SQLite's own busy_timeout
    // wait, and 0 would mean "forever": one second makes it give up as soon as busy_timeout has run out.
    private const int DriverTimeoutSeconds = 1;

    // The row form's bodies begin so (the writer puts the format first).
    private static readonly string RowFormPrefix = string.Create(CultureInfo.InvariantCulture, $"{{\"f\":{CaseEventJson.RowFormatVersion},");

    private const string DueSql = "SELECT id FROM cases WHERE next_due <= $due";

    // One call at a time on the connection; a SemaphoreSlim rather than a lock so a waiting call can be cancelled.
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly SqliteConnection connection;
    private readonly BusinessCalendar calendar;
    private readonly SnapshotCache cache;
    private readonly CaseReads writes;
    private readonly CaseReads reads;
    private readonly SqliteConnection? readConnection;
    private readonly SemaphoreSlim readGate;
    private readonly RawStatement writeState;
    private readonly RawStatement insertEvent;
    private readonly RawStatement insertCase;
    private readonly RawStatement updateCase;
    private readonly RawStatement insertPersonal;
    private readonly RawStatement writeSnapshot;
    private readonly SqliteCommand insertCode;
    private readonly int snapshotInterval;
    private readonly bool compressBodies;
    private readonly QueryCodeKey? legacyCodes;
    private readonly Duration busyTimeout;
    private readonly CaseEventChain chain;
    private readonly bool verifyOnLoad;
    private readonly bool chainEvents;
    private readonly Duration? duplicateWindow;
    private readonly byte[] reportKeySalt;
    private readonly WriteTransaction writeTransaction;
    private readonly ListingWriter listing;
    private readonly ReportKeyStatements reportKeys;
    private bool disposed;

    private SqliteCaseStore(SqliteConnection connection, SqliteConnection? readConnection, string dataSource, BusinessCalendar calendar, SqliteCaseStoreOptions options)
    {
        this.connection = connection;
        this.readConnection = readConnection;
        this.calendar = calendar;
        DataSource = dataSource;
        cache = new SnapshotCache(options.SnapshotCacheSize);
        busyTimeout = options.BusyTimeout;
        chain = ChainOf(options);
        verifyOnLoad = options.VerifyChainOnLoad;
        chainEvents = options.ChainEvents;
        legacyCodes = CodeKeyOf(options);
        duplicateWindow = options.DuplicateWindow;
        reportKeySalt = ReportKeys.LoadSalt(connection);
        writes = new CaseReads(connection);
        (reads, readGate) = readConnection is null ? (writes, gate) : (new CaseReads(readConnection), new SemaphoreSlim(1, 1));
        // The append path's statements run straight through SQLite, bound by position (RawStatement).
        writeState = new RawStatement(connection, "SELECT version, head FROM cases WHERE id = ?1");
        insertEvent = new RawStatement(connection, "INSERT INTO events (case_id, version, body, link) VALUES (?1, ?2, ?3, ?4)");
        insertCase = new RawStatement(connection, "INSERT INTO cases (id, version, next_due, head, query_code) VALUES (?1, ?2, ?3, ?4, ?5)");
        updateCase = new RawStatement(connection, "UPDATE cases SET version = ?2, next_due = ?3, head = ?4 WHERE id = ?1");
        insertPersonal = new RawStatement(connection, "INSERT INTO personal (case_id, version, data) VALUES (?1, ?2, ?3)");
        writeSnapshot = new RawStatement(connection,
            "INSERT INTO snapshots (case_id, version, format, calendar, seal, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6) "
            + "ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, format = excluded.format, calendar = excluded.calendar, seal = excluded.seal, body = excluded.body");
        insertCode = Command("INSERT INTO case_codes (digest, case_id, version) VALUES ($digest, $id, $version)", "$digest", "$id", "$version");
        snapshotInterval = options.SnapshotInterval;
        compressBodies = options.CompressBodies;
        writeTransaction = new WriteTransaction(connection);
        listing = new ListingWriter(connection);
        reportKeys = new ReportKeyStatements(connection, reportKeySalt);
    }

    /// <summary>Gets the file the store keeps its data in, or <c>:memory:</c>.</summary>
    public string DataSource { get; }

    /// <summary>Gets whether a call holds the connection now, for tests that need one call waiting behind another.</summary>
    internal bool IsCallInProgress => gate.CurrentCount == 0;

    /// <summary>Reads a pragma on the writing connection, or on the look-ups' connection (the writing one when the store
    /// has no other), for tests that check the options reach SQLite. Call it while no other call is in progress.</summary>
    internal long Pragma(string name, bool lookups = false) => Scalar(lookups && readConnection is not null ? readConnection : connection, "PRAGMA " + name);

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
    /// <exception cref="SqliteCaseStoreSchemaException">The file is not SQLite, is another application's database, or is
    /// a case store of a schema newer than <see cref="SchemaVersion"/>; nothing was changed.</exception>
    /// <exception cref="SqliteCaseStoreException">The file cannot be opened or created (its folder is missing or not
    /// writable, the path is a folder), fails the integrity check, or another process held its lock past the busy
    /// timeout while it was being created or migrated.</exception>
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
            throw new SqliteCaseStoreException(full, SqliteCaseStoreOperation.Open, $"its folder '{folder}' does not exist");
        }

        if (Directory.Exists(full))
        {
            throw new SqliteCaseStoreException(full, SqliteCaseStoreOperation.Open, "the path is a folder, not a file");
        }

        CreateOwnerOnly(full);
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = full,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            DefaultTimeout = DriverTimeoutSeconds,
        };
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
        var builder = new SqliteConnectionStringBuilder { DataSource = ":memory:", Pooling = false, DefaultTimeout = DriverTimeoutSeconds };
        return Create(builder.ToString(), ":memory:", calendar, options, file: false);
    }

    /// <inheritdoc />
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(SqliteCaseStoreOperation.Load, r => LoadLocked(r, id), cancellationToken));

    /// <inheritdoc />
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Read(SqliteCaseStoreOperation.FindByQueryCode,
            r => r.IdByCode(digest.ToString()) is { } id ? LoadLocked(r, new CaseId(id)) : null, cancellationToken));

    /// <inheritdoc />
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    /// <exception cref="CaseEventFormatException">A stored event cannot be read (the message names the case, version and field).</exception>
    public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CaseEvent>>(Read(SqliteCaseStoreOperation.ReadEvents,
            r => ReadEventsLocked(r, id, SqliteCaseStoreOperation.ReadEvents), cancellationToken));

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="ArgumentException">The events or snapshot do not fit together (see <see cref="CaseAppendValidation"/>).</exception>
    /// <exception cref="QueryCodeConflictException">A new case's query code is held by another case; nothing was written.</exception>
    /// <exception cref="DuplicateReportException">A new case reports a matter an open case registered within
    /// <see cref="SqliteCaseStoreOptions.DuplicateWindow"/> already has (see <see cref="FindDuplicateAsync"/>); nothing was written.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, full, read-only, or another process held the
    /// write lock past the busy timeout: <see cref="SqliteCaseStoreException.IsBusy"/>); nothing was written.</exception>
    public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        CaseAppendValidation.Validate(expectedVersion, events, snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        var append = Prepare(expectedVersion, events, snapshot, erase: false, cancellationToken);
        Submit([append]);
        return new ValueTask(append.Completion.Task);
    }

    /// <summary>Appends an erasure event and deletes the case's personal data in one transaction (个人信息删除).</summary>
    /// <param name="expectedVersion">The version the erasure was decided on.</param>
    /// <param name="erasure">The <see cref="CaseReporterErased"/> event.</param>
    /// <param name="snapshot">The case after it.</param>
    /// <param name="cancellationToken">Cancels the erasure before it is committed.</param>
    /// <returns>A completed task: the store is synchronous.</returns>
    /// <remarks>The personal data (the reporter's name and phone, the address and coordinates of the registration and
    /// every joined report) is deleted from the <c>personal</c> table and the case's snapshot is rewritten from the erased
    /// case in the same transaction, so no snapshot keeps it; the query code and the event bodies stay, so the
    /// hash chain and <see cref="VerifyAsync"/> still pass. SQLite may keep the deleted bytes in free pages until the
    /// file is vacuumed (<c>secure_delete</c> is on for this store, so they are overwritten with zeros).</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="erasure"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The event is not an erasure or does not fit the snapshot.</exception>
    /// <exception cref="ConcurrencyConflictException">The stored version differs; nothing was written or deleted.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed; nothing was written or deleted.</exception>
    public ValueTask EraseReporterAsync(long expectedVersion, CaseEvent erasure, Case snapshot, CancellationToken cancellationToken)
    {
        CaseAppendValidation.ValidateErasure(expectedVersion, erasure, snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        var append = Prepare(expectedVersion, [erasure], snapshot, erase: true, cancellationToken);
        Submit([append]);
        return new ValueTask(append.Completion.Task);
    }

    /// <summary>Checks one append inside the group's transaction and writes nothing: the stored version (and for a new
    /// case its query code and duplicates). Every refusal of an append is thrown here, before any of its rows is written.</summary>
    /// <returns>The stored version and chain head the append continues from, and a new case's matter keys.</returns>
    /// <remarks>Runs inside the group's <see cref="WriteTransaction"/>, so every command runs with no driver transaction
    /// (<paramref name="transaction"/> is null). Sees the appends of the group written before it.</remarks>
    /// <exception cref="ConcurrencyConflictException">The stored version is not the expected one.</exception>
    /// <exception cref="QueryCodeConflictException">A new case's query code is held by another case.</exception>
    /// <exception cref="DuplicateReportException">A new case reports the matter of an open case.</exception>
    private CheckedAppend CheckLocked(SqliteTransaction? transaction, PendingAppend append)
    {
        var snapshot = append.Snapshot;
        writes.Transaction = transaction;
        var (stored, head) = StateLocked(snapshot.Id.Value);
        CaseAppendValidation.ThrowIfConflict(snapshot.Id, append.ExpectedVersion, stored);
        if (stored == 0)
        {
            // Never re-point a query code: it is another citizen's key to their case.
            if (writes.IdByCode(snapshot.QueryCodeDigest.ToString()) is not null)
            {
                throw new QueryCodeConflictException(snapshot.Id);
            }

            var digests = reportKeys.Digests(snapshot.Report);
            if (duplicateWindow is { } window && reportKeys.Find(digests, snapshot.RegisteredAt, window) is { } existing)
            {
                throw new DuplicateReportException(snapshot.Id, existing);
            }

            // A joined report's code is checked like a new case's: never re-pointed.
            return new CheckedAppend(stored, head, digests, CheckJoinedCodesLocked(snapshot, append.Events, stored));
        }

        return new CheckedAppend(stored, head, null, CheckJoinedCodesLocked(snapshot, append.Events, stored));
    }

    /// <summary>Checks and writes one append whole (<see cref="CheckLocked"/>, then <see cref="WriteCheckedLocked"/>).</summary>
    private void WriteLocked(SqliteTransaction? transaction, PendingAppend append, Dictionary<CaseId, Case?>? written) =>
        WriteCheckedLocked(transaction, append, CheckLocked(transaction, append), written, deferred: null, again: false);

    /// <summary>Writes one checked append inside the group's transaction: the events, their personal data apart, the
    /// case row, its snapshot and its listing row.</summary>
    /// <param name="transaction">Null: the group's <see cref="WriteTransaction"/> is open.</param>
    /// <param name="append">The append, checked by <see cref="CheckLocked"/> in this transaction.</param>
    /// <param name="state">What <see cref="CheckLocked"/> read: the stored version and chain head.</param>
    /// <param name="written">For each case this group wrote so far, the case whose listing entry its row holds now (null:
    /// not known), so a second append to a case in the group knows the row the first one left; null when not kept.</param>
    /// <param name="deferred">What earlier appends of this group left to the next append of their case (null: none is
    /// left, every append writes its own snapshot and listing row). This append takes over its case's entry.</param>
    /// <param name="again">Whether a later append of this group is to the same case: this one then leaves its snapshot
    /// and listing row in <paramref name="deferred"/> (see <c>TryWriteWithoutSavepoints</c>). Needs <paramref name="written"/>.</param>
    private void WriteCheckedLocked(SqliteTransaction? transaction, PendingAppend append, CheckedAppend state, Dictionary<CaseId, Case?>? written, Dictionary<CaseId, Deferred>? deferred, bool again)
    {
        var (events, parts, snapshot) = (append.Events, append.Parts, append.Snapshot);
        var id = snapshot.Id.Value;
        var (stored, head, digests, joinedCodes) = state;
        if (digests is not null)
        {
            reportKeys.Remember(digests, snapshot);
        }

        // The chain continues from the stored head; a case row without one (never chained) starts from genesis,
        // and verification then reports the gap.
        byte[]? link = head ?? CaseEventChain.Genesis.ToArray();
        var encoded = append.Encoded as EncodedAppend;
        for (var i = 0; i < events.Count; i++)
        {
            link = chainEvents ? chain.Link(link, id, events[i].Version, parts[i].Body) : null;
            insertEvent.Bind(1, id);
            insertEvent.Bind(2, events[i].Version);
            if (encoded is not null)
            {
                insertEvent.Bind(3, encoded.Bodies[i]);
            }
            else if (compressBodies)
            {
                insertEvent.Bind(3, StoredBodies.EncodeEventScratch(parts[i].Body));
            }
            else
            {
                insertEvent.Bind(3, parts[i].Body);
            }

            insertEvent.BindBlobOrNull(4, link);
            insertEvent.Execute();
            if (parts[i].PersonalData is { } personal)
            {
                insertPersonal.Bind(1, id);
                insertPersonal.Bind(2, events[i].Version);
                var compressed = encoded is not null ? encoded.Personal[i].AsSpan() : compressBodies ? StoredBodies.EncodePersonalScratch(personal) : default;
                if (compressed.IsEmpty)
                {
                    // Not compressed, or not smaller compressed: the text itself (see StoredBodies.EncodePersonal).
                    insertPersonal.Bind(3, personal);
                }
                else
                {
                    insertPersonal.Bind(3, compressed);
                }

                insertPersonal.Execute();
            }
        }

        WriteJoinedCodesLocked(transaction, id, joinedCodes);
        WhileWriting?.Invoke(append.Snapshot.Id);
        if (append.Erase)
        {
            using var forget = connection.CreateCommand();
            forget.Transaction = transaction;
            // The duplicate detector's keys are digests of the reporter's phone or name: they go with the data.
            forget.CommandText = "UPDATE personal SET data = NULL WHERE case_id = $id; DELETE FROM report_keys WHERE case_id = $id";
            forget.Parameters.AddWithValue("$id", id);
            forget.ExecuteNonQuery();
        }

        var write = stored == 0 ? insertCase : updateCase;
        write.Bind(1, id);
        write.Bind(2, snapshot.Version);
        if (snapshot.NextDueAt is { } at)
        {
            write.Bind(3, DueTicks.Of(at));
        }
        else
        {
            write.BindNull(3);
        }

        write.BindBlobOrNull(4, link);
        if (stored == 0)
        {
            write.Bind(5, snapshot.QueryCodeDigest.ToString());
        }

        write.Execute();

        // The fold as of this append, in the same transaction: an erasure always writes it, so no snapshot keeps the
        // personal data it erased; an append left one by an earlier append of the case in this group owes it too.
        var owes = SnapshotDue(append.Erase, stored, snapshot.Version);
        if (deferred is not null && deferred.Remove(snapshot.Id, out var earlier))
        {
            owes |= earlier.OwesSnapshot;
            LeftToTheNextAppend++;
        }

        // The case whose listing entry the row holds now (written earlier in this group, or cached at the stored
        // version) tells which listing columns changed, so only those are written, and none when nothing listed changed.
        Case? before = null;
        if (stored > 0 && !(written is not null && written.TryGetValue(snapshot.Id, out before)))
        {
            before = cache.TryGet(snapshot.Id, stored, out var cached) ? cached : null;
        }

        if (again)
        {
            // A later append of the case in this group writes the snapshot and the row (or, refused, leaves this to the
            // group's end); until then the row holds what it held.
            deferred![snapshot.Id] = new Deferred(snapshot, link, owes, encoded?.Snapshot);
            written![snapshot.Id] = before;
            return;
        }

        WriteSnapshotAndListingLocked(snapshot, link, owes, encoded?.Snapshot, before, written);
    }

    /// <summary>Writes a case's snapshot (when <paramref name="owesSnapshot"/>) sealed to <paramref name="link"/>, and its
    /// listing row judged against <paramref name="before"/> (the case whose entry the row holds now; null: not known);
    /// <paramref name="ahead"/> is the snapshot encoded before the group reached the writer, used when of this version.</summary>
    private void WriteSnapshotAndListingLocked(Case snapshot, byte[]? link, bool owesSnapshot, EncodedSnapshot? ahead, Case? before, Dictionary<CaseId, Case?>? written)
    {
        if (owesSnapshot)
        {
            WriteSnapshotLocked(snapshot, link, ahead);
        }

        listing.Write(snapshot, before);
        if (written is not null)
        {
            written[snapshot.Id] = snapshot;
        }
    }

    /// <inheritdoc />
    /// <remarks>An index range query on the stored next due instants: its cost grows with the number of cases due, not the number stored.</remarks>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyList<CaseId>>(Read(SqliteCaseStoreOperation.ListDue, r => r.Due(dueBy.ToUnixTimeTicks()), cancellationToken));

    /// <summary>Checks every case: its events against their hash chain, and the derived columns (<c>version</c>,
    /// <c>next_due</c>, the query-code index) and its snapshot (seal, and text against the fold of its events up to
    /// the snapshot's version) against a replay of its events.</summary>
    /// <param name="cancellationToken">Cancels between cases.</param>
    /// <returns>The counts and every problem found, ordered by case id; <see cref="SqliteCaseStoreVerification.IsIntact"/> when none.</returns>
    /// <remarks>Reads the whole file and changes nothing; other calls on this store wait until it is done. Event
    /// content never appears in a problem's description.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, unreadable, locked past the busy timeout).</exception>
    public ValueTask<SqliteCaseStoreVerification> VerifyAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Run(SqliteCaseStoreOperation.Verify, () => Check(repair: false, cancellationToken), cancellationToken));

    /// <summary>Rebuilds the derived columns (<c>version</c>, <c>next_due</c>, query code) of every case whose hash chain
    /// holds from its events, and chains a case whose events were never chained.</summary>
    /// <param name="cancellationToken">Cancels between cases; cases already repaired stay repaired.</param>
    /// <returns>How many cases were rewritten, and the problems left: broken chains, which a repair never re-chains
    /// (that would make an edit look genuine); restore those cases from a backup.</returns>
    /// <remarks>Each case is rewritten in its own transaction, its snapshot with it. A case whose chain holds and
    /// whose snapshot is missing (a file migrated from schema 7), of another format or calendar, or older than the case
    /// gets a current one too; that is not counted as a repair. The snapshot cache is cleared.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="SqliteCaseStoreException">The file failed (damaged, read-only, locked past the busy timeout).</exception>
    public ValueTask<SqliteCaseStoreVerification> RepairAsync(CancellationToken cancellationToken) =>
        ValueTask.FromResult(Run(SqliteCaseStoreOperation.Repair, () => Check(repair: true, cancellationToken), cancellationToken));

    private SqliteCaseStoreVerification Check(bool repair, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, long Version, byte[]? Head, string Code, long? Due)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT id, version, head, query_code, next_due FROM cases ORDER BY id";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2),
                    reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
            }
        }

        var problems = ImmutableArray.CreateBuilder<SqliteCaseStoreProblem>();
        long eventsChecked = 0, repaired = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = new CaseId(row.Id);
            writes.Transaction = null;
            var stored = writes.Events(row.Id);
            var personal = writes.ReadPersonal(row.Id);
            eventsChecked += stored.Count;
            if (stored.Count == 0)
            {
                problems.Add(new(id, row.Version, "the case row has no events", IsRepairable: false));
                continue;
            }

            var unchained = row.Head is null && stored.TrueForAll(e => e.Link.IsEmpty);
            if (!unchained && chain.Verify(row.Id, stored, row.Head, stored.Count) is { } broken)
            {
                problems.Add(new(id, broken.Version, broken.Description, IsRepairable: false));
                continue;
            }

            Case folded;
            List<CaseEvent> read;
            try
            {
                read = stored.ConvertAll(e => Deserialize(id, e, personal));
                folded = Case.Replay(read, calendar);
            }
            catch (CaseEventFormatException e)
            {
                problems.Add(new(id, stored[^1].Version, $"an event or its personal data does not read (personal data or query code edited?): {e.Message}", IsRepairable: false));
                continue;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                problems.Add(new(id, stored[^1].Version, $"the events do not replay: {e.GetType().Name}", IsRepairable: false));
                continue;
            }

            if (!personal.Legacy && ErasedOutsideTheStore(read))
            {
                problems.Add(new(id, 1, "personal data kept apart (the reporter's, or a staff text) is missing, but the case has no erasure event: it was deleted outside the store", IsRepairable: false));
                continue;
            }

            var due = DueTicks.Of(folded.NextDueAt);
            var wrong = new List<string>();
            if (unchained)
            {
                wrong.Add("its events have no hash chain");
            }

            var snapshot = writes.SnapshotsOf([row.Id]).TryGetValue(row.Id, out var held) ? held : (StoredSnapshot?)null;
            var snapshotWrong = snapshot is { } sn && IsCurrent(sn, folded.Version) ? SnapshotProblem(row.Id, sn, folded, read, stored) : null;
            if (snapshotWrong is not null)
            {
                wrong.Add(snapshotWrong);
            }

            if (row.Version != folded.Version)
            {
                wrong.Add(string.Create(CultureInfo.InvariantCulture, $"the stored version is {row.Version}, the events end at {folded.Version}"));
            }

            if (!DueTicks.Matches(row.Due, folded.NextDueAt))
            {
                wrong.Add($"the stored next due instant is {Ticks(row.Due)}, the events say {Ticks(due)}");
            }

            if (!string.Equals(row.Code, folded.QueryCodeDigest.ToString(), StringComparison.Ordinal))
            {
                wrong.Add("the stored query code is not the one the case was registered with");
            }

            if (JoinedCodesProblem(row.Id, folded) is { } codesWrong)
            {
                wrong.Add(codesWrong);
            }

            if (wrong.Count == 0)
            {
                if (repair && snapshotInterval > 0 && (snapshot is not { } current || !IsCurrent(current, folded.Version) || current.Version != folded.Version))
                {
                    // Not a problem (a file migrated from schema 7, a snapshot of another format or calendar, or one
                    // older than the case): repair builds it now rather than at the case's next append.
                    using var transaction = connection.BeginTransaction(deferred: false);
                    WriteSnapshotLocked(folded, chainEvents ? row.Head : null);
                    transaction.Commit();
                }

                continue;
            }

            if (!repair)
            {
                problems.Add(new(id, folded.Version, string.Join("; ", wrong), IsRepairable: true));
                continue;
            }

            if (RewriteLocked(row.Id, folded, unchained ? stored : null) is { } refused)
            {
                problems.Add(new(id, folded.Version, refused, IsRepairable: false));
            }
            else
            {
                repaired++;
            }
        }

        if (repair)
        {
            cache.Clear();
        }

        using (var orphans = connection.CreateCommand())
        {
            orphans.CommandText = "SELECT case_id, min(version) FROM events WHERE case_id NOT IN (SELECT id FROM cases) GROUP BY case_id ORDER BY case_id";
            using var reader = orphans.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(new(new CaseId(reader.GetString(0)), reader.GetInt64(1), "the events have no case row (it was deleted)", IsRepairable: false));
            }
        }

        problems.AddRange(OrphanJoinedCodes());
        return new SqliteCaseStoreVerification(rows.Count, eventsChecked, problems.ToImmutable(), repaired);
    }

    private static string Ticks(long? ticks) =>
        ticks is { } t ? Instant.FromUnixTimeTicks(t).ToString() : "empty";

    /// <summary>Writes a case row's derived columns from its replay (and chains never-chained events) in one transaction.</summary>
    /// <returns>Null when written, or why not (another case holds the query code).</returns>
    private string? RewriteLocked(string id, Case folded, List<StoredCaseEvent>? unchained)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        writes.Transaction = transaction;
        if (writes.IdByCode(folded.QueryCodeDigest.ToString()) is { } holder && !string.Equals(holder, id, StringComparison.Ordinal))
        {
            return $"the case's query code is held by case '{holder}'; not rewritten";
        }

        using var update = connection.CreateCommand();
        update.Transaction = transaction;
        update.CommandText = "UPDATE cases SET version = $version, next_due = $due, query_code = $code WHERE id = $id";
        update.Parameters.AddWithValue("$version", folded.Version);
        update.Parameters.AddWithValue("$due", folded.NextDueAt is { } at ? DueTicks.Of(at) : DBNull.Value);
        update.Parameters.AddWithValue("$code", folded.QueryCodeDigest.ToString());
        update.Parameters.AddWithValue("$id", id);
        update.ExecuteNonQuery();
        if (RewriteJoinedCodesLocked(transaction, id, folded) is { } codeRefused)
        {
            return codeRefused;
        }

        ListingProjection.Write(connection, transaction, folded);
        if (unchained is not null)
        {
            SchemaMigrations.ChainExisting(connection, transaction, chain);
        }

        if (snapshotInterval > 0)
        {
            WriteSnapshotLocked(folded, chainEvents ? writes.State(id).Head : null);
        }

        transaction.Commit();
        return null;
    }

    /// <summary>Closes the store and its file; later calls throw <see cref="ObjectDisposedException"/>.</summary>
    public void Dispose()
    {
        gate.Wait();
        var separateReads = readGate != gate;
        if (separateReads)
        {
            readGate.Wait();
        }

        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            foreach (var statement in new[] { writeState, insertEvent, insertCase, updateCase, insertPersonal, writeSnapshot })
            {
                statement.Dispose();
            }

            insertCode.Dispose();

            writeTransaction.Dispose();
            listing.Dispose();
            reportKeys.Dispose();
            writes.Dispose();
            if (separateReads)
            {
                reads.Dispose();
            }

            readConnection?.Dispose();
            connection.Dispose();
            cache.Clear();
        }
        finally
        {
            if (separateReads)
            {
                readGate.Release();
            }

            gate.Release();
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
        SqliteConnection? readConnection = null;
        var busy = string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {(long)options.BusyTimeout.TotalMilliseconds}");
        try
        {
            connection.Open();
            Execute(connection, busy);
            Execute(connection, "PRAGMA secure_delete = ON");
            EnsureSchema(connection, dataSource, options, calendar);
            if (file)
            {
                Execute(connection, "PRAGMA journal_mode = WAL");
                Execute(connection, options.FlushEachAppend ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL");

                // The log grows to this size between checkpoints, and is cut back to it after one (see WalCheckpointPages).
                Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA wal_autocheckpoint = {options.WalCheckpointPages}"));
                Execute(connection, string.Create(CultureInfo.InvariantCulture,
                    $"PRAGMA journal_size_limit = {(long)options.WalCheckpointPages * Scalar(connection, "PRAGMA page_size")}"));
                Execute(connection, string.Create(CultureInfo.InvariantCulture, $"PRAGMA cache_size = -{options.WriteCacheKiB}"));
                var mmap = string.Create(CultureInfo.InvariantCulture, $"PRAGMA mmap_size = {options.MemoryMapBytes}");
                Execute(connection, mmap);

                // Look-ups get a connection of their own: under WAL it reads the last committed state while the
                // writer's transaction is open, so a sweep or a long group commit does not hold them up.
                readConnection = new SqliteConnection(connectionString);
                readConnection.Open();
                Execute(readConnection, busy);
                Execute(readConnection, "PRAGMA query_only = ON");
                Execute(readConnection, mmap);
            }

            return new SqliteCaseStore(connection, readConnection, dataSource, calendar, options);
        }
        catch (SqliteException e)
        {
            readConnection?.Dispose();
            connection.Dispose();
            throw Failure(dataSource, SqliteCaseStoreOperation.Open, e, options.BusyTimeout);
        }
        catch
        {
            readConnection?.Dispose();
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Creates a missing file empty and readable by its owner only, before SQLite opens it (SQLite would
    /// create it with the process's default mode, usually 0644).</summary>
    private static void CreateOwnerOnly(string full)
    {
        if (OperatingSystem.IsWindows() || File.Exists(full))
        {
            return;
        }

        try
        {
            using var created = new FileStream(full, new FileStreamOptions
            {
                Mode = FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite,
            });
        }
        catch (IOException) when (File.Exists(full))
        {
            // Another process created it first: open that one.
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SqliteCaseStoreException(full, SqliteCaseStoreOperation.Open, $"the file cannot be created: {e.Message}", e);
        }
    }

    private static void EnsureSchema(SqliteConnection connection, string dataSource, SqliteCaseStoreOptions options, BusinessCalendar calendar)
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
            Migrate(connection, dataSource, fresh: true, options, calendar);
            return;
        }

        if (applicationId != ApplicationId)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, userVersion,
                string.Create(CultureInfo.InvariantCulture, $"it is another application's database (application id {applicationId}, {tables} schema objects)"));
        }

        if (userVersion > SchemaVersion)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, userVersion,
                string.Create(CultureInfo.InvariantCulture, $"it has schema version {userVersion}, newer than this version of Fengqiao knows (1 to {SchemaVersion}); open it with the newer Fengqiao that wrote it"));
        }

        if (userVersion < 1)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, userVersion, "it is marked as a case store but has no schema version");
        }

        if (options.CheckIntegrityOnOpen)
        {
            CheckIntegrity(connection, dataSource);
        }

        if (userVersion < SchemaVersion)
        {
            Migrate(connection, dataSource, fresh: false, options, calendar);
        }
    }

    private static void Migrate(SqliteConnection connection, string dataSource, bool fresh, SqliteCaseStoreOptions options, BusinessCalendar calendar)
    {
        using var transaction = connection.BeginTransaction(deferred: false);

        // Read again under the write lock: another process may have created or migrated the file meanwhile.
        var current = Scalar(connection, "PRAGMA user_version", transaction);
        if (current > SchemaVersion)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, current,
                string.Create(CultureInfo.InvariantCulture, $"it has schema version {current}, newer than this version of Fengqiao knows (1 to {SchemaVersion})"));
        }

        if (fresh && current == 0)
        {
            Execute(connection, $"PRAGMA application_id = {ApplicationId}", transaction);
        }

        SchemaMigrations.Apply(connection, transaction, current, ChainOf(options), calendar, CodeKeyOf(options), dataSource);
        transaction.Commit();
    }

    /// <summary>Runs SQLite's <c>quick_check</c> (every page and index entry read once, without cross-checking indexes
    /// against tables): a damaged file is refused at open with the first problems SQLite names.</summary>
    private static void CheckIntegrity(SqliteConnection connection, string dataSource)
    {
        var problems = new List<string>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA quick_check(5)";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }

        if (problems is not ["ok"])
        {
            throw new SqliteCaseStoreException(dataSource, SqliteCaseStoreOperation.Open,
                $"the file is damaged (SQLite's integrity check: {string.Join("; ", problems).ReplaceLineEndings(" ")}); restore it from a backup");
        }
    }

    private T Run<T>(SqliteCaseStoreOperation operation, Func<T> body, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        gate.Wait(cancellationToken);
        try
        {
            ThrowIfDisposed();
            return body();
        }
        catch (SqliteException e)
        {
            throw Failure(DataSource, operation, e, busyTimeout);
        }
        finally
        {
            gate.Release();
        }
    }

    private static SqliteCaseStoreException Failure(string dataSource, SqliteCaseStoreOperation operation, SqliteException e, Duration busyTimeout)
    {
        var problem = e.SqliteErrorCode switch
        {
            5 or 6 => string.Create(CultureInfo.InvariantCulture,
                $"another connection held the file's lock for longer than the busy timeout ({busyTimeout.TotalSeconds:0.###} s); nothing was written, try again later"),
            11 or 26 => $"the file is damaged ({e.Message.ReplaceLineEndings(" ")}); restore it from a backup",
            13 => "the disk is full; nothing was written",
            8 => "the file or its folder is read-only; nothing was written",
            14 => $"the file cannot be opened (a missing or unwritable folder, or a path that is a folder): {e.Message.ReplaceLineEndings(" ")}",
            _ => e.Message.ReplaceLineEndings(" "),
        };
        return new SqliteCaseStoreException(dataSource, operation, problem, e);
    }

    private static long Scalar(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private SqliteCommand Command(string sql, params string[] parameters) => Prepare(connection, sql, parameters);

    /// <summary>The case row's version (0 when there is none) and chain head, read on the writing connection inside the
    /// append's transaction (the append path's own statement; <see cref="CaseReads.State"/> reads the same).</summary>
    private (long Version, byte[]? Head) StateLocked(string id)
    {
        writeState.Bind(1, id);
        if (!writeState.Row())
        {
            return (0L, null);
        }

        try
        {
            return (writeState.Int64(0), writeState.Blob(1));
        }
        finally
        {
            writeState.Reset();
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
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

    private Case? LoadLocked(CaseReads r, CaseId id)
    {
        // One statement reads the case row and its snapshot (whose columns are read only on a cache miss).
        Case? cached = null;
        var (version, head, snapshot) = r.StateAndSnapshot(id.Value, v => !cache.TryGet(id, v, out cached));
        if (version == 0)
        {
            return null;
        }

        if (cached is not null)
        {
            return cached;
        }

        var folded = FromSnapshot(r, id, (version, head), snapshot, () => r.EventsFrom(id.Value, snapshot!.Value.Version))
            ?? Case.Replay(Materialise(id, r.Events(id.Value), (version, head), r.ReadPersonal(id.Value), SqliteCaseStoreOperation.Load), calendar);
        cache.Put(folded);
        return folded;
    }

    private List<CaseEvent> ReadEventsLocked(CaseReads r, CaseId id, SqliteCaseStoreOperation operation)
    {
        var stored = r.Events(id.Value);
        return Materialise(id, stored, stored.Count > 0 && verifyOnLoad ? r.State(id.Value) : (0, null), r.ReadPersonal(id.Value), operation);
    }

    /// <summary>Turns one case's stored rows into its events: checks the chain against the case row's head (when
    /// <see cref="SqliteCaseStoreOptions.VerifyChainOnLoad"/>), then reads each body with its personal data.</summary>
    private List<CaseEvent> Materialise(CaseId id, List<StoredCaseEvent> stored, (long Version, byte[]? Head) state, Personal personal, SqliteCaseStoreOperation operation)
    {
        if (verifyOnLoad && stored.Count > 0 && chain.Verify(id.Value, stored, state.Head, state.Version) is { } broken)
        {
            throw new SqliteCaseStoreTamperException(DataSource, operation, id, broken.Version, broken.Description);
        }

        var events = new List<CaseEvent>(stored.Count);
        foreach (var e in stored)
        {
            try
            {
                events.Add(Deserialize(id, e, personal));
            }
            catch (CaseEventFormatException problem) when (verifyOnLoad)
            {
                // The chain holds, so the body is as written: what does not read is the personal data kept apart,
                // edited since.
                throw new SqliteCaseStoreTamperException(DataSource, operation, id, e.Version,
                    $"the personal data kept apart does not match the event ({problem.Message})");
            }
        }

        if (verifyOnLoad && !personal.Legacy && ErasedOutsideTheStore(events))
        {
            throw new SqliteCaseStoreTamperException(DataSource, operation, id, 1,
                "personal data kept apart (the reporter's, or a staff text) is missing, but the case has no erasure event: it was deleted outside the store");
        }

        return events;
    }

    private static bool ErasedOutsideTheStore(List<CaseEvent> events) =>
        !events.Exists(e => e.Payload is CaseReporterErased)
        && events.Exists(e => e.Payload is CaseRegistration { Report.IsPersonalDataErased: true } or CaseReportJoined { Report.IsPersonalDataErased: true }
            || StaffTexts.AnyErased(e.Payload));

    private CaseEvent Deserialize(CaseId id, StoredCaseEvent stored, Personal personal)
    {
        try
        {
            // A case written before schema 4 whose chain was broken at the migration keeps its inline bodies (events
            // appended to it since are in the row form, which carries no personal data). Its inline bodies may hold
            // the plain query code, which is read as its digest under the county's key.
            return personal.Legacy && !IsRowForm(stored.Body)
                ? legacyCodes is null ? CaseEventJson.Deserialize(stored.Body) : CaseEventJson.Deserialize(stored.Body, legacyCodes)
                : CaseEventJson.DeserializeApart(stored.Body, id, stored.Version, personal.Data.GetValueOrDefault(stored.Version));
        }
        catch (CaseEventFormatException e)
        {
            throw new CaseEventFormatException(
                string.Create(CultureInfo.InvariantCulture, $"Event {stored.Version} of case '{id}' in '{DataSource}' cannot be read. {e.Message}"), e);
        }
    }

    /// <summary>Whether a stored body is in the row form (<see cref="CaseEventJson.RowFormatVersion"/>), which the
    /// writer always begins with its format.</summary>
    private static bool IsRowForm(string body) => body.StartsWith(RowFormPrefix, StringComparison.Ordinal);

    private static CaseEventChain ChainOf(SqliteCaseStoreOptions options) => new(options.ChainKey.Span);

    private static QueryCodeKey? CodeKeyOf(SqliteCaseStoreOptions options) => options.QueryCodeKey.IsEmpty ? null : new QueryCodeKey(options.QueryCodeKey.Span);

    /// <summary>What <see cref="CheckLocked"/> read for an append: the stored version and chain head, and for a new case
    /// its matter keys' digests (written with it).</summary>
    private readonly record struct CheckedAppend(long Stored, byte[]? Head, (ReportMatterKey Key, byte[] Digest)[]? Digests, List<(string Digest, long Version)>? JoinedCodes);

    /// <summary>One case's rows in <c>personal</c>: the personal document of each event that has one (null once erased),
    /// and whether there are none at all (a case left in the pre-schema-4 inline form).</summary>
    private sealed record Personal(Dictionary<long, string?> Data, bool Legacy);

    private void ThrowIfDisposed() => ObjectDisposedException.ThrowIf(disposed, this);
}
