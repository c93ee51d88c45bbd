using NodaTime;

namespace Fengqiao.Portal;

/// <summary>The system clock plus an offset that only the Development clock endpoint moves (to show a sweep escalate).</summary>
internal sealed class PortalClock : IClock
{
#pragma warning disable RS0030 // The sample's composition root picks the system clock.
    private readonly SystemClock system = SystemClock.Instance;
#pragma warning restore RS0030
    private long offsetTicks;

    public Duration Offset => Duration.FromTicks(Interlocked.Read(ref offsetTicks));

    public Instant GetCurrentInstant() => system.GetCurrentInstant() + Offset;

    public void Advance(Duration by) => Interlocked.Add(ref offsetTicks, by.BclCompatibleTicks);
}
