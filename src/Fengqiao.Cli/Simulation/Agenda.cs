using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>The simulation's to-do list in virtual time: steps run in (instant, order added) order, so runs repeat exactly.</summary>
/// <remarks>A run of days is streamed (<see cref="AddDays"/>): a day's steps are added only as the day before ends, so
/// the list holds one day of arrivals plus the open cases' next steps, never the whole run.</remarks>
internal sealed class Agenda
{
    private readonly PriorityQueue<Func<Task>, (Instant At, int Case, long Sequence)> queue = new();
    private long sequence;

    public int Count => queue.Count;

    /// <summary>Gets the most steps the agenda has held at once.</summary>
    public int PeakCount { get; private set; }

    /// <summary>Adds a step; steps at the same instant run by case number, then in the order added, so the order never
    /// depends on the order a sweep happened to visit cases in.</summary>
    public void Add(Instant at, Func<Task> step, int caseNumber = 0)
    {
        queue.Enqueue(step, (at, caseNumber, sequence++));
        PeakCount = Math.Max(PeakCount, queue.Count);
    }

    /// <summary>
    /// Streams <paramref name="days"/> days from <paramref name="start"/>: <paramref name="scheduleDay"/> adds day 0's
    /// steps now and each later day's steps on the last tick of the day before — after every step the day before added
    /// for that tick, so the order is the one adding every day up front would give.
    /// </summary>
    public void AddDays(Instant start, int days, Action<int, Instant> scheduleDay)
    {
        void Open(int day)
        {
            var dayStart = start + Duration.FromDays(day);
            scheduleDay(day, dayStart);
            if (day + 1 < days)
            {
                Add(dayStart + Duration.FromDays(1) - Duration.FromTicks(1), () =>
                {
                    Open(day + 1);
                    return Task.CompletedTask;
                });
            }
        }

        if (days > 0)
        {
            Open(0);
        }
    }

    public bool TryTake(Instant until, out Instant at, out Func<Task> step)
    {
        if (queue.TryPeek(out step!, out var key) && key.At < until)
        {
            queue.Dequeue();
            at = key.At;
            return true;
        }

        at = default;
        step = null!;
        return false;
    }
}
