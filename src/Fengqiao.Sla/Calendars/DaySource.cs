namespace Fengqiao.Sla;

/// <summary>Which layer of a composed <see cref="BusinessCalendar"/> decided what a date is.</summary>
/// <remarks>Layers win in this order: county overrides, then the regional overlay, then the national table, then
/// the weekly rule. Projected years have no table and use <see cref="Projected"/>.</remarks>
/// <threadsafety>An enum: safe to share.</threadsafety>
public enum DaySource
{
    /// <summary>The weekly rule (working weekdays and weekly rest days).</summary>
    WeeklyRule = 0,

    /// <summary>The national table of the State Council's yearly notices.</summary>
    National = 1,

    /// <summary>A regional overlay (e.g. Xinjiang's Eid al-Fitr 肉孜节 and Corban 古尔邦节).</summary>
    Regional = 2,

    /// <summary>A county override (a disaster closure, an extra working day).</summary>
    County = 3,

    /// <summary>A projection beyond the covered range from the 2024 holiday regulation; always provisional.</summary>
    Projected = 4,
}
