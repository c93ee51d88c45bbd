using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>
/// The case store's schema as a list of forward migrations. A file records its version in SQLite's <c>user_version</c>
/// and, from version 2 on, one row per applied migration in <c>schema_versions</c>; opening an older file applies the
/// missing migrations in order, in one transaction, so a file is either wholly migrated or left as it was.
/// </summary>
/// <remarks>To change the schema, append a migration; never edit one that has shipped.</remarks>
internal static class SchemaMigrations
{
    /// <summary>The migrations, version 1 first, in increasing version.</summary>
    public static readonly ImmutableArray<Migration> All =
    [
        new(1, "cases, events, the query-code and next-due indexes",
        [
            "CREATE TABLE cases (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, query_code TEXT NOT NULL, next_due INTEGER NULL) WITHOUT ROWID",
            "CREATE UNIQUE INDEX cases_query_code ON cases (query_code)",
            "CREATE INDEX cases_next_due ON cases (next_due) WHERE next_due IS NOT NULL",
            "CREATE TABLE events (case_id TEXT NOT NULL, version INTEGER NOT NULL, at INTEGER NOT NULL, body TEXT NOT NULL, PRIMARY KEY (case_id, version)) WITHOUT ROWID",
        ]),
        new(2, "schema_versions: one row per applied migration",
        [
            "CREATE TABLE schema_versions (version INTEGER NOT NULL PRIMARY KEY, description TEXT NOT NULL) WITHOUT ROWID",
        ]),
        new(3, "events.link and cases.head: each case's events form a hash chain (existing events are chained)",
        [
            "ALTER TABLE events ADD COLUMN link BLOB NULL",
            "ALTER TABLE cases ADD COLUMN head BLOB NULL",
        ]),
        new(4, "case_listing: the listing projection (holder, worker, state, category, grid, registration, overdue) and its indexes; report_keys: keyed digests of the matters reported, for the durable duplicate detector; both built from existing cases",
        [
            "CREATE TABLE case_listing (id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, state INTEGER NOT NULL, holder TEXT NULL, worker TEXT NULL, category TEXT NOT NULL, grid TEXT NOT NULL, registered_at INTEGER NOT NULL, overdue_from INTEGER NULL) WITHOUT ROWID",
            "CREATE INDEX case_listing_registered ON case_listing (registered_at, id)",
            "CREATE INDEX case_listing_holder ON case_listing (holder, registered_at, id) WHERE holder IS NOT NULL",
            "CREATE INDEX case_listing_worker ON case_listing (worker, registered_at, id) WHERE worker IS NOT NULL",
            "CREATE INDEX case_listing_state ON case_listing (state, registered_at, id)",
            "CREATE INDEX case_listing_grid ON case_listing (grid, registered_at, id)",
            "CREATE INDEX case_listing_category ON case_listing (category, registered_at, id)",
            "CREATE INDEX case_listing_overdue ON case_listing (overdue_from) WHERE overdue_from IS NOT NULL",
            "CREATE TABLE report_keys (digest BLOB NOT NULL, case_id TEXT NOT NULL, registered_at INTEGER NOT NULL, PRIMARY KEY (digest, registered_at, case_id)) WITHOUT ROWID",
            "CREATE TABLE store_settings (name TEXT NOT NULL PRIMARY KEY, value BLOB NOT NULL) WITHOUT ROWID",
        ]),
        new(5, "personal: reporters' personal data and query codes apart from the event log; query codes indexed by digest",
        [
            "CREATE TABLE personal (case_id TEXT NOT NULL, version INTEGER NOT NULL, query_code TEXT NULL, data TEXT NULL, PRIMARY KEY (case_id, version)) WITHOUT ROWID",
        ]),
        new(6, "events.at dropped (the body holds the instant; nothing read the column); new bodies leave the case id and version to the row (format 4)",
        [
            "ALTER TABLE events DROP COLUMN at",
        ]),
        new(7, "query codes kept only as the desk's keyed digests: plain codes digested under the county's key (bodies re-chained where the digest changes) and personal.query_code dropped",
        [
        ]),
        new(8, "case_listing_grid_state: a grid's page of cases in one state is one range scan (the planner took the state index and filtered by grid)",
        [
            "CREATE INDEX case_listing_grid_state ON case_listing (grid, state, registered_at, id)",
        ]),
        new(9, "snapshots: each case's fold at its last version (format, the calendar's fingerprint, a seal bound to the chain head), so a load reads one row; built by each case's next append or by repair, none at migration",
        [
            "CREATE TABLE snapshots (case_id TEXT NOT NULL PRIMARY KEY, version INTEGER NOT NULL, format INTEGER NOT NULL, calendar TEXT NOT NULL, seal BLOB NULL, body BLOB NOT NULL)",
        ]),
        new(10, "reports' text moved out of the hash-chained bodies into their personal documents (or, for an erased case, replaced by the erased marker), so an erasure removes it; those cases re-chained",
        [
        ]),
        new(11, "staff free texts (replies, reasons, notes) moved out of the hash-chained bodies into personal documents (or, written before a case's erasure, dropped), so an erasure removes them; those cases re-chained and their snapshots dropped",
        [
        ]),
        new(12, "case_codes: the digests of the query codes given to joined reports, each finding its case beside cases.query_code; empty at migration (reports joined before had no code of their own)",
        [
            "CREATE TABLE case_codes (digest TEXT NOT NULL PRIMARY KEY, case_id TEXT NOT NULL, version INTEGER NOT NULL) WITHOUT ROWID",
            "CREATE INDEX case_codes_case ON case_codes (case_id, version)",
        ]),
        new(13, "event and snapshot bodies written from now on are compressed (zstd with the package's dictionary 1, behind a marker byte; events as BLOB, text rows stay as they are); the chain and the seals still cover the JSON, so nothing is rewritten",
        [
        ]),
        new(14, "personal documents written from now on are compressed when that is smaller (zstd with the package's personal dictionary 1, behind marker byte 2, as BLOB; text rows stay as they are and erased rows stay NULL); each body's personal digest still covers the document's JSON, so nothing is rewritten",
        [
        ]),
    ];

