using System.Globalization;
using NodaTime;

namespace Fengqiao.Sla.Internal;

/// <summary>Builds human explanations of deadlines by walking the days they span (for explanations only).</summary>
internal static class Explainer
{
    private const int MaxListedDays = 4;

    public static string Stamp(ZonedDateTime zoned) =>
        zoned.ToString("ddd uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    public static string Date(LocalDate date) => date.ToString("ddd uuuu-MM-dd", CultureInfo.InvariantCulture);

    public static string Day(LocalDate date) => date.ToString("ddd MMM d", CultureInfo.InvariantCulture);

    public static IReadOnlyList<string> Explain(
        BusinessCalendar calendar, Instant start, LocalDate startDate, TimeLimit limit, Instant deadline, LocalDate dueDate, bool provisional)
    {
        var zone = calendar.Zone;
        var zonedStart = start.InZone(zone);
        var zonedEnd = deadline.InZone(zone);
        var steps = new List<string>
        {
            startDate == zonedStart.Date
                ? $"start {Stamp(zonedStart)}"
                : $"counted on from the deadline {Stamp(zonedStart)}, due {Date(startDate)}",
        };
        switch (limit.Unit)
        {
            case TimeLimitUnit.Elapsed:
                steps.Add($"{limit} on the timeline (no calendar)");
                steps.Add($"deadline {Stamp(zonedEnd)}");
                break;

            case TimeLimitUnit.WorkingTime:
                steps.Add($"{limit} of working time inside working hours");
                var lastDate = zonedEnd.TimeOfDay == LocalTime.Midnight ? zonedEnd.Date.PlusDays(-1) : zonedEnd.Date;
                DescribeDays(calendar, startDate, lastDate, steps, listWorkingDays: false);
                steps.Add($"used up {Stamp(zonedEnd)}");
                break;

            case TimeLimitUnit.WorkingDays:
                steps.Add("start day not counted");
                DescribeDays(calendar, startDate.PlusDays(1), dueDate, steps, listWorkingDays: true);
                steps.Add($"{limit} → close of business {zonedEnd.TimeOfDay:HH:mm}");
                break;

            default:
                steps.Add("start day not counted");
                var target = limit.Unit == TimeLimitUnit.CalendarDays
                    ? startDate.PlusDays(limit.Count)
                    : startDate.PlusMonths(limit.Count);
                var landed = dueDate;
                var clamp = limit.Unit == TimeLimitUnit.Months && target.Day != startDate.Day
                    ? " (clamped to the month's last day)"
                    : string.Empty;
                steps.Add($"{limit} → {Day(target)}{clamp}");
                if (landed != target)
                {
                    var why = calendar.Describe(target);
                    DescribeDays(calendar, target, landed.PlusDays(-1), steps, listWorkingDays: false);
                    steps.Add($"{Day(target)} is a rest day ({why.Reason}): rolled forward to {Day(landed)}");
                }

                steps.Add(limit.CutOff == CutOff.EndOfDay
                    ? $"ends 24:00 ({Stamp(zonedEnd)})"
                    : $"close of business {zonedEnd.TimeOfDay:HH:mm}");
                break;
        }

        if (provisional)
        {
            steps.Add("provisional: the computation touched days no verified notice covers yet");
        }

        return steps.AsReadOnly();
    }

    /// <summary>Groups the days from <paramref name="first"/> to <paramref name="last"/> into runs.</summary>
    public static void DescribeDays(BusinessCalendar calendar, LocalDate first, LocalDate last, List<string> steps, bool listWorkingDays)
    {
        var days = calendar.DaysBetween(first, last);
        var i = 0;
        var workingOrdinal = 0;
        while (i < days.Count)
        {
            var day = days[i];
            var j = i + 1;
            if (day.IsWorkingDay)
            {
                while (j < days.Count && days[j].IsWorkingDay)
                {
                    j++;
                }

                var run = days.Skip(i).Take(j - i).ToList();
                workingOrdinal += run.Count;
                if (listWorkingDays)
                {
                    steps.Add(WorkingRun(run, workingOrdinal));
                }
                else if (run.Any(d => d.Kind == DayKind.MakeUpWorkday))
                {
                    steps.AddRange(run.Where(d => d.Kind == DayKind.MakeUpWorkday).Select(d => $"{Day(d.Date)} ({d.Reason})"));
                }
            }
            else
            {
                while (j < days.Count && !days[j].IsWorkingDay && days[j].Reason == day.Reason && days[j].Provenance == day.Provenance)
                {
                    j++;
                }

                var lastOfRun = days[j - 1].Date;
                var provenance = day.Provenance is null ? string.Empty : $" ({day.Provenance})";
                steps.Add($"{Range(day.Date, lastOfRun)} {day.Reason}{provenance}");
            }

            i = j;
        }
    }

    private static string WorkingRun(List<DayInfo> run, int ordinalAfter)
    {
        static string Label(DayInfo d) =>
            d.Kind == DayKind.MakeUpWorkday ? $"{Day(d.Date)} ({d.Reason})" : Day(d.Date);

        var firstOrdinal = ordinalAfter - run.Count + 1;
        var ordinals = run.Count == 1
            ? $"working day {firstOrdinal}"
            : $"working days {firstOrdinal}–{ordinalAfter}";
        if (run.Count <= MaxListedDays)
        {
            return $"{string.Join(", ", run.Select(Label))} ({ordinals})";
        }

        var makeUps = run.Where(d => d.Kind == DayKind.MakeUpWorkday).Select(Label).ToList();
        var including = makeUps.Count == 0 ? string.Empty : $", including {string.Join(", ", makeUps)}";
        return $"{Day(run[0].Date)}–{Day(run[^1].Date)} ({ordinals}{including})";
    }

    private static string Range(LocalDate first, LocalDate last)
    {
        if (first == last)
        {
            return Day(first);
        }

        return first.Month == last.Month && first.Year == last.Year
            ? string.Create(CultureInfo.InvariantCulture, $"{first:MMM d}–{last.Day}")
            : string.Create(CultureInfo.InvariantCulture, $"{first:MMM d}–{last:MMM d}");
    }
}
