using NodaTime;

namespace Fengqiao.Sla.Internal;

/// <summary>Decides what one date is, layer by layer.</summary>
internal static class DayRules
{
    public static DayInfo Describe(
        CalendarDefinition definition, LocalDate date, bool isProjected, IReadOnlyDictionary<LocalDate, string> projected)
    {
        var weeklyRest = definition.RestDays.Contains(date.DayOfWeek);
        var provisionalYear = definition.ProvisionalYears.Contains(date.Year);
        if (definition.Entries.TryGetValue(date, out var entry)
            && (entry.Source == DaySource.County || !isProjected))
        {
            var provisional = entry.IsProvisional || (provisionalYear && entry.Source != DaySource.County);
            if (entry.IsHoliday)
            {
                return new DayInfo(date, DayKind.Holiday, entry.Name, entry.Source, entry.Provenance, provisional);
            }

            var reason = entry.Source == DaySource.County ? entry.Name : $"make-up working day 调休 for {entry.Name}";
            return new DayInfo(date, weeklyRest ? DayKind.MakeUpWorkday : DayKind.Workday, reason, entry.Source,
                entry.Provenance, provisional);
        }

        if (isProjected)
        {
            var provenance = definition.National
                ? $"projected from the 2024 holiday regulation (全国年节及纪念日放假办法); the {date.Year} notice is not yet published"
                : "projected from the weekly rule; the calendar's tables end before this year";
            if (projected.TryGetValue(date, out var name))
            {
                return new DayInfo(date, DayKind.Holiday, name, DaySource.Projected, provenance, true);
            }

            return weeklyRest
                ? new DayInfo(date, DayKind.WeeklyRestDay, "weekend", DaySource.Projected, provenance, true)
                : new DayInfo(date, DayKind.Workday, "working day", DaySource.Projected, provenance, true);
        }

        var yearProvenance = provisionalYear ? EmbeddedData.XinjiangProvenance(date.Year) : null;
        return weeklyRest
            ? new DayInfo(date, DayKind.WeeklyRestDay, "weekend", DaySource.WeeklyRule, yearProvenance, provisionalYear)
            : new DayInfo(date, DayKind.Workday, "working day", DaySource.WeeklyRule, yearProvenance, provisionalYear);
    }
}
