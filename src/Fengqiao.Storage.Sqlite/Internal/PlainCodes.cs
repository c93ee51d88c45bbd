using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.QueryCodes;
using Microsoft.Data.Sqlite;
using static Fengqiao.Storage.Sqlite.Internal.MigrationCommands;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>Migration 7: a file of schema 5 or 6 kept each case's plain query code in <c>personal.query_code</c> and its
/// digest (under the store's key then, or none) in the index and the bodies. Each code is digested under the county's
/// key (the desk's); where that digest differs from the stored one, the index entry and every body naming it are
/// rewritten and the case re-chained from genesis (<see cref="Rechain"/>). Then the plain codes are dropped with their column.</summary>
/// <remarks>
/// A digest is 64 hexadecimal digits, so replacing it in a body's text changes nothing else, and each body keeps its
/// format (3, or the row form 4 that schema 6 writes), which the chain's link covers as it is. A case whose hash chain
/// is broken keeps its bodies and chain (re-chaining would make an edit look genuine); only its index entry moves to the
/// new digest, and <c>verify</c> goes on reporting it. <c>secure_delete</c> is on for the store's connections, so the
/// dropped codes are overwritten in the file's pages.
/// </remarks>
internal static class PlainCodes
{
    public static void DigestExisting(SqliteConnection connection, SqliteTransaction transaction, CaseEventChain chain, QueryCodeKey? codeKey)
    {
        var cases = new List<(string Id, string Digest, string Plain, byte[]? Head)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT c.id, c.query_code, p.query_code, c.head FROM cases c JOIN personal p ON p.case_id = c.id WHERE p.query_code IS NOT NULL ORDER BY c.id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                cases.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3)));
            }
        }

        using var setCode = Command(connection, transaction, "UPDATE cases SET query_code = $code WHERE id = $id", "$code", "$id");
        using var rechain = new Rechain(connection, transaction, chain, hasSnapshots: false);
        foreach (var (id, oldDigest, plain, _) in cases)
        {
            if (!QueryCode.TryParse(plain, out var code) || codeKey is null)
            {
                // Not a code (edited by hand): nothing to digest; the plain text goes with the column.
                continue;
            }

            var digest = codeKey.Digest(code).ToString();
            if (string.Equals(digest, oldDigest, StringComparison.Ordinal))
            {
                continue;
            }

            // A broken chain keeps its bodies and head (Rechain leaves it); only the index moves to the new digest.
            rechain.Case(id, rows => [.. rows.Select(row => new Rechain.Rewritten(row.Body.Replace(oldDigest, digest, StringComparison.Ordinal)))]);
            setCode.Parameters["$code"].Value = digest;
            setCode.Parameters["$id"].Value = id;
            setCode.ExecuteNonQuery();
        }

        using var drop = Command(connection, transaction, "UPDATE personal SET query_code = NULL; ALTER TABLE personal DROP COLUMN query_code");
        drop.ExecuteNonQuery();
    }
}
