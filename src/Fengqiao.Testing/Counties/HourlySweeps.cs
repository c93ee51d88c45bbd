using Fengqiao.Cases.Desk;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Testing;

/// <summary>How the test counties move time: as a host's hourly scheduler would, sweeping every hour of the elapsed time
/// and once at the end.</summary>
/// <threadsafety>As thread-safe as the clock and desk given: meant for one test thread.</threadsafety>
internal static class HourlySweeps
{
    /// <summary>Moves <paramref name="clock"/> forward to <paramref name="target"/> (not before it: the caller checks),
    /// sweeping <paramref name="desk"/> at every whole hour passed and once at <paramref name="target"/>.</summary>
    /// <exception cref="OperationCanceledException">Cancelled between sweeps; the clock stays where the last sweep ran.</exception>
    public static async Task AdvanceAsync(FakeClock clock, CaseDesk desk, Instant target, CancellationToken cancellationToken)
    {
        while (clock.GetCurrentInstant() + Duration.FromHours(1) < target)
        {
            cancellationToken.ThrowIfCancellationRequested();
            clock.Advance(Duration.FromHours(1));
            await desk.SweepAsync(clock.GetCurrentInstant(), cancellationToken).ConfigureAwait(false);
        }

        clock.Reset(target);
        await desk.SweepAsync(target, cancellationToken).ConfigureAwait(false);
    }
}
