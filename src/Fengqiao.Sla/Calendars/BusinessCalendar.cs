using System.Collections.ObjectModel;
using Fengqiao.Sla.Internal;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>
/// Which local dates are working days and the working intervals of each, in a NodaTime time zone: the holiday-aware
/// business calendar every deadline is computed on.
/// </summary>
/// <remarks>
/// <para>Build one with <see cref="BusinessCalendarBuilder"/> (or take <see cref="ChinaNational"/>) and share it.
/// Every covered and projected day is precomputed: a deadline costs two binary searches or an array lookup, whether it
/// is 1 or 60 working days away.</para>
/// <para>Coverage is explicit: <see cref="CoveredStart"/>..<see cref="CoveredEnd"/> is the range the calendar is
/// authoritative for. A computation needing a date outside <see cref="CoveredStart"/>..<see cref="ComputableEnd"/>
/// throws <see cref="CalendarCoverageException"/>; dates after <see cref="CoveredEnd"/> are computable only when the
/// builder opted into projection, and then every result touching them is provisional.</para>
/// <para>Daylight saving: a working interval whose local start or end falls in a gap starts or ends at the
/// transition (the interval is shortened, never an error); an ambiguous local time maps to its earlier occurrence.</para>
/// <para>Working time is measured to the tick (100 ns).</para>
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed partial class BusinessCalendar
{
    private static readonly Lazy<BusinessCalendar> LazyChinaNational =
        new(() => new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build());

    private static readonly Lazy<BusinessCalendar> LazyChinaNationalStrict =
        new(() => new BusinessCalendarBuilder().UseChinaNational().Build());

    private readonly CalendarDefinition definition;
    private readonly LocalDate firstDate;
    private readonly int firstDayNumber;
    private readonly int dayCount;
    private readonly int coveredCount;
    private readonly DayInfo[] days;
    private readonly long[] dayStart;          // dayCount + 1 entries: ticks of each local midnight
    private readonly int[] dayFirstInterval;   // dayCount + 1 entries
    private readonly long[] closeOfBusiness;   // per day; 0 for rest days
    private readonly long[] intervalStart;
    private readonly long[] intervalEnd;
    private readonly long[] cumulativeBefore;  // working ticks before each interval
    private readonly long[] cumulativeAfter;   // working ticks up to the end of each interval
    private readonly int[] workingDays;        // day indices of working days, in order
    private readonly int[] workingDaysBefore;  // dayCount + 1 entries
    private readonly int[] provisionalBefore;  // dayCount + 1 entries

    internal BusinessCalendar(CalendarDefinition definition)
    {
        this.definition = definition;
        Zone = definition.Zone;
        CoveredStart = definition.CoveredStart;
        CoveredEnd = definition.CoveredEnd;
        ComputableEnd = definition.ComputableEnd;
        firstDate = definition.CoveredStart;
        firstDayNumber = firstDate.ToDateOnly().DayNumber;
        dayCount = ComputableEnd.ToDateOnly().DayNumber - firstDayNumber + 1;
        coveredCount = CoveredEnd.ToDateOnly().DayNumber - firstDayNumber + 1;

        days = new DayInfo[dayCount];
        dayStart = new long[dayCount + 1];
        dayFirstInterval = new int[dayCount + 1];
        closeOfBusiness = new long[dayCount];
        workingDaysBefore = new int[dayCount + 1];
        provisionalBefore = new int[dayCount + 1];
        var starts = new List<long>(dayCount * 2);
        var ends = new List<long>(dayCount * 2);
        var working = new List<int>(dayCount);
        var projected = ProjectionRules.Build(definition, coveredCount, dayCount);

        var date = firstDate;
        for (var i = 0; i < dayCount; i++, date = date.PlusDays(1))
        {
            var info = DayRules.Describe(definition, date, i >= coveredCount, projected);
            days[i] = info;
            dayStart[i] = Zone.AtStartOfDay(date).ToInstant().ToUnixTimeTicks();
            dayFirstInterval[i] = starts.Count;
            workingDaysBefore[i + 1] = workingDaysBefore[i] + (info.IsWorkingDay ? 1 : 0);
            provisionalBefore[i + 1] = provisionalBefore[i] + (info.IsProvisional ? 1 : 0);
            if (!info.IsWorkingDay)
            {
                continue;
            }

            working.Add(i);
            var last = 0L;
            foreach (var period in ScheduleFor(date).Periods)
            {
                var s = Resolve(date + period.Start);
                var e = Math.Max(s, Resolve(date + period.End));
                last = e;
                if (e > s)
                {
                    starts.Add(s);
                    ends.Add(e);
                }
            }

            closeOfBusiness[i] = last;
        }

        dayStart[dayCount] = Zone.AtStartOfDay(ComputableEnd.PlusDays(1)).ToInstant().ToUnixTimeTicks();
        dayFirstInterval[dayCount] = starts.Count;
        intervalStart = [.. starts];
        intervalEnd = [.. ends];
        cumulativeBefore = new long[intervalStart.Length];
        cumulativeAfter = new long[intervalStart.Length];
        var sum = 0L;
        for (var k = 0; k < intervalStart.Length; k++)
        {
            cumulativeBefore[k] = sum;
            sum += intervalEnd[k] - intervalStart[k];
            cumulativeAfter[k] = sum;
        }

        workingDays = [.. working];
    }

    /// <summary>Gets the mainland China national calendar in <c>Asia/Shanghai</c>, hours 09:00–12:00 and 13:30–17:30:
    /// verified 2018–2026, later years projected and marked provisional.</summary>
    /// <remarks>The same default as a county profile: a year no State Council notice covers yet is a normal day at work,
    /// projected from the 2024 holiday regulation (<see cref="BusinessCalendarBuilder.AllowProjection"/> with its default
    /// window), and every result touching it is provisional (<see cref="DeadlineResult.IsProvisional"/>). For a
    /// calendar that refuses such dates, take <see cref="ChinaNationalStrict"/>.</remarks>
    public static BusinessCalendar ChinaNational => LazyChinaNational.Value;

    /// <summary>Gets the mainland China national calendar as <see cref="ChinaNational"/>, but strict: verified years
    /// (2018–2026) only.</summary>
    /// <remarks>A computation needing a date after <see cref="CoveredEnd"/> throws <see cref="CalendarCoverageException"/>
    /// (a profile's <c>calendar.strict: true</c>).</remarks>
    public static BusinessCalendar ChinaNationalStrict => LazyChinaNationalStrict.Value;

    /// <summary>Gets the time zone of the calendar's local dates and working hours.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the first date the calendar is authoritative for.</summary>
    public LocalDate CoveredStart { get; }

    /// <summary>Gets the last date the calendar is authoritative for.</summary>
    public LocalDate CoveredEnd { get; }

    /// <summary>Gets the last date the calendar can compute with: <see cref="CoveredEnd"/>, or the end of the
    /// projection window when projection is on.</summary>
    public LocalDate ComputableEnd { get; }

    /// <summary>Gets a value indicating whether the calendar projects years after <see cref="CoveredEnd"/>.</summary>
    public bool AllowsProjection => ComputableEnd > CoveredEnd;

    /// <summary>Gets the regional overlay of the calendar.</summary>
    public ChinaRegion Region => definition.Region;

    /// <summary>Tells whether <paramref name="date"/> is a working day (ordinary or make-up 调休).</summary>
    /// <param name="date">The local date.</param>
    /// <returns><see langword="true"/> for a working day.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="date"/> is outside the computable range.</exception>
    public bool IsWorkingDay(LocalDate date) => days[IndexOf(date)].IsWorkingDay;

    /// <summary>Tells what <paramref name="date"/> is and why: the kind, the reason in words and the notice it comes from.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The description.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="date"/> is outside the computable range.</exception>
    public DayInfo Describe(LocalDate date) => days[IndexOf(date)];

    /// <summary>Gets the working intervals of <paramref name="date"/> on the timeline (empty for a rest day).</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The intervals, in order; a daylight-saving gap may shorten one.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="date"/> is outside the computable range.</exception>
    public IReadOnlyList<Interval> WorkingIntervals(LocalDate date)
    {
        var i = IndexOf(date);
        var result = new List<Interval>();
        for (var k = dayFirstInterval[i]; k < dayFirstInterval[i + 1]; k++)
        {
            result.Add(new Interval(Instant.FromUnixTimeTicks(intervalStart[k]), Instant.FromUnixTimeTicks(intervalEnd[k])));
        }

        return new ReadOnlyCollection<Interval>(result);
    }

    /// <summary>Gets the schedule that applies on <paramref name="date"/> if it is a working day.</summary>
    /// <param name="date">The local date.</param>
    /// <returns>The weekday schedule, else the seasonal schedule, else the general schedule.</returns>
    public WorkSchedule ScheduleFor(LocalDate date)
    {
        if (definition.WeekdaySchedules.TryGetValue(date.DayOfWeek, out var weekday))
        {
            return weekday;
        }

        var seasons = definition.Seasons;
        if (seasons.Count == 0)
        {
            return definition.Schedule;
        }

        var annual = new AnnualDate(date.Month, date.Day);
        var chosen = seasons[^1].Value;
        foreach (var (starts, seasonal) in seasons)
        {
            if (starts <= annual)
            {
                chosen = seasonal;
            }
        }

        return chosen;
    }

    /// <summary>Lists the days of <paramref name="year"/> that are not plain weekly-rule days: holidays (including
    /// weekend days inside a holiday span) and make-up working days, with their reasons.</summary>
    /// <param name="year">The year.</param>
    /// <returns>The days in date order (only those inside the computable range).</returns>
    /// <exception cref="CalendarCoverageException">No day of <paramref name="year"/> is computable.</exception>
    public IReadOnlyList<DayInfo> SpecialDays(int year)
    {
        if (year < firstDate.Year || year > ComputableEnd.Year)
        {
            throw new CalendarCoverageException(new LocalDate(year, 1, 1), CoveredStart, ComputableEnd);
        }

        return days.Where(d => d.Date.Year == year && d.Kind is DayKind.Holiday or DayKind.MakeUpWorkday).ToList().AsReadOnly();
    }

    /// <summary>Adds working time to <paramref name="start"/>: the instant at which <paramref name="workingTime"/> of
    /// working time has passed, counting only inside working intervals.</summary>
    /// <param name="start">The start; outside working time, counting starts at the next working interval.</param>
    /// <param name="workingTime">The working time; zero returns <paramref name="start"/>.</param>
    /// <returns>The earliest instant at which the budget is used up (a budget used up exactly at a break's start
    /// ends there, e.g. at 12:00).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="workingTime"/> is negative.</exception>
    /// <exception cref="CalendarCoverageException">The start or the result lies outside the computable range.</exception>
    public Instant AddWorkingTime(Instant start, Duration workingTime)
    {
        if (workingTime < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(workingTime), workingTime, "Working time must not be negative.");
        }

        var t = TicksInRange(start);
        return workingTime == Duration.Zero ? start : Instant.FromUnixTimeTicks(Locate(Position(t) + workingTime.BclCompatibleTicks));
    }

    /// <summary>Measures the working time between two instants: the part of [<paramref name="from"/>, <paramref name="to"/>)
    /// inside working intervals.</summary>
    /// <param name="from">The earlier instant.</param>
    /// <param name="to">The later instant.</param>
    /// <returns>The working time; zero if <paramref name="to"/> is not after <paramref name="from"/>.</returns>
    /// <exception cref="CalendarCoverageException">An instant lies outside the computable range.</exception>
    public Duration WorkingTimeBetween(Instant from, Instant to)
    {
        var a = TicksInRange(from);
        var b = TicksInRange(to);
        return b <= a ? Duration.Zero : Duration.FromTicks(Position(b) - Position(a));
    }

    /// <summary>Computes the deadline of <paramref name="limit"/> started at <paramref name="start"/>, with whether it is
    /// provisional and an explanation.</summary>
    /// <param name="start">The instant the limit starts (receipt, acceptance…).</param>
    /// <param name="limit">The limit.</param>
    /// <returns>The deadline.</returns>
    /// <remarks>Counting follows 民法典 art.201–203 and 民事诉讼法 art.85: the start day never counts for days and months; calendar days and months
    /// roll forward off rest days; day limits end at close of business (or 24:00 for <see cref="CutOff.EndOfDay"/>);
    /// working time runs inside working intervals from the start; elapsed limits ignore the calendar.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="limit"/> is null.</exception>
    /// <exception cref="CalendarCoverageException">The computation needs a date outside the computable range (never for
    /// <see cref="TimeLimitUnit.Elapsed"/> limits, which do not use the calendar).</exception>
    public DeadlineResult Deadline(Instant start, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(limit);
        var (deadline, startDay, endDay) = Compute(start, limit);
        var provisional = endDay >= 0 && provisionalBefore[endDay + 1] - provisionalBefore[startDay] > 0;
        var elapsed = limit.Unit == TimeLimitUnit.Elapsed;
        return new DeadlineResult(this, start, elapsed ? -1 : startDay, limit, Instant.FromUnixTimeTicks(deadline), endDay, provisional);
    }

    /// <summary>The allocation-free core of <see cref="Deadline(Instant, TimeLimit)"/>: the deadline, its due date and
    /// whether it rests on provisional days, without the <see cref="DeadlineResult"/> (and so without its explanation).</summary>
    internal (Instant Deadline, LocalDate DueDate, bool IsProvisional) DeadlineCore(Instant start, TimeLimit limit)
    {
        var (ticks, startDay, endDay) = Compute(start, limit);
        var provisional = endDay >= 0 && provisionalBefore[endDay + 1] - provisionalBefore[startDay] > 0;
        var deadline = Instant.FromUnixTimeTicks(ticks);
        return (deadline, endDay >= 0 ? DateAt(endDay) : DueDateOf(deadline), provisional);
    }

    /// <summary>Computes the deadline of <paramref name="limit"/> counted on from an earlier deadline: an extension
    /// (延期), or a second period that runs from the end of the first.</summary>
    /// <param name="previous">The earlier deadline.</param>
    /// <param name="limit">The limit counted on from it.</param>
    /// <returns>The later deadline; its <see cref="DeadlineResult.Start"/> is <paramref name="previous"/>'s deadline.</returns>
    /// <remarks>
    /// <para>The earlier period's last counted day (<see cref="DeadlineResult.DueDate"/>) is the start day that does not
    /// count: day, working-day and month limits count from the next day (民法典 art.201: 开始的当日不计入，自下一日开始计算),
    /// whatever the earlier period's cut-off. So a 15-day limit ending at 24:00 on Tue 2025-03-18 (at 00:00 Wed), extended
    /// by 1 working day, ends at close of business on Wed 03-19, not on Thursday; and N working days extended by M
    /// working days equal N + M working days. Working time and elapsed limits run on from the earlier deadline's
    /// instant. Each limit keeps its own cut-off (working days end at close of business, 民法典 art.203).</para>
    /// <para><see cref="Deadline(Instant, TimeLimit)"/> with the earlier deadline's instant would instead treat 00:00 of
    /// the next day as the uncounted start day of a 24:00 deadline and skip a day.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="previous"/> or <paramref name="limit"/> is null.</exception>
    /// <exception cref="CalendarCoverageException">The computation needs a date outside the computable range.</exception>
    public DeadlineResult Deadline(DeadlineResult previous, TimeLimit limit)
    {
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(limit);
        return DeadlineAfter(previous.Deadline, previous.DueDate, limit);
    }

    /// <summary>Computes a deadline counted on from an earlier deadline due on <paramref name="dueDate"/>.</summary>
    internal DeadlineResult DeadlineAfter(Instant deadline, LocalDate dueDate, TimeLimit limit)
    {
        if (limit.Unit == TimeLimitUnit.Elapsed)
        {
            return new DeadlineResult(this, deadline, -1, limit, deadline + limit.Duration, -1, false, dueDate);
        }

        var (ticks, startDay, endDay, provisional) = ComputeAfter(deadline, dueDate, limit);
        return new DeadlineResult(this, deadline, startDay, limit, Instant.FromUnixTimeTicks(ticks), endDay, provisional);
    }

    /// <summary>The allocation-free core of <see cref="DeadlineAfter"/> for a calendar-based limit.</summary>
    internal (long Deadline, int StartDay, int EndDay, bool Provisional) ComputeAfter(Instant deadline, LocalDate dueDate, TimeLimit limit)
    {
        var dueDay = IndexOf(dueDate);
        var (ticks, startDay, endDay) = Compute(TicksInRange(deadline), dueDay, limit);
        return (ticks, startDay, endDay, provisionalBefore[endDay + 1] - provisionalBefore[startDay] > 0);
    }

    /// <summary>Gets the date a deadline at <paramref name="deadline"/> is due on: its local date, or the day before
    /// when it is exactly midnight (24:00 of that day).</summary>
    /// <param name="deadline">The deadline.</param>
    /// <returns>The due date.</returns>
    /// <remarks>Needs no coverage: it only uses the time zone.</remarks>
    public LocalDate DueDateOf(Instant deadline)
    {
        var date = deadline.InZone(Zone).Date;
        return Zone.AtStartOfDay(date).ToInstant() == deadline ? date.PlusDays(-1) : date;
    }

    internal IReadOnlyList<DayInfo> DaysBetween(LocalDate first, LocalDate last)
    {
        var a = Math.Max(0, first.ToDateOnly().DayNumber - firstDayNumber);
        var b = Math.Min(dayCount - 1, last.ToDateOnly().DayNumber - firstDayNumber);
        return b < a ? [] : days[a..(b + 1)];
    }

    /// <summary>Tells whether any day from the day of <paramref name="from"/> to the day of <paramref name="to"/> is
    /// provisional (a projected year or an unverified regional row): a measurement or deadline over that span may change
    /// when the notice arrives.</summary>
    /// <param name="from">The earlier instant.</param>
    /// <param name="to">The later instant.</param>
    /// <returns><see langword="true"/> if a provisional day lies in the span; <see langword="false"/> when
    /// <paramref name="to"/> is before <paramref name="from"/>.</returns>
    /// <exception cref="CalendarCoverageException">An instant lies outside the computable range.</exception>
    public bool IsProvisionalBetween(Instant from, Instant to)
    {
        var a = DayIndex(TicksInRange(from));
        var b = DayIndex(TicksInRange(to));
        return b >= a && provisionalBefore[b + 1] - provisionalBefore[a] > 0;
    }

    private long Resolve(LocalDateTime local)
    {
        var mapping = Zone.MapLocal(local);
        return mapping.Count == 0
            ? mapping.LateInterval.Start.ToUnixTimeTicks()
            : mapping.First().ToInstant().ToUnixTimeTicks();
    }

    private int IndexOf(LocalDate date)
    {
        var i = date.ToDateOnly().DayNumber - firstDayNumber;
        return i >= 0 && i < dayCount ? i : throw new CalendarCoverageException(date, CoveredStart, ComputableEnd);
    }
}
