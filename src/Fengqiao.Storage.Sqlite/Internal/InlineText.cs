using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Storage.Internal;
using Microsoft.Data.Sqlite;
using static Fengqiao.Storage.Sqlite.Internal.MigrationCommands;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>Migration 10: reports stored before the reporter's text moved into the personal document kept it inline in
/// the hash-chained body, where an erasure could not reach it. Each such body is rewritten with the text in its personal
/// document (or, for a case already erased, with <see cref="CaseReport.ErasedText"/> in its place), and the case is
/// re-chained from genesis (<see cref="Rechain"/>).</summary>
/// <remarks>
/// Only cases with such a body are touched, and only when their hash chain holds (or they were never chained): a broken
/// chain is left as it is, since re-chaining would make an edit look genuine, and <c>verify</c> goes on reporting it.
/// Each rewritten body keeps its format (3, or the row form 4). A body written before personal data moved apart (a case
/// left in the pre-schema-5 inline form) has no personal digest and is not this migration's: its reporter data is
/// all inline, as <c>verify</c> reports. <c>secure_delete</c> is on for the store's connections, so the old bodies'
/// bytes are overwritten in the file's pages.
/// </remarks>
internal static class InlineText
{
    public static void MoveApart(SqliteConnection connection, SqliteTransaction transaction, CaseEventChain chain)
    {
        var candidates = new SortedSet<string>(StringComparer.Ordinal);
        using (var scan = Command(connection, transaction, "SELECT case_id, body FROM events"))
        using (var reader = scan.ExecuteReader())
        {
            while (reader.Read())
            {
                if (InlineReportText.IsIn(reader.GetString(1)))
                {
                    candidates.Add(reader.GetString(0));
                }
            }
        }

        using var rechain = new Rechain(connection, transaction, chain, hasSnapshots: true);
        foreach (var id in candidates)
        {
            rechain.Case(id, rows => [.. rows.Select(row =>
            {
                if (!row.HasPersonalRow || !InlineReportText.IsIn(row.Body))
                {
                    return new Rechain.Rewritten(row.Body);
                }

                var parts = InlineReportText.MoveApart(id, row.Version, row.Body, row.Data);
                return new Rechain.Rewritten(parts.Body, parts.PersonalData is null ? null : new Rechain.PersonalRow(parts.PersonalData));
            })]);
        }
    }
}
