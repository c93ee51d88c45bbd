using NodaTime;

namespace Fengqiao.Storage.Sqlite;

/// <summary>How a <see cref="SqliteCaseStore"/> keeps its cache and how hard it flushes.</summary>
/// <threadsafety>Immutable once built; safe to share across threads and stores.</threadsafety>
public sealed class SqliteCaseStoreOptions
{
    /// <summary>Gets the defaults: 10,000 cached cases, a flush on every append, a five-second busy timeout, an integrity check at open.</summary>
    public static SqliteCaseStoreOptions Default { get; } = new();

    /// <summary>Gets how many folded cases (snapshots) the store keeps in memory, least recently used first out; 0 keeps none and replays on every load. Default 10,000.</summary>
    /// <remarks>A cached case is used only while its version is still the stored one, so the cache is never stale.</remarks>
    public int SnapshotCacheSize { get; init; } = 10_000;

    /// <summary>Gets whether each append is flushed to disk before it completes (SQLite <c>synchronous=FULL</c>). Default <see langword="true"/>.</summary>
    /// <remarks>
    /// <see langword="false"/> (<c>synchronous=NORMAL</c>) is faster; the file stays consistent, but the last appends
    /// before a power cut may be lost. In-memory stores ignore it.
    /// </remarks>
    public bool FlushEachAppend { get; init; } = true;

    /// <summary>Gets how many pages the write-ahead log of a file store may grow to before a commit copies it back into
    /// the file (SQLite's <c>wal_autocheckpoint</c>). Default 1,000 pages (about 4 MiB at the 4 KiB page size), SQLite's own.</summary>
    /// <value>1 to 1,048,576.</value>
    /// <remarks>
    /// <para>A checkpoint writes every page the log holds into the file, in place, and flushes the file; it runs on the
    /// commit that takes the log past this size. Durability does not change with it: a commit is acknowledged once it
    /// is in the log, flushed at the <see cref="FlushEachAppend"/> level.</para>
    /// <para>A larger log did not make appends cheaper where measured: a sweep of 10,261 due cases over a
    /// 1,000,000-case file was no faster with 16,384 pages (64 MiB) than with the default (docs/benchmarks.md), so the
    /// default stays SQLite's. What a larger one costs: the log's disk space (up to this many pages plus one group
    /// commit; after a checkpoint it is cut back to this size, <c>journal_size_limit</c>), a longer checkpoint when it
    /// comes and when the store is closed, and a longer first open after a crash, when SQLite reads the whole log to
    /// rebuild its index (docs/operations.md). In-memory stores ignore it.</para>
    /// </remarks>
    public int WalCheckpointPages { get; init; } = 1_000;

    /// <summary>Gets the largest page cache, in KiB, of the connection that writes a file store (SQLite's
    /// <c>cache_size</c>). Default 2,000 KiB, SQLite's own.</summary>
    /// <value>1 to 4,194,304 (4 GiB).</value>
    /// <remarks>
    /// <para>Every append changes a few B-tree pages of each table and index it writes (events, the case row, the
    /// snapshot, the listing row and its indexes, the duplicate detector's keys). A page found in this cache costs no
    /// read; a page that is not costs a read from the file (a system call, and a disk read when the operating system
    /// does not hold it either). Once the pages that open cases touch no longer fit, most of them are read back before
    /// each change: a simulated county made about 190 read calls a case with the default and 25 with 64 to 128 MiB,
    /// for 0.87 to 0.89 times the CPU (docs/benchmarks.md). Give a store that writes many cases a cache that holds the
    /// pages of its open cases.</para>
    /// <para>Memory: the cache is filled as pages are read, so it takes up to this many KiB plus SQLite's bookkeeping
    /// of about 5 % once the file is that large, and is released when the store is closed. The store's other
    /// connection (for look-ups) keeps SQLite's default. In-memory stores ignore it (their pages are all in memory).</para>
    /// </remarks>
    public int WriteCacheKiB { get; init; } = 2_000;

