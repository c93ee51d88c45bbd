using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Storage.Internal;
using Microsoft.Data.Sqlite;
using static Fengqiao.Storage.Sqlite.Internal.MigrationCommands;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>Migration 10: reports stored before the reporter's text moved into the personal document kept it inline in
/// the hash-chained body, where an erasure could not reach it. Each such body is rewritten with the text in its personal
/// document (or, for a case already erased, with <see cref="CaseReport.ErasedText"/> in its place), and the case is
/// re-chained from genesis.</summary>
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

        using var events = Command(connection, transaction,
            "SELECT e.version, e.body, e.link, p.data, p.case_id IS NOT NULL FROM events e LEFT JOIN personal p ON p.case_id = e.case_id AND p.version = e.version WHERE e.case_id = $id ORDER BY e.version", "$id");
        using var head = Command(connection, transaction, "SELECT head FROM cases WHERE id = $id", "$id");
        using var setEvent = Command(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version", "$body", "$link", "$id", "$version");
        using var setPersonal = Command(connection, transaction, "UPDATE personal SET data = $data WHERE case_id = $id AND version = $version", "$data", "$id", "$version");
        using var setHead = Command(connection, transaction, "UPDATE cases SET head = $head WHERE id = $id", "$head", "$id");
        foreach (var id in candidates)
        {
            var stored = new List<(long Version, string Body, byte[]? Link, string? Data, bool HasRow)>();
            events.Parameters["$id"].Value = id;
            using (var reader = events.ExecuteReader())
            {
                while (reader.Read())
                {
                    stored.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2),
                        reader.IsDBNull(3) ? null : reader.GetString(3), reader.GetBoolean(4)));
                }
            }

            head.Parameters["$id"].Value = id;
            var storedHead = head.ExecuteScalar() is byte[] h ? h : null;
            var unchained = storedHead is null && stored.TrueForAll(e => e.Link is null);
            if (!unchained && chain.Verify(id, [.. stored.Select(e => new StoredCaseEvent(e.Version, e.Body, e.Link))], storedHead, stored.Count) is not null)
            {
                continue;
            }

            var link = CaseEventChain.Genesis.ToArray();
            foreach (var (version, body, _, data, hasRow) in stored)
            {
                var rewritten = body;
                if (hasRow && InlineReportText.IsIn(body))
                {
                    var parts = InlineReportText.MoveApart(id, version, body, data);
                    rewritten = parts.Body;
                    if (parts.PersonalData is not null)
                    {
                        setPersonal.Parameters["$data"].Value = parts.PersonalData;
                        setPersonal.Parameters["$id"].Value = id;
                        setPersonal.Parameters["$version"].Value = version;
                        setPersonal.ExecuteNonQuery();
                    }
                }

                byte[]? newLink = null;
                if (!unchained)
                {
                    link = chain.Link(link, id, version, rewritten);
                    newLink = link;
                }

                setEvent.Parameters["$body"].Value = rewritten;
                setEvent.Parameters["$link"].Value = (object?)newLink ?? DBNull.Value;
                setEvent.Parameters["$id"].Value = id;
                setEvent.Parameters["$version"].Value = version;
                setEvent.ExecuteNonQuery();
            }

            if (!unchained)
            {
                setHead.Parameters["$head"].Value = link;
                setHead.Parameters["$id"].Value = id;
                setHead.ExecuteNonQuery();
            }
        }
    }
}
