using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// A business calendar described plainly: zone, schedule, weekly rest days, coverage and the dated exceptions. It
/// builds the calendar and prints as the C# that rebuilds it, so a failing property names a calendar a reader can paste.
/// </summary>
/// <remarks>
/// <para>A recipe is what <see cref="FengqiaoArbitraries.Calendars"/> generates and shrinks (fewer holidays, fewer
/// make-up working days, the default schedule, Asia/Shanghai, Saturday and Sunday off). A test that needs a reference
/// answer reads the recipe's plain fields instead of asking the engine under test.</para>
/// <para>Holidays and extra working days are kept disjoint and sorted; every date lies inside the coverage.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class CalendarRecipe : IEquatable<CalendarRecipe>
{
    /// <summary>Creates a recipe.</summary>
    /// <param name="zoneId">A TZDB zone id, such as <c>Asia/Shanghai</c>.</param>
    /// <param name="schedule">The working periods of a working day.</param>
    /// <param name="weeklyRestDays">The days of the week that are not working days (unless listed as extra working days).</param>
    /// <param name="coverageStart">The first date the calendar covers.</param>
    /// <param name="coverageEnd">The last date the calendar covers.</param>
    /// <param name="holidays">Dates that are not working days.</param>
    /// <param name="extraWorkingDays">Dates that are working days although they fall on a rest day (调休 make-up days).</param>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException">The zone id is unknown, the coverage is reversed, a date lies outside the coverage or is both a holiday and a working day.</exception>
    public CalendarRecipe(
        string zoneId,
        WorkSchedule schedule,
        IEnumerable<IsoDayOfWeek> weeklyRestDays,
        LocalDate coverageStart,
        LocalDate coverageEnd,
        IEnumerable<LocalDate> holidays,
        IEnumerable<LocalDate> extraWorkingDays)
    {
        ArgumentNullException.ThrowIfNull(zoneId);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(weeklyRestDays);
        ArgumentNullException.ThrowIfNull(holidays);
        ArgumentNullException.ThrowIfNull(extraWorkingDays);
        Zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(zoneId)
            ?? throw new ArgumentException($"'{zoneId}' is not a TZDB time-zone id.", nameof(zoneId));
        if (coverageEnd < coverageStart)
        {
            throw new ArgumentException($"The coverage ends ({coverageEnd:uuuu-MM-dd}) before it starts ({coverageStart:uuuu-MM-dd}).", nameof(coverageEnd));
        }

        ZoneId = zoneId;
        Schedule = schedule;
        WeeklyRestDays = [.. weeklyRestDays.Distinct().Order()];
        CoverageStart = coverageStart;
        CoverageEnd = coverageEnd;
        Holidays = [.. holidays.Distinct().Order()];
        ExtraWorkingDays = [.. extraWorkingDays.Distinct().Order()];
        foreach (var d in Holidays.Concat(ExtraWorkingDays))
        {
            if (d < coverageStart || d > coverageEnd)
            {
                throw new ArgumentException($"{d:uuuu-MM-dd} lies outside the coverage {coverageStart:uuuu-MM-dd}..{coverageEnd:uuuu-MM-dd}.", nameof(holidays));
            }
        }

        var both = Holidays.Intersect(ExtraWorkingDays).ToArray();
        if (both.Length > 0)
        {
            throw new ArgumentException($"{both[0]:uuuu-MM-dd} is both a holiday and an extra working day.", nameof(extraWorkingDays));
        }
    }

    /// <summary>Gets the TZDB zone id.</summary>
    public string ZoneId { get; }

    /// <summary>Gets the time zone.</summary>
    public DateTimeZone Zone { get; }

    /// <summary>Gets the working periods of a working day.</summary>
    public WorkSchedule Schedule { get; }

    /// <summary>Gets the weekly rest days, sorted.</summary>
    public ImmutableArray<IsoDayOfWeek> WeeklyRestDays { get; }

    /// <summary>Gets the first covered date.</summary>
    public LocalDate CoverageStart { get; }

    /// <summary>Gets the last covered date.</summary>
    public LocalDate CoverageEnd { get; }

    /// <summary>Gets the holidays, sorted.</summary>
    public ImmutableArray<LocalDate> Holidays { get; }

    /// <summary>Gets the extra (make-up) working days, sorted.</summary>
    public ImmutableArray<LocalDate> ExtraWorkingDays { get; }

    /// <summary>Says whether a date is a working day by the recipe alone (never asking the engine): extra working days first, then holidays, then the weekly rest days.</summary>
    /// <param name="date">The date.</param>
    /// <returns>Whether it is a working day.</returns>
    public bool IsWorkingDay(LocalDate date) =>
        ExtraWorkingDays.Contains(date) || (!Holidays.Contains(date) && !WeeklyRestDays.Contains(date.DayOfWeek));

    /// <summary>Builds the calendar the recipe describes.</summary>
    /// <returns>A new calendar.</returns>
    /// <exception cref="ArgumentException">The calendar builder refuses the recipe (it names what).</exception>
    public BusinessCalendar Build()
    {
        var builder = new BusinessCalendarBuilder()
            .WithZone(Zone)
            .WithSchedule(Schedule)
            .WithCoverage(CoverageStart, CoverageEnd)
            .WithWeeklyRestDays([.. WeeklyRestDays]);
        foreach (var d in Holidays)
        {
            builder.AddHoliday(d, "recipe holiday");
        }

        foreach (var d in ExtraWorkingDays)
        {
            builder.AddWorkingDay(d, "recipe working day");
        }

        return builder.Build();
    }

    /// <summary>Returns a copy with other holidays.</summary>
    /// <param name="holidays">The holidays.</param>
    /// <returns>The new recipe.</returns>
    public CalendarRecipe WithHolidays(IEnumerable<LocalDate> holidays) =>
        new(ZoneId, Schedule, WeeklyRestDays, CoverageStart, CoverageEnd, holidays, ExtraWorkingDays);

    /// <summary>Returns a copy with other extra working days.</summary>
    /// <param name="extraWorkingDays">The extra working days.</param>
    /// <returns>The new recipe.</returns>
    public CalendarRecipe WithExtraWorkingDays(IEnumerable<LocalDate> extraWorkingDays) =>
        new(ZoneId, Schedule, WeeklyRestDays, CoverageStart, CoverageEnd, Holidays, extraWorkingDays);

    /// <summary>Returns a copy with another zone and schedule and weekly rest days.</summary>
    /// <param name="zoneId">The zone id.</param>
    /// <param name="schedule">The schedule.</param>
    /// <param name="weeklyRestDays">The weekly rest days.</param>
    /// <returns>The new recipe.</returns>
    public CalendarRecipe WithWeek(string zoneId, WorkSchedule schedule, IEnumerable<IsoDayOfWeek> weeklyRestDays) =>
        new(zoneId, schedule, weeklyRestDays, CoverageStart, CoverageEnd, Holidays, ExtraWorkingDays);

    /// <summary>Prints the C# expression that builds the same calendar.</summary>
    /// <returns>The recipe as code.</returns>
    public override string ToString()
    {
        var b = new StringBuilder()
            .Append("new BusinessCalendarBuilder()")
            .Append(CultureInfo.InvariantCulture, $".WithZone(DateTimeZoneProviders.Tzdb[\"{ZoneId}\"])")
            .Append(CultureInfo.InvariantCulture, $".WithSchedule(WorkSchedule.Parse(\"{Schedule}\"))")
            .Append(CultureInfo.InvariantCulture, $".WithCoverage({Code(CoverageStart)}, {Code(CoverageEnd)})")
            .Append(".WithWeeklyRestDays(").AppendJoin(", ", WeeklyRestDays.Select(d => "IsoDayOfWeek." + d)).Append(')');
        foreach (var d in Holidays)
        {
            b.Append(CultureInfo.InvariantCulture, $".AddHoliday({Code(d)}, \"recipe holiday\")");
        }

        foreach (var d in ExtraWorkingDays)
        {
            b.Append(CultureInfo.InvariantCulture, $".AddWorkingDay({Code(d)}, \"recipe working day\")");
        }

        return b.Append(".Build()").ToString();
    }

    /// <inheritdoc />
    public bool Equals(CalendarRecipe? other) =>
        other is not null
        && ZoneId == other.ZoneId
        && Schedule.Equals(other.Schedule)
        && CoverageStart == other.CoverageStart
        && CoverageEnd == other.CoverageEnd
        && WeeklyRestDays.SequenceEqual(other.WeeklyRestDays)
        && Holidays.SequenceEqual(other.Holidays)
        && ExtraWorkingDays.SequenceEqual(other.ExtraWorkingDays);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as CalendarRecipe);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(ZoneId, Schedule, CoverageStart, CoverageEnd, Holidays.Length, ExtraWorkingDays.Length);

    private static string Code(LocalDate d) => string.Create(CultureInfo.InvariantCulture, $"new LocalDate({d.Year}, {d.Month}, {d.Day})");
}