    /// <summary>The newest version: the one a new file gets.</summary>
    public static int Latest => All[^1].Version;

    /// <summary>Applies every migration after <paramref name="from"/>, in order, inside <paramref name="transaction"/>.</summary>
    /// <remarks>Migration 3 also chains every event already stored, with <paramref name="chain"/> (keyed when the store has a key);
    /// migration 4 projects every stored case into the listing table (replaying its events on <paramref name="calendar"/>);
    /// migration 5 moves personal data apart; migration 7 replaces plain query codes by their digests under
    /// <paramref name="codeKey"/> (required when the file holds any); migration 10 moves reports' inline text apart; migration 11 the staff's.</remarks>
    /// <exception cref="SqliteCaseStoreSchemaException">The file holds plain query codes and no key was given.</exception>
    public static void Apply(SqliteConnection connection, SqliteTransaction transaction, long from, CaseEventChain chain, BusinessCalendar calendar, QueryCodeKey? codeKey, string dataSource)
    {
        if (from is > 0 and < 7 && codeKey is null && Scalar(connection, transaction, "SELECT count(*) FROM cases") > 0)
        {
            throw new SqliteCaseStoreSchemaException(dataSource, from,
                string.Create(CultureInfo.InvariantCulture, $"it has schema version {from} and holds plain query codes; migrating them to digests needs the county's query-code key (SqliteCaseStoreOptions.QueryCodeKey, the desk's key; --query-code-key-file on the command line)"));
        }

        foreach (var migration in All.Where(m => m.Version > from))
        {
            foreach (var statement in migration.Statements)
            {
                Execute(connection, transaction, statement);
            }

            if (migration.Version >= 2)
            {
                // The table arrives with migration 2; it records the migrations before it as well.
                var recorded = migration.Version == 2 ? All.Where(m => m.Version <= 2) : [migration];
                foreach (var applied in recorded)
                {
                    using var insert = connection.CreateCommand();
                    insert.Transaction = transaction;
                    insert.CommandText = "INSERT INTO schema_versions (version, description) VALUES ($version, $description)";
                    insert.Parameters.AddWithValue("$version", applied.Version);
                    insert.Parameters.AddWithValue("$description", applied.Description);
                    insert.ExecuteNonQuery();
                }
            }

            if (migration.Version == 3)
            {
                ChainExisting(connection, transaction, chain);
            }

            if (migration.Version == 4)
            {
                var salt = ReportKeys.CreateSalt(connection, transaction);
                ListingProjection.BuildExisting(connection, transaction, calendar, salt, codeKey);
            }

            if (migration.Version == 5)
            {
                PersonalApart.MoveExisting(connection, transaction, chain, codeKey);
            }

            if (migration.Version == 7)
            {
                PlainCodes.DigestExisting(connection, transaction, chain, codeKey);
            }

            if (migration.Version == 10)
            {
                InlineText.MoveApart(connection, transaction, chain);
            }

            if (migration.Version == 11)
            {
                StaffTextApart.MoveApart(connection, transaction, chain);
            }

            Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {migration.Version}"));
        }
    }

    /// <summary>Chains the events of every case that has none yet (a file written before migration 3).</summary>
    public static void ChainExisting(SqliteConnection connection, SqliteTransaction transaction, CaseEventChain chain)
    {
        var links = new List<(string Case, long Version, byte[] Link)>();
        var heads = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT case_id, version, body FROM events WHERE case_id IN (SELECT id FROM cases WHERE head IS NULL) ORDER BY case_id, version";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var id = reader.GetString(0);
                var link = chain.Link(heads.TryGetValue(id, out var head) ? head : CaseEventChain.Genesis, id, reader.GetInt64(1), reader.GetString(2));
                heads[id] = link;
                links.Add((id, reader.GetInt64(1), link));
            }
        }

        using var setLink = connection.CreateCommand();
        setLink.Transaction = transaction;
        setLink.CommandText = "UPDATE events SET link = $link WHERE case_id = $id AND version = $version";
        var linkParameter = setLink.Parameters.Add("$link", SqliteType.Blob);
        var idParameter = setLink.Parameters.Add("$id", SqliteType.Text);
        var versionParameter = setLink.Parameters.Add("$version", SqliteType.Integer);
        foreach (var (id, version, link) in links)
        {
            linkParameter.Value = link;
            idParameter.Value = id;
            versionParameter.Value = version;
            setLink.ExecuteNonQuery();
        }

        using var setHead = connection.CreateCommand();
        setHead.Transaction = transaction;
        setHead.CommandText = "UPDATE cases SET head = $head WHERE id = $id";
        var headParameter = setHead.Parameters.Add("$head", SqliteType.Blob);
        var caseParameter = setHead.Parameters.Add("$id", SqliteType.Text);
        foreach (var (id, head) in heads)
        {
            headParameter.Value = head;
            caseParameter.Value = id;
            setHead.ExecuteNonQuery();
        }
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>One step of the schema.</summary>
    /// <param name="Version">The version the file has after it.</param>
    /// <param name="Description">What it adds, recorded in <c>schema_versions</c>.</param>
    /// <param name="Statements">The SQL it runs.</param>
    internal sealed record Migration(int Version, string Description, ImmutableArray<string> Statements);
}
