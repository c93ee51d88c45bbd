using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite;

/// <summary>Joined reports' own query codes (schema 12): the <c>case_codes</c> table indexes the digest each joined
/// report carries (<see cref="CaseReportJoined.QueryCodeDigest"/>) beside the case's own code in <c>cases.query_code</c>;
/// a look-up by digest searches both.</summary>
public sealed partial class SqliteCaseStore
{
    /// <summary>The digests the append's joined reports carry, each checked to be held by no case (as its own code or a
    /// joined report's), nor twice in the append, nor equal to the new case's own code.</summary>
    /// <exception cref="QueryCodeConflictException">A digest is held already; nothing is written by the caller.</exception>
    private List<(string Digest, long Version)>? CheckJoinedCodesLocked(Case snapshot, IReadOnlyList<CaseEvent> events, long stored)
    {
        List<(string Digest, long Version)>? codes = null;
        foreach (var e in events)
        {
            if (e.Payload is not CaseReportJoined { QueryCodeDigest: { } digest })
            {
                continue;
            }

            var text = digest.ToString();
            if (writes.IdByCode(text) is not null || (stored == 0 && digest == snapshot.QueryCodeDigest)
                || (codes?.Exists(c => string.Equals(c.Digest, text, StringComparison.Ordinal)) ?? false))
            {
                throw new QueryCodeConflictException(snapshot.Id);
            }

            (codes ??= []).Add((text, e.Version));
        }

        return codes;
    }

    /// <summary>Indexes the joined reports' digests checked by <see cref="CheckJoinedCodesLocked"/>.</summary>
    private void WriteJoinedCodesLocked(SqliteTransaction? transaction, string id, List<(string Digest, long Version)>? codes)
    {
        if (codes is null)
        {
            return;
        }

        insertCode.Transaction = transaction;
        foreach (var (digest, version) in codes)
        {
            insertCode.Parameters[0].Value = digest;
            insertCode.Parameters[1].Value = id;
            insertCode.Parameters[2].Value = version;
            insertCode.ExecuteNonQuery();
        }
    }

    /// <summary>Compares a case's <c>case_codes</c> rows with the joined-report digests its events give.</summary>
    /// <returns>Null when they match, or what differs (without any digest).</returns>
    private string? JoinedCodesProblem(string id, Case folded)
    {
        writes.Transaction = null;
        var stored = writes.JoinedCodes(id);
        return stored.SequenceEqual(folded.JoinedQueryCodeDigests.Select(d => d.ToString()), StringComparer.Ordinal)
            ? null
            : $"the stored query codes of its joined reports ({stored.Count}) are not the {folded.JoinedQueryCodeDigests.Length} its events gave";
    }

    /// <summary>Rewrites a case's <c>case_codes</c> rows from its events, inside a repair's transaction.</summary>
    /// <returns>Null when written, or why not (another case holds one of the digests).</returns>
    private string? RewriteJoinedCodesLocked(SqliteTransaction transaction, string id, Case folded)
    {
        using (var clear = connection.CreateCommand())
        {
            clear.Transaction = transaction;
            clear.CommandText = "DELETE FROM case_codes WHERE case_id = $id";
            clear.Parameters.AddWithValue("$id", id);
            clear.ExecuteNonQuery();
        }

        writes.Transaction = transaction;
        var codes = new List<(string Digest, long Version)>();
        var version = 0L;
        foreach (var digest in folded.JoinedQueryCodeDigests)
        {
            var text = digest.ToString();
            if (writes.IdByCode(text) is { } holder)
            {
                return $"a joined report's query code is held by case '{holder}'; not rewritten";
            }

            // The events' order is what matters: the versions only order the rows.
            codes.Add((text, ++version));
        }

        WriteJoinedCodesLocked(transaction, id, codes);
        return null;
    }

    /// <summary>Rows of <c>case_codes</c> whose case does not exist (deleted outside the store).</summary>
    private List<SqliteCaseStoreProblem> OrphanJoinedCodes()
    {
        var problems = new List<SqliteCaseStoreProblem>();
        using var orphans = connection.CreateCommand();
        orphans.CommandText = "SELECT case_id, min(version) FROM case_codes WHERE case_id NOT IN (SELECT id FROM cases) GROUP BY case_id ORDER BY case_id";
        using var reader = orphans.ExecuteReader();
        while (reader.Read())
        {
            problems.Add(new(new CaseId(reader.GetString(0)), reader.GetInt64(1), "a joined report's query code points at a case that has no case row (it was deleted)", IsRepairable: false));
        }

        return problems;
    }
}
