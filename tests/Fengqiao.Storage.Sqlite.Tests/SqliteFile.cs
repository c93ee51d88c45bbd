using System.Globalization;
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Reads and edits a store's file behind the store's back (what a tamperer, a damaged disk or a test's look at
/// the raw rows does): one connection per call, no pooling, so the file is closed again at once.</summary>
/// <remarks>Every connection has two SQL functions for rows stored compressed (event bodies since schema 13, personal
/// documents since 14): <c>stored_text(column)</c> is the row's JSON as the store reads it (text as it is, a blob decoded,
/// NULL as NULL) and <c>stored_blob(text)</c> is JSON encoded as the store writes it, so a query or an edit can work on
/// the JSON (<c>WHERE stored_text(data) LIKE …</c>).</remarks>
internal static class SqliteFile
{
    public static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        connection.CreateFunction("stored_text", (object? stored) => stored is byte[] bytes ? StoredBodies.DecodeText(bytes) : stored as string, isDeterministic: true);
        connection.CreateFunction("stored_blob", (string text) => StoredBodies.EncodePersonal(text), isDeterministic: true);
        return connection;
    }

    /// <summary>The JSON of each personal document the query's rows hold, decoded as the store reads it (an erased
    /// document, NULL, as the empty string).</summary>
    /// <param name="path">The file.</param>
    /// <param name="where">SQL after <c>FROM personal</c> (a WHERE and ORDER BY), or empty.</param>
    public static List<string> PersonalDocuments(string path, string where = "") =>
        Rows(path, $"SELECT coalesce(stored_text(data), '') FROM personal {where}", 0);

    public static void Execute(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    /// <summary>Each row as text: the given column, or every column joined by a space.</summary>
    public static List<string> Rows(string path, string sql, int? column = null)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(column is { } only
                ? Text(reader.GetValue(only))
                : string.Join(" ", Enumerable.Range(0, reader.FieldCount).Select(i => Text(reader.GetValue(i)))));
        }

        return rows;
    }

    /// <summary>The JSON text of each stored event body the query's rows hold (decoded as the store reads it: text as
    /// it is, a compressed blob decompressed): what the hash chain covers.</summary>
    /// <param name="path">The file.</param>
    /// <param name="where">SQL after <c>FROM events</c> (a WHERE and ORDER BY), or empty.</param>
    public static List<string> Bodies(string path, string where = "")
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT body FROM events {where}";
        using var reader = command.ExecuteReader();
        var bodies = new List<string>();
        while (reader.Read())
        {
            bodies.Add(StoredBodies.ReadEvent(reader, 0));
        }

        return bodies;
    }

    /// <summary>The JSON text of each stored snapshot body (decoded as the store reads it).</summary>
    public static List<string> SnapshotBodies(string path, string where = "") =>
        [.. RawColumn(path, $"SELECT body FROM snapshots {where}").Select(b => System.Text.Encoding.UTF8.GetString(StoredBodies.ReadSnapshot((byte[])b)))];

    /// <summary>Edits stored event bodies as a forger who knows the storage format would: each selected row's JSON is
    /// decoded, passed through <paramref name="edit"/> and written back the way it was stored (text as text, a
    /// compressed body compressed again), without touching its link.</summary>
    /// <param name="path">The file.</param>
    /// <param name="where">SQL after <c>FROM events</c> choosing the rows (e.g. a WHERE), or empty for every row.</param>
    /// <param name="edit">The edit of one body's JSON.</param>
    /// <returns>How many rows changed.</returns>
    public static int EditBodies(string path, string where, Func<string, string> edit)
    {
        using var connection = Connect(path);
        var rows = new List<(string Id, long Version, object Body)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = $"SELECT case_id, version, body FROM events {where}";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var text = StoredBodies.ReadEvent(reader, 2);
                var edited = edit(text);
                if (!string.Equals(text, edited, StringComparison.Ordinal))
                {
                    rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetValue(2) is string ? edited : StoredBodies.EncodeEvent(edited)));
                }
            }
        }

        foreach (var (id, version, body) in rows)
        {
            using var write = connection.CreateCommand();
            write.CommandText = "UPDATE events SET body = $body WHERE case_id = $id AND version = $version";
            write.Parameters.AddWithValue("$body", body);
            write.Parameters.AddWithValue("$id", id);
            write.Parameters.AddWithValue("$version", version);
            write.ExecuteNonQuery();
        }

        return rows.Count;
    }

    /// <summary>Edits stored snapshot bodies' JSON as <see cref="EditBodies"/> does event bodies (seal untouched).</summary>
    public static int EditSnapshots(string path, Func<string, string> edit)
    {
        using var connection = Connect(path);
        var rows = new List<(string Id, byte[] Body)>();
        using (var read = connection.CreateCommand())
        {
            read.CommandText = "SELECT case_id, body FROM snapshots";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var stored = (byte[])reader.GetValue(1);
                var text = System.Text.Encoding.UTF8.GetString(StoredBodies.ReadSnapshot(stored));
                var edited = edit(text);
                if (!string.Equals(text, edited, StringComparison.Ordinal))
                {
                    var json = System.Text.Encoding.UTF8.GetBytes(edited);
                    rows.Add((reader.GetString(0), stored.Length > 0 && stored[0] == (byte)'{' ? json : StoredBodies.Encode(json)));
                }
            }
        }

        foreach (var (id, body) in rows)
        {
            using var write = connection.CreateCommand();
            write.CommandText = "UPDATE snapshots SET body = $body WHERE case_id = $id";
            write.Parameters.AddWithValue("$body", body);
            write.Parameters.AddWithValue("$id", id);
            write.ExecuteNonQuery();
        }

        return rows.Count;
    }

    public static List<object> RawColumn(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<object>();
        while (reader.Read())
        {
            values.Add(reader.GetValue(0));
        }

        return values;
    }

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
