using Fengqiao.Sla.Internal;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>The deadline of a <see cref="TimeLimit"/> on a <see cref="BusinessCalendar"/>: the instant, whether it is
/// provisional, and how it was reached.</summary>
/// <remarks>The explanation is built on first use (computing the deadline itself never walks over days).</remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class DeadlineResult
{
    private readonly BusinessCalendar calendar;
    private IReadOnlyList<string>? steps;

    private readonly int startDay;             // day index in the calendar, or -1: from startDate / the start instant
    private readonly int dueDay;               // day index in the calendar, or -1: from the deadline instant
    private readonly LocalDate? startDate;     // set when counted on from an elapsed deadline outside the day index

    /// <summary>Creates a result; the dates are kept as day indices and turned into dates on first read.</summary>
    internal DeadlineResult(
        BusinessCalendar calendar, Instant start, int startDay, TimeLimit limit, Instant deadline, int dueDay, bool isProvisional,
        LocalDate? startDate = null)
    {
        this.calendar = calendar;
        this.startDay = startDay;
        this.dueDay = dueDay;
        this.startDate = startDate;
        Start = start;
        Limit = limit;
        Deadline = deadline;
        IsProvisional = isProvisional;
    }

    /// <summary>Gets the instant the limit started.</summary>
    public Instant Start { get; }

    /// <summary>Gets the start day: the day that is not counted for day and month limits (民法典 art.201).</summary>
    /// <remarks>The local date of <see cref="Start"/>; for a limit counted on from an earlier deadline
    /// (<see cref="BusinessCalendar.Deadline(DeadlineResult, TimeLimit)"/>) the earlier deadline's <see cref="DueDate"/>.</remarks>
    public LocalDate StartDate =>
        startDate ?? (startDay >= 0 ? calendar.DateAt(startDay) : Start.InZone(calendar.Zone).Date);

    /// <summary>Gets the limit.</summary>
    public TimeLimit Limit { get; }

    /// <summary>Gets the deadline: the last instant that is still in time.</summary>
    public Instant Deadline { get; }

    /// <summary>Gets the date the limit is due on, as a person says it: the last counted day.</summary>
    /// <remarks>For a limit ending at 24:00 (至24时) <see cref="Deadline"/> is 00:00 of the next day, which may be a
    /// Saturday; the due date is the day that ends then. Otherwise it is the local date of <see cref="Deadline"/> (an
    /// elapsed limit ending exactly at midnight is due on the day that ends there).</remarks>
    public LocalDate DueDate => dueDay >= 0 ? calendar.DateAt(dueDay) : calendar.DueDateOf(Deadline);

    /// <summary>Gets the deadline in the calendar's time zone.</summary>
    public ZonedDateTime ZonedDeadline => Deadline.InZone(calendar.Zone);

    /// <summary>Gets a value indicating whether the computation touched a provisional day (a projected year or an
    /// unverified regional row): the deadline may move when the notice arrives.</summary>
    public bool IsProvisional { get; }

    /// <summary>Gets the steps of the explanation, e.g. "start Tue 2025-09-30 16:00", "start day not counted",
    /// "Oct 1–8 National Day &amp; Mid-Autumn Festival …", "close of business 17:30".</summary>
    public IReadOnlyList<string> Steps => steps ??= Explainer.Explain(calendar, Start, StartDate, Limit, Deadline, DueDate, IsProvisional);

    /// <summary>Gets the explanation as one line, the steps joined with " · ".</summary>
    public string Explanation => string.Join(" · ", Steps);

    /// <summary>Returns the zoned deadline and the explanation.</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() =>
        $"{Explainer.Stamp(ZonedDeadline)} (due {Explainer.Date(DueDate)}){(IsProvisional ? " (provisional)" : string.Empty)}: {Explanation}";
}
