using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.PostgreSql.Internal;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Turns a database written by this version into what schema 3 wrote: personal data and query codes inline
/// in the event bodies, plain query codes in the index, no chain, no <c>fengqiao_personal</c>.</summary>
internal static class LegacyDatabases
{
    public static async Task ToSchemaThreeAsync(string db, byte[]? codeKey = null)
    {
        var digest = QueryCodeDigest.For(codeKey);
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var rows = new List<(string Case, long Version, string Body, string? Code, string? Data)>();
        await using (var read = new NpgsqlCommand(
            "SELECT e.case_id, e.version, e.body, p.query_code, p.data FROM fengqiao_events e LEFT JOIN fengqiao_personal p ON p.case_id = e.case_id AND p.version = e.version ORDER BY e.case_id, e.version",
            connection))
        await using (var reader = await read.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4)));
            }
        }

        var codes = rows.Where(r => r.Code is not null).ToDictionary(r => r.Case, r => QueryCode.Parse(r.Code!));
        foreach (var (id, version, body, _, data) in rows)
        {
            var plain = CaseEventJson.Serialize(CaseEventJson.DeserializeApart(body, data, codes[id], digest));
            await RunAsync(connection, "UPDATE fengqiao_events SET body = $1 WHERE case_id = $2 AND version = $3", plain, id, version);
        }

        foreach (var (id, code) in codes)
        {
            await RunAsync(connection, "UPDATE fengqiao_cases SET query_code = $1 WHERE id = $2", code.ToString(), id);
        }

        await RunAsync(connection,
            "ALTER TABLE fengqiao_events DROP COLUMN link; ALTER TABLE fengqiao_cases DROP COLUMN head; DROP TABLE fengqiao_personal; DELETE FROM fengqiao_schema_versions WHERE version = 4");
        await transaction.CommitAsync();
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
}