    /// <summary>Gets how many bytes at the start of a file store each of its connections reads through a memory
    /// mapping instead of read calls (SQLite's <c>mmap_size</c>); 0 (the default) maps nothing.</summary>
    /// <value>0 to 1,099,511,627,776 (1 TiB); SQLite lowers a larger size than its build allows to that limit.</value>
    /// <remarks>
    /// <para>A page inside the mapping is read without a system call and without a copy into the page cache; writes
    /// still go through the write-ahead log. Only the first bytes of the file are mapped, so once the file is larger
    /// than this, pages written late in its life (those of recent, open cases, usually at its end) are read as without
    /// it.</para>
    /// <para>Memory: the mapped pages a process has read count in its resident memory (they are the operating system's
    /// file cache, shared and given back under memory pressure), up to this size for each of the store's two
    /// connections. An I/O error on a mapped page reaches the process as a signal rather than an error, which is
    /// SQLite's documented reason to leave the mapping off by default. In-memory stores ignore it.</para>
    /// </remarks>
    public long MemoryMapBytes { get; init; }

    /// <summary>Gets how long a call waits for another process holding the file's write lock before it fails. Default five seconds.</summary>
    /// <value>Zero to one day.</value>
    /// <remarks>When the time is up the call throws <see cref="SqliteCaseStoreException"/> with
    /// <see cref="SqliteCaseStoreException.IsBusy"/> set and nothing written. The driver retries in whole seconds, so a
    /// timeout under one second (zero included) waits about one second.</remarks>
    public Duration BusyTimeout { get; init; } = Duration.FromSeconds(5);

    /// <summary>Gets whether opening an existing file runs SQLite's <c>quick_check</c>, so a damaged file is refused at
    /// open. Default <see langword="true"/>.</summary>
    /// <remarks>The check reads every page once: on a file of a million cases it adds a few seconds to opening (see
    /// docs/operations.md). A host that checks its files by other means may turn it off.</remarks>
    public bool CheckIntegrityOnOpen { get; init; } = true;

    /// <summary>Gets whether loading a case checks its events against their hash chain and refuses a broken one with
    /// <see cref="SqliteCaseStoreTamperException"/>. Default <see langword="true"/>.</summary>
    /// <remarks>The check hashes the events once per load that misses the snapshot cache and replays them. A load from
    /// an on-disk snapshot checks the snapshot's seal against the case's chain head instead, and the events after the
    /// snapshot against their links; events older than the snapshot are not read (an edit to them cannot change what
    /// such a load gives) and <see cref="SqliteCaseStore.VerifyAsync"/> and <see cref="SqliteCaseStore.ReadEventsAsync"/>
    /// report them. With it off a broken case or snapshot loads as stored; <see cref="SqliteCaseStore.VerifyAsync"/>
    /// still reports it.</remarks>
    public bool VerifyChainOnLoad { get; init; } = true;

    /// <summary>Gets the county's key for the hash chain, or empty (the default) for plain SHA-256.</summary>
    /// <remarks>With a key each link is an HMAC-SHA-256, so someone who edits the file without the key cannot re-chain
    /// the events to match. Keep it outside the database file. A file chained under one key fails verification under
    /// another (or none); migration from an older schema chains existing events under the key given at open.</remarks>
    public ReadOnlyMemory<byte> ChainKey { get; init; }

    /// <summary>Gets the county's query-code key (the bytes of the desk's <see cref="Fengqiao.Cases.QueryCodes.QueryCodeKey"/>),
    /// needed only to open a file that still holds plain query codes; empty (the default) otherwise.</summary>
    /// <remarks>
    /// <para>The store keeps only each case's query-code digest (<see cref="Fengqiao.Cases.Case.QueryCodeDigest"/>, made
    /// by the desk under the county's key): in the index, in the event bodies, nowhere the plain code. It never digests
    /// anything itself, except when opening a file written by an older version: schema 6 and older kept the plain code
    /// beside the personal data, and migration 7 digests it under this key, rewrites (and re-chains) the bodies whose
    /// digest was made under another key or none, and drops the plain codes. Opening such a file without the key is
    /// refused (<see cref="SqliteCaseStoreSchemaException"/>), and nothing is changed.</para>
    /// <para>A case whose hash chain was already broken keeps its bodies (re-chaining would make an edit look genuine);
    /// <c>verify</c> goes on reporting it. A case left inline before schema 4 (broken chain) is read with this key.</para>
    /// </remarks>
    public ReadOnlyMemory<byte> QueryCodeKey { get; init; }

