using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.PostgreSql.Internal;
using NodaTime;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>
/// One sweeper's view of a <see cref="PostgreSqlCaseStore"/>: the store as it is, except that
/// <see cref="ListDueAsync"/> claims the due cases it lists, so that any number of sweepers on any number of nodes can
/// sweep one database and each due case is acted on by one of them.
/// </summary>
/// <remarks>
/// <para>
/// Give it to the node's sweeping <see cref="CaseDesk"/> as its store and call <see cref="SweepAsync"/>. Each
/// <see cref="ListDueAsync"/> claims up to <see cref="PostgreSqlSweepOptions.BatchSize"/> due cases that no live claim
/// holds, with <c>FOR UPDATE SKIP LOCKED</c> (sweepers never wait on each other's rows) and a lease of
/// <see cref="PostgreSqlSweepOptions.Lease"/>, and returns only those. An append to a case releases its claim in the
/// same transaction; <see cref="ReleaseAsync"/> releases the rest.
/// </para>
/// <para>
/// Exactly once per due moment: acting on a case appends to it, which moves its next due instant on, so it is not due
/// again for that moment. A sweeper killed mid-sweep leaves claims that expire after the lease; another sweeper then
/// takes the cases. Should a claim expire while its sweeper still works, both sweepers decide on the same version and
/// the optimistic check lets only one append through (the other sees a <see cref="ConcurrencyConflictException"/> and
/// the desk skips the case).
/// </para>
/// </remarks>
/// <threadsafety>Thread-safe, as the store it views. <see cref="ClaimedCount"/> is updated atomically.</threadsafety>
public sealed class PostgreSqlSweepStore : ICaseStore, ICaseBatchLoad, ICaseReporterErasure, ICaseGroupCommit
{
    private const string ClaimSql =
        "UPDATE fengqiao_cases c SET claimed_by = $1, claimed_until = $2 " +
        "FROM (SELECT id FROM fengqiao_cases WHERE next_due <= $3 AND (claimed_until IS NULL OR claimed_until <= $4) " +
        "ORDER BY next_due LIMIT $5 FOR UPDATE SKIP LOCKED) d WHERE c.id = d.id RETURNING c.id";

    private readonly PostgreSqlCaseStore store;
    private readonly PostgreSqlSweepOptions options;
    private long claimed;

    internal PostgreSqlSweepStore(PostgreSqlCaseStore store, PostgreSqlSweepOptions options)
    {
        this.store = store;
        this.options = options;
    }

    /// <summary>Gets the sweeper's name, as written on the cases it claims.</summary>
    public string Sweeper => options.Sweeper;

    /// <summary>Gets how long each claim holds a case against other sweepers (<see cref="PostgreSqlSweepOptions.Lease"/>).</summary>
    public Duration Lease => options.Lease;

    /// <summary>Gets how many due cases one claim takes at most (<see cref="PostgreSqlSweepOptions.BatchSize"/>).</summary>
    public int BatchSize => options.BatchSize;

    /// <summary>Gets how many claims this view has taken since it was made (a case claimed twice counts twice).</summary>
    public long ClaimedCount => Interlocked.Read(ref claimed);

    /// <inheritdoc />
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => store.LoadAsync(id, cancellationToken);

