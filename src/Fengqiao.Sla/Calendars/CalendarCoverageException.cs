using System.Globalization;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>
/// Thrown when a computation needs a date outside the range a <see cref="BusinessCalendar"/> is authoritative for
/// (and projection is off, or the date lies beyond the projection window too).
/// </summary>
/// <remarks>
/// The message names the date and the covered range. The cure is a calendar that covers the date: wait for (or add)
/// the yearly notice, or opt into projection with <see cref="BusinessCalendarBuilder.AllowProjection(int)"/> and
/// accept provisional results.
/// </remarks>
/// <threadsafety>Not thread-safe, like every exception.</threadsafety>
public sealed class CalendarCoverageException : FengqiaoException
{
    /// <summary>Initializes a new instance of the <see cref="CalendarCoverageException"/> class.</summary>
    /// <param name="date">The date that was needed.</param>
    /// <param name="coveredStart">The first date the calendar can compute with.</param>
    /// <param name="coveredEnd">The last date the calendar can compute with.</param>
    public CalendarCoverageException(LocalDate date, LocalDate coveredStart, LocalDate coveredEnd)
        : base(FengqiaoErrorKind.Configuration, string.Create(CultureInfo.InvariantCulture,
            $"The date {date:uuuu-MM-dd} is outside the range the calendar covers ({coveredStart:uuuu-MM-dd}..{coveredEnd:uuuu-MM-dd}); " +
            $"use a calendar whose holiday notice covers it (add the notice file), or allow provisional projection."))
    {
        Date = date;
        CoveredStart = coveredStart;
        CoveredEnd = coveredEnd;
    }

    /// <summary>Gets the date that was needed.</summary>
    public LocalDate Date { get; }

    /// <summary>Gets the first date the calendar can compute with.</summary>
    public LocalDate CoveredStart { get; }

    /// <summary>Gets the last date the calendar can compute with (the end of the projection window when projecting).</summary>
    public LocalDate CoveredEnd { get; }
}
