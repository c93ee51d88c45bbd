using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Microsoft.Data.Sqlite;
using static Fengqiao.Storage.Sqlite.Internal.MigrationCommands;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>Migration 5: moves the personal data of events written before it out of the event bodies into the
/// <c>personal</c> table, and replaces each case's plain query code in the index and the bodies by its digest under the
/// county's key (the plain code is not kept).</summary>
/// <remarks>
/// A case whose hash chain holds is rewritten (bodies in the apart form, re-chained from genesis) in the migration's
/// transaction. A case whose chain is broken is left as it is, apart from its index entry: re-chaining it would make an
/// edit look genuine, so <c>verify</c> goes on reporting it and its bodies keep their old inline form, which the store
/// still reads.
/// </remarks>
internal static class PersonalApart
{
    public static void MoveExisting(SqliteConnection connection, SqliteTransaction transaction, CaseEventChain chain, QueryCodeKey? codeKey)
    {
        var cases = new List<(string Id, string Code, byte[]? Head)>();
        using (var read = connection.CreateCommand())
        {
            read.Transaction = transaction;
            read.CommandText = "SELECT id, query_code, head FROM cases ORDER BY id";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                cases.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
            }
        }

        using var events = Command(connection, transaction, "SELECT version, body, link FROM events WHERE case_id = $id ORDER BY version", "$id");
        using var setEvent = Command(connection, transaction, "UPDATE events SET body = $body, link = $link WHERE case_id = $id AND version = $version", "$body", "$link", "$id", "$version");
        using var insertPersonal = Command(connection, transaction, "INSERT INTO personal (case_id, version, data) VALUES ($id, $version, $data)", "$id", "$version", "$data");
        using var setCase = Command(connection, transaction, "UPDATE cases SET query_code = $code, head = $head WHERE id = $id", "$code", "$head", "$id");
        foreach (var (id, plainCode, head) in cases)
        {
            var stored = new List<(long Version, string Body, byte[]? Link)>();
            events.Parameters["$id"].Value = id;
            using (var reader = events.ExecuteReader())
            {
                while (reader.Read())
                {
                    stored.Add((reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2)));
                }
            }

            var digest = QueryCode.TryParse(plainCode, out var code) && codeKey is not null ? codeKey.Digest(code).ToString() : plainCode;
            var newHead = head;
            var unchained = head is null && stored.TrueForAll(e => e.Link is null);
            if (stored.Count > 0 && (unchained || chain.Verify(id, [.. stored.Select(e => new StoredCaseEvent(e.Version, e.Body, e.Link))], head, stored.Count) is null) && Rewrite(stored) is { } rewritten)
            {
                var link = CaseEventChain.Genesis.ToArray();
                foreach (var (version, parts) in rewritten)
                {
                    byte[]? newLink = null;
                    if (!unchained)
                    {
                        link = chain.Link(link, id, version, parts.Body);
                        newLink = link;
                    }

                    setEvent.Parameters["$body"].Value = parts.Body;
                    setEvent.Parameters["$link"].Value = (object?)newLink ?? DBNull.Value;
                    setEvent.Parameters["$id"].Value = id;
                    setEvent.Parameters["$version"].Value = version;
                    setEvent.ExecuteNonQuery();
                    if (parts.PersonalData is not null)
                    {
                        insertPersonal.Parameters["$id"].Value = id;
                        insertPersonal.Parameters["$version"].Value = version;
                        insertPersonal.Parameters["$data"].Value = parts.PersonalData;
                        insertPersonal.ExecuteNonQuery();
                    }
                }

                newHead = unchained ? null : link;
            }

            setCase.Parameters["$code"].Value = digest;
            setCase.Parameters["$head"].Value = (object?)newHead ?? DBNull.Value;
            setCase.Parameters["$id"].Value = id;
            setCase.ExecuteNonQuery();
        }

        List<(long Version, CaseEventParts Parts)>? Rewrite(List<(long Version, string Body, byte[]? Link)> stored)
        {
            var result = new List<(long, CaseEventParts)>(stored.Count);
            foreach (var (version, body, _) in stored)
            {
                try
                {
                    var read = codeKey is null ? CaseEventJson.Deserialize(body) : CaseEventJson.Deserialize(body, codeKey);
                    result.Add((version, CaseEventJson.SerializeApart(read)));
                }
                catch (CaseEventFormatException)
                {
                    return null;
                }
            }

            return result;
        }
    }
}
