using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>The simulation's to-do list in virtual time: steps run in (instant, order added) order, so runs repeat exactly.</summary>
internal sealed class Agenda
{
    private readonly PriorityQueue<Func<Task>, (Instant At, long Sequence)> queue = new();
    private long sequence;

    public int Count => queue.Count;

    public void Add(Instant at, Func<Task> step) => queue.Enqueue(step, (at, sequence++));

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
