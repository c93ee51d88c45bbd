using Fengqiao.Cases;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <content>After the last report: the drain days (<c>--drain-days</c>), when no new reports arrive and open work
/// finishes, so completion compares with a county's published year.</content>
internal sealed partial class CountySimulation
{
    /// <summary>The most drain days a run takes by default (a case stuck past every limit does not hold the run forever).</summary>
    internal const int MaxDefaultDrainDays = 120;

    /// <summary>How many days without a case closed end the default drain once every citizen limit has passed.</summary>
    private const int QuietDays = 10;

    private Instant latestCitizenDeadline;
    private Instant lastCloseAt;
    private int drained;

    /// <summary>Remembers the latest citizen deadline of a new case, for the default drain.</summary>
    private void NoteDeadline(Case registered)
    {
        if (registered.Clock(CaseClockKind.Citizen) is { } citizen && citizen.Deadline > latestCitizenDeadline)
        {
            latestCitizenDeadline = citizen.Deadline;
        }
    }

    /// <summary>Runs whole days with sweeps but no reports: <see cref="SimulationOptions.DrainDays"/> of them, or (by
    /// default) until every case is finished, or every report's citizen limit has passed and ten days went by without a case
    /// closed (the rest are stuck, e.g. supervised and escalated round and round; ten days outlast a holiday week), at most <see cref="MaxDefaultDrainDays"/>.</summary>
    /// <remarks>A case escalated or reopened gets a new limit at each level, so stopping at the first citizen limit
    /// left escalated cases open and understated completion (Baiyin's seven levels: 82 % instead of 98 %).</remarks>
    private async Task DrainAsync(Instant reportsEnd)
    {
        var limit = options.DrainDays ?? MaxDefaultDrainDays;
        Func<Task> sweep = SweepAsync;
        for (var day = 0; day < limit; day++)
        {
            var dayStart = reportsEnd + Duration.FromDays(day);
            if (options.DrainDays is null && (open.Count == 0 || (dayStart > latestCitizenDeadline && lastCloseAt < dayStart - Duration.FromDays(QuietDays))))
            {
                break;
            }

            for (var hour = 1; hour <= 24; hour++)
            {
                agenda.Add(dayStart + Duration.FromHours(hour) - Duration.FromTicks(1), sweep);
            }

            var index = options.Days + day;
            agenda.Add(dayStart + Duration.FromDays(1) - Duration.FromTicks(1), () => EndOfDay(index));
            var dayEnd = dayStart + Duration.FromDays(1);
            while (agenda.TryTake(dayEnd, out var at, out var action))
            {
                clock.Set(at);
                await action().ConfigureAwait(false);
                metrics.ThrowIfEventAfterRetirement();
            }

            clock.Set(dayEnd);
            drained++;
        }
    }
}
