using NodaTime;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>How a <see cref="PostgreSqlCaseStore"/> caches cases and how long it waits for the server.</summary>
/// <remarks>Pooling (<c>Maximum Pool Size</c>, <c>Minimum Pool Size</c>), the connect <c>Timeout</c> and TLS are
/// set in the connection string and used as given.</remarks>
/// <threadsafety>Immutable once built; safe to share across threads and stores.</threadsafety>
public sealed class PostgreSqlCaseStoreOptions
{
    /// <summary>Gets the defaults: 10,000 cached cases and a thirty-second command timeout.</summary>
    public static PostgreSqlCaseStoreOptions Default { get; } = new();

    /// <summary>Gets how many folded cases the store keeps in memory, least recently used first out; 0 keeps none. Default 10,000.</summary>
    /// <remarks>A cached case is used only while its version is the stored one (read from the server on every load),
    /// so another node's append is never missed.</remarks>
    public int SnapshotCacheSize { get; init; } = 10_000;

    /// <summary>Gets how long one statement may run before the server is asked to cancel it and the call fails. Default thirty seconds.</summary>
    /// <value>One second to one hour, in whole seconds (a fraction is rounded up).</value>
    /// <remarks>It replaces the connection string's <c>Command Timeout</c>. The call then throws
    /// <see cref="PostgreSqlCaseStoreException"/> with <see cref="PostgreSqlCaseStoreException.IsTransient"/> set, and
    /// nothing of an append was written.</remarks>
    public Duration CommandTimeout { get; init; } = Duration.FromSeconds(30);

    /// <summary>Gets whether loading a case checks its events against their hash chain (and its personal data against
    /// the digests in its events) and refuses a broken one with <see cref="PostgreSqlCaseStoreTamperException"/>. Default <see langword="true"/>.</summary>
    /// <remarks>The check hashes the events once per load that misses the snapshot cache and replays them. A load from
    /// an on-disk snapshot (schema 9) checks the snapshot's seal against the case's chain head instead, and the events
    /// after the snapshot against their links; events older than the snapshot are not read (an edit to them cannot
    /// change what such a load gives), so <see cref="PostgreSqlCaseStore.VerifyAsync"/> and
    /// <see cref="PostgreSqlCaseStore.ReadEventsAsync"/> report them. With it off a broken case or snapshot loads as
    /// stored; <see cref="PostgreSqlCaseStore.VerifyAsync"/> still reports it.</remarks>
    public bool VerifyChainOnLoad { get; init; } = true;

    /// <summary>Gets the county's key for the hash chain, or empty (the default) for plain SHA-256.</summary>
    /// <remarks>With a key each link is an HMAC-SHA-256 (as in the SQLite store), so someone who edits the database
    /// without the key cannot re-chain the events to match. Keep it outside the database and its backups; every node
    /// must use the same key. A database chained under one key fails verification under another (or none).</remarks>
    public ReadOnlyMemory<byte> ChainKey { get; init; }

    /// <summary>Gets the county's query-code key (the bytes of the desk's <see cref="Fengqiao.Cases.QueryCodes.QueryCodeKey"/>),
    /// needed only to open a database that still holds plain query codes; empty (the default) otherwise.</summary>
    /// <remarks>The store keeps only each case's query-code digest, made by the desk, and never digests anything itself,
    /// except when migrating a database of schema 4 or older: migration 5 digests the plain codes under this key,
    /// rewrites and re-chains the bodies whose digest was made under another key or none, and drops the plain codes.
    /// Opening such a database without the key is refused (<see cref="PostgreSqlCaseStoreSchemaException"/>) and nothing
    /// is changed. PostgreSQL keeps the dropped values in dead row versions until vacuum reclaims them.</remarks>
    public ReadOnlyMemory<byte> QueryCodeKey { get; init; }

    /// <summary>Gets how long after a case's registration a report of the same matter (<see cref="Fengqiao.Cases.Ports.ReportMatterKey"/>)
    /// joins it rather than opening a new case, or null to detect no duplicates in the store. Default seven days.</summary>
    /// <value>Positive, or null.</value>
    /// <remarks>The store's duplicate detector (<see cref="PostgreSqlCaseStore.FindDuplicateAsync"/>) and the check in
    /// each new case's append use it; give every node on one database the same window.</remarks>
    public Duration? DuplicateWindow { get; init; } = Duration.FromDays(7);

    /// <summary>Gets how often an append writes the case's snapshot: 1 (the default) on every append; N when the
    /// version reaches a multiple of N (a load then replays the events after it); 0 never (loads replay every event,
    /// as before schema 9). Internal: the benchmarks and tests compare them.</summary>
    internal int SnapshotInterval { get; init; } = 1;

    internal void Validate()
    {
        if (SnapshotInterval < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotInterval), SnapshotInterval, "The snapshot interval must be 0 or more.");
        }

        if (DuplicateWindow is { } window && window <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DuplicateWindow), window, "The duplicate window must be positive (or null for none).");
        }

        if (SnapshotCacheSize < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(SnapshotCacheSize), SnapshotCacheSize, "The snapshot cache size must be 0 or more.");
        }

        if (CommandTimeout < Duration.FromSeconds(1) || CommandTimeout > Duration.FromHours(1))
        {
            throw new ArgumentOutOfRangeException(nameof(CommandTimeout), CommandTimeout, "The command timeout must be between one second and one hour.");
        }
    }
}
