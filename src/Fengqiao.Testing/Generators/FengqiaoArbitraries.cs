using System.Collections.Immutable;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// FsCheck generators with shrinkers for Fengqiao's values: calendars (as printable <see cref="CalendarRecipe"/>s),
/// work schedules, time limits, boundary-biased instants and repeatable query codes.
/// </summary>
/// <remarks>
/// <para>The parameterless members return <see cref="Arbitrary{T}"/> and can be registered with FsCheck.Xunit:
/// <c>[Property(Arbitrary = [typeof(FengqiaoArbitraries)])]</c> then generates <see cref="CalendarRecipe"/>,
/// <see cref="WorkSchedule"/> and <see cref="TimeLimit"/> parameters. With plain xunit, pass them to
/// <c>Prop.ForAll</c>.</para>
/// <para>Shrinking goes towards the simplest thing that still fails: fewer holidays, one work period, the default
/// schedule, Asia/Shanghai, one working day.</para>
/// <para>Random calendars cover 2024-01-01 to 2025-12-31 and start work at 07:00 or later, so the daylight-saving
/// zones among them (Europe/Berlin, America/New_York) never put a working minute in a clock gap.</para>
/// </remarks>
/// <threadsafety>Stateless; the generators are immutable and safe to share.</threadsafety>
public static partial class FengqiaoArbitraries
{
    /// <summary>Gets the first date random calendars cover.</summary>
    public static LocalDate CoverageStart { get; } = new(2024, 1, 1);

    /// <summary>Gets the last date random calendars cover.</summary>
    public static LocalDate CoverageEnd { get; } = new(2025, 12, 31);

    private static readonly string[] Zones = ["Asia/Shanghai", "Asia/Urumqi", "Europe/Berlin", "America/New_York"];

    private static readonly WorkSchedule[] KnownSchedules =
    [
        WorkSchedule.Default, WorkSchedule.Parse("08:00-17:00"), WorkSchedule.Parse("10:00-14:00,16:00-19:30"),
        WorkSchedule.Parse("09:00-10:00,10:30-11:00,14:00-18:00"), WorkSchedule.Parse("07:00-23:59"),
    ];

