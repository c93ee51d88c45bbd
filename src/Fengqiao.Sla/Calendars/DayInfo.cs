using System.Globalization;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>Why a local date is a working day or not in a <see cref="BusinessCalendar"/>, and where that comes from.</summary>
/// <remarks>
/// Returned by <see cref="BusinessCalendar.Describe(LocalDate)"/> and <see cref="BusinessCalendar.SpecialDays(int)"/>.
/// <see cref="Reason"/> is the human text an explanation uses ("National Day 国庆节", "make-up working day 调休 for
/// Spring Festival 春节", "weekend"); <see cref="Provenance"/> names the notice the date comes from, if any.
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class DayInfo : IEquatable<DayInfo>
{
    internal DayInfo(LocalDate date, DayKind kind, string reason, DaySource source, string? provenance, bool isProvisional)
    {
        Date = date;
        Kind = kind;
        Reason = reason;
        Source = source;
        Provenance = provenance;
        IsProvisional = isProvisional;
    }

    /// <summary>Gets the local date described.</summary>
    public LocalDate Date { get; }

    /// <summary>Gets what kind of day this is.</summary>
    public DayKind Kind { get; }

    /// <summary>Gets a value indicating whether the date is a working day (an ordinary or make-up working day).</summary>
    public bool IsWorkingDay => Kind is DayKind.Workday or DayKind.MakeUpWorkday;

    /// <summary>Gets the reason in words, e.g. "Spring Festival 春节" or "weekend".</summary>
    public string Reason { get; }

    /// <summary>Gets the layer that decided the date.</summary>
    public DaySource Source { get; }

    /// <summary>Gets the notice or rule the date comes from, or <see langword="null"/> for the plain weekly rule.</summary>
    public string? Provenance { get; }

    /// <summary>Gets a value indicating whether the status is provisional (a projected year or an unverified regional row).</summary>
    public bool IsProvisional { get; }

    /// <summary>Returns e.g. "Wed 2025-10-01 holiday: National Day 国庆节 (State Council notice for 2025 …)".</summary>
    /// <returns>One line describing the date.</returns>
    public override string ToString()
    {
        var kind = Kind switch
        {
            DayKind.Workday => "working day",
            DayKind.WeeklyRestDay => "rest day",
            DayKind.Holiday => "holiday",
            _ => "make-up working day",
        };
        var text = string.Create(CultureInfo.InvariantCulture, $"{Date:ddd uuuu-MM-dd} {kind}: {Reason}");
        if (Provenance is not null)
        {
            text += $" ({Provenance})";
        }

        return IsProvisional ? text + " [provisional]" : text;
    }

    /// <inheritdoc />
    public bool Equals(DayInfo? other) =>
        other is not null && Date == other.Date && Kind == other.Kind && Reason == other.Reason
        && Source == other.Source && Provenance == other.Provenance && IsProvisional == other.IsProvisional;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as DayInfo);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Date, Kind, Reason, Source, Provenance, IsProvisional);
}
