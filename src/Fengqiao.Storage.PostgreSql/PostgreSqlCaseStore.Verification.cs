using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.PostgreSql.Internal;
using NodaTime;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

// verify and repair: every case's chain, personal data and derived columns against its events.
public sealed partial class PostgreSqlCaseStore
{
    /// <summary>Checks every case: its events against their hash chain, its personal data and query code against the
    /// digests in its events, and the derived columns (<c>version</c>, <c>next_due</c>, the query-code index) and its
    /// snapshot (seal, and text against the fold of its events up to the snapshot's version) against a replay of its
    /// events.</summary>
    /// <param name="cancellationToken">Cancels between cases.</param>
    /// <returns>The counts and every problem found, ordered by case id; <see cref="PostgreSqlCaseStoreVerification.IsIntact"/> when none.</returns>
    /// <remarks>Reads the whole database one case at a time and changes nothing; other nodes may go on working (a case
    /// appended to meanwhile is checked as of the version first read). Event content never appears in a description.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public async ValueTask<PostgreSqlCaseStoreVerification> VerifyAsync(CancellationToken cancellationToken) =>
        await RunAsync(PostgreSqlCaseStoreOperation.Verify, connection => CheckAsync(connection, repair: false, cancellationToken), cancellationToken).ConfigureAwait(false);

    /// <summary>Rebuilds the derived columns (<c>version</c>, <c>next_due</c>, the query-code index and the listing row)
    /// and the snapshot of every case whose hash chain and personal data hold, from its events.</summary>
    /// <param name="cancellationToken">Cancels between cases; cases already repaired stay repaired.</param>
    /// <returns>How many cases were rewritten (<see cref="PostgreSqlCaseStoreVerification.CasesRepaired"/>), and the
    /// problems left: broken chains and personal data that does not match its digest, which a repair never re-chains
    /// or rewrites (that would make an edit look genuine); restore those cases from a backup.</returns>
    /// <remarks>Each case is rewritten in its own transaction, its snapshot with it, locking its row and checking that
    /// its stored version has not moved since it was read (a case appended to meanwhile is left for the next run, and
    /// reported). A case whose chain holds and whose snapshot is missing (a database migrated from schema 8), of another
    /// format or calendar, or older than the case gets a current one too; that is not counted as a repair. Other nodes
    /// may go on working. The snapshot cache of this store is cleared; other nodes' caches hold folds of events, which
    /// a repair does not change.</remarks>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public async ValueTask<PostgreSqlCaseStoreVerification> RepairAsync(CancellationToken cancellationToken)
    {
        var result = await RunAsync(PostgreSqlCaseStoreOperation.Repair, connection => CheckAsync(connection, repair: true, cancellationToken), cancellationToken).ConfigureAwait(false);
        cache.Clear();

        return result;
    }

