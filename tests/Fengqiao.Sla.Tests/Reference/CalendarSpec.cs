using NodaTime;

namespace Fengqiao.Sla.Tests.Reference;

/// <summary>A random calendar described plainly, so the naive reference never consults the engine under test.</summary>
public sealed record CalendarSpec(
    string ZoneId,
    string ScheduleText,
    bool SundayOnlyRest,
    IReadOnlyList<LocalDate> Holidays,
    IReadOnlyList<LocalDate> ExtraWorkingDays)
{
    public static readonly LocalDate First = new(2024, 1, 1);
    public static readonly LocalDate Last = new(2025, 12, 31);

    public DateTimeZone Zone => DateTimeZoneProviders.Tzdb[ZoneId];

    public WorkSchedule Schedule => WorkSchedule.Parse(ScheduleText);

    public BusinessCalendar Build()
    {
        var builder = new BusinessCalendarBuilder()
            .WithZone(Zone)
            .WithSchedule(Schedule)
            .WithCoverage(First, Last);
        if (SundayOnlyRest)
        {
            builder.WithWeeklyRestDays(IsoDayOfWeek.Sunday);
        }

        foreach (var d in Holidays)
        {
            builder.AddHoliday(d, "random holiday");
        }

        foreach (var d in ExtraWorkingDays)
        {
            builder.AddWorkingDay(d, "random working day");
        }

        return builder.Build();
    }

    public override string ToString() =>
        $"{ZoneId} {ScheduleText} rest={(SundayOnlyRest ? "Sun" : "Sat+Sun")} holidays=[{string.Join(",", Holidays)}] extra=[{string.Join(",", ExtraWorkingDays)}]";
}
