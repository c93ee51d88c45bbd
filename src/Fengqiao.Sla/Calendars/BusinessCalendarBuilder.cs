using Fengqiao.Sla.Internal;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>Builds an immutable <see cref="BusinessCalendar"/>: time zone, weekly rest days, work schedules, the
/// national holiday table, a regional overlay, county overrides, the covered range and opt-in projection.</summary>
/// <remarks>
/// <para>Defaults: time zone <c>Asia/Shanghai</c>; rest days Saturday and Sunday; schedule 09:00–12:00, 13:30–17:30
/// (<see cref="WorkSchedule.Default"/>); no holiday table; no projection.</para>
/// <para>Layers: county overrides (<see cref="AddHoliday"/>, <see cref="AddWorkingDay"/>) win over the regional
/// overlay, which wins over the national table, which wins over the weekly rule.</para>
/// <para>Coverage: with <see cref="UseChinaNational"/> the calendar covers 2018-01-01..2026-12-31; a regional overlay
/// narrows it to the overlay's years (Xinjiang: 2023–2026); <see cref="WithCoverage"/> narrows it further or, without
/// a table, sets it (required then).</para>
/// <para>Building precomputes every day of the covered range and projection window (about 6,600 days to 2035);
/// build a calendar once and share it.</para>
/// </remarks>
/// <threadsafety>Mutable: use a builder from one thread at a time. <see cref="Build"/> returns an immutable calendar.</threadsafety>
public sealed class BusinessCalendarBuilder
{
    private readonly Dictionary<LocalDate, CalendarEntry> overrides = [];
    private readonly SortedDictionary<AnnualDate, WorkSchedule> seasons = [];
    private readonly Dictionary<IsoDayOfWeek, WorkSchedule> weekdaySchedules = [];
    private HashSet<IsoDayOfWeek> restDays = [IsoDayOfWeek.Saturday, IsoDayOfWeek.Sunday];
    private DateTimeZone zone = DateTimeZoneProviders.Tzdb["Asia/Shanghai"];
    private WorkSchedule schedule = WorkSchedule.Default;
    private bool national;
    private ChinaRegion region;
    private LocalDate? coverageStart;
    private LocalDate? coverageEnd;
    private int? projectionThroughYear;
    private readonly SortedDictionary<int, HolidayNotice> notices = [];

    /// <summary>Sets the time zone of the calendar's local dates and working hours (default <c>Asia/Shanghai</c>).</summary>
    /// <param name="timeZone">The zone, e.g. <c>DateTimeZoneProviders.Tzdb["Asia/Urumqi"]</c>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="timeZone"/> is null.</exception>
    public BusinessCalendarBuilder WithZone(DateTimeZone timeZone)
    {
        ArgumentNullException.ThrowIfNull(timeZone);
        zone = timeZone;
        return this;
    }

    /// <summary>Sets the weekly rest days (default Saturday and Sunday).</summary>
    /// <param name="days">The rest days; may be empty (a seven-day office).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="days"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A value is not a day of the week.</exception>
    public BusinessCalendarBuilder WithWeeklyRestDays(params IsoDayOfWeek[] days)
    {
        ArgumentNullException.ThrowIfNull(days);
        foreach (var day in days)
        {
            if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
            {
                throw new ArgumentOutOfRangeException(nameof(days), day, "Not a day of the week.");
            }
        }

        restDays = [.. days];
        return this;
    }

    /// <summary>Sets the schedule of every working day (default <see cref="WorkSchedule.Default"/>).</summary>
    /// <param name="workSchedule">The schedule.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Seasonal and per-weekday schedules take precedence where they apply.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="workSchedule"/> is null.</exception>
    public BusinessCalendarBuilder WithSchedule(WorkSchedule workSchedule)
    {
        ArgumentNullException.ThrowIfNull(workSchedule);
        schedule = workSchedule;
        return this;
    }

    /// <summary>Adds a seasonal schedule that applies every year from <paramref name="startsOn"/> until the next season starts.</summary>
    /// <param name="startsOn">The day of the year the season starts, e.g. <c>new AnnualDate(5, 1)</c> for summer hours.</param>
    /// <param name="workSchedule">The schedule of the season.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Once any season is added, the seasons cover the whole year (the last season of a year runs into the
    /// next year until the first season starts) and <see cref="WithSchedule"/> is no longer used.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="workSchedule"/> is null.</exception>
    public BusinessCalendarBuilder WithSeasonalSchedule(AnnualDate startsOn, WorkSchedule workSchedule)
    {
        ArgumentNullException.ThrowIfNull(workSchedule);
        seasons[startsOn] = workSchedule;
        return this;
    }