    private async Task<PostgreSqlCaseStoreVerification> CheckAsync(NpgsqlConnection connection, bool repair, CancellationToken cancellationToken)
    {
        var rows = new List<(string Id, long Version, byte[]? Head, string Code, long? Due)>();
        await using (var command = Command(connection, "SELECT id, version, head, query_code, next_due FROM fengqiao_cases ORDER BY id"))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((reader.GetString(0), reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2),
                    reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetInt64(4)));
            }
        }

        var problems = ImmutableArray.CreateBuilder<PostgreSqlCaseStoreProblem>();
        long eventsChecked = 0, repaired = 0;
        foreach (var row in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var id = new CaseId(row.Id);
            var (stored, personal) = await ReadStoredAsync(connection, row.Id, 1, long.MaxValue, cancellationToken).ConfigureAwait(false);
            eventsChecked += stored.Count;
            if (stored.Count == 0)
            {
                problems.Add(new(id, row.Version, "the case row has no events"));
                continue;
            }

            // The chain is checked against the events as stored; the version column is a derived column, checked below.
            if (chain.Verify(row.Id, stored, row.Head, stored.Count) is { } broken)
            {
                problems.Add(new(id, broken.Version, broken.Description));
                continue;
            }

            Case folded;
            List<Cases.Events.CaseEvent> read;
            try
            {
                read = stored.ConvertAll(e => DecodeOne(id, e, personal));
                folded = Case.Replay(read, calendar);
            }
            catch (CaseEventFormatException e)
            {
                problems.Add(new(id, 1, $"an event or its personal data does not read (personal data or query code edited?): {e.Message}"));
                continue;
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                problems.Add(new(id, row.Version, $"the events do not replay: {e.GetType().Name}"));
                continue;
            }

            if (ErasedOutsideTheStore(read))
            {
                problems.Add(new(id, 1, "personal data kept apart (the reporter's, or a staff text) is missing, but the case has no erasure event: it was deleted outside the store"));
                continue;
            }

            var wrong = new List<string>();
            var snapshot = await SnapshotOfAsync(connection, row.Id, cancellationToken).ConfigureAwait(false);
            if (snapshot is { } sn && IsCurrent(sn, folded.Version) && SnapshotProblem(row.Id, sn, folded, read, stored) is { } snapshotWrong)
            {
                wrong.Add(snapshotWrong);
            }

            if (row.Version != folded.Version)
            {
                wrong.Add(string.Create(CultureInfo.InvariantCulture, $"the stored version is {row.Version}, the events end at {folded.Version}"));
            }

            if (!DueTicks.Matches(row.Due, folded.NextDueAt))
            {
                wrong.Add("the stored next due instant is not the one the events give");
            }

            if (!string.Equals(row.Code, folded.QueryCodeDigest.ToString(), StringComparison.Ordinal))
            {
                wrong.Add("the query-code index entry is not the digest of the code the case was registered with");
            }

            if (await JoinedCodesProblemAsync(connection, row.Id, folded, cancellationToken).ConfigureAwait(false) is { } codesWrong)
            {
                wrong.Add(codesWrong);
            }

            if (wrong.Count == 0)
            {
                if (repair && snapshotInterval > 0 && (snapshot is not { } current || !IsCurrent(current, folded.Version) || current.Version != folded.Version))
                {
                    // Not a problem (a database migrated from schema 8, a snapshot of another format or calendar, or
                    // one older than the case): repair builds it now rather than at the case's next append. A case
                    // appended to meanwhile is left as it is: that append wrote a current snapshot.
                    await RewriteAsync(connection, row.Id, row.Version, folded, columns: false, cancellationToken).ConfigureAwait(false);
                }

                continue;
            }

            if (!repair)
            {
                problems.Add(new(id, folded.Version, string.Join("; ", wrong)) { IsRepairable = true });
                continue;
            }

            if (await RewriteAsync(connection, row.Id, row.Version, folded, columns: true, cancellationToken).ConfigureAwait(false) is { } refused)
            {
                problems.Add(new(id, folded.Version, refused));
            }
            else
            {
                repaired++;
            }
        }

        await using (var orphans = Command(connection, "SELECT case_id, min(version) FROM fengqiao_events WHERE case_id NOT IN (SELECT id FROM fengqiao_cases) GROUP BY case_id ORDER BY case_id"))
        await using (var reader = await orphans.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                problems.Add(new(new CaseId(reader.GetString(0)), reader.GetInt64(1), "the events have no case row (it was deleted)"));
            }
        }

        problems.AddRange(await OrphanJoinedCodesAsync(connection, cancellationToken).ConfigureAwait(false));
        return new PostgreSqlCaseStoreVerification(rows.Count, eventsChecked, problems.ToImmutable(), repaired);
    }

    /// <summary>Writes a case row's derived columns and its listing row (with <paramref name="columns"/>) and its
    /// snapshot from its replay, in one transaction.</summary>
    /// <returns>Null when written, or why not.</returns>
    private async Task<string?> RewriteAsync(NpgsqlConnection connection, string id, long readVersion, Case folded, bool columns, CancellationToken cancellationToken)
    {
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        byte[]? head;
        await using (var locked = Command(connection, "SELECT version, head FROM fengqiao_cases WHERE id = $1 FOR UPDATE", id))
        {
            locked.Transaction = transaction;
            await using var reader = await locked.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetInt64(0) != readVersion)
            {
                return "the case changed while it was checked; not rewritten (run repair again)";
            }

            head = reader.IsDBNull(1) ? null : (byte[])reader.GetValue(1);
        }

        var digest = folded.QueryCodeDigest.ToString();
        if (columns)
        {
            await using var holder = Command(connection, "SELECT id FROM fengqiao_cases WHERE query_code = $1 AND id <> $2", digest, id);
            holder.Transaction = transaction;
            if (await holder.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is string other)
            {
                return $"the case's query code is held by case '{other}'; not rewritten";
            }
        }

        if (await JoinedCodesHolderAsync(connection, transaction, id, folded, cancellationToken).ConfigureAwait(false) is { } codeRefused)
        {
            return codeRefused;
        }

        await using (var batch = new NpgsqlBatch(connection, transaction) { Timeout = commandTimeoutSeconds })
        {
            if (columns)
            {
                AddJoinedCodeRewrite(batch, id, folded);
                var update = new NpgsqlBatchCommand("UPDATE fengqiao_cases SET version = $1, next_due = $2, query_code = $3 WHERE id = $4");
                update.Parameters.Add(new NpgsqlParameter { Value = folded.Version });
                update.Parameters.Add(new NpgsqlParameter { Value = folded.NextDueAt is { } at ? DueTicks.Of(at) : DBNull.Value });
                update.Parameters.Add(new NpgsqlParameter { Value = digest });
                update.Parameters.Add(new NpgsqlParameter { Value = id });
                batch.BatchCommands.Add(update);
                batch.BatchCommands.Add(ListingProjection.Upsert(Fengqiao.Cases.Ports.CaseListingEntry.From(folded)));
            }

            if (snapshotInterval > 0 && head is not null)
            {
                // Sealed to the head the events leave (the chain held, so it is the link of the last event).
                batch.BatchCommands.Add(SnapshotUpsert(folded, head));
            }

            if (batch.BatchCommands.Count > 0)
            {
                await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return null;
    }
}
