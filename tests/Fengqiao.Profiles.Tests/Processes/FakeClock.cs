using NodaTime;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>A clock the test moves by hand.</summary>
internal sealed class FakeClock(Instant now) : IClock
{
    private long ticks = now.ToUnixTimeTicks();

    public Instant Now => Instant.FromUnixTimeTicks(Interlocked.Read(ref ticks));

    public Instant GetCurrentInstant() => Now;

    public void Advance(Duration by) => Interlocked.Add(ref ticks, by.BclCompatibleTicks);
}
