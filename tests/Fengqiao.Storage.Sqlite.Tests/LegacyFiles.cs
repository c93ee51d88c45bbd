using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Serialization;
using Fengqiao.Testing;
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Turns a file written by this version into what older schemas wrote. The plain query codes (which the file
/// no longer holds) are found again among the codes the test desks' seeded generators draw.</summary>
internal static class LegacyFiles
{
    private static readonly Lazy<Dictionary<string, string>> SeededCodes = new(() =>
    {
        var byDigest = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var seed = 0; seed <= 64; seed++)
        {
            var codes = FengqiaoArbitraries.SeededQueryCodes(seed);
            for (var i = 0; i < 256; i++)
            {
                var code = codes.Next();
                byDigest.TryAdd(BareCounty.QueryCodeKey.Digest(code).ToString(), code.ToString());
            }
        }

        return byDigest;
    });

    /// <summary>What each schema added to the one before, as the statements that take it away again: every downgrade
    /// below ends by running those of the schemas it goes back over, newest first (<see cref="Downgrade(SqliteConnection, SqliteTransaction, int)"/>).
    /// Schemas 1, 7, 10 and 11 changed only data; the helpers that go back over them rewrite the data themselves. Schema
    /// 13 changed how bodies are stored: going back over it writes them as JSON again (<see cref="Uncompress"/>); schema
    /// 14 likewise how personal documents are stored (<see cref="UncompressPersonal"/>).</summary>
    private static readonly SortedDictionary<int, string> Added = new()
    {
        [2] = "DROP TABLE schema_versions",
        [3] = "ALTER TABLE events DROP COLUMN link; ALTER TABLE cases DROP COLUMN head",
        [4] = "DROP TABLE case_listing; DROP TABLE report_keys; DROP TABLE store_settings",
        [5] = "DROP TABLE personal",

        // Schema 6 dropped events.at (the registration instant's ticks; nothing read it): going back adds it again.
        [6] = "ALTER TABLE events ADD COLUMN at INTEGER NOT NULL DEFAULT 0",
        [8] = "DROP INDEX case_listing_grid_state",
        [9] = "DROP TABLE snapshots",
        [12] = "DROP TABLE case_codes",
    };

    /// <summary>Takes a file's schema (not its data) back to <paramref name="version"/>, from the one it records.</summary>
    public static void Downgrade(string path, int version)
    {
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        Downgrade(connection, transaction, version);
        transaction.Commit();
    }

    /// <summary>The reporter's phone on <see cref="DispatchedAndNoiseAsync"/>'s noise report (its own, so it is not joined to the dispatched case).</summary>
    public const string NoisePhone = "13900000009";

    /// <summary>The migration tests' file: a new file at <paramref name="path"/> written by this version through a test
    /// desk (<see cref="StoreFactory.Kit"/>) — a dispatched case and a noise report of its own (<see cref="NoisePhone"/>)
    /// left registered — then taken back to <paramref name="schema"/> (<see cref="Downgrade(string, int)"/>).</summary>
    /// <param name="path">Where the file goes (a path of the test's <see cref="StoreFactory"/>).</param>
    /// <param name="schema">The schema the file ends at.</param>
    /// <param name="chainKey">The key the writing store chains with, or null for an unkeyed chain.</param>
    /// <returns>The two cases as this version wrote them.</returns>
    public static async Task<(Case Dispatched, Case Noise)> DispatchedAndNoiseAsync(string path, int schema, byte[]? chainKey = null)
    {
        Case dispatched, noise;
        await using (var writer = SqliteCaseStore.Open(path, BareCounty.Calendar, new SqliteCaseStoreOptions { ChainKey = chainKey }))
        {
            var kit = StoreFactory.Kit(writer);
            dispatched = await kit.DispatchedAsync();
            noise = await kit.RegisterAsync(BareCounty.Report(phone: NoisePhone, category: "noise"));
        }

        Downgrade(path, schema);
        return (dispatched, noise);
    }

    /// <summary>Store options with the test county's query-code key: what opening a file that holds plain codes needs.</summary>
    public static SqliteCaseStoreOptions Keyed(byte[]? chainKey = null) => new() { ChainKey = chainKey, QueryCodeKey = BareCounty.QueryCodeKeyBytes };

    /// <summary>The plain code a test desk's seeded generator drew for the case with <paramref name="digest"/>.</summary>
    public static string PlainCode(string digest) =>
        SeededCodes.Value.TryGetValue(digest, out var code) ? code : throw new InvalidOperationException("The case's query code was not drawn by a seeded test generator (StoreFactory.Kit).");

    /// <summary>What schema 12 wrote: every event body as JSON text and every snapshot body as JSON bytes, uncompressed
    /// (schema 13 compresses them); the chain and the seals are unchanged, as they cover the JSON.</summary>
    public static void ToSchemaTwelve(string path) => Downgrade(path, 12);

    /// <summary>What schema 13 wrote: every personal document as JSON text, uncompressed (schema 14 compresses them);
    /// the event bodies, their personal digests and the chain are unchanged, as the digests cover the JSON.</summary>
    public static void ToSchemaThirteen(string path) => Downgrade(path, 13);

    /// <summary>What schema 7 wrote: no <c>case_listing_grid_state</c> index (schema 8 added it), no snapshots (schema 9).</summary>
    public static void ToSchemaSeven(string path) => Downgrade(path, 7);

    /// <summary>What schema 4 wrote: personal data and plain query codes inline in the event bodies (long form), plain
    /// query codes in the index, the chain over those bodies, no <c>personal</c> table.</summary>
    public static void ToSchemaFour(string path, byte[]? chainKey = null)
    {
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var digests = DigestsOf(rows);
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, data) in rows)
        {
            var plain = CaseEventJson.Serialize(CaseEventJson.DeserializeApart(body, new CaseId(id), version, data))
                .Replace($"\"queryCodeHash\":\"{digests[id]}\"", $"\"queryCode\":\"{PlainCode(digests[id])}\"", StringComparison.Ordinal);
            var link = Relink(chain, heads, id, version, plain);
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", plain), ("$link", link), ("$id", id), ("$version", version));
        }

        foreach (var (id, head) in heads)
        {
            Run(connection, transaction, "UPDATE cases SET head = $head, query_code = $code WHERE id = $id", ("$head", head), ("$code", PlainCode(digests[id])), ("$id", id));
        }

        Downgrade(connection, transaction, 4);
        transaction.Commit();
    }

    /// <summary>What schema 6 wrote: each case's plain query code beside its personal data (<c>personal.query_code</c>),
    /// and its digest under the store's key then — SHA-256 without a key, as stores opened without one wrote — in the
    /// index and the bodies (row form), chained.</summary>
    public static void ToSchemaSix(string path, byte[]? chainKey = null, byte[]? oldCodeKey = null)
    {
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        PlainCodesIn(connection, transaction, chainKey, oldCodeKey);
        Downgrade(connection, transaction, 6);
        transaction.Commit();
    }

    /// <summary>What schema 5 wrote: bodies in the compact form with their case id and version (format 3), an
    /// <c>events.at</c> column, and the plain query codes of <see cref="ToSchemaSix"/>; the chain re-linked over the
    /// rewritten bodies.</summary>
    public static void ToSchemaFive(string path, byte[]? chainKey = null, byte[]? oldCodeKey = null)
    {
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, data) in rows)
        {
            var parts = CaseEventJson.SerializeApart(CaseEventJson.DeserializeApart(body, new CaseId(id), version, data));
            var link = Relink(chain, heads, id, version, parts.Body);
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", parts.Body), ("$link", link), ("$id", id), ("$version", version));
            if (parts.PersonalData is not null)
            {
                // A fresh salt: the body's digest names the new personal document.
                Run(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", ("$data", parts.PersonalData), ("$id", id), ("$version", version));
            }
        }

        WriteHeads(connection, transaction, heads);

        PlainCodesIn(connection, transaction, chainKey, oldCodeKey);
        Downgrade(connection, transaction, 5);
        transaction.Commit();
    }

    /// <summary>Puts each case's plain code back into <c>personal.query_code</c> and replaces its digest (index and
    /// bodies) by the one under <paramref name="oldCodeKey"/> (SHA-256 when null), re-chaining the case.</summary>
    private static void PlainCodesIn(SqliteConnection connection, SqliteTransaction transaction, byte[]? chainKey, byte[]? oldCodeKey)
    {
        var rows = ReadEvents(connection, transaction);
        var digests = DigestsOf(rows);
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        Run(connection, transaction, "ALTER TABLE personal ADD COLUMN query_code TEXT NULL");
        foreach (var (id, version, body, _) in rows)
        {
            var plain = PlainCode(digests[id]);
            var old = Convert.ToHexString(oldCodeKey is null ? SHA256.HashData(Encoding.ASCII.GetBytes(plain)) : HMACSHA256.HashData(oldCodeKey, Encoding.ASCII.GetBytes(plain)));
            var rewritten = body.Replace(digests[id], old, StringComparison.Ordinal);
            var link = Relink(chain, heads, id, version, rewritten);
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", rewritten), ("$link", link), ("$id", id), ("$version", version));
            if (version == 1)
            {
                Run(connection, transaction, "UPDATE personal SET query_code = $code WHERE case_id = $id AND version = 1", ("$code", plain), ("$id", id));
                Run(connection, transaction, "UPDATE cases SET query_code = $code WHERE id = $id", ("$code", old), ("$id", id));
            }
        }

        WriteHeads(connection, transaction, heads);
    }

    /// <summary>What schema 7 wrote before the reporter's text moved into the personal document: each report's text
    /// inline in its (row-form) body beside the personal digest, the personal document without it (its digest
    /// recomputed), the chain re-linked over the rewritten bodies.</summary>
    public static void ToInlineText(string path, byte[]? chainKey = null)
    {
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, data) in rows)
        {
            var rewritten = body;
            var root = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
            if (data is not null && root["d"]?["r"] is System.Text.Json.Nodes.JsonObject report)
            {
                var personal = System.Text.Json.Nodes.JsonNode.Parse(data)!.AsObject();
                var text = personal["text"]!.GetValue<string>();
                personal.Remove("text");
                var personalText = personal.ToJsonString(relaxed);
                report["tx"] = text;
                report["pe"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(personalText)));
                rewritten = root.ToJsonString(relaxed);
                Run(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", ("$data", personalText), ("$id", id), ("$version", version));
            }

            var link = Relink(chain, heads, id, version, rewritten);
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", rewritten), ("$link", link), ("$id", id), ("$version", version));
        }

        WriteHeads(connection, transaction, heads);

        Downgrade(connection, transaction, 7);
        transaction.Commit();
    }

    /// <summary>What schema 10 wrote before the staff's free texts moved into the personal document: each reply, reason
    /// and note inline in its (row-form) body, the personal documents without them (a report's digest recomputed, a
    /// document that held only staff texts deleted with its digest), the chain re-linked over the rewritten bodies and
    /// the snapshots kept as written. For a case erased since, <paramref name="erasedDocuments"/> gives the personal
    /// documents as they were before its erasure (<see cref="PersonalDocuments"/>): its texts go back inline, as the
    /// erasure of that version left them.</summary>
    public static void ToInlineStaffText(string path, byte[]? chainKey = null, Dictionary<(string Case, long Version), string>? erasedDocuments = null)
    {
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var compact = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reply"] = "rp", ["reason"] = "re", ["note"] = "nt", ["instruction"] = "ins", ["remark"] = "rk", ["text"] = "tx",
            ["mediationRecord"] = "mr", ["return"] = "rt", ["terms"] = "te",
        };
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, data) in rows)
        {
            var rewritten = body;
            var root = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
            var source = data ?? erasedDocuments?.GetValueOrDefault((id, version));
            if (source is not null && root["d"] is System.Text.Json.Nodes.JsonObject d
                && System.Text.Json.Nodes.JsonNode.Parse(source)!.AsObject() is { } personal && personal["staff"] is System.Text.Json.Nodes.JsonObject staff)
            {
                foreach (var (staffPath, text) in staff)
                {
                    var names = staffPath.Split('.').Select(n => compact[n]).ToArray();
                    var at = d;
                    foreach (var name in names[..^1])
                    {
                        at = at[name]!.AsObject();
                    }

                    at[names[^1]] = text!.GetValue<string>();
                }

                personal.Remove("staff");
                if (d["r"] is System.Text.Json.Nodes.JsonObject report && report["pe"] is not null)
                {
                    if (data is null)
                    {
                        // Erased: the report's document is gone, and its digest stays as it was.
                        rewritten = root.ToJsonString(relaxed);
                        goto link;
                    }

                    var personalText = personal.ToJsonString(relaxed);
                    report["pe"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(personalText)));
                    Run(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", ("$data", personalText), ("$id", id), ("$version", version));
                }
                else
                {
                    d.Remove("pe");
                    Run(connection, transaction, "DELETE FROM personal WHERE case_id = $id AND version = $version", ("$id", id), ("$version", version));
                }

                rewritten = root.ToJsonString(relaxed);
            }

        link:
            var link = Relink(chain, heads, id, version, rewritten);
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", rewritten), ("$link", link), ("$id", id), ("$version", version));
        }

        WriteHeads(connection, transaction, heads);

        Downgrade(connection, transaction, 10);
        transaction.Commit();
    }

    /// <summary>Rewrites every event body in the long form (format 2), as versions before the compact form wrote them,
    /// with fresh personal documents and the chain re-linked over the rewritten bodies.</summary>
    public static void ToLongForm(string path, byte[]? chainKey = null)
    {
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, data) in rows)
        {
            var parts = CaseEventJson.SerializeApart(CaseEventJson.DeserializeApart(body, new CaseId(id), version, data), CaseEventJson.FormatVersion);
            var link = Relink(chain, heads, id, version, parts.Body);
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", parts.Body), ("$link", link), ("$id", id), ("$version", version));
            if (parts.PersonalData is not null)
            {
                Run(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", ("$data", parts.PersonalData), ("$id", id), ("$version", version));
            }
        }

        WriteHeads(connection, transaction, heads);

        // The versions that wrote the long form wrote no snapshots (schema 9 builds them lazily).
        Run(connection, transaction, "DELETE FROM snapshots");
        transaction.Commit();
    }

    /// <summary>Writes every compressed body back as what schema 10 and earlier stored: event bodies as JSON text,
    /// snapshot bodies as JSON bytes.</summary>
    private static void Uncompress(SqliteConnection connection, SqliteTransaction transaction)
    {
        var events = new List<(string Id, long Version, string Body)>();
        var snapshots = new List<(string Id, byte[] Body)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT case_id, version, body FROM events WHERE typeof(body) = 'blob'";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                events.Add((reader.GetString(0), reader.GetInt64(1), StoredBodies.ReadEvent(reader, 2)));
            }
        }

        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT case_id, body FROM snapshots";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                snapshots.Add((reader.GetString(0), StoredBodies.ReadSnapshot((byte[])reader.GetValue(1))));
            }
        }

        foreach (var (id, version, body) in events)
        {
            Run(connection, transaction, "UPDATE events SET body = $body WHERE case_id = $id AND version = $version", ("$body", body), ("$id", id), ("$version", version));
        }

        foreach (var (id, body) in snapshots)
        {
            Run(connection, transaction, "UPDATE snapshots SET body = $body WHERE case_id = $id", ("$body", body), ("$id", id));
        }
    }

    /// <summary>Writes every compressed personal document back as what schema 13 and earlier stored: JSON text.</summary>
    private static void UncompressPersonal(SqliteConnection connection, SqliteTransaction transaction)
    {
        var documents = new List<(string Id, long Version, string Data)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT case_id, version, data FROM personal WHERE typeof(data) = 'blob'";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                documents.Add((reader.GetString(0), reader.GetInt64(1), StoredBodies.ReadPersonal(reader, 2)!));
            }
        }

        foreach (var (id, version, data) in documents)
        {
            Run(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", ("$data", data), ("$id", id), ("$version", version));
        }
    }

    /// <summary>Every personal document in the file, by case and version (to give <see cref="ToInlineStaffText"/> after an erasure).</summary>
    public static Dictionary<(string Case, long Version), string> PersonalDocuments(string path)
    {
        using var connection = Open(path);
        using var transaction = connection.BeginTransaction();
        return ReadEvents(connection, transaction).Where(r => r.Data is not null).ToDictionary(r => (r.Case, r.Version), r => r.Data!);
    }

    /// <summary>Runs the statements of <see cref="Added"/> for every schema after <paramref name="version"/> up to the
    /// file's, newest first, and records <paramref name="version"/> (in <c>schema_versions</c> while it exists).</summary>
    private static void Downgrade(SqliteConnection connection, SqliteTransaction transaction, int version)
    {
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "PRAGMA user_version";
        var current = Convert.ToInt32(read.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        if (version < 14 && current >= 14)
        {
            // Schema 14 changed how personal documents are stored: store them as JSON text again.
            UncompressPersonal(connection, transaction);
        }

        if (version < 13 && current >= 13)
        {
            // Schema 13 changed how bodies are stored, not the tables: before the tables go, store them as JSON again.
            Uncompress(connection, transaction);
        }

        foreach (var (_, undo) in Added.Where(a => a.Key > version && a.Key <= current).Reverse())
        {
            Run(connection, transaction, undo);
        }

        if (version >= 2)
        {
            Run(connection, transaction, $"DELETE FROM schema_versions WHERE version > {version}");
        }

        Run(connection, transaction, $"PRAGMA user_version = {version}");
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static Dictionary<string, string> DigestsOf(List<(string Case, long Version, string Body, string? Data)> rows) =>
        rows.Where(r => r.Version == 1).ToDictionary(r => r.Case, r => ((CaseRegistration)CaseEventJson.DeserializeApart(r.Body, new CaseId(r.Case), r.Version, r.Data).Payload).QueryCodeDigest.ToString());

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Reads every event row with its personal data (if any), in case and version order.</summary>
    private static List<(string Case, long Version, string Body, string? Data)> ReadEvents(SqliteConnection connection, SqliteTransaction transaction)
    {
        var rows = new List<(string Case, long Version, string Body, string? Data)>();
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT e.case_id, e.version, e.body, p.data FROM events e LEFT JOIN personal p ON p.case_id = e.case_id AND p.version = e.version ORDER BY e.case_id, e.version";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), StoredBodies.ReadEvent(reader, 2), StoredBodies.ReadPersonal(reader, 3)));
        }

        return rows;
    }

    /// <summary>Links a rewritten body onto its case's chain (from genesis for the case's first) and remembers the new head.</summary>
    private static byte[] Relink(CaseEventChain chain, Dictionary<string, byte[]> heads, string id, long version, string body)
    {
        var link = chain.Link(heads.TryGetValue(id, out var head) ? head : CaseEventChain.Genesis, id, version, body);
        heads[id] = link;
        return link;
    }

    /// <summary>Sets each re-linked case's chain head.</summary>
    private static void WriteHeads(SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, byte[]> heads)
    {
        foreach (var (id, head) in heads)
        {
            Run(connection, transaction, "UPDATE cases SET head = $head WHERE id = $id", ("$head", head), ("$id", id));
        }
    }
}
