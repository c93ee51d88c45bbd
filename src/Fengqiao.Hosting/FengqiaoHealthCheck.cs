using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Profiles;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Fengqiao.Hosting;

// Store reachable (a load of an unknown id answers), calendar coverage days left (degraded under 60, unhealthy when
// past), sweep lag (degraded when no sweep for three intervals while the sweep runs).
internal sealed class FengqiaoHealthCheck(CountyDesk county, ICaseStore store, FengqiaoSweeper sweeper, IClock clock, IOptions<FengqiaoOptions> options)
    : IHealthCheck
{
    internal const int CoverageWarningDays = 60;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var now = clock.GetCurrentInstant();
        var today = now.InZone(county.Calendar.Zone).Date;
        var daysLeft = Period.Between(today, county.Calendar.CoveredEnd, PeriodUnits.Days).Days;
        var lastSweep = sweeper.LastSweepAt ?? sweeper.StartedAt;
        var lag = now - lastSweep;
        var data = new Dictionary<string, object>
        {
            ["calendarCoveredEnd"] = county.Calendar.CoveredEnd.ToString("uuuu-MM-dd", null),
            ["calendarDaysLeft"] = daysLeft,
            ["sweepLagSeconds"] = (long)lag.TotalSeconds,
        };
        try
        {
            await store.LoadAsync(new CaseId("health-probe"), cancellationToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Any store failure is the answer: the store is not reachable.
        catch (Exception e) when (e is not OperationCanceledException)
#pragma warning restore CA1031
        {
            return HealthCheckResult.Unhealthy("The case store is not reachable: " + e.Message, e, data);
        }

        if (daysLeft < 0)
        {
            return HealthCheckResult.Unhealthy($"The business calendar ended on {data["calendarCoveredEnd"]}: deadlines cannot be computed.", data: data);
        }

        var interval = Duration.FromTimeSpan(options.Value.SweepInterval);
        if (options.Value.RunSweep && lag > interval * 3)
        {
            return HealthCheckResult.Degraded($"No SLA sweep for {(long)lag.TotalSeconds} s (interval {(long)interval.TotalSeconds} s).", data: data);
        }

        return daysLeft < CoverageWarningDays
            ? HealthCheckResult.Degraded($"The business calendar ends in {daysLeft} days ({data["calendarCoveredEnd"]}): add next year's holidays.", data: data)
            : HealthCheckResult.Healthy("Store reachable, calendar covered, sweep on time.", data);
    }
}
