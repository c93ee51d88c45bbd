using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Cli.Tests.Reliability;

/// <summary>SQL functions for tests that edit a store's event bodies behind its back, as a forger who knows the storage
/// format would: <c>body_text(body)</c> is a stored body's JSON (decoded as the store reads it) and
/// <c>body_blob(text)</c> stores JSON as the store writes it (compressed, schema 13); <c>body_text</c> reads a personal
/// document (<c>personal.data</c>, not null) the same way, and <c>personal_blob(text)</c> stores one as the store writes it
/// (compressed, schema 14).</summary>
internal static class StoredBodySql
{
    public static SqliteConnection WithBodyFunctions(this SqliteConnection connection)
    {
        connection.CreateFunction("body_text", (object body) => body is byte[] stored ? StoredBodies.DecodeText(stored) : (string)body, isDeterministic: true);
        connection.CreateFunction("body_blob", (string text) => StoredBodies.EncodeEvent(text), isDeterministic: true);
        connection.CreateFunction("personal_blob", (string text) => StoredBodies.EncodePersonal(text), isDeterministic: true);
        return connection;
    }
}
