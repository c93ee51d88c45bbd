namespace Fengqiao.Sla;

/// <summary>The unit a <see cref="TimeLimit"/> counts in.</summary>
/// <threadsafety>An enum: safe to share.</threadsafety>
public enum TimeLimitUnit
{
    /// <summary>Working days (工作日): the start date never counts; ends at close of business of the n-th working day after it.</summary>
    WorkingDays = 0,

    /// <summary>Calendar days (日/天): the n-th day after the start date, rolled forward off a rest day.</summary>
    CalendarDays = 1,

    /// <summary>Months (个月): the same day n months later (or that month's last day), rolled forward off a rest day.</summary>
    Months = 2,

    /// <summary>Working time (工作小时/工作分钟): time inside working intervals, from the start instant.</summary>
    WorkingTime = 3,

    /// <summary>Elapsed time on the timeline, ignoring the calendar ("call back within 30 minutes").</summary>
    Elapsed = 4,
}
