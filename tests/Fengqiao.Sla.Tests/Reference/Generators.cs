using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Sla.Tests.Reference;

/// <summary>Generators of random calendars and minute-aligned instants inside their coverage.</summary>
public static class Generators
{
    // Periods start at 07:00 or later: the DST zones below change their clocks at night, so every working
    // interval exists; the nights and days of different lengths still exercise the engine's timeline arithmetic.
    private static readonly string[] Schedules =
    [
        "09:00-12:00,13:30-17:30", "08:00-17:00", "10:00-14:00,16:00-19:30", "09:00-10:00,10:30-11:00,14:00-18:00",
        "07:00-23:59",
    ];

    private static readonly string[] Zones = ["Asia/Shanghai", "Europe/Berlin", "America/New_York", "Asia/Urumqi"];

    private static readonly int SpanDays = CalendarSpec.Last.ToDateOnly().DayNumber - CalendarSpec.First.ToDateOnly().DayNumber;

    public static Gen<LocalDate> DateInCoverage =>
        Gen.Choose(0, SpanDays).Select(n => CalendarSpec.First.PlusDays(n));

    public static Gen<CalendarSpec> Spec =>
        from zone in Gen.Elements(Zones)
        from schedule in Gen.Elements(Schedules)
        from sundayOnly in Gen.Elements(false, false, true)
        from holidays in Gen.ListOf(DateInCoverage).Select(l => l.Take(40).Distinct().ToList())
        from extra in Gen.ListOf(DateInCoverage).Select(l => l.Take(10).Distinct().Where(d => !holidays.Contains(d)).ToList())
        select new CalendarSpec(zone, schedule, sundayOnly, holidays, extra);

    /// <summary>A minute-aligned instant in the first 18 months of the coverage (leaving room for limits).</summary>
    public static Gen<Instant> StartIn(CalendarSpec spec) =>
        from day in Gen.Choose(0, 540)
        from minute in Gen.Choose(0, 24 * 60 - 1)
        select (CalendarSpec.First.PlusDays(day).AtMidnight().PlusMinutes(minute)).InZoneLeniently(spec.Zone).ToInstant();
}
