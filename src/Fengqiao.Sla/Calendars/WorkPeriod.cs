using System.Globalization;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>One working interval of a day in local time, e.g. 09:00–12:00 (start inclusive, end exclusive).</summary>
/// <remarks>A period lies within one day: a night shift past midnight is not supported. When a daylight-saving gap
/// cuts the period, the calendar shortens it (it never fails); see <see cref="BusinessCalendar"/>.</remarks>
/// <threadsafety>An immutable value: safe to share.</threadsafety>
public readonly struct WorkPeriod : IEquatable<WorkPeriod>
{
    /// <summary>Initializes a new instance of the <see cref="WorkPeriod"/> struct.</summary>
    /// <param name="start">The local time work starts.</param>
    /// <param name="end">The local time work stops; later than <paramref name="start"/> on the same day.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="end"/> is not later than <paramref name="start"/>.</exception>
    public WorkPeriod(LocalTime start, LocalTime end)
    {
        if (end <= start)
        {
            throw new ArgumentOutOfRangeException(
                nameof(end), end, $"A work period must end after it starts, but {start:HH:mm}–{end:HH:mm} does not.");
        }

        Start = start;
        End = end;
    }

    /// <summary>Gets the local time work starts.</summary>
    public LocalTime Start { get; }

    /// <summary>Gets the local time work stops.</summary>
    public LocalTime End { get; }

    /// <summary>Compares two periods.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> if both have the same start and end.</returns>
    public static bool operator ==(WorkPeriod left, WorkPeriod right) => left.Equals(right);

    /// <summary>Compares two periods.</summary>
    /// <param name="left">The first period.</param>
    /// <param name="right">The second period.</param>
    /// <returns><see langword="true"/> if they differ.</returns>
    public static bool operator !=(WorkPeriod left, WorkPeriod right) => !left.Equals(right);

    /// <inheritdoc />
    public bool Equals(WorkPeriod other) => Start == other.Start && End == other.End;

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is WorkPeriod other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Start, End);

    /// <summary>Returns the period as "09:00-12:00".</summary>
    /// <returns>The period as text.</returns>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Start:HH:mm}-{End:HH:mm}");
}
