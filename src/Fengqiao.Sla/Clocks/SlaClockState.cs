namespace Fengqiao.Sla;

/// <summary>Whether an <see cref="SlaClock"/> is running, paused (挂起) or stopped.</summary>
/// <threadsafety>An enum: safe to share.</threadsafety>
public enum SlaClockState
{
    /// <summary>The clock counts time toward its deadline.</summary>
    Running = 0,

    /// <summary>The clock is paused (挂起): time does not count until it resumes.</summary>
    Paused = 1,

    /// <summary>The clock is stopped (the case was handled); readings are frozen at the stop.</summary>
    Stopped = 2,
}
