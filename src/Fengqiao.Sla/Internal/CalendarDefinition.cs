using NodaTime;

namespace Fengqiao.Sla.Internal;

/// <summary>The settings a <see cref="BusinessCalendarBuilder"/> hands to the calendar it builds.</summary>
internal sealed record CalendarDefinition(
    DateTimeZone Zone,
    IReadOnlySet<IsoDayOfWeek> RestDays,
    WorkSchedule Schedule,
    IReadOnlyList<KeyValuePair<AnnualDate, WorkSchedule>> Seasons,
    IReadOnlyDictionary<IsoDayOfWeek, WorkSchedule> WeekdaySchedules,
    bool National,
    ChinaRegion Region,
    IReadOnlyDictionary<LocalDate, CalendarEntry> Entries,
    IReadOnlySet<int> ProvisionalYears,
    LocalDate CoveredStart,
    LocalDate CoveredEnd,
    LocalDate ComputableEnd);
