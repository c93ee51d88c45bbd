using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// The simulation on PostgreSQL: the desk's store is one shared database, and each hourly sweep is run by
/// <see cref="SimulationOptions.Sweepers"/> sweepers at once, each on a connection pool of its own (as separate nodes
/// would be), claiming due cases through <see cref="PostgreSqlCaseStore.ForSweeper"/>. Every event published during a
/// sweep is attributed to its sweeper: a case acted on by two sweepers at one sweep is a double action, and a case
/// still due once the sweepers are done that no sweeper claimed is a missed due case. (A case a sweeper claimed and the
/// desk found nothing to do for stays due, as it does on one node; it is not counted as missed.)
/// <para>Outside the sweeps the desk's appends are committed in groups (<see cref="GroupedAppendStore"/>, as on SQLite):
/// the held appends are committed before the sweepers start, and the cases the sweepers wrote are forgotten by the
/// grouped view afterwards, so its next load of them reads the store.</para>
/// </summary>
internal sealed partial class CountySimulation
{
    private readonly object observeGate = new();
    private readonly AsyncLocal<PostgreSqlSweepStore?> currentSweeper = new();
    private readonly List<(PostgreSqlCaseStore Node, PostgreSqlSweepStore Sweep)> sweepers = [];
    private readonly Dictionary<CaseId, string> actedBy = [];
    private readonly HashSet<CaseId> claimedThisSweep = [];
    private readonly HashSet<CaseId> sweptThisSweep = [];
    private PostgreSqlCaseStore? shared;
    private int concurrentSweeps;
    private long doubleActions;
    private long missedDueCases;

    private SweeperRoutedStore OpenPostgres(SimulationOptions options, BusinessCalendar calendar)
    {
        var connection = options.Connection ?? throw new CliException("--store postgres needs --connection.");
        try
        {
            shared = PostgreSqlCaseStore.OpenAsync(connection, calendar).GetAwaiter().GetResult();
            if (shared.LoadAsync(new CaseId("C0000001"), default).AsTask().GetAwaiter().GetResult() is not null)
            {
                throw new CliException($"the database {shared.DataSource} already holds a simulation's cases (C0000001): point --connection at an empty database.");
            }

            for (var i = 1; i <= options.Sweepers; i++)
            {
                var node = PostgreSqlCaseStore.OpenAsync(connection, calendar).GetAwaiter().GetResult();
                sweepers.Add((node, node.ForSweeper(new PostgreSqlSweepOptions { Sweeper = $"sweeper-{i}", Clock = clock, BatchSize = 100 })));
            }
        }
        catch (PostgreSqlCaseStoreException e)
        {
            throw new CliException(e.Message);
        }
        catch (ArgumentException e)
        {
            throw new CliException($"--connection: {e.Message}");
        }

        // The desk's own appends are checked one by one and committed in groups; the sweepers write on their own nodes.
        if (!options.GroupAppends)
        {
            return new SweeperRoutedStore(shared, shared, currentSweeper, Claimed, Written);
        }

        var deskStore = new GroupedAppendStore(shared);
        grouped = deskStore;
        return new SweeperRoutedStore(deskStore, deskStore, currentSweeper, Claimed, Written);
    }

    /// <summary>Runs every sweeper at once until the due cases are done, then counts the cases left due.</summary>
    private static SweepResult Combine(SweepResult? concurrent, SweepResult desk) => concurrent is null
        ? desk
        : new SweepResult(concurrent.CasesSwept + desk.CasesSwept, concurrent.EventsAppended + desk.EventsAppended,
            concurrent.Conflicts.AddRange(desk.Conflicts), concurrent.PolicyFailures.AddRange(desk.PolicyFailures));

