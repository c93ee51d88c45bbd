using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>Joined reports' own query codes (schema 8): <c>fengqiao_case_codes</c> indexes the digest each joined report
/// carries (<see cref="CaseReportJoined.QueryCodeDigest"/>) beside the case's own code in <c>fengqiao_cases.query_code</c>;
/// a look-up by digest searches both.</summary>
public sealed partial class PostgreSqlCaseStore
{
    private const string CodeHeldSql =
        "SELECT count(*) FROM (SELECT 1 FROM fengqiao_cases WHERE query_code = ANY($1) UNION ALL SELECT 1 FROM fengqiao_case_codes WHERE digest = ANY($1)) held";

    private static bool HasJoinedCodes(IReadOnlyList<CaseEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Payload is CaseReportJoined { QueryCodeDigest: not null })
            {
                return true;
            }
        }

        return false;
    }

    private static string[] JoinedCodes(IReadOnlyList<CaseEvent> events) =>
        [.. events.Select(e => e.Payload is CaseReportJoined { QueryCodeDigest: { } d } ? d.ToString() : null).OfType<string>()];

    /// <summary>Refuses an append whose joined reports carry a digest a case already holds (as its own code or a joined
    /// report's), twice, or equal to the new case's own code.</summary>
    /// <exception cref="QueryCodeConflictException">A digest is held already; the caller writes nothing.</exception>
    private async Task CheckJoinedCodesAsync(NpgsqlConnection connection, Case snapshot, IReadOnlyList<CaseEvent> events, CancellationToken cancellationToken)
    {
        var codes = JoinedCodes(events);
        if (codes.Length == 0)
        {
            return;
        }

        if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Length
            || (snapshot.Version == events.Count && Array.IndexOf(codes, snapshot.QueryCodeDigest.ToString()) >= 0))
        {
            throw new QueryCodeConflictException(snapshot.Id);
        }

        await using var held = Command(connection, CodeHeldSql, (object)codes);
        if (await held.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long count && count > 0)
        {
            // Never re-point a query code: it is another citizen's key to their case.
            throw new QueryCodeConflictException(snapshot.Id);
        }
    }

    /// <summary>Adds the index rows of an append's joined-report codes (checked by <see cref="CheckJoinedCodesAsync"/>).</summary>
    private static void AddJoinedCodeRows(NpgsqlBatch batch, string id, IReadOnlyList<CaseEvent> events)
    {
        foreach (var e in events)
        {
            if (e.Payload is CaseReportJoined { QueryCodeDigest: { } digest })
            {
                batch.BatchCommands.Add(BatchCommand("INSERT INTO fengqiao_case_codes (digest, case_id, version) VALUES ($1, $2, $3)", digest.ToString(), id, e.Version));
            }
        }
    }

    /// <summary>Compares a case's <c>fengqiao_case_codes</c> rows with the joined-report digests its events give.</summary>
    /// <returns>Null when they match, or what differs (without any digest).</returns>
    private async Task<string?> JoinedCodesProblemAsync(NpgsqlConnection connection, string id, Case folded, CancellationToken cancellationToken)
    {
        var stored = new List<string>();
        await using (var command = Command(connection, "SELECT digest FROM fengqiao_case_codes WHERE case_id = $1 ORDER BY version", id))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored.Add(reader.GetString(0));
            }
        }

        return stored.SequenceEqual(folded.JoinedQueryCodeDigests.Select(d => d.ToString()), StringComparer.Ordinal)
            ? null
            : $"the stored query codes of its joined reports ({stored.Count}) are not the {folded.JoinedQueryCodeDigests.Length} its events gave";
    }

    /// <summary>Inside a repair's transaction: the case holding one of the case's joined-report digests, when another does.</summary>
    /// <returns>Null when no other case holds any, or why the case is not rewritten.</returns>
    private async Task<string?> JoinedCodesHolderAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, string id, Case folded, CancellationToken cancellationToken)
    {
        if (folded.JoinedQueryCodeDigests.IsEmpty)
        {
            return null;
        }

        string[] codes = [.. folded.JoinedQueryCodeDigests.Select(d => d.ToString())];
        await using var holder = Command(connection,
            "SELECT id FROM fengqiao_cases WHERE query_code = ANY($1) AND id <> $2 UNION ALL SELECT case_id FROM fengqiao_case_codes WHERE digest = ANY($1) AND case_id <> $2 LIMIT 1",
            codes, id);
        holder.Transaction = transaction;
        return await holder.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string other
            ? $"a joined report's query code is held by case '{other}'; not rewritten"
            : null;
    }

    /// <summary>Adds the rewrite of a case's joined-report code rows from its events to a repair's batch.</summary>
    private static void AddJoinedCodeRewrite(NpgsqlBatch batch, string id, Case folded)
    {
        batch.BatchCommands.Add(BatchCommand("DELETE FROM fengqiao_case_codes WHERE case_id = $1", id));
        var version = 0L;
        foreach (var digest in folded.JoinedQueryCodeDigests)
        {
            // The events' order is what matters: the versions only order the rows.
            batch.BatchCommands.Add(BatchCommand("INSERT INTO fengqiao_case_codes (digest, case_id, version) VALUES ($1, $2, $3)", digest.ToString(), id, ++version));
        }
    }

    /// <summary>Rows of <c>fengqiao_case_codes</c> whose case does not exist (deleted outside the store).</summary>
    private async Task<List<PostgreSqlCaseStoreProblem>> OrphanJoinedCodesAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var problems = new List<PostgreSqlCaseStoreProblem>();
        await using var orphans = Command(connection,
            "SELECT case_id, min(version) FROM fengqiao_case_codes WHERE case_id NOT IN (SELECT id FROM fengqiao_cases) GROUP BY case_id ORDER BY case_id");
        await using var reader = await orphans.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            problems.Add(new(new CaseId(reader.GetString(0)), reader.GetInt64(1), "a joined report's query code points at a case that has no case row (it was deleted)"));
        }

        return problems;
    }
}
