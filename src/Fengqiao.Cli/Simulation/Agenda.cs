using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>The simulation's to-do list in virtual time: steps run in (instant, order added) order, so runs repeat exactly.</summary>
internal sealed class Agenda
{
    private readonly PriorityQueue<Func<Task>, (Instant At, int Case, long Sequence)> queue = new();
    private long sequence;

    public int Count => queue.Count;

    /// <summary>Adds a step; steps at the same instant run by case number, then in the order added, so the order never
    /// depends on the order a sweep happened to visit cases in.</summary>
    public void Add(Instant at, Func<Task> step, int caseNumber = 0) => queue.Enqueue(step, (at, caseNumber, sequence++));

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
