using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>Migration 4: chains the events written before it, moves their personal data out of the bodies into
/// <c>fengqiao_personal</c>, and replaces each case's plain query code in the index and bodies by its digest under the
/// county's key.</summary>
/// <remarks>Before schema 3 there was no chain to check, so every case is rewritten and chained from genesis under the
/// key given at open; the migration runs in the opening transaction (all cases or none).</remarks>
internal static class PersonalApart
{
    public static async Task MoveExistingAsync(NpgsqlConnection connection, CaseEventChain chain, QueryCodeKey? codeKey, string name, long from, CancellationToken cancellationToken)
    {
        var cases = new List<(string Id, string Code)>();
        await using (var read = new NpgsqlCommand("SELECT id, query_code FROM fengqiao_cases ORDER BY id", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                cases.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (cases.Count > 0 && codeKey is null)
        {
            throw new PostgreSqlCaseStoreSchemaException(name, from,
                "it holds plain query codes; migrating them to digests needs the county's query-code key (PostgreSqlCaseStoreOptions.QueryCodeKey, the desk's key; --query-code-key-file on the command line)");
        }

        foreach (var (id, plainCode) in cases)
        {
            var bodies = new List<(long Version, string Body)>();
            await using (var read = new NpgsqlCommand("SELECT version, body FROM fengqiao_events WHERE case_id = $1 ORDER BY version", connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = id });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    bodies.Add((reader.GetInt64(0), reader.GetString(1)));
                }
            }

            var link = CaseEventChain.Genesis.ToArray();
            await using var batch = new NpgsqlBatch(connection);
            foreach (var (version, body) in bodies)
            {
                var parts = CaseEventJson.SerializeApart(codeKey is null ? CaseEventJson.Deserialize(body) : CaseEventJson.Deserialize(body, codeKey));
                link = chain.Link(link, id, version, parts.Body);
                batch.BatchCommands.Add(Command("UPDATE fengqiao_events SET body = $1, link = $2 WHERE case_id = $3 AND version = $4", parts.Body, link, id, version));
                if (parts.PersonalData is { } data)
                {
                    batch.BatchCommands.Add(Command("INSERT INTO fengqiao_personal (case_id, version, data) VALUES ($1, $2, $3)", id, version, data));
                }
            }

            var digest = QueryCode.TryParse(plainCode, out var code) && codeKey is not null ? codeKey.Digest(code).ToString() : plainCode;
            batch.BatchCommands.Add(Command("UPDATE fengqiao_cases SET query_code = $1, head = $2 WHERE id = $3", digest, link, id));
            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }
}
