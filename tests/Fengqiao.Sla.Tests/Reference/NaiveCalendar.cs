using Fengqiao.Testing;
using NodaTime;
using NodaTime.TimeZones;

namespace Fengqiao.Sla.Tests.Reference;

/// <summary>
/// A deliberately naive reference: day by day and minute by minute, straight from the recipe. Slow and obviously right.
/// </summary>
public sealed class NaiveCalendar(CalendarRecipe spec)
{
    private static readonly Duration Minute = Duration.FromMinutes(1);

    // A local time in a gap is the transition instant; an ambiguous one is its earlier occurrence.
    private static readonly ZoneLocalMappingResolver GapToTransition = Resolvers.CreateMappingResolver(
        Resolvers.ReturnEarlier, (local, zone, before, after) => new ZonedDateTime(after.Start, zone));

    private readonly DateTimeZone zone = spec.Zone;
    private readonly WorkSchedule schedule = spec.Schedule;

    // The recipe answers from its own lists (extra working days, holidays, weekly rest days), never from the engine.
    public bool IsWorkingDay(LocalDate date) => spec.IsWorkingDay(date);

    public bool IsWorkingMinute(Instant minuteStart)
    {
        var local = minuteStart.InZone(zone).LocalDateTime;
        return IsWorkingDay(local.Date)
               && schedule.Periods.Any(p => p.Start <= local.TimeOfDay && local.TimeOfDay < p.End);
    }

    public Instant AddWorkingMinutes(Instant start, int minutes)
    {
        var t = start;
        var left = minutes;
        while (true)
        {
            if (IsWorkingMinute(t))
            {
                left--;
                if (left == 0)
                {
                    return t + Minute;
                }
            }

            t += Minute;
        }
    }

    public long WorkingMinutesBetween(Instant from, Instant to)
    {
        long n = 0;
        for (var t = from; t < to; t += Minute)
        {
            if (IsWorkingMinute(t))
            {
                n++;
            }
        }

        return n;
    }

    public Instant CloseOfBusiness(LocalDate date) =>
        (date + schedule.CloseOfBusiness).InZone(zone, GapToTransition).ToInstant();

    public Instant AddWorkingDays(Instant start, int n)
    {
        var d = start.InZone(zone).Date;
        var count = 0;
        while (count < n)
        {
            d = d.PlusDays(1);
            if (IsWorkingDay(d))
            {
                count++;
            }
        }

        return CloseOfBusiness(d);
    }

    public Instant AddMonths(Instant start, int n, CutOff cutOff)
    {
        var from = start.InZone(zone).Date;
        var d = new LocalDate(from.Year, from.Month, 1).PlusMonths(n);
        d = d.PlusDays(Math.Min(from.Day, d.Calendar.GetDaysInMonth(d.Year, d.Month)) - 1);
        return RollAndCut(d, cutOff);
    }

    public Instant AddCalendarDays(Instant start, int n, CutOff cutOff) =>
        RollAndCut(start.InZone(zone).Date.PlusDays(n), cutOff);

    private Instant RollAndCut(LocalDate d, CutOff cutOff)
    {
        while (!IsWorkingDay(d))
        {
            d = d.PlusDays(1);
        }

        return cutOff == CutOff.EndOfDay ? zone.AtStartOfDay(d.PlusDays(1)).ToInstant() : CloseOfBusiness(d);
    }
}