    /// <summary>Gets how long after a case's registration a report of the same matter (<see cref="Fengqiao.Cases.Ports.ReportMatterKey"/>)
    /// joins it rather than opening a new case, or null to detect no duplicates in the store. Default seven days.</summary>
    /// <value>Positive, or null.</value>
    /// <remarks>The store's duplicate detector (<see cref="SqliteCaseStore.FindDuplicateAsync"/>) and the check in each
    /// new case's append use it; give every process on one file the same window.</remarks>
    public Duration? DuplicateWindow { get; init; } = Duration.FromDays(7);

    /// <summary>Gets whether appends compute the hash chain; off only in the benchmarks that measure what the chain costs
    /// (a store written so fails verification).</summary>
    internal bool ChainEvents { get; init; } = true;

    /// <summary>Gets how often an append writes the case's snapshot (its fold, sealed to the chain) to the file: 1 (the
    /// default) with every append; N when an append takes the case's version to or past a multiple of N; 0 never.</summary>
    /// <value>0 to 1,000. Default 1.</value>
    /// <remarks>
    /// <para>A load that misses the cache (<see cref="SnapshotCacheSize"/>) reads the case's last snapshot and replays
    /// the events written after it (at most N − 1), checking their hash links from the snapshot's seal; with 0 it
    /// replays every event, as before schema 9. A new case and an erasure always write one, whatever N.</para>
    /// <para>The trade: each snapshot written costs a serialisation, a seal and a compression on the append (the
    /// largest single part of an append's work in the 30 × 600 simulation), and each event replayed costs about as much
    /// on a load that misses. A store whose cases are appended to more often than they are loaded from the file (most
    /// loads hit the cache, or one writer keeps its cases) gains from N of 4 to 16; a store that reads every case cold
    /// keeps 1. Figures in docs/benchmarks.md ("A snapshot every N versions"). Files written with any N read the same
    /// with any other: the interval only decides which appends write one.</para>
    /// </remarks>
    public int SnapshotInterval { get; init; } = 1;

    /// <summary>The largest <see cref="SnapshotInterval"/>: a load past a cache miss replays at most this many events less one.</summary>
    internal const int MaxSnapshotInterval = 1_000;

    /// <summary>Gets whether new event and snapshot bodies (schema 13) and personal documents (schema 14) are stored
    /// compressed (the default) or as JSON, as schema 10 stored them (both read the same). Internal: the benchmarks
    /// measure what compression costs in one run.</summary>
    internal bool CompressBodies { get; init; } = true;

    private const int MaxWriteCacheKiB = 4 * 1024 * 1024;
    private const long MaxMemoryMapBytes = 1L << 40;

    internal void Validate()
    {
        if (SnapshotInterval is < 0 or > MaxSnapshotInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotInterval), SnapshotInterval, "The snapshot interval must be 0 (never) to 1,000 versions.");
        }

        if (WalCheckpointPages is < 1 or > 1_048_576)
        {
            throw new ArgumentOutOfRangeException(nameof(WalCheckpointPages), WalCheckpointPages, "The write-ahead log's checkpoint size must be 1 to 1,048,576 pages.");
        }

        if (WriteCacheKiB is < 1 or > MaxWriteCacheKiB)
        {
            throw new ArgumentOutOfRangeException(nameof(WriteCacheKiB), WriteCacheKiB, "The write cache must be 1 to 4,194,304 KiB (4 GiB).");
        }

        if (MemoryMapBytes is < 0 or > MaxMemoryMapBytes)
        {
            throw new ArgumentOutOfRangeException(nameof(MemoryMapBytes), MemoryMapBytes, "The memory-mapped size must be 0 to 1,099,511,627,776 bytes (1 TiB).");
        }

        if (SnapshotCacheSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotCacheSize), SnapshotCacheSize, "The snapshot cache size must be 0 or more.");
        }

        if (DuplicateWindow is { } window && window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DuplicateWindow), window, "The duplicate window must be positive (or null for none).");
        }

        if (BusyTimeout < Duration.Zero || BusyTimeout > Duration.FromDays(1))
        {
            throw new ArgumentOutOfRangeException(nameof(BusyTimeout), BusyTimeout, "The busy timeout must be between zero and one day.");
        }
    }
}
