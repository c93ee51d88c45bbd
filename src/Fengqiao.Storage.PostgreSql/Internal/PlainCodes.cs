using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.QueryCodes;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>Migration 5: a database of schema 4 kept each case's plain query code in <c>fengqiao_personal.query_code</c>
/// and its digest (under the store's key then, or none) in the index and the bodies. Each code is digested under the
/// county's key (the desk's); where that digest differs from the stored one, the index entry and every body naming it
/// are rewritten and the case re-chained from genesis (<see cref="Rechain"/>). Then the plain codes are dropped with their column.</summary>
/// <remarks>A digest is 64 hexadecimal digits, so replacing it in a body's text changes nothing else. A case whose
/// hash chain is broken keeps its bodies and chain (re-chaining would make an edit look genuine); only its index entry
/// moves, and <c>verify</c> goes on reporting it. Runs in the opening transaction: all cases or none.</remarks>
internal static class PlainCodes
{
    public static async Task DigestExistingAsync(NpgsqlConnection connection, CaseEventChain chain, QueryCodeKey? codeKey, string name, long from, CancellationToken cancellationToken)
    {
        var cases = new List<(string Id, string Digest, string Plain, byte[]? Head)>();
        await using (var read = new NpgsqlCommand("SELECT c.id, c.query_code, p.query_code, c.head FROM fengqiao_cases c JOIN fengqiao_personal p ON p.case_id = c.id WHERE p.query_code IS NOT NULL ORDER BY c.id", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cases.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : (byte[])reader.GetValue(3)));
            }
        }

        if (cases.Count > 0 && codeKey is null)
        {
            throw new PostgreSqlCaseStoreSchemaException(name, from,
                "it holds plain query codes; migrating them to digests needs the county's query-code key (PostgreSqlCaseStoreOptions.QueryCodeKey, the desk's key; --query-code-key-file on the command line)");
        }

        foreach (var (id, oldDigest, plain, _) in cases)
        {
            if (!QueryCode.TryParse(plain, out var code))
            {
                continue;
            }

            var digest = codeKey!.Digest(code).ToString();
            if (string.Equals(digest, oldDigest, StringComparison.Ordinal))
            {
                continue;
            }

            // A broken chain keeps its bodies and head (Rechain leaves it); only the index moves to the new digest.
            await Rechain.CaseAsync(connection, chain, id,
                rows => [.. rows.Select(row => new Rechain.Rewritten(row.Body.Replace(oldDigest, digest, StringComparison.Ordinal)))], cancellationToken).ConfigureAwait(false);
            await using var setCode = new NpgsqlCommand("UPDATE fengqiao_cases SET query_code = $1 WHERE id = $2", connection);
            setCode.Parameters.Add(new NpgsqlParameter { Value = digest });
            setCode.Parameters.Add(new NpgsqlParameter { Value = id });
            await setCode.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var drop = new NpgsqlCommand("ALTER TABLE fengqiao_personal DROP COLUMN query_code", connection);
        await drop.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
