using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>The simulation's virtual clock: the desk reads "now" from it, and only the agenda moves it, never backwards.</summary>
internal sealed class SimulationClock(Instant start) : IClock
{
    private Instant now = start;

    public Instant GetCurrentInstant() => now;

    public void Set(Instant at)
    {
        if (at < now)
        {
            throw new InvalidOperationException($"The simulation clock cannot go back from {now} to {at}.");
        }

        now = at;
    }
}
