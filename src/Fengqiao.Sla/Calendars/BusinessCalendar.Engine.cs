using NodaTime;

namespace Fengqiao.Sla;

/// <content>The precomputed engine: prefix sums of working time and binary searches, never a walk over days.</content>
public sealed partial class BusinessCalendar
{
    /// <summary>Computes a deadline in ticks and the first and last day indices it touched.</summary>
    internal (long Deadline, int StartDay, int EndDay) Compute(Instant start, TimeLimit limit) =>
        limit.Unit == TimeLimitUnit.Elapsed
            ? ((start + limit.Duration).ToUnixTimeTicks(), 0, -1) // plain time on the timeline: no calendar, no coverage
            : Compute(TicksInRange(start), -1, limit);

    /// <summary>Computes a deadline from <paramref name="t"/> with the uncounted start day given explicitly (or -1 for
    /// the day <paramref name="t"/> falls on): a limit counted on from a deadline starts after that deadline's due day.</summary>
    internal (long Deadline, int StartDay, int EndDay) Compute(long t, int startDayIndex, TimeLimit limit)
    {
        var startDay = startDayIndex >= 0 ? startDayIndex : DayIndex(t);
        switch (limit.Unit)
        {
            case TimeLimitUnit.WorkingTime:
            {
                if (limit.Duration == Duration.Zero)
                {
                    return (t, startDay, startDay);
                }

                var end = Locate(Position(t) + limit.Duration.BclCompatibleTicks);
                return (end, startDay, DueDayIndex(end));
            }

            case TimeLimitUnit.WorkingDays:
            {
                var ordinal = workingDaysBefore[startDay + 1] + limit.Count - 1;
                var day = WorkingDayAt(ordinal);
                return (closeOfBusiness[day], startDay, day);
            }

            case TimeLimitUnit.CalendarDays:
            {
                var target = startDay + limit.Count;
                return EndOfDayLimit(startDay, target, limit.CutOff);
            }

            default:
            {
                var startDate = firstDate.PlusDays(startDay);
                var targetDate = startDate.PlusMonths(limit.Count);
                var target = targetDate.ToDateOnly().DayNumber - firstDayNumber;
                return EndOfDayLimit(startDay, target, limit.CutOff);
            }
        }
    }

    /// <summary>Gets the day the roll-forward lands on: <paramref name="target"/> itself if it is a working day, else
    /// the first working day after it.</summary>
    internal int RollForward(int target)
    {
        if (target >= dayCount)
        {
            throw Beyond(target);
        }

        return WorkingDayAt(workingDaysBefore[target]);
    }

    internal DayInfo DayAt(int index) => days[index];

    internal LocalDate DateAt(int index) => firstDate.PlusDays(index);

    /// <summary>The day a deadline at <paramref name="ticks"/> is due on: the day it falls on, or the day before when it
    /// is exactly a day's first instant (24:00 of the day before).</summary>
    internal int DueDayIndex(long ticks)
    {
        var day = DayIndex(ticks);
        return day > 0 && dayStart[day] == ticks ? day - 1 : day;
    }

    /// <summary>Carries <paramref name="workingTicks"/> of working time forward from <paramref name="from"/>: the
    /// earliest instant at which that much working time has passed since <paramref name="from"/> (which may be
    /// <paramref name="from"/>'s own working position reached earlier when <paramref name="workingTicks"/> is zero), and
    /// for a deadline that runs to 24:00, the end of that day when no working time is left on it.</summary>
    internal long CarryForward(long from, long workingTicks, bool toEndOfDay)
    {
        var w = Position(from) + workingTicks;
        var end = w <= 0 ? dayStart[0] : Locate(w);
        if (!toEndOfDay || w <= 0)
        {
            return end;
        }

        var day = DayIndex(end);
        var lastInterval = dayFirstInterval[day + 1] - 1;
        return lastInterval >= dayFirstInterval[day] && end >= intervalEnd[lastInterval] ? dayStart[day + 1] : end;
    }

    /// <summary>Gets the index of <paramref name="date"/>, checking the range.</summary>
    internal int DayIndexOf(LocalDate date) => IndexOf(date);

    internal int DayIndex(long ticks)
    {
        // The last day whose start is at or before ticks.
        var lo = 0;
        var hi = dayCount - 1;
        while (lo < hi)
        {
            var mid = (lo + hi + 1) >>> 1;
            if (dayStart[mid] <= ticks)
            {
                lo = mid;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return lo;
    }

    internal long TicksInRange(Instant instant)
    {
        var t = instant.ToUnixTimeTicks();
        if (t < dayStart[0] || t > dayStart[dayCount])
        {
            throw new CalendarCoverageException(instant.InZone(Zone).Date, CoveredStart, ComputableEnd);
        }

        return t;
    }

    /// <summary>Working ticks from the start of the computable range to <paramref name="t"/>.</summary>
    internal long Position(long t)
    {
        // The first interval that ends after t.
        var lo = 0;
        var hi = intervalEnd.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (intervalEnd[mid] > t)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        if (lo == intervalEnd.Length)
        {
            return intervalEnd.Length == 0 ? 0 : cumulativeAfter[^1];
        }

        return cumulativeBefore[lo] + Math.Max(0, t - intervalStart[lo]);
    }

    /// <summary>The earliest instant whose position is <paramref name="w"/> (w &gt; 0).</summary>
    internal long Locate(long w)
    {
        // The first interval whose cumulative end reaches w.
        var lo = 0;
        var hi = cumulativeAfter.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (cumulativeAfter[mid] >= w)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        if (lo == cumulativeAfter.Length)
        {
            throw Beyond(dayCount);
        }

        return intervalStart[lo] + (w - cumulativeBefore[lo]);
    }

    private (long Deadline, int StartDay, int EndDay) EndOfDayLimit(int startDay, int target, CutOff cutOff)
    {
        var day = RollForward(target);
        if (cutOff == CutOff.EndOfDay)
        {
            return (dayStart[day + 1], startDay, day);
        }

        return (closeOfBusiness[day], startDay, day);
    }

    private int WorkingDayAt(int ordinal) =>
        ordinal < workingDays.Length ? workingDays[ordinal] : throw Beyond(dayCount);

    private CalendarCoverageException Beyond(int dayIndex) =>
        new(firstDate.PlusDays(Math.Min(dayIndex, dayCount)), CoveredStart, ComputableEnd);
}