    /// <summary>Sets the schedule of one weekday, overriding the general and seasonal schedules on that weekday.</summary>
    /// <param name="day">The weekday, e.g. Friday for a short Friday.</param>
    /// <param name="workSchedule">The schedule of that weekday (also used when that weekday is a make-up working day).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="workSchedule"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="day"/> is not a day of the week.</exception>
    public BusinessCalendarBuilder WithWeekdaySchedule(IsoDayOfWeek day, WorkSchedule workSchedule)
    {
        ArgumentNullException.ThrowIfNull(workSchedule);
        if (day is < IsoDayOfWeek.Monday or > IsoDayOfWeek.Sunday)
        {
            throw new ArgumentOutOfRangeException(nameof(day), day, "Not a day of the week.");
        }

        weekdaySchedules[day] = workSchedule;
        return this;
    }

    /// <summary>Uses the mainland China national table 2018–2026 (the State Council's yearly notices, 调休 included).</summary>
    /// <returns>This builder.</returns>
    public BusinessCalendarBuilder UseChinaNational()
    {
        national = true;
        return this;
    }

    /// <summary>Adds a year's State Council notice from a data file: the national table then covers that year too,
    /// without a new release of this library.</summary>
    /// <param name="notice">The notice, read and validated with <see cref="HolidayNotice.Load(string)"/>.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// <para>The notice's days win over the shipped table (a notice may also move late-December days of the year
    /// before) and over projection: the covered range grows through the notice's year, and deadlines in it are no
    /// longer provisional. Notices must follow on from the covered years without a gap (2027, then 2028…).</para>
    /// <para>With a regional overlay whose tables do not reach the notice's year (Xinjiang: 2026), that year's days are
    /// marked provisional: the regional festivals of that year are not known yet.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="notice"/> is null.</exception>
    /// <exception cref="ArgumentException">A notice for the same year was already added.</exception>
    public BusinessCalendarBuilder AddNotice(HolidayNotice notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        if (notices.TryGetValue(notice.Year, out var existing))
        {
            throw new ArgumentException(
                $"A notice for {notice.Year} was already added ({existing.Source}); {notice.Source} cannot be added too.", nameof(notice));
        }

        notices[notice.Year] = notice;
        return this;
    }

    /// <summary>Adds a regional overlay on the national table.</summary>
    /// <param name="overlay">The region; <see cref="ChinaRegion.None"/> removes the overlay.</param>
    /// <returns>This builder.</returns>
    /// <remarks>An overlay requires <see cref="UseChinaNational"/> and narrows the covered range to its own years.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="overlay"/> is not a known region.</exception>
    public BusinessCalendarBuilder UseRegion(ChinaRegion overlay)
    {
        if (overlay is not (ChinaRegion.None or ChinaRegion.Xinjiang))
        {
            throw new ArgumentOutOfRangeException(nameof(overlay), overlay, "Unknown region.");
        }

        region = overlay;
        return this;
    }

    /// <summary>Adds a county override: an extra day off, such as a disaster closure.</summary>
    /// <param name="date">The date.</param>
    /// <param name="reason">Why, in words an explanation can show (e.g. "flood closure 防汛停工").</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or blank.</exception>
    public BusinessCalendarBuilder AddHoliday(LocalDate date, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        overrides[date] = new CalendarEntry(date, true, reason, DaySource.County, "county override", false);
        return this;
    }

    /// <summary>Adds a county override: an extra working day (for instance on a weekend).</summary>
    /// <param name="date">The date.</param>
    /// <param name="reason">Why, in words an explanation can show.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is null or blank.</exception>
    public BusinessCalendarBuilder AddWorkingDay(LocalDate date, string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        overrides[date] = new CalendarEntry(date, false, reason, DaySource.County, "county override", false);
        return this;
    }

    /// <summary>Sets (without a table) or narrows (with one) the range the calendar is authoritative for.</summary>
    /// <param name="start">The first covered date.</param>
    /// <param name="end">The last covered date.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is before <paramref name="start"/>.</exception>
    public BusinessCalendarBuilder WithCoverage(LocalDate start, LocalDate end)
    {
        if (end < start)
        {
            throw new ArgumentOutOfRangeException(nameof(end), end, $"The coverage ends ({end:uuuu-MM-dd}) before it starts ({start:uuuu-MM-dd}).");
        }

        coverageStart = start;
        coverageEnd = end;
        return this;
    }

