using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.PostgreSql.Internal;
using NodaTime;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>Bulk seeding for the benchmarks: new cases written with <c>COPY</c> instead of one transaction each.</summary>
public sealed partial class PostgreSqlCaseStore
{
    /// <summary>Writes new cases (each given as its events and the snapshot after them) with binary <c>COPY</c>, in chunks
    /// of <paramref name="chunk"/> cases, each chunk in one transaction: the same rows <see cref="AppendAsync"/> writes
    /// (events with their personal data apart and hash-chained, the case row, the listing row), without the checks an
    /// append makes (no version, query-code or duplicate check), without the duplicate detector's report keys and
    /// without on-disk snapshots (an imported case loads by replaying its events until its next append, as a case of a
    /// database migrated from schema 8 does).</summary>
    /// <remarks>For seeding a benchmark database only: the cases must be new and their query codes distinct.</remarks>
    internal async Task ImportAsync(IEnumerable<(IReadOnlyList<CaseEvent> Events, Case Snapshot)> cases, int chunk, CancellationToken cancellationToken)
    {
        foreach (var part in cases.Chunk(chunk))
        {
            var rows = part.Select(c =>
            {
                var parts = c.Events.Select(e => CaseEventJson.SerializeApart(e)).ToArray();
                var links = new byte[parts.Length][];
                ReadOnlySpan<byte> head = CaseEventChain.Genesis;
                for (var i = 0; i < parts.Length; i++)
                {
                    head = links[i] = chain.Link(head, c.Snapshot.Id.Value, c.Events[i].Version, parts[i].Body);
                }

                return (c.Events, c.Snapshot, Parts: parts, Links: links);
            }).ToArray();
            await RunAsync(PostgreSqlCaseStoreOperation.Append, async connection =>
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var cases = await connection.BeginBinaryImportAsync(
                    "COPY fengqiao_cases (id, version, query_code, next_due, head) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
                {
                    foreach (var (_, snapshot, _, links) in rows)
                    {
                        await cases.WriteRowAsync(cancellationToken, snapshot.Id.Value, snapshot.Version, snapshot.QueryCodeDigest.ToString(),
                            snapshot.NextDueAt is { } due ? DueTicks.Of(due) : DBNull.Value, links[^1]).ConfigureAwait(false);
                    }

                    await cases.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var events = await connection.BeginBinaryImportAsync(
                    "COPY fengqiao_events (case_id, version, at, body, link) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
                {
                    foreach (var (list, snapshot, parts, links) in rows)
                    {
                        for (var i = 0; i < parts.Length; i++)
                        {
                            await events.WriteRowAsync(cancellationToken, snapshot.Id.Value, list[i].Version, list[i].At.ToUnixTimeTicks(), parts[i].Body, links[i]).ConfigureAwait(false);
                        }
                    }

                    await events.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var personal = await connection.BeginBinaryImportAsync(
                    "COPY fengqiao_personal (case_id, version, data) FROM STDIN (FORMAT BINARY)", cancellationToken).ConfigureAwait(false))
                {
                    foreach (var (list, snapshot, parts, _) in rows)
                    {
                        for (var i = 0; i < parts.Length; i++)
                        {
                            if (parts[i].PersonalData is { } data)
                            {
                                await personal.WriteRowAsync(cancellationToken, snapshot.Id.Value, list[i].Version, data).ConfigureAwait(false);
                            }
                        }
                    }

                    await personal.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                await using (var listing = await connection.BeginBinaryImportAsync(
                    "COPY fengqiao_case_listing (id, version, state, holder, worker, category, grid, registered_at, overdue_from) FROM STDIN (FORMAT BINARY)",
                    cancellationToken).ConfigureAwait(false))
                {
                    foreach (var (_, snapshot, _, _) in rows)
                    {
                        await listing.WriteRowAsync(cancellationToken, ListingProjection.Values(CaseListingEntry.From(snapshot))).ConfigureAwait(false);
                    }

                    await listing.CompleteAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
