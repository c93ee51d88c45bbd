using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>The <c>fengqiao_case_listing</c> table: one row per case, the <see cref="CaseListingEntry"/> of its latest
/// snapshot, written in the transaction of every append (and built from the events by migration 3).</summary>
internal static class ListingProjection
{
    private const string UpsertSql =
        "INSERT INTO fengqiao_case_listing (id, version, state, holder, worker, category, grid, registered_at, overdue_from) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) " +
        "ON CONFLICT (id) DO UPDATE SET version = excluded.version, state = excluded.state, holder = excluded.holder, " +
        "worker = excluded.worker, overdue_from = excluded.overdue_from";

    public static NpgsqlBatchCommand Upsert(CaseListingEntry entry)
    {
        var command = new NpgsqlBatchCommand(UpsertSql);
        foreach (var value in Values(entry))
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value });
        }

        return command;
    }

    /// <summary>Projects every stored case, replaying its events case by case (one case's events in memory at a time),
    /// inside the migration's transaction on <paramref name="connection"/>.</summary>
    public static async Task BuildExistingAsync(NpgsqlConnection connection, BusinessCalendar calendar, byte[] salt, QueryCodeKey? codeKey, CancellationToken cancellationToken)
    {
        var entries = new List<Case>();
        await using (var read = new NpgsqlCommand("SELECT case_id, body FROM fengqiao_events WHERE case_id IN (SELECT id FROM fengqiao_cases) ORDER BY case_id, version", connection))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            string? current = null;
            var events = new List<CaseEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                if (current is not null && !string.Equals(id, current, StringComparison.Ordinal))
                {
                    entries.Add(Case.Replay(events, calendar));
                    events.Clear();
                }

                current = id;
                events.Add(codeKey is null ? CaseEventJson.Deserialize(reader.GetString(1)) : CaseEventJson.Deserialize(reader.GetString(1), codeKey));
            }

            if (events.Count > 0)
            {
                entries.Add(Case.Replay(events, calendar));
            }
        }

        foreach (var chunk in entries.Chunk(500))
        {
            await using var batch = new NpgsqlBatch(connection);
            foreach (var folded in chunk)
            {
                batch.BatchCommands.Add(Upsert(CaseListingEntry.From(folded)));
                foreach (var remember in ReportKeys.Remember(folded, salt))
                {
                    batch.BatchCommands.Add(remember);
                }
            }

            await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    internal static object[] Values(CaseListingEntry entry) =>
    [
        entry.Id.Value,
        entry.Version,
        (int)entry.State,
        entry.HoldingUnit is { } h ? h.Value : DBNull.Value,
        entry.Worker is { } w ? w.Value : DBNull.Value,
        entry.Category.Key,
        entry.Grid.Value,
        entry.RegisteredAt.ToUnixTimeTicks(),
        entry.OverdueFrom is { } o ? o.ToUnixTimeTicks() : DBNull.Value,
    ];
}
