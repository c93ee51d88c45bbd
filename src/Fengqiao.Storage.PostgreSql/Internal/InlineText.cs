using Fengqiao.Cases.Integrity;
using Fengqiao.Storage.Internal;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>Migration 6: reports stored before the reporter's text moved into the personal document kept it inline in
/// the hash-chained body, where an erasure could not reach it. Each such body is rewritten with the text in its personal
/// document (or, for a case already erased, with the erased marker in its place), and the case is re-chained from
/// genesis.</summary>
/// <remarks>Only cases with such a body are touched, and only when their hash chain holds: a broken chain is left as it
/// is (re-chaining would make an edit look genuine), and <c>verify</c> goes on reporting it. Each body keeps its format.
/// Runs in the opening transaction: all cases or none. PostgreSQL keeps the old row versions until vacuum.</remarks>
internal static class InlineText
{
    public static async Task MoveApartAsync(NpgsqlConnection connection, CaseEventChain chain, CancellationToken cancellationToken)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        await using (var scan = new NpgsqlCommand("SELECT case_id, body FROM fengqiao_events WHERE body LIKE '%\"pe\"%' OR body LIKE '%\"personal\"%'", connection))
        await using (var reader = await scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                if (InlineReportText.IsIn(reader.GetString(1)))
                {
                    candidates.Add(reader.GetString(0));
                }
            }
        }

        foreach (var id in candidates)
        {
            var stored = new List<(StoredCaseEvent Event, string? Data, bool HasRow)>();
            await using (var read = new NpgsqlCommand(
                "SELECT e.version, e.body, e.link, p.data, p.case_id IS NOT NULL FROM fengqiao_events e LEFT JOIN fengqiao_personal p ON p.case_id = e.case_id AND p.version = e.version WHERE e.case_id = $1 ORDER BY e.version", connection))
            {
                read.Parameters.Add(new NpgsqlParameter { Value = id });
                await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    stored.Add((new StoredCaseEvent(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
                }
            }

            byte[]? head;
            await using (var readHead = new NpgsqlCommand("SELECT head FROM fengqiao_cases WHERE id = $1", connection))
            {
                readHead.Parameters.Add(new NpgsqlParameter { Value = id });
                head = await readHead.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
            }

            if (chain.Verify(id, [.. stored.Select(s => s.Event)], head, stored.Count) is not null)
            {
                continue;
            }

            await using var batch = new NpgsqlBatch(connection);
            var link = CaseEventChain.Genesis.ToArray();
            foreach (var (e, data, hasRow) in stored)
            {
                var body = e.Body;
                if (hasRow && InlineReportText.IsIn(body))
                {
                    var parts = InlineReportText.MoveApart(id, e.Version, body, data);
                    body = parts.Body;
                    if (parts.PersonalData is not null)
                    {
                        batch.BatchCommands.Add(Command("UPDATE fengqiao_personal SET data = $1 WHERE case_id = $2 AND version = $3", parts.PersonalData, id, e.Version));
                    }
                }

                link = chain.Link(link, id, e.Version, body);
                batch.BatchCommands.Add(Command("UPDATE fengqiao_events SET body = $1, link = $2 WHERE case_id = $3 AND version = $4", body, link, id, e.Version));
            }

            batch.BatchCommands.Add(Command("UPDATE fengqiao_cases SET head = $1 WHERE id = $2", link, id));
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
