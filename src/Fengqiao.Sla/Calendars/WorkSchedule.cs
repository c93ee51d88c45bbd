using System.Collections.ObjectModel;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Sla;

/// <summary>The working intervals of a working day, e.g. 09:00–12:00 and 13:30–17:30 (a lunch break between).</summary>
/// <remarks>
/// Periods are sorted, do not overlap and are at least one. The end of the last period is close of business, at
/// which working-day limits end. Give the schedule to <see cref="BusinessCalendarBuilder"/> (for every day, a season
/// or a weekday).
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class WorkSchedule : IEquatable<WorkSchedule>
{
    private static readonly LocalTimePattern TimePattern = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    private readonly WorkPeriod[] periods;

    /// <summary>Initializes a new instance of the <see cref="WorkSchedule"/> class.</summary>
    /// <param name="periods">The working periods of the day, in order.</param>
    /// <exception cref="ArgumentNullException"><paramref name="periods"/> is null.</exception>
    /// <exception cref="ArgumentException">No periods, or periods out of order or overlapping (the message names them).</exception>
    public WorkSchedule(IEnumerable<WorkPeriod> periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        this.periods = [.. periods];
        if (this.periods.Length == 0)
        {
            throw new ArgumentException("A work schedule needs at least one work period.", nameof(periods));
        }

        for (var i = 1; i < this.periods.Length; i++)
        {
            if (this.periods[i].Start < this.periods[i - 1].End)
            {
                throw new ArgumentException(
                    $"Work period {this.periods[i]} starts before the previous period {this.periods[i - 1]} ends; " +
                    "periods must be in order and must not overlap.",
                    nameof(periods));
            }
        }

        Periods = new ReadOnlyCollection<WorkPeriod>(this.periods);
    }

    /// <summary>Gets the usual schedule of a mainland government office: 09:00–12:00 and 13:30–17:30.</summary>
    public static WorkSchedule Default { get; } = Parse("09:00-12:00,13:30-17:30");

    /// <summary>Gets the working periods, in order.</summary>
    public IReadOnlyList<WorkPeriod> Periods { get; }

    /// <summary>Gets close of business: the end of the last period.</summary>
    public LocalTime CloseOfBusiness => periods[^1].End;

    /// <summary>Gets the working time of a day without daylight-saving changes.</summary>
    public Duration WorkingTimePerDay => periods.Aggregate(Duration.Zero, (sum, p) => sum + (p.End - p.Start).ToDuration());

    /// <summary>Reads a schedule written as "09:00-12:00,13:30-17:30" (24-hour times, comma-separated periods).</summary>
    /// <param name="text">The schedule text.</param>
    /// <returns>The schedule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not a schedule; the message names the text and the position.</exception>
    public static WorkSchedule Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<WorkPeriod>();
        var position = 0;
        foreach (var part in text.Split(','))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                throw new FormatException(
                    $"Cannot read work schedule '{text}' at position {position}: expected a period like 09:00-12:00.");
            }

            var start = ParseTime(text, part[..dash].Trim(), position);
            var end = ParseTime(text, part[(dash + 1)..].Trim(), position + dash + 1);
            if (end <= start)
            {
                throw new FormatException(
                    $"Cannot read work schedule '{text}' at position {position}: the period {part.Trim()} does not end after it starts.");
            }

            if (result.Count > 0 && start < result[^1].End)
            {
                throw new FormatException(
                    $"Cannot read work schedule '{text}' at position {position}: the period {part.Trim()} overlaps or precedes the one before.");
            }

            result.Add(new WorkPeriod(start, end));
            position += part.Length + 1;
        }

        return new WorkSchedule(result);
    }

    /// <inheritdoc />
    public bool Equals(WorkSchedule? other) => other is not null && periods.AsSpan().SequenceEqual(other.periods);

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as WorkSchedule);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = default(HashCode);
        foreach (var p in periods)
        {
            hash.Add(p);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the schedule as "09:00-12:00,13:30-17:30".</summary>
    /// <returns>The schedule as text, readable by <see cref="Parse(string)"/>.</returns>
    public override string ToString() => string.Join(",", periods);

    private static LocalTime ParseTime(string text, string time, int position)
    {
        var parsed = TimePattern.Parse(time);
        return parsed.Success
            ? parsed.Value
            : throw new FormatException(
                $"Cannot read work schedule '{text}' at position {position}: '{time}' is not a time (HH:mm).");
    }
}
