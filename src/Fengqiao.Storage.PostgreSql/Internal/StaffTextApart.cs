using Fengqiao.Cases.Integrity;
using Fengqiao.Storage.Internal;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>Migration 7: events stored before the staff's free texts (replies, reasons, notes) moved into the personal
/// document kept them inline in the hash-chained body, where an erasure could not reach them. Each such body is
/// rewritten with its texts in a personal document and the case re-chained (<see cref="Rechain"/>).</summary>
/// <remarks>A case erased before this migration has the texts written before its erasure dropped rather than moved
/// (they read back as the erased marker, as an erasure now leaves them); texts written after the erasure are moved
/// apart and kept. A broken chain is left as it is. Each body keeps its format. Runs in the opening transaction: all
/// cases or none. PostgreSQL keeps the old row versions until vacuum.</remarks>
internal static class StaffTextApart
{
    public static async Task MoveApartAsync(NpgsqlConnection connection, CaseEventChain chain, CancellationToken cancellationToken)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        await using (var scan = new NpgsqlCommand("SELECT case_id, version, body FROM fengqiao_events", connection))
        await using (var reader = await scan.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                if (!candidates.Contains(id) && InlineStaffText.IsIn(id, reader.GetInt64(1), reader.GetString(2)))
                {
                    candidates.Add(id);
                }
            }
        }

        foreach (var id in candidates)
        {
            await Rechain.CaseAsync(connection, chain, id, rows =>
            {
                var erasedAt = rows.FirstOrDefault(r => InlineStaffText.IsErasure(id, r.Version, r.Body))?.Version;
                return [.. rows.Select(row =>
                {
                    if (!InlineStaffText.IsIn(id, row.Version, row.Body))
                    {
                        return new Rechain.Rewritten(row.Body);
                    }

                    var erased = erasedAt is { } at && row.Version < at;
                    var parts = InlineStaffText.MoveApart(id, row.Version, row.Body, row.Data, erased);
                    return new Rechain.Rewritten(parts.Body, erased ? null : new Rechain.PersonalRow(parts.PersonalData));
                })];
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