    /// <summary>Opts into projection: years after the covered range, up to <paramref name="throughYear"/>, follow the
    /// weekly rule plus (with the national table) the statutory days of the 2024 holiday regulation.</summary>
    /// <param name="throughYear">The last projected year (default and maximum 2035, the end of the festival table).</param>
    /// <returns>This builder.</returns>
    /// <remarks>Every result touching a projected day is marked provisional: the yearly notice adds bridging days and
    /// make-up working days nobody can predict. Regional festivals are not projected.</remarks>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="throughYear"/> is after 2035.</exception>
    public BusinessCalendarBuilder AllowProjection(int throughYear = EmbeddedData.ProjectionLastYear)
    {
        if (throughYear > EmbeddedData.ProjectionLastYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(throughYear), throughYear, $"Festival dates are known only through {EmbeddedData.ProjectionLastYear}.");
        }

        projectionThroughYear = throughYear;
        return this;
    }

    /// <summary>Builds the calendar, precomputing every covered and projected day.</summary>
    /// <returns>An immutable, thread-safe calendar.</returns>
    /// <exception cref="InvalidOperationException">No covered range can be determined (no table and no
    /// <see cref="WithCoverage"/>), a regional overlay or a notice without the national table, a notice that leaves a
    /// year uncovered before it, or the narrowed range is empty.</exception>
    public BusinessCalendar Build()
    {
        if (region != ChinaRegion.None && !national)
        {
            throw new InvalidOperationException("A regional overlay needs the national table: call UseChinaNational().");
        }

        if (notices.Count > 0 && !national)
        {
            throw new InvalidOperationException("A holiday notice extends the national table: call UseChinaNational().");
        }

        LocalDate? start = null;
        LocalDate? end = null;
        if (national)
        {
            start = new LocalDate(EmbeddedData.NationalFirstYear, 1, 1);
            end = new LocalDate(EmbeddedData.NationalLastYear, 12, 31);
            foreach (var notice in notices.Values)
            {
                if (notice.Year > end.Value.Year + 1)
                {
                    throw new InvalidOperationException(
                        $"The notice for {notice.Year} ({notice.Source}) leaves {end.Value.Year + 1} uncovered: add the {end.Value.Year + 1} notice too.");
                }

                end = LocalDate.Max(end.Value, new LocalDate(notice.Year, 12, 31));
            }
        }

        if (region == ChinaRegion.Xinjiang)
        {
            start = LocalDate.Max(start!.Value, new LocalDate(EmbeddedData.XinjiangFirstYear, 1, 1));
        }

        if (coverageStart is { } cs && coverageEnd is { } ce)
        {
            start = start is null ? cs : LocalDate.Max(start.Value, cs);
            end = end is null ? ce : LocalDate.Min(end.Value, ce);
        }

        if (start is null || end is null)
        {
            throw new InvalidOperationException(
                "The calendar's covered range is unknown: call UseChinaNational() or WithCoverage(start, end).");
        }

        if (end < start)
        {
            throw new InvalidOperationException(
                $"The covered range is empty: the requested coverage does not overlap the tables' years ({start:uuuu-MM-dd}..{end:uuuu-MM-dd}).");
        }

        var computableEnd = end.Value;
        if (projectionThroughYear is { } through && through > end.Value.Year)
        {
            computableEnd = new LocalDate(through, 12, 31);
        }

        var entries = new Dictionary<LocalDate, CalendarEntry>();
        if (national)
        {
            foreach (var e in EmbeddedData.National)
            {
                entries[e.Date] = e;
            }
        }

        if (region == ChinaRegion.Xinjiang)
        {
            foreach (var e in EmbeddedData.Xinjiang)
            {
                entries[e.Date] = e;
            }
        }

        foreach (var e in notices.Values.SelectMany(n => n.Entries))
        {
            entries[e.Date] = e;
        }

        foreach (var (date, e) in overrides)
        {
            entries[date] = e;
        }

        var provisionalYears = new HashSet<int>();
        if (region == ChinaRegion.Xinjiang)
        {
            provisionalYears.UnionWith(EmbeddedData.XinjiangProvisionalYears);
            provisionalYears.UnionWith(notices.Keys.Where(y => y > EmbeddedData.XinjiangLastYear));
        }

        return new BusinessCalendar(new CalendarDefinition(
            zone, new HashSet<IsoDayOfWeek>(restDays), schedule, [.. seasons], new Dictionary<IsoDayOfWeek, WorkSchedule>(weekdaySchedules),
            national, region, entries, provisionalYears, start.Value, end.Value, computableEnd));
    }
}
