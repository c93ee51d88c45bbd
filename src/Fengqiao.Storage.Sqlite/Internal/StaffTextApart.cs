using Fengqiao.Cases.Integrity;
using Fengqiao.Storage.Internal;
using Microsoft.Data.Sqlite;
using static Fengqiao.Storage.Sqlite.Internal.MigrationCommands;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>Migration 11: events stored before the staff's free texts (replies, reasons, notes) moved into the personal
/// document kept them inline in the hash-chained body, where an erasure could not reach them. Each such body is
/// rewritten with its texts in a personal document and the case re-chained (<see cref="Rechain"/>).</summary>
/// <remarks>
/// A case erased before this migration (it has a <c>CaseReporterErased</c> event) has the texts written before its
/// erasure dropped rather than moved (they read back as the erased marker, as an erasure now leaves them); texts
/// written after the erasure are moved apart and kept. A broken chain is left as it is. Each body keeps its format;
/// the case's snapshot is deleted (a load replays, the next append or <c>repair</c> writes a new one).
/// <c>secure_delete</c> is on for the store's connections, so the old bodies' bytes are overwritten in the file's pages.
/// </remarks>
internal static class StaffTextApart
{
    public static void MoveApart(SqliteConnection connection, SqliteTransaction transaction, CaseEventChain chain)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        using (var scan = Command(connection, transaction, "SELECT case_id, version, body FROM events"))
        using (var reader = scan.ExecuteReader())
        {
            while (reader.Read())
            {
                var id = reader.GetString(0);
                if (!candidates.Contains(id) && InlineStaffText.IsIn(id, reader.GetInt64(1), reader.GetString(2)))
                {
                    candidates.Add(id);
                }
            }
        }

        using var rechain = new Rechain(connection, transaction, chain, hasSnapshots: true);
        foreach (var id in candidates)
        {
            rechain.Case(id, rows =>
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
            });
        }
    }
}
