using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <content>The run's schedule, streamed a day at a time so memory follows the open cases, not the length of the run.</content>
internal sealed partial class CountySimulation
{
    /// <summary>
    /// Streams the days onto the agenda: each day's reports, its hourly sweeps and its end-of-day figures are added as
    /// the day before ends (<see cref="Agenda.AddDays"/>), so the agenda holds one day of arrivals at most.
    /// </summary>
    /// <remarks>
    /// The same seed gives the same run as when every day was scheduled up front: arrivals are drawn, in the same
    /// order, from a generator seeded like the main one, and the main one is first moved past those draws (a loop of
    /// random draws, no memory), so every later draw is the one it always was.
    /// </remarks>
    private void ScheduleDays(Instant start)
    {
        var arrivals = new Random(options.Seed);
        for (long n = (long)options.Days * options.CasesPerDay; n > 0; n--)
        {
            _ = ArrivalOffset(random);
        }

        Func<Task> report = ReportAsync;
        Func<Task> sweep = SweepAsync;
        agenda.AddDays(start, options.Days, (day, dayStart) =>
        {
            for (var n = 0; n < options.CasesPerDay; n++)
            {
                agenda.Add(dayStart + ArrivalOffset(arrivals), report);
            }

            for (var hour = 1; hour <= 24; hour++)
            {
                agenda.Add(dayStart + Duration.FromHours(hour) - Duration.FromTicks(1), sweep);
            }

            ScheduleDeskWork(dayStart);
            agenda.Add(dayStart + Duration.FromDays(1) - Duration.FromTicks(1), () => EndOfDay(day));
        });
    }

    private static Duration ArrivalOffset(Random random)
    {
        // Seven reports in ten arrive in office hours (08:00–20:00), the rest around the clock.
        var minutes = random.NextDouble() < 0.7 ? 8 * 60 + random.Next(12 * 60) : random.Next(24 * 60);
        return Duration.FromMinutes(minutes) + Duration.FromSeconds(random.Next(60));
    }
}
