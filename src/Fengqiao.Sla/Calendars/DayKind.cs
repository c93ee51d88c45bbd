namespace Fengqiao.Sla;

/// <summary>What kind of day a local date is in a <see cref="BusinessCalendar"/>.</summary>
/// <threadsafety>An enum: safe to share.</threadsafety>
public enum DayKind
{
    /// <summary>An ordinary working day (a weekday that no table lists).</summary>
    Workday = 0,

    /// <summary>A weekly rest day (Saturday or Sunday by default) that no table lists.</summary>
    WeeklyRestDay = 1,

    /// <summary>A day off listed by a holiday table or an override (public holiday, regional festival, closure).</summary>
    Holiday = 2,

    /// <summary>A weekly rest day declared a working day: a make-up working day (调休), or a county's extra working day.</summary>
    MakeUpWorkday = 3,
}