    /// <inheritdoc />
    /// <remarks>As <see cref="PostgreSqlCaseStore.LoadManyAsync"/>: the desk reads the cases this view claimed in one batch.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    /// <exception cref="PostgreSqlCaseStoreTamperException">A case fails its hash chain or digests; no case of the batch is returned.</exception>
    public ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken) => store.LoadManyAsync(ids, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) => store.FindByQueryCodeAsync(digest, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out.</exception>
    public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => store.ReadEventsAsync(id, cancellationToken);

    /// <inheritdoc />
    /// <remarks>As <see cref="PostgreSqlCaseStore.AppendAsync"/>; the append releases any claim on the case.</remarks>
    /// <exception cref="QueryCodeConflictException">A new case's query code is held by another case; nothing was written.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; nothing was written.</exception>
    public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken) =>
        store.AppendAsync(expectedVersion, events, snapshot, cancellationToken);

    /// <inheritdoc />
    /// <remarks>As <see cref="PostgreSqlCaseStore.AppendGroupAsync"/>: a sweep's appends share commits; each append
    /// releases any claim on its case.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="appends"/> or one of its items is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the group joined a commit; nothing of it was written.</exception>
    /// <exception cref="ObjectDisposedException">The store is disposed.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; nothing of the group was written.</exception>
    public ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken) =>
        store.AppendGroupAsync(appends, cancellationToken);

    /// <inheritdoc />
    /// <remarks>As <see cref="PostgreSqlCaseStore.EraseReporterAsync"/>; the erasure releases any claim on the case.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="erasure"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The event is not an erasure or does not fit the snapshot.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; nothing was written or deleted.</exception>
    public ValueTask EraseReporterAsync(long expectedVersion, CaseEvent erasure, Case snapshot, CancellationToken cancellationToken) =>
        store.EraseReporterAsync(expectedVersion, erasure, snapshot, cancellationToken);

    /// <summary>Claims up to a batch of the cases due by an instant that no live claim holds, and lists them.</summary>
    /// <param name="dueBy">The instant, usually now.</param>
    /// <param name="cancellationToken">Cancels the claim (nothing is claimed then).</param>
    /// <returns>The ids claimed, earliest due first; empty when every due case is done or held by a live claim.</returns>
    /// <remarks>A case this sweeper claimed and has not appended to stays claimed until its lease ends, so calling again
    /// within one sweep moves on to other cases rather than listing the same ones.</remarks>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; nothing was claimed.</exception>
    public async ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken)
    {
        var now = options.Clock.GetCurrentInstant();
        var ids = await store.RunAsync(PostgreSqlCaseStoreOperation.Claim, async connection =>
        {
            await using var command = store.Command(connection, ClaimSql,
                options.Sweeper, (now + options.Lease).ToUnixTimeTicks(), dueBy.ToUnixTimeTicks(), now.ToUnixTimeTicks(), options.BatchSize);
            return await PostgreSqlCaseStore.ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        Interlocked.Add(ref claimed, ids.Count);
        return ids;
    }

    /// <summary>Releases every claim this sweeper holds, so other sweepers may take those cases at once.</summary>
    /// <param name="cancellationToken">Cancels the release (the claims then end with their leases).</param>
    /// <returns>How many claims were released.</returns>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; the claims end with their leases.</exception>
    public async Task<int> ReleaseAsync(CancellationToken cancellationToken = default) =>
        await store.RunAsync(PostgreSqlCaseStoreOperation.Release, async connection =>
        {
            await using var command = store.Command(connection,
                "UPDATE fengqiao_cases SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = $1", options.Sweeper);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Sweeps with a desk built on this view until no due case is left to claim, then releases the claims left.</summary>
    /// <param name="desk">The desk; its store must be this view (otherwise its sweeps claim nothing and this returns after one).</param>
    /// <param name="now">The instant to sweep at.</param>
    /// <param name="cancellationToken">Cancels the sweep between cases; claims then end with their leases.</param>
    /// <returns>The desk's results, one per batch claimed, in order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="desk"/> is null.</exception>
    /// <exception cref="PostgreSqlCaseStoreException">The server failed or timed out; the cases swept so far stay swept.</exception>
    /// <exception cref="OperationCanceledException">The sweep was cancelled; the cases swept so far stay swept.</exception>
    public async Task<IReadOnlyList<SweepResult>> SweepAsync(CaseDesk desk, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var results = new List<SweepResult>();
        while (true)
        {
            var before = ClaimedCount;
            var result = await desk.SweepAsync(now, cancellationToken).ConfigureAwait(false);
            if (ClaimedCount == before)
            {
                break;
            }

            results.Add(result);
            await SettleAsync(now, cancellationToken).ConfigureAwait(false);
        }

        await ReleaseAsync(cancellationToken).ConfigureAwait(false);
        return results;
    }

    /// <summary>Marks handled the due moments of the cases this sweeper still holds after the desk swept them without
    /// appending: each such case's stored next due instant is replaced by the one its loaded state gives, and its claim is
    /// released. Without this, a case whose stored due instant is earlier than its state's (written by a node with
    /// another calendar, or an index row left behind) is listed due, found not due by the desk, and listed again on
    /// every sweep for ever.</summary>
    /// <remarks>A case the desk left that is still due by its own state at <paramref name="now"/> (a policy failure to
    /// retry) keeps its claim until <see cref="ReleaseAsync"/>, so one sweep does not take it twice. The update is
    /// guarded by the case's version, so a case appended to meanwhile keeps the due instant of that append.</remarks>
    private async Task SettleAsync(Instant now, CancellationToken cancellationToken)
    {
        var held = await store.RunAsync(PostgreSqlCaseStoreOperation.Claim, async connection =>
        {
            await using var command = store.Command(connection, "SELECT id FROM fengqiao_cases WHERE claimed_by = $1", options.Sweeper);
            return await PostgreSqlCaseStore.ReadIdsAsync(command, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        foreach (var id in held)
        {
            var current = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (current is null || current.NextDueAt is { } due && due <= now)
            {
                continue;
            }

            var next = current.NextDueAt is { } at ? (object)DueTicks.Of(at) : DBNull.Value;
            await store.RunAsync(PostgreSqlCaseStoreOperation.Release, async connection =>
            {
                await using var command = store.Command(connection,
                    "UPDATE fengqiao_cases SET next_due = $2, claimed_by = NULL, claimed_until = NULL WHERE id = $1 AND claimed_by = $3 AND version = $4",
                    id.Value, next, options.Sweeper, current.Version);
                return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Describes the view.</summary>
    /// <returns>For example <c>PostgreSqlSweepStore(node-1 on db1:5432/fengqiao)</c>.</returns>
    public override string ToString() => $"PostgreSqlSweepStore({Sweeper} on {store.DataSource})";
}
