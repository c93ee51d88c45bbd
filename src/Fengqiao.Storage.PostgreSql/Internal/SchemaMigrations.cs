using System.Collections.Immutable;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>
/// The case store's schema as a list of forward migrations, recorded one row each in <c>fengqiao_schema_versions</c>.
/// Opening a database applies the missing migrations in order, in one transaction under an advisory lock, so many nodes
/// starting at once migrate it once and a database is either wholly migrated or left as it was.
/// </summary>
/// <remarks>To change the schema, append a migration; never edit one that has shipped.</remarks>
internal static class SchemaMigrations
{
    /// <summary>The advisory lock key every node takes while it checks or migrates the schema ("FQCS").</summary>
    public const long LockKey = 0x46514353;

    /// <summary>The migrations, version 1 first; a migration's version is its position plus one.</summary>
    public static readonly ImmutableArray<Migration> All =
    [
        new(1, "cases, events, the query-code and next-due indexes",
        [
            "CREATE TABLE fengqiao_cases (id text NOT NULL PRIMARY KEY, version bigint NOT NULL, query_code text NOT NULL, next_due bigint NULL)",
            "CREATE UNIQUE INDEX fengqiao_cases_query_code ON fengqiao_cases (query_code)",
            "CREATE INDEX fengqiao_cases_next_due ON fengqiao_cases (next_due) WHERE next_due IS NOT NULL",
            "CREATE TABLE fengqiao_events (case_id text NOT NULL, version bigint NOT NULL, at bigint NOT NULL, body text NOT NULL, PRIMARY KEY (case_id, version))",
        ]),
        new(2, "sweep claims: the node holding a due case and until when",
        [
            "ALTER TABLE fengqiao_cases ADD COLUMN claimed_by text NULL",
            "ALTER TABLE fengqiao_cases ADD COLUMN claimed_until bigint NULL",
        ]),
        new(3, "fengqiao_case_listing: the listing projection (holder, worker, state, category, grid, registration, overdue) and its indexes; fengqiao_report_keys: keyed digests of the matters reported, for the durable duplicate detector; both built from existing cases",
        [
            "CREATE TABLE fengqiao_case_listing (id text COLLATE \"C\" NOT NULL PRIMARY KEY, version bigint NOT NULL, state integer NOT NULL, holder text NULL, worker text NULL, category text NOT NULL, grid text NOT NULL, registered_at bigint NOT NULL, overdue_from bigint NULL)",
            "CREATE INDEX fengqiao_case_listing_registered ON fengqiao_case_listing (registered_at, id)",
            "CREATE INDEX fengqiao_case_listing_holder ON fengqiao_case_listing (holder, registered_at, id) WHERE holder IS NOT NULL",
            "CREATE INDEX fengqiao_case_listing_worker ON fengqiao_case_listing (worker, registered_at, id) WHERE worker IS NOT NULL",
            "CREATE INDEX fengqiao_case_listing_state ON fengqiao_case_listing (state, registered_at, id)",
            "CREATE INDEX fengqiao_case_listing_grid ON fengqiao_case_listing (grid, registered_at, id)",
            "CREATE INDEX fengqiao_case_listing_category ON fengqiao_case_listing (category, registered_at, id)",
            "CREATE INDEX fengqiao_case_listing_overdue ON fengqiao_case_listing (overdue_from) WHERE overdue_from IS NOT NULL",
            "CREATE TABLE fengqiao_report_keys (digest bytea NOT NULL, case_id text NOT NULL, registered_at bigint NOT NULL, PRIMARY KEY (digest, registered_at, case_id))",
            "CREATE TABLE fengqiao_settings (name text NOT NULL PRIMARY KEY, value bytea NOT NULL)",
        ]),
        new(4, "hash chain (events.link, cases.head); personal data and query codes apart in fengqiao_personal; query codes indexed by digest",
        [
            "ALTER TABLE fengqiao_events ADD COLUMN link bytea NULL",
            "ALTER TABLE fengqiao_cases ADD COLUMN head bytea NULL",
            "CREATE TABLE fengqiao_personal (case_id text NOT NULL, version bigint NOT NULL, query_code text NULL, data text NULL, PRIMARY KEY (case_id, version))",
        ]),
        new(5, "query codes kept only as the desk's keyed digests: plain codes digested under the county's key (bodies re-chained where the digest changes) and fengqiao_personal.query_code dropped",
        [
        ]),
        new(6, "reports' text moved out of the hash-chained bodies into their personal documents (or, for an erased case, replaced by the erased marker), so an erasure removes it; those cases re-chained",
        [
        ]),
        new(7, "staff free texts (replies, reasons, notes) moved out of the hash-chained bodies into personal documents (or, written before a case's erasure, dropped), so an erasure removes them; those cases re-chained",
        [
        ]),
        new(8, "fengqiao_case_codes: the digests of the query codes given to joined reports, each finding its case beside fengqiao_cases.query_code; empty at migration (reports joined before had no code of their own)",
        [
            "CREATE TABLE fengqiao_case_codes (digest text NOT NULL PRIMARY KEY, case_id text NOT NULL, version bigint NOT NULL)",
            "CREATE INDEX fengqiao_case_codes_case ON fengqiao_case_codes (case_id, version)",
        ]),
        new(9, "fengqiao_snapshots: each case's fold at its last version (format, the calendar's fingerprint, a seal bound to the chain head), so a load reads one row; built by each case's next append or by repair, none at migration",
        [
            "CREATE TABLE fengqiao_snapshots (case_id text NOT NULL PRIMARY KEY, version bigint NOT NULL, format integer NOT NULL, calendar text NOT NULL, seal bytea NULL, body bytea NOT NULL)",
        ]),
        new(10, "fengqiao_cases_claimed_by: the cases a sweeper holds, indexed (partial, claimed rows only), so a sweeper's release and its settle look-up read its own claims instead of scanning every case",
        [
            "CREATE INDEX fengqiao_cases_claimed_by ON fengqiao_cases (claimed_by) WHERE claimed_by IS NOT NULL",
        ]),
    ];

    /// <summary>The newest version: the one a new database gets.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>One step of the schema.</summary>
    /// <param name="Version">The version the database has after it.</param>
    /// <param name="Description">What it adds, recorded in <c>fengqiao_schema_versions</c>.</param>
    /// <param name="Statements">The SQL it runs.</param>
    internal sealed record Migration(int Version, string Description, ImmutableArray<string> Statements);
}