    private static readonly ImmutableArray<IsoDayOfWeek> SaturdaySunday = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];

    // Random schedules work at least five hours a day, so limits of weeks of working time stay inside the coverage.
    private const int MinimumWorkingMinutes = 5 * 60;

    private static int SpanDays => Period.Between(CoverageStart, CoverageEnd, PeriodUnits.Days).Days;

    /// <summary>Work schedules: the usual ones and random ones of one to three periods between 07:00 and 23:59, at least five hours a day.</summary>
    /// <returns>The arbitrary; shrinks to <see cref="WorkSchedule.Default"/>, else by dropping periods.</returns>
    public static Arbitrary<WorkSchedule> WorkSchedules() => Arb.From(WorkScheduleGen, ShrinkSchedule);

    /// <summary>Time limits of every unit: working days, calendar days and months (both cut-offs), working time and elapsed time.</summary>
    /// <returns>The arbitrary; shrinks to smaller counts and then to one working day.</returns>
    public static Arbitrary<TimeLimit> TimeLimits() => Arb.From(TimeLimitGen, ShrinkLimit);

    /// <summary>Random calendars: zone, schedule, rest days, up to 40 holidays and 10 make-up working days inside the coverage.</summary>
    /// <returns>The arbitrary; a failing case prints as the C# that rebuilds it (see <see cref="CalendarRecipe.ToString"/>).</returns>
    public static Arbitrary<CalendarRecipe> Calendars() => Arb.From(CalendarGen, ShrinkCalendar);

    /// <summary>Query codes drawn from a seeded source, so a failing case names codes that repeat.</summary>
    /// <returns>The arbitrary (query codes do not shrink: every code is as simple as any other).</returns>
    public static Arbitrary<QueryCode> QueryCodes() =>
        Arb.From(Gen.Choose(0, int.MaxValue).Select(seed => new QueryCodeGenerator(new SeededRandomNumberSource(seed)).Next()));

    /// <summary>A query-code generator whose codes repeat from run to run for the same seed.</summary>
    /// <param name="seed">The seed.</param>
    /// <returns>A new generator.</returns>
    public static QueryCodeGenerator SeededQueryCodes(int seed) => new(new SeededRandomNumberSource(seed));

    /// <summary>
    /// Instants in a calendar between two dates, biased to where deadline bugs live: the starts and ends of work periods
    /// and a minute either side (the lunch break among them), midnight and a minute before, the eves of rest days and
    /// holidays, and the turn of the year.
    /// </summary>
    /// <param name="calendar">The calendar whose schedule and days give the edges.</param>
    /// <param name="from">The first date (inclusive).</param>
    /// <param name="to">The last date (inclusive).</param>
    /// <returns>The arbitrary; shrinks towards the start of the same day and then towards <paramref name="from"/>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="to"/> is before <paramref name="from"/>.</exception>
    public static Arbitrary<Instant> BoundaryInstants(BusinessCalendar calendar, LocalDate from, LocalDate to)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        if (to < from)
        {
            throw new ArgumentException($"The last date {to:uuuu-MM-dd} is before the first {from:uuuu-MM-dd}.", nameof(to));
        }

        var span = Period.Between(from, to, PeriodUnits.Days).Days;
        var anyDate = Gen.Choose(0, span).Select(from.PlusDays);
        var eves = Enumerable.Range(0, span).Select(from.PlusDays)
            .Where(d => calendar.IsWorkingDay(d) && !calendar.IsWorkingDay(d.PlusDays(1)))
            .ToArray();
        var yearEnds = Enumerable.Range(from.Year, to.Year - from.Year + 1)
            .SelectMany(y => new[] { new LocalDate(y, 12, 31), new LocalDate(y, 1, 1) })
            .Where(d => d >= from && d <= to)
            .ToArray();
        var dates = new List<(int, Gen<LocalDate>)> { (5, anyDate) };
        if (eves.Length > 0)
        {
            dates.Add((3, Gen.Elements(eves)));
        }

        if (yearEnds.Length > 0)
        {
            dates.Add((1, Gen.Elements(yearEnds)));
        }

        var gen =
            from date in Gen.Frequency(dates)
            from time in TimeOfDayGen(calendar.ScheduleFor(date))
            select date.At(time).InZoneLeniently(calendar.Zone).ToInstant();
        return Arb.From(gen, instant => ShrinkInstant(calendar.Zone, from, instant));
    }

    private static Gen<LocalTime> TimeOfDayGen(WorkSchedule schedule)
    {
        var edges = schedule.Periods
            .SelectMany(p => new[] { p.Start, p.End })
            .SelectMany(t => new[] { t, t.PlusMinutes(-1), t.PlusMinutes(1) })
            .Append(LocalTime.Midnight)
            .Append(new LocalTime(23, 59))
            .Distinct()
            .ToArray();
        return Gen.Frequency(
            (3, Gen.Elements(edges)),
            (2, Gen.Choose(0, (24 * 60) - 1).Select(m => LocalTime.Midnight.PlusMinutes(m))));
    }

    private static IEnumerable<Instant> ShrinkInstant(DateTimeZone zone, LocalDate from, Instant instant)
    {
        var local = instant.InZone(zone).LocalDateTime;
        if (local.TimeOfDay != LocalTime.Midnight)
        {
            yield return local.Date.AtMidnight().InZoneLeniently(zone).ToInstant();
            if (local.Minute != 0)
            {
                yield return local.Date.At(new LocalTime(local.Hour, 0)).InZoneLeniently(zone).ToInstant();
            }
        }

        if (local.Date > from)
        {
            var days = Period.Between(from, local.Date, PeriodUnits.Days).Days;
            yield return from.PlusDays(days / 2).At(local.TimeOfDay).InZoneLeniently(zone).ToInstant();
        }
    }

    private static Gen<WorkSchedule> WorkScheduleGen =>
        Gen.Frequency(
            (1, Gen.Elements(KnownSchedules)),
            (2, from count in Gen.Choose(1, 3)
                from minutes in Gen.ArrayOf(Gen.Choose(7 * 60, (24 * 60) - 1), count * 2)
                let sorted = minutes.Distinct().Order().ToArray()
                where sorted.Length == count * 2
                      && Enumerable.Range(0, count).Sum(i => sorted[(2 * i) + 1] - sorted[2 * i]) >= MinimumWorkingMinutes
                select new WorkSchedule(Enumerable.Range(0, count).Select(i =>
                    new WorkPeriod(LocalTime.Midnight.PlusMinutes(sorted[2 * i]), LocalTime.Midnight.PlusMinutes(sorted[(2 * i) + 1]))))));

    // The default schedule is the simplest there is (a reader knows it by heart) and shrinks no further; any other
    // shrinks to it first and then by dropping periods, so shrinking never cycles.
    private static IEnumerable<WorkSchedule> ShrinkSchedule(WorkSchedule schedule)
    {
        if (schedule.Equals(WorkSchedule.Default))
        {
            yield break;
        }

        yield return WorkSchedule.Default;
        if (schedule.Periods.Count > 1)
        {
            for (var i = 0; i < schedule.Periods.Count; i++)
            {
                var skip = i;
                yield return new WorkSchedule(schedule.Periods.Where((_, j) => j != skip));
            }
        }
    }

    private static Gen<TimeLimit> TimeLimitGen =>
        from unit in Gen.Elements(Enum.GetValues<TimeLimitUnit>())
        from count in Gen.Choose(1, 30)
        from cut in Gen.Elements(CutOff.CloseOfBusiness, CutOff.EndOfDay)
        select Make(unit, unit == TimeLimitUnit.Months ? 1 + (count % 6) : count, cut);

    private static TimeLimit Make(TimeLimitUnit unit, int count, CutOff cut) => unit switch
    {
        TimeLimitUnit.WorkingDays => TimeLimit.WorkingDays(count),
        TimeLimitUnit.CalendarDays => TimeLimit.CalendarDays(count, cut),
        TimeLimitUnit.Months => TimeLimit.Months(count, cut),
        TimeLimitUnit.WorkingTime => TimeLimit.WorkingHours(count),
        _ => TimeLimit.Elapsed(Duration.FromHours(count)),
    };

    private static IEnumerable<TimeLimit> ShrinkLimit(TimeLimit limit)
    {
        var simplest = TimeLimit.WorkingDays(1);
        switch (limit.Unit)
        {
            case TimeLimitUnit.WorkingDays or TimeLimitUnit.CalendarDays or TimeLimitUnit.Months when limit.Count > 1:
                yield return Make(limit.Unit, limit.Count / 2, limit.CutOff);
                yield return Make(limit.Unit, limit.Count - 1, limit.CutOff);
                break;
            case TimeLimitUnit.WorkingTime or TimeLimitUnit.Elapsed when limit.Duration > Duration.FromHours(1):
                yield return Make(limit.Unit, (int)(limit.Duration.TotalHours / 2), limit.CutOff);
                break;
        }

        if (!limit.Equals(simplest))
        {
            yield return simplest;
        }
    }

    private static Gen<LocalDate> DateInCoverage => Gen.Choose(0, SpanDays).Select(CoverageStart.PlusDays);

    private static Gen<CalendarRecipe> CalendarGen =>
        from zone in Gen.Elements(Zones)
        from schedule in WorkScheduleGen
        from sundayOnly in Gen.Elements(false, false, true)
        from holidays in Gen.ListOf(DateInCoverage).Select(l => l.Take(40).Distinct().ToList())
        from extra in Gen.ListOf(DateInCoverage).Select(l => l.Take(10).Distinct().Where(d => !holidays.Contains(d)).ToList())
        select new CalendarRecipe(
            zone, schedule, sundayOnly ? [IsoDayOfWeek.Sunday] : SaturdaySunday, CoverageStart, CoverageEnd, holidays, extra);

    private static IEnumerable<CalendarRecipe> ShrinkCalendar(CalendarRecipe recipe)
    {
        foreach (var fewer in Halves(recipe.Holidays))
        {
            yield return recipe.WithHolidays(fewer);
        }

        foreach (var fewer in Halves(recipe.ExtraWorkingDays))
        {
            yield return recipe.WithExtraWorkingDays(fewer);
        }

        foreach (var schedule in ShrinkSchedule(recipe.Schedule))
        {
            yield return recipe.WithWeek(recipe.ZoneId, schedule, recipe.WeeklyRestDays);
        }

        if (recipe.ZoneId != "Asia/Shanghai")
        {
            yield return recipe.WithWeek("Asia/Shanghai", recipe.Schedule, recipe.WeeklyRestDays);
        }

        if (!recipe.WeeklyRestDays.SequenceEqual(SaturdaySunday))
        {
            yield return recipe.WithWeek(recipe.ZoneId, recipe.Schedule, SaturdaySunday);
        }
    }

    // Drop half, then the other half, then each single item: quick to shrink long lists, precise at the end.
    private static IEnumerable<ImmutableArray<T>> Halves<T>(ImmutableArray<T> items)
    {
        if (items.Length == 0)
        {
            yield break;
        }

        if (items.Length > 1)
        {
            var half = items.Length / 2;
            yield return items[half..];
            yield return items[..half];
        }

        for (var i = 0; i < items.Length; i++)
        {
            yield return items.RemoveAt(i);
        }
    }
}