    private async Task<SweepResult> SweepConcurrentlyAsync()
    {
        var now = clock.GetCurrentInstant();
        lock (observeGate)
        {
            actedBy.Clear();
            claimedThisSweep.Clear();
            sweptThisSweep.Clear();
        }

        // The sweepers read and write the database on their own nodes: the desk's held appends go first.
        if (grouped is not null)
        {
            await grouped.FlushAsync().ConfigureAwait(false);
        }

        var results = await Task.WhenAll(sweepers.Select(s => Task.Run(async () =>
        {
            currentSweeper.Value = s.Sweep;
            return await s.Sweep.SweepAsync(desk, now).ConfigureAwait(false);
        }))).ConfigureAwait(false);
        concurrentSweeps++;
        if (grouped is not null)
        {
            // What the grouped view kept of the cases the sweepers wrote is stale now.
            await grouped.ForgetAsync(sweptThisSweep).ConfigureAwait(false);
        }

        var all = results.SelectMany(r => r).ToList();
        var combined = new SweepResult(all.Sum(r => r.CasesSwept), all.Sum(r => r.EventsAppended),
            [.. all.SelectMany(r => r.Conflicts)], [.. all.SelectMany(r => r.PolicyFailures)]);

        foreach (var id in await shared!.ListDueAsync(now, default).ConfigureAwait(false))
        {
            if (!claimedThisSweep.Contains(id) && (await shared.LoadAsync(id, default).ConfigureAwait(false))?.NextDueAt is { } due && due <= now)
            {
                missedDueCases++;
            }
        }

        return combined;
    }

    /// <summary>Attributes an event published during a concurrent sweep to its sweeper (called under the observe gate).</summary>
    private void AuditSweep(CaseEvent e)
    {
        if (currentSweeper.Value is not { } sweeper)
        {
            return;
        }

        if (!actedBy.TryAdd(e.CaseId, sweeper.Sweeper) && actedBy[e.CaseId] != sweeper.Sweeper)
        {
            doubleActions++;
        }
    }

    private void Claimed(IReadOnlyList<CaseId> ids)
    {
        lock (observeGate)
        {
            claimedThisSweep.UnionWith(ids);
        }
    }

    /// <summary>Records the cases a sweeper appended to (or tried to), whatever the outcome.</summary>
    private void Written(IEnumerable<CaseId> ids)
    {
        lock (observeGate)
        {
            sweptThisSweep.UnionWith(ids);
        }
    }

    private SweepAudit? Audit() => sweepers.Count == 0
        ? null
        : new SweepAudit(sweepers.Count, concurrentSweeps, sweepers.Sum(s => s.Sweep.ClaimedCount), doubleActions, missedDueCases);

    private async Task CloseSweepersAsync()
    {
        foreach (var (node, _) in sweepers)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>The desk's store: the desk's view of the shared database, or, inside a sweeper's flow, that sweeper's
    /// own view of it (whose appends are reported to <paramref name="written"/>).</summary>
    private sealed class SweeperRoutedStore(
        ICaseStore shared, ICaseGroupCommit sharedGroups, AsyncLocal<PostgreSqlSweepStore?> current, Action<IReadOnlyList<CaseId>> claimed, Action<IEnumerable<CaseId>> written)
        : ICaseStore, ICaseGroupCommit, IAsyncDisposable
    {
        private ICaseStore Target => current.Value ?? (ICaseStore)shared;

        public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => Target.LoadAsync(id, cancellationToken);

        public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) => Target.FindByQueryCodeAsync(digest, cancellationToken);

        public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => Target.ReadEventsAsync(id, cancellationToken);

        public ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
        {
            if (current.Value is not { } sweeper)
            {
                return sharedGroups.AppendGroupAsync(appends, cancellationToken);
            }

            written(appends.Select(a => a.Snapshot.Id));
            return sweeper.AppendGroupAsync(appends, cancellationToken);
        }

        public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
        {
            if (current.Value is not { } sweeper)
            {
                return shared.AppendAsync(expectedVersion, events, snapshot, cancellationToken);
            }

            written([snapshot.Id]);
            return sweeper.AppendAsync(expectedVersion, events, snapshot, cancellationToken);
        }

        public async ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken)
        {
            if (current.Value is not { } sweeper)
            {
                return await shared.ListDueAsync(dueBy, cancellationToken).ConfigureAwait(false);
            }

            var ids = await sweeper.ListDueAsync(dueBy, cancellationToken).ConfigureAwait(false);
            claimed(ids);
            return ids;
        }

        public ValueTask DisposeAsync() => ((IAsyncDisposable)shared).DisposeAsync();
    }
}
