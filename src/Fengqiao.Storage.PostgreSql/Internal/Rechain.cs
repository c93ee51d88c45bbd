using Fengqiao.Cases.Integrity;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>The re-chaining step the data migrations share (<see cref="PlainCodes"/>, <see cref="InlineText"/>,
/// <see cref="StaffTextApart"/>): one case's bodies rewritten, its personal documents replaced where the rewrite gives
/// new ones, its events re-linked from genesis and its head set, in one batch inside the opening transaction.</summary>
/// <remarks>A case whose hash chain is broken (or that has no events) is left as it is: re-chaining would make an edit
/// look genuine, and <c>verify</c> goes on reporting it.</remarks>
internal static class Rechain
{
    /// <summary>Rewrites one case's events with <paramref name="rewrite"/> (given all of them, oldest first, it returns
    /// each one's new body and, when it changes, new personal document) and re-chains the case.</summary>
    /// <returns>Whether the case was rewritten; false when its chain is broken or it has no events (nothing changed).</returns>
    public static async Task<bool> CaseAsync(NpgsqlConnection connection, CaseEventChain chain, string id,
        Func<IReadOnlyList<Row>, IReadOnlyList<Rewritten>> rewrite, CancellationToken cancellationToken)
    {
        var stored = new List<Row>();
        await using (var read = new NpgsqlCommand(
            "SELECT e.version, e.body, e.link, p.data, p.case_id IS NOT NULL FROM fengqiao_events e LEFT JOIN fengqiao_personal p ON p.case_id = e.case_id AND p.version = e.version WHERE e.case_id = $1 ORDER BY e.version", connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2),
                    reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
            }
        }

        byte[]? head;
        await using (var readHead = new NpgsqlCommand("SELECT head FROM fengqiao_cases WHERE id = $1", connection))
        {
            readHead.Parameters.Add(new NpgsqlParameter { Value = id });
            head = await readHead.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
        }

        if (stored.Count == 0 || chain.Verify(id, [.. stored.Select(s => new StoredCaseEvent(s.Version, s.Body, s.Link))], head, stored.Count) is not null)
        {
            return false;
        }

        var rewritten = rewrite(stored);
        await using var batch = new NpgsqlBatch(connection);
        var link = CaseEventChain.Genesis.ToArray();
        for (var i = 0; i < stored.Count; i++)
        {
            var (version, body) = (stored[i].Version, rewritten[i].Body);
            if (rewritten[i].Personal is { } personal)
            {
                batch.BatchCommands.Add(Command(
                    "INSERT INTO fengqiao_personal (case_id, version, data) VALUES ($1, $2, $3) ON CONFLICT (case_id, version) DO UPDATE SET data = EXCLUDED.data",
                    id, version, (object?)personal.Data ?? DBNull.Value));
            }

            link = chain.Link(link, id, version, body);
            batch.BatchCommands.Add(Command("UPDATE fengqiao_events SET body = $1, link = $2 WHERE case_id = $3 AND version = $4", body, link, id, version));
        }

        batch.BatchCommands.Add(Command("UPDATE fengqiao_cases SET head = $1 WHERE id = $2", link, id));
        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>A batch command with positional parameters.</summary>
    public static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values)
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>One stored event of the case, with its personal document.</summary>
    /// <param name="Version">The event's version.</param>
    /// <param name="Body">Its body.</param>
    /// <param name="Link">Its hash link, or null.</param>
    /// <param name="Data">Its personal document, or null (none, or erased).</param>
    /// <param name="HasPersonalRow">Whether it has a row in <c>fengqiao_personal</c> (its data may be null: erased).</param>
    internal sealed record Row(long Version, string Body, byte[]? Link, string? Data, bool HasPersonalRow);

    /// <summary>An event's new body and, when it changes, its new personal document.</summary>
    /// <param name="Body">The new body (the old one when unchanged).</param>
    /// <param name="Personal">The personal row to write, or null to leave the row as it is.</param>
    internal sealed record Rewritten(string Body, PersonalRow? Personal = null);

    /// <summary>A personal row's new data.</summary>
    /// <param name="Data">The document, or null (erased).</param>
    internal sealed record PersonalRow(string? Data);
}
