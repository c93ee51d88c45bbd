using NodaTime;

namespace Fengqiao.Sla;

/// <summary>What an <see cref="SlaClock"/> says at one instant: deadline, elapsed and remaining time, stage.</summary>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class SlaReading
{
    internal SlaReading(Instant at, SlaClockState state, SlaStage stage, Instant deadline, Duration elapsed,
        Duration remaining, WarningThreshold? warning, bool isProvisional, LocalDate dueDate)
    {
        DueDate = dueDate;
        At = at;
        State = state;
        Stage = stage;
        Deadline = deadline;
        Elapsed = elapsed;
        Remaining = remaining;
        Warning = warning;
        IsProvisional = isProvisional;
    }

    /// <summary>Gets the instant of the reading.</summary>
    public Instant At { get; }

    /// <summary>Gets whether the clock is running, paused or stopped.</summary>
    public SlaClockState State { get; }

    /// <summary>Gets the stage: on track, warning or overdue (for a stopped clock: as it stood at the stop).</summary>
    public SlaStage Stage { get; }

    /// <summary>Gets the deadline; for a paused clock, the deadline if it resumed at <see cref="At"/>.</summary>
    public Instant Deadline { get; }

    /// <summary>Gets the date <see cref="Deadline"/> is due on: the last counted day (for a 24:00 deadline, the day
    /// before the deadline's date).</summary>
    public LocalDate DueDate { get; }

    /// <summary>Gets the working time counted so far (plain time for elapsed limits); paused spans never count.</summary>
    public Duration Elapsed { get; }

    /// <summary>Gets the working time left until the deadline; negative once overdue (the working time past it).</summary>
    public Duration Remaining { get; }

    /// <summary>Gets the most severe warning threshold reached, or null.</summary>
    public WarningThreshold? Warning { get; }

    /// <summary>Gets a value indicating whether the deadline rests on provisional calendar days.</summary>
    public bool IsProvisional { get; }
}
