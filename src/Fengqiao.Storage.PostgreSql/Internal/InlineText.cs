using Fengqiao.Cases.Integrity;
using Fengqiao.Storage.Internal;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql.Internal;

/// <summary>Migration 6: reports stored before the reporter's text moved into the personal document kept it inline in
/// the hash-chained body, where an erasure could not reach it. Each such body is rewritten with the text in its personal
/// document (or, for a case already erased, with the erased marker in its place), and the case is re-chained from
/// genesis (<see cref="Rechain"/>).</summary>
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
            await Rechain.CaseAsync(connection, chain, id, rows => [.. rows.Select(row =>
            {
                if (!row.HasPersonalRow || !InlineReportText.IsIn(row.Body))
                {
                    return new Rechain.Rewritten(row.Body);
                }

                var parts = InlineReportText.MoveApart(id, row.Version, row.Body, row.Data);
                return new Rechain.Rewritten(parts.Body, parts.PersonalData is null ? null : new Rechain.PersonalRow(parts.PersonalData));
            })], cancellationToken).ConfigureAwait(false);
        }
    }
}
