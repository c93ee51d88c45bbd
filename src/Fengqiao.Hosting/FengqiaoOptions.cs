namespace Fengqiao.Hosting;

/// <summary>Where a Fengqiao desk keeps its cases.</summary>
public enum FengqiaoStoreKind
{
    /// <summary>An SQLite file (<see cref="FengqiaoOptions.Connection"/> is its path): cases survive a restart.</summary>
    Sqlite = 0,

    /// <summary>Process memory: every case is lost when the host stops. For demos and tests.</summary>
    InMemory = 1,

    /// <summary>A PostgreSQL database (<see cref="FengqiaoOptions.Connection"/> is an Npgsql connection string): cases
    /// survive a restart and many portal nodes share them.</summary>
    PostgreSql = 2,
}

/// <summary>
/// The settings <see cref="FengqiaoServiceCollectionExtensions.AddFengqiao"/> binds from the configuration section
/// <c>Fengqiao</c> (for example <c>Fengqiao:ProfilePath</c>, <c>Fengqiao:Store</c>, <c>Fengqiao:Connection</c>).
/// </summary>
/// <remarks>
/// Checked once, when the desk is first resolved: a missing profile path, an SQLite or PostgreSQL store without a connection, a
/// non-positive sweep interval or duplicate window, a sweep lease or batch size out of range, or a time zone that differs from the profile's fails with a
/// <see cref="FengqiaoConfigurationException"/> naming the key. Mutable only so configuration binding can fill it;
/// not thread-safe while being configured, read-only afterwards.
/// </remarks>
public sealed class FengqiaoOptions
{
    /// <summary>The configuration section the options are bound from: <c>Fengqiao</c>.</summary>
    public const string SectionName = "Fengqiao";

    /// <summary>Path of the county's YAML profile (relative paths resolve against the working directory). Required.</summary>
    public string? ProfilePath { get; set; }

    /// <summary>Where cases are kept; <see cref="FengqiaoStoreKind.Sqlite"/> by default.</summary>
    public FengqiaoStoreKind Store { get; set; } = FengqiaoStoreKind.Sqlite;

    /// <summary>For <see cref="FengqiaoStoreKind.Sqlite"/>, the database file's path; for <see cref="FengqiaoStoreKind.PostgreSql"/>,
    /// the Npgsql connection string (<c>Host=…;Database=…;Username=…;Password=…</c>). Ignored for the in-memory store.</summary>
    public string? Connection { get; set; }

    /// <summary>The county's query-code key, base64-encoded (at least 16 bytes; e.g. from a secret store or the
    /// <c>Fengqiao__QueryCodeKey</c> environment variable). Either this or <see cref="QueryCodeKeyFile"/> is required.</summary>
    /// <remarks>The desk keeps only the keyed digest of each query code, and the store is given the same key to migrate
    /// files that still hold plain codes. Every node of a county uses the same key; with another key no case is found by
    /// its code. Keep it out of the database and its backups.</remarks>
    public string? QueryCodeKey { get; set; }

    /// <summary>The path of a file whose bytes are the county's query-code key (at least 16 bytes), instead of <see cref="QueryCodeKey"/>.</summary>
    public string? QueryCodeKeyFile { get; set; }

    /// <summary>The county's retired query-code keys, base64-encoded, newest first (<c>Fengqiao:RetiredQueryCodeKeys:0</c>,
    /// <c>:1</c>, …): after a key rotation the old key goes here, so the codes citizens were given before still find
    /// their cases. Empty by default.</summary>
    /// <remarks>Codes are never re-digested (only their digests are stored); a retired key is needed for as long as
    /// citizens may still look up cases registered under it. See docs/operations.md, "Rotating the query-code key".</remarks>
    public IList<string> RetiredQueryCodeKeys { get; } = [];

    /// <summary>Paths of files whose bytes are retired query-code keys, newest first (<c>Fengqiao:RetiredQueryCodeKeyFiles:0</c>,
    /// …), instead of or besides <see cref="RetiredQueryCodeKeys"/> (whose keys come first). Empty by default.</summary>
    public IList<string> RetiredQueryCodeKeyFiles { get; } = [];

