using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Reads and edits a store's file behind the store's back (what a tamperer, a damaged disk or a test's look at
/// the raw rows does): one connection per call, no pooling, so the file is closed again at once.</summary>
internal static class SqliteFile
{
    public static SqliteConnection Connect(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

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

    private static string Text(object value) => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "";
}
