using NodaTime;

namespace Fengqiao.Testing;

/// <summary>How <see cref="ProfileReplay"/> replays stored cases.</summary>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record ProfileReplayOptions
{
    /// <summary>
    /// Gets the instant the replay runs every case up to (sweeping hourly), or <see langword="null"/> (the default) for
    /// the latest event among the cases replayed — "now" as far as the store knows.
    /// </summary>
    public Instant? Until { get; init; }

    /// <summary>
    /// Gets how far apart the stored and the replayed instant of the same escalation or hand-off may be before it counts as
    /// a difference; one hour by default, the replay's sweep interval (a host that swept more often escalated up to that
    /// much later or earlier than the replay).
    /// </summary>
    public Duration Tolerance { get; init; } = Duration.FromHours(1);
}