    /// <summary>How often the hosted sweep runs (SLA warnings, overdue marks, escalations); one minute by default.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a second report of the same category, grid and reporter joins the first instead of opening a case;
    /// <see langword="null"/> (the default) keeps the store's or desk's own window (seven days). The SQLite and
    /// PostgreSQL stores detect duplicates durably (across restarts and nodes) with this window; the in-memory store
    /// gets a detector in process memory.
    /// </summary>
    public TimeSpan? DuplicateWindow { get; set; }

    /// <summary>
    /// The county's IANA time zone, when the host wants to assert it (for example <c>Asia/Urumqi</c>); it must equal the
    /// profile's <c>time-zone</c>. <see langword="null"/> accepts the profile's.
    /// </summary>
    public string? TimeZone { get; set; }

    /// <summary>
    /// On <see cref="FengqiaoStoreKind.PostgreSql"/>, this node's sweeper name, written on the due cases it claims; unique
    /// among the nodes sharing the database, 1 to 200 characters. <see langword="null"/> (the default) makes one from the
    /// machine name, the process id and a random suffix. Ignored for the other stores.
    /// </summary>
    /// <remarks>On PostgreSQL the hosted sweep claims due cases with <c>FOR UPDATE SKIP LOCKED</c> and a lease
    /// (<see cref="SweepLease"/>), <see cref="SweepBatchSize"/> at a time, so any number of nodes may sweep one database
    /// and each due case is acted on once.</remarks>
    public string? SweeperName { get; set; }

    /// <summary>
    /// On <see cref="FengqiaoStoreKind.PostgreSql"/>, how long this node's claim on a due case holds it against the other
    /// nodes; five minutes by default, from one second to one day (<c>Fengqiao:SweepLease</c>, for example <c>00:02:00</c>).
    /// Ignored for the other stores, but checked on every store.
    /// </summary>
    /// <remarks>A node that dies holding claims delays those cases by at most the lease; then another node takes them. A
    /// lease shorter than one batch takes to act on lets a second node take the same cases, which costs work but never a
    /// double action (the case's version lets one append through). Keep the nodes' clocks in step (NTP) to well within
    /// the lease.</remarks>
    public TimeSpan SweepLease { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// On <see cref="FengqiaoStoreKind.PostgreSql"/>, how many due cases one claim takes; 200 by default, from 1 to
    /// 100,000 (<c>Fengqiao:SweepBatchSize</c>). Ignored for the other stores, but checked on every store.
    /// </summary>
    /// <remarks>A sweep claims batch after batch until nothing due is left. Smaller batches spread a burst of due cases
    /// more evenly over the nodes and lose less to a node that dies; larger ones make fewer round trips.</remarks>
    public int SweepBatchSize { get; set; } = 200;

    /// <summary>Whether the hosted sweep service runs; <see langword="true"/> by default. Tests may turn it off and sweep by hand.</summary>
    public bool RunSweep { get; set; } = true;

    /// <summary>What the citizen view (<c>Fengqiao:CitizenView</c>) shows beyond state, deadlines and the public timeline.</summary>
    /// <remarks>Never <see langword="null"/> after binding; by default shows no staff names.</remarks>
    public FengqiaoCitizenViewOptions CitizenView { get; set; } = new();
}

/// <summary>
/// A county's choices for the citizen view of a case, bound from <c>Fengqiao:CitizenView</c> (for example
/// <c>Fengqiao:CitizenView:ShowStaffNames</c>).
/// </summary>
/// <remarks>Mutable only so configuration binding can fill it; not thread-safe while being configured, read-only afterwards.</remarks>
public sealed class FengqiaoCitizenViewOptions
{
    /// <summary>
    /// Whether the citizen sees the names of the staff who handled the case (the worker holding it and who acted at each
    /// step of the timeline), taken from the members of the county profile. <see langword="false"/> by default: staff
    /// stay anonymous to citizens unless the county decides otherwise. Staff ids are never shown; an actor who is not a
    /// member of the profile shows no name.
    /// </summary>
    public bool ShowStaffNames { get; set; }
}
