using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Testing;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Turns a database written by this version into what older schemas wrote. The plain query codes (which the
/// database no longer holds) are found again among the codes the test desks' seeded generators draw.</summary>
internal static class LegacyDatabases
{
    private static readonly Lazy<Dictionary<string, string>> SeededCodes = new(() =>
    {
        var byDigest = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var seed = 0; seed <= 64; seed++)
        {
            var codes = new QueryCodeGenerator(new StoreFactory.SeededRandom(seed));
            for (var i = 0; i < 256; i++)
            {
                var code = codes.Next();
                byDigest.TryAdd(BareCounty.QueryCodeKey.Digest(code).ToString(), code.ToString());
            }
        }

        return byDigest;
    });

    /// <summary>The plain code a test desk's seeded generator drew for the case with <paramref name="digest"/>.</summary>
    public static string PlainCode(string digest) =>
        SeededCodes.Value.TryGetValue(digest, out var code) ? code : throw new InvalidOperationException("The case's query code was not drawn by a seeded test generator (StoreFactory.Kit).");

    /// <summary>What schema 3 wrote: personal data and plain query codes inline in the event bodies, plain query codes
    /// in the index, no chain, no <c>fengqiao_personal</c>.</summary>
    public static async Task ToSchemaThreeAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = await ReadEventsAsync(connection);
        var digests = DigestsOf(rows);
        foreach (var (id, version, body, data) in rows)
        {
            var plain = CaseEventJson.Serialize(CaseEventJson.DeserializeApart(body, data))
                .Replace($"\"queryCodeHash\":\"{digests[id]}\"", $"\"queryCode\":\"{PlainCode(digests[id])}\"", StringComparison.Ordinal);
            await RunAsync(connection, "UPDATE fengqiao_events SET body = $1 WHERE case_id = $2 AND version = $3", plain, id, version);
        }

        foreach (var (id, digest) in digests)
        {
            await RunAsync(connection, "UPDATE fengqiao_cases SET query_code = $1 WHERE id = $2", PlainCode(digest), id);
        }

        await RunAsync(connection,
            "ALTER TABLE fengqiao_events DROP COLUMN link; ALTER TABLE fengqiao_cases DROP COLUMN head; DROP TABLE fengqiao_personal; DROP TABLE IF EXISTS fengqiao_case_codes; DELETE FROM fengqiao_schema_versions WHERE version >= 4");
        await DropSchemaNineAsync(connection);
        await transaction.CommitAsync();
    }

    /// <summary>What schema 4 wrote: the plain query code beside the personal data (<c>fengqiao_personal.query_code</c>)
    /// and its unkeyed SHA-256 digest in the index and the bodies, chained under <paramref name="chainKey"/>.</summary>
    public static async Task ToSchemaFourAsync(string db, byte[]? chainKey = null)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = await ReadEventsAsync(connection);
        var digests = DigestsOf(rows);
        var chain = new Fengqiao.Cases.Integrity.CaseEventChain(chainKey);
        var heads = new Dictionary<string, byte[]>();
        await RunAsync(connection, "ALTER TABLE fengqiao_personal ADD COLUMN query_code text NULL");
        foreach (var (id, version, body, _) in rows)
        {
            var plain = PlainCode(digests[id]);
            var old = Convert.ToHexString(SHA256.HashData(Encoding.ASCII.GetBytes(plain)));
            var rewritten = body.Replace(digests[id], old, StringComparison.Ordinal);
            var link = Relink(chain, heads, id, version, rewritten);
            await RunAsync(connection, "UPDATE fengqiao_events SET body = $1, link = $2 WHERE case_id = $3 AND version = $4", rewritten, link, id, version);
            if (version == 1)
            {
                await RunAsync(connection, "UPDATE fengqiao_personal SET query_code = $1 WHERE case_id = $2 AND version = 1", plain, id);
                await RunAsync(connection, "UPDATE fengqiao_cases SET query_code = $1 WHERE id = $2", old, id);
            }
        }

        await WriteHeadsAsync(connection, heads);

        await RunAsync(connection, "DROP TABLE IF EXISTS fengqiao_case_codes; DELETE FROM fengqiao_schema_versions WHERE version >= 5");
        await DropSchemaNineAsync(connection);
        await transaction.CommitAsync();
    }

    /// <summary>What schema 5 wrote before the reporter's text moved into the personal document: each report's text
    /// inline in its body beside the personal digest, the personal document without it (its digest recomputed), the
    /// chain re-linked over the rewritten bodies.</summary>
    public static async Task ToInlineTextAsync(string db, byte[]? chainKey = null)
    {
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var chain = new Fengqiao.Cases.Integrity.CaseEventChain(chainKey);
        var heads = new Dictionary<string, byte[]>();
        foreach (var (id, version, body, data) in await ReadEventsAsync(connection))
        {
            var rewritten = body;
            var root = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
            if (data is not null && root["d"]?["r"] is System.Text.Json.Nodes.JsonObject report)
            {
                var personal = System.Text.Json.Nodes.JsonNode.Parse(data)!.AsObject();
                report["tx"] = personal["text"]!.GetValue<string>();
                personal.Remove("text");
                var personalText = personal.ToJsonString(relaxed);
                report["pe"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(personalText)));
                rewritten = root.ToJsonString(relaxed);
                await RunAsync(connection, "UPDATE fengqiao_personal SET data = $1 WHERE case_id = $2 AND version = $3", personalText, id, version);
            }

            var link = Relink(chain, heads, id, version, rewritten);
            await RunAsync(connection, "UPDATE fengqiao_events SET body = $1, link = $2 WHERE case_id = $3 AND version = $4", rewritten, link, id, version);
        }

        await WriteHeadsAsync(connection, heads);

        await RunAsync(connection, "DROP TABLE IF EXISTS fengqiao_case_codes; DELETE FROM fengqiao_schema_versions WHERE version >= 6");
        await DropSchemaNineAsync(connection);
        await transaction.CommitAsync();
    }

    /// <summary>What schema 8 wrote: no <c>fengqiao_snapshots</c> (every load replayed the events).</summary>
    public static async Task ToSchemaEightAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await DropSchemaNineAsync(connection);
        await transaction.CommitAsync();
    }

    /// <summary>What schema 9 wrote: no index on the sweepers' claims (<c>fengqiao_cases_claimed_by</c>).</summary>
    public static async Task ToSchemaNineAsync(string db)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await DropSchemaTenAsync(connection);
        await transaction.CommitAsync();
    }

    /// <summary>Drops what schema 9 added (the snapshots, sealed to chain heads an older schema's rewrite would move) and
    /// what later schemas added.</summary>
    private static async Task DropSchemaNineAsync(NpgsqlConnection connection)
    {
        await DropSchemaTenAsync(connection);
        await RunAsync(connection, "DROP TABLE fengqiao_snapshots; DELETE FROM fengqiao_schema_versions WHERE version >= 9");
    }

    /// <summary>Drops what schema 10 added (the partial index on the sweepers' claims).</summary>
    private static Task DropSchemaTenAsync(NpgsqlConnection connection) =>
        RunAsync(connection, "DROP INDEX fengqiao_cases_claimed_by; DELETE FROM fengqiao_schema_versions WHERE version >= 10");

    /// <summary>What schema 6 wrote before the staff's free texts moved into the personal document: each reply, reason
    /// and note inline in its body, the personal documents without them (a report's digest recomputed, a document that
    /// held only staff texts deleted with its digest), the chain re-linked over the rewritten bodies.</summary>
    public static async Task ToInlineStaffTextAsync(string db, byte[]? chainKey = null)
    {
        var relaxed = new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
        var compact = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["reply"] = "rp", ["reason"] = "re", ["note"] = "nt", ["instruction"] = "ins", ["remark"] = "rk", ["text"] = "tx",
            ["mediationRecord"] = "mr", ["return"] = "rt", ["terms"] = "te",
        };
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var chain = new Fengqiao.Cases.Integrity.CaseEventChain(chainKey);
        var heads = new Dictionary<string, byte[]>();
        foreach (var (id, version, body, data) in await ReadEventsAsync(connection))
        {
            var rewritten = body;
            var root = System.Text.Json.Nodes.JsonNode.Parse(body)!.AsObject();
            if (data is not null && root["d"] is System.Text.Json.Nodes.JsonObject d
                && System.Text.Json.Nodes.JsonNode.Parse(data)!.AsObject() is { } personal && personal["staff"] is System.Text.Json.Nodes.JsonObject staff)
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
                    var personalText = personal.ToJsonString(relaxed);
                    report["pe"] = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(personalText)));
                    await RunAsync(connection, "UPDATE fengqiao_personal SET data = $1 WHERE case_id = $2 AND version = $3", personalText, id, version);
                }
                else
                {
                    d.Remove("pe");
                    await RunAsync(connection, "DELETE FROM fengqiao_personal WHERE case_id = $1 AND version = $2", id, version);
                }

                rewritten = root.ToJsonString(relaxed);
            }

            var link = Relink(chain, heads, id, version, rewritten);
            await RunAsync(connection, "UPDATE fengqiao_events SET body = $1, link = $2 WHERE case_id = $3 AND version = $4", rewritten, link, id, version);
        }

        await WriteHeadsAsync(connection, heads);

        await RunAsync(connection, "DROP TABLE IF EXISTS fengqiao_case_codes; DELETE FROM fengqiao_schema_versions WHERE version >= 7");
        await DropSchemaNineAsync(connection);
        await transaction.CommitAsync();
    }

    private static Dictionary<string, string> DigestsOf(List<(string Case, long Version, string Body, string? Data)> rows) =>
        rows.Where(r => r.Version == 1).ToDictionary(r => r.Case, r => ((CaseRegistration)CaseEventJson.DeserializeApart(r.Body, r.Data).Payload).QueryCodeDigest.ToString());

    private static async Task<List<(string Case, long Version, string Body, string? Data)>> ReadEventsAsync(NpgsqlConnection connection)
    {
        var rows = new List<(string Case, long Version, string Body, string? Data)>();
        await using var read = new NpgsqlCommand(
            "SELECT e.case_id, e.version, e.body, p.data FROM fengqiao_events e LEFT JOIN fengqiao_personal p ON p.case_id = e.case_id AND p.version = e.version ORDER BY e.case_id, e.version",
            connection);
        await using var reader = await read.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }

        return rows;
    }

    private static async Task RunAsync(NpgsqlConnection connection, string sql, params object[] values)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Links a rewritten body onto its case's chain (from genesis for the case's first) and remembers the new head.</summary>
    private static byte[] Relink(Fengqiao.Cases.Integrity.CaseEventChain chain, Dictionary<string, byte[]> heads, string id, long version, string body)
    {
        var link = chain.Link(heads.TryGetValue(id, out var head) ? head : Fengqiao.Cases.Integrity.CaseEventChain.Genesis, id, version, body);
        heads[id] = link;
        return link;
    }

    /// <summary>Sets each re-linked case's chain head.</summary>
    private static async Task WriteHeadsAsync(NpgsqlConnection connection, Dictionary<string, byte[]> heads)
    {
        foreach (var (id, head) in heads)
        {
            await RunAsync(connection, "UPDATE fengqiao_cases SET head = $1 WHERE id = $2", head, id);
        }
    }
}
