using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Turns a file written by this version into what schema 4 wrote: personal data and query codes inline in the
/// event bodies, plain query codes in the index, the chain over those bodies, no <c>personal</c> table.</summary>
internal static class LegacyFiles
{
    public static void ToSchemaFour(string path, byte[]? chainKey = null, byte[]? codeKey = null)
    {
        var digest = QueryCodeDigest.For(codeKey);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var codes = rows.Where(r => r.Code is not null).ToDictionary(r => r.Case, r => QueryCode.Parse(r.Code!));
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, _, data) in rows)
        {
            var plain = CaseEventJson.Serialize(CaseEventJson.DeserializeApart(body, new CaseId(id), version, data, codes[id], digest));
            var link = chain.Link(heads.TryGetValue(id, out var head) ? head : CaseEventChain.Genesis, id, version, plain);
            heads[id] = link;
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", plain), ("$link", link), ("$id", id), ("$version", version));
        }

        foreach (var (id, head) in heads)
        {
            Run(connection, transaction, "UPDATE cases SET head = $head, query_code = $code WHERE id = $id", ("$head", head), ("$code", codes[id].ToString()), ("$id", id));
        }

        // Schema 6 dropped events.at; schema 4 had it (the registration instant's ticks; nothing read it).
        Run(connection, transaction, "DROP TABLE personal; ALTER TABLE events ADD COLUMN at INTEGER NOT NULL DEFAULT 0; DELETE FROM schema_versions WHERE version >= 5; PRAGMA user_version = 4;");
        transaction.Commit();
    }

    /// <summary>Rewrites every event body in the long form (format 2), as versions before the compact form wrote them,
    /// with fresh personal documents and the chain re-linked over the rewritten bodies.</summary>
    public static void ToLongForm(string path, byte[]? chainKey = null, byte[]? codeKey = null)
    {
        var digest = QueryCodeDigest.For(codeKey);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var codes = rows.Where(r => r.Code is not null).ToDictionary(r => r.Case, r => QueryCode.Parse(r.Code!));
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, _, data) in rows)
        {
            var parts = CaseEventJson.SerializeApart(CaseEventJson.DeserializeApart(body, new CaseId(id), version, data, codes[id], digest), digest, CaseEventJson.FormatVersion);
            var link = chain.Link(heads.TryGetValue(id, out var head) ? head : CaseEventChain.Genesis, id, version, parts.Body);
            heads[id] = link;
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", parts.Body), ("$link", link), ("$id", id), ("$version", version));
            if (parts.PersonalData is not null)
            {
                Run(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", ("$data", parts.PersonalData), ("$id", id), ("$version", version));
            }
        }

        foreach (var (id, head) in heads)
        {
            Run(connection, transaction, "UPDATE cases SET head = $head WHERE id = $id", ("$head", head), ("$id", id));
        }

        transaction.Commit();
    }

    /// <summary>Turns a file written by this version into what schema 5 wrote: bodies in the compact form with their
    /// case id and version (format 3), the chain re-linked over them, and an <c>events.at</c> column.</summary>
    public static void ToSchemaFive(string path, byte[]? chainKey = null, byte[]? codeKey = null)
    {
        var digest = QueryCodeDigest.For(codeKey);
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var transaction = connection.BeginTransaction();
        var rows = ReadEvents(connection, transaction);
        var codes = rows.Where(r => r.Code is not null).ToDictionary(r => r.Case, r => QueryCode.Parse(r.Code!));
        var heads = new Dictionary<string, byte[]>();
        var chain = new CaseEventChain(chainKey);
        foreach (var (id, version, body, _, data) in rows)
        {
            var parts = CaseEventJson.SerializeApart(CaseEventJson.DeserializeApart(body, new CaseId(id), version, data, codes[id], digest), digest);
            var link = chain.Link(heads.TryGetValue(id, out var head) ? head : CaseEventChain.Genesis, id, version, parts.Body);
            heads[id] = link;
            Run(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version",
                ("$body", parts.Body), ("$link", link), ("$id", id), ("$version", version));
            if (parts.PersonalData is not null)
            {
                // A fresh salt: the body's digest names the new personal document.
                Run(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", ("$data", parts.PersonalData), ("$id", id), ("$version", version));
            }
        }

        foreach (var (id, head) in heads)
        {
            Run(connection, transaction, "UPDATE cases SET head = $head WHERE id = $id", ("$head", head), ("$id", id));
        }

        Run(connection, transaction, "ALTER TABLE events ADD COLUMN at INTEGER NOT NULL DEFAULT 0; DELETE FROM schema_versions WHERE version >= 6; PRAGMA user_version = 5;");
        transaction.Commit();
    }

    private static void Run(SqliteConnection connection, SqliteTransaction transaction, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    /// <summary>Reads every event row with its personal row (if any), in case and version order.</summary>
    private static List<(string Case, long Version, string Body, string? Code, string? Data)> ReadEvents(SqliteConnection connection, SqliteTransaction transaction)
    {
        var rows = new List<(string Case, long Version, string Body, string? Code, string? Data)>();
        using var read = connection.CreateCommand();
        read.Transaction = transaction;
        read.CommandText = "SELECT e.case_id, e.version, e.body, p.query_code, p.data FROM events e LEFT JOIN personal p ON p.case_id = e.case_id AND p.version = e.version ORDER BY e.case_id, e.version";
        using var reader = read.ExecuteReader();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
        }

        return rows;
    }
}
