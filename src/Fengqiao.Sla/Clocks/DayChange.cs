using NodaTime;

namespace Fengqiao.Sla;

/// <summary>One date whose status differs between two calendars: what it was, what it is now, and (through
/// <see cref="After"/>'s provenance) the notice that changed it.</summary>
/// <remarks>Listed by <see cref="SlaReprojection.Changes"/>.</remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class DayChange
{
    internal DayChange(DayInfo before, DayInfo after)
    {
        Before = before;
        After = after;
    }

    /// <summary>Gets the date.</summary>
    public LocalDate Date => After.Date;

    /// <summary>Gets the date as the old calendar had it (e.g. a projected working day).</summary>
    public DayInfo Before { get; }

    /// <summary>Gets the date as the new calendar has it (e.g. a holiday from the 2027 notice).</summary>
    public DayInfo After { get; }

    /// <summary>Gets a value indicating whether the date changed between working day and rest day (rather than only
    /// its source, e.g. a projected rest day now confirmed by the notice).</summary>
    public bool ChangesWorkingStatus => Before.IsWorkingDay != After.IsWorkingDay;

    /// <summary>Returns e.g. "2027-02-04: was a working day (working day, projected), now a rest day (Spring Festival 春节)".</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Date:uuuu-MM-dd}: was {Kind(Before)}, now {Kind(After)}");

    private static string Kind(DayInfo d) =>
        $"{(d.IsWorkingDay ? "a working day" : "a rest day")} ({d.Reason}{(d.Source == DaySource.Projected ? ", projected" : string.Empty)})";
}
