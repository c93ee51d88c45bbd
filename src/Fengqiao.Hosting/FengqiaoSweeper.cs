using System.Diagnostics;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Ports;
using Fengqiao.Storage.PostgreSql;
using Microsoft.Extensions.Logging;
using NodaTime;

namespace Fengqiao.Hosting;

/// <summary>
/// One SLA sweep of the desk at the injected clock's now: warnings, overdue marks and the escalations they trigger.
/// The hosted service calls <see cref="SweepAsync"/> every <see cref="FengqiaoOptions.SweepInterval"/>; tests and the
/// sample's clock call it directly.
/// </summary>
/// <remarks>Thread-safe: concurrent sweeps are serialised; disposed by the container. The time of the last sweep feeds the health check's sweep lag.</remarks>
public sealed class FengqiaoSweeper : IDisposable
{
    private readonly CaseDesk desk;
    private readonly ICaseStore store;
    private readonly IClock clock;
    private readonly FengqiaoTelemetry telemetry;
    private readonly ILogger logger;
    private readonly CaseDesk? sweepDesk;
    private readonly PostgreSqlSweepStore? sweepView;
    private readonly SemaphoreSlim gate = new(1, 1);
    private long lastSweepTicks = long.MinValue;

    /// <summary>Creates the sweeper.</summary>
    /// <param name="county">The composed desk.</param>
    /// <param name="store">The desk's store (for the overdue count).</param>
    /// <param name="clock">The host's clock.</param>
    /// <param name="telemetry">Where the sweep's duration and the overdue count are recorded.</param>
    /// <param name="logger">Where each sweep's summary is logged.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public FengqiaoSweeper(Fengqiao.Profiles.CountyDesk county, ICaseStore store, IClock clock, FengqiaoTelemetry telemetry, ILogger<FengqiaoSweeper> logger)
        : this(county, store, clock, telemetry, logger, new FengqiaoSweepTarget(null, null))
    {
    }

    /// <summary>Creates the sweeper; with a PostgreSQL target it sweeps by claiming due cases through the target's view.</summary>
    internal FengqiaoSweeper(Fengqiao.Profiles.CountyDesk county, ICaseStore store, IClock clock, FengqiaoTelemetry telemetry, ILogger<FengqiaoSweeper> logger, FengqiaoSweepTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        sweepDesk = target.Desk;
        sweepView = target.View;
        ArgumentNullException.ThrowIfNull(county);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(telemetry);
        ArgumentNullException.ThrowIfNull(logger);
        desk = county.Desk;
        this.store = store;
        this.clock = clock;
        this.telemetry = telemetry;
        this.logger = logger;
        StartedAt = clock.GetCurrentInstant();
    }

    /// <summary>When the sweeper was created (the reference for the sweep lag before the first sweep).</summary>
    public Instant StartedAt { get; }

    /// <summary>When the last sweep finished, by the injected clock; <see langword="null"/> before the first.</summary>
    public Instant? LastSweepAt
    {
        get
        {
            var ticks = Interlocked.Read(ref lastSweepTicks);
            return ticks == long.MinValue ? null : Instant.FromUnixTimeTicks(ticks);
        }
    }

    /// <summary>Sweeps every case due by now.</summary>
    /// <param name="cancellationToken">Cancels the sweep between cases.</param>
    /// <returns>What the desk's sweep did (on PostgreSQL, the sum over the batches this node claimed).</returns>
    /// <remarks>On the PostgreSQL store the sweep claims due cases in batches with <c>FOR UPDATE SKIP LOCKED</c> and a
    /// lease (<see cref="PostgreSqlSweepStore"/>), so the sweeps of many nodes on one database act on each due case
    /// once; the claims left are released at the end.</remarks>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    /// <remarks>A store failure propagates (and is logged by the hosted service); conflicts and policy failures are in the result.</remarks>
    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var now = clock.GetCurrentInstant();
            var result = sweepView is not null && sweepDesk is not null
                ? Combine(await sweepView.SweepAsync(sweepDesk, now, cancellationToken).ConfigureAwait(false))
                : await desk.SweepAsync(now, cancellationToken).ConfigureAwait(false);
            var overdue = await CountOverdueAsync(now, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            telemetry.RecordSweep(elapsed, overdue);
            Interlocked.Exchange(ref lastSweepTicks, clock.GetCurrentInstant().ToUnixTimeTicks());
            Log.Swept(logger, result.CasesSwept, result.EventsAppended, result.Conflicts.Length, result.PolicyFailures.Length, elapsed);
            return result;
        }
        finally
        {
            gate.Release();
        }
    }

    private static SweepResult Combine(IReadOnlyList<SweepResult> batches) => new(
        batches.Sum(b => b.CasesSwept),
        batches.Sum(b => b.EventsAppended),
        [.. batches.SelectMany(b => b.Conflicts)],
        [.. batches.SelectMany(b => b.PolicyFailures)]);

    /// <summary>Counts every open case overdue at <paramref name="now"/>: on a store with a listing, one indexed count
    /// over all cases (a running clock past its deadline); otherwise the cases the sweep found due that have been overdue.</summary>
    private async Task<int> CountOverdueAsync(Instant now, CancellationToken cancellationToken)
    {
        if (store is ICaseListing listing)
        {
            var counts = await listing.CountAsync(new CaseListingQuery { OverdueAt = now }, cancellationToken).ConfigureAwait(false);
            return (int)Math.Min(counts.Total, int.MaxValue);
        }

        var overdue = 0;
        foreach (var id in await store.ListDueAsync(now, cancellationToken).ConfigureAwait(false))
        {
            var swept = await store.LoadAsync(id, cancellationToken).ConfigureAwait(false);
            if (swept is { HasBeenOverdue: true } && swept.State is not (CaseState.Closed or CaseState.Withdrawn or CaseState.Merged or CaseState.Declined))
            {
                overdue++;
            }
        }

        return overdue;
    }

    /// <summary>Releases the gate that serialises sweeps. Idempotent.</summary>
    public void Dispose() => gate.Dispose();
}
