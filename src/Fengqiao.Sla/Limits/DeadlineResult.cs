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

    internal DeadlineResult(BusinessCalendar calendar, Instant start, TimeLimit limit, Instant deadline, bool isProvisional)
    {
        this.calendar = calendar;
        Start = start;
        Limit = limit;
        Deadline = deadline;
        IsProvisional = isProvisional;
    }

    /// <summary>Gets the instant the limit started.</summary>
    public Instant Start { get; }

    /// <summary>Gets the limit.</summary>
    public TimeLimit Limit { get; }

    /// <summary>Gets the deadline: the last instant that is still in time.</summary>
    public Instant Deadline { get; }

    /// <summary>Gets the deadline in the calendar's time zone.</summary>
    public ZonedDateTime ZonedDeadline => Deadline.InZone(calendar.Zone);

    /// <summary>Gets a value indicating whether the computation touched a provisional day (a projected year or an
    /// unverified regional row): the deadline may move when the notice arrives.</summary>
    public bool IsProvisional { get; }

    /// <summary>Gets the steps of the explanation, e.g. "start Tue 2025-09-30 16:00", "start day not counted",
    /// "Oct 1–8 National Day &amp; Mid-Autumn Festival …", "close of business 17:30".</summary>
    public IReadOnlyList<string> Steps => steps ??= Explainer.Explain(calendar, Start, Limit, Deadline, IsProvisional);

    /// <summary>Gets the explanation as one line, the steps joined with " · ".</summary>
    public string Explanation => string.Join(" · ", Steps);

    /// <summary>Returns the zoned deadline and the explanation.</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() => $"{Explainer.Stamp(ZonedDeadline)}{(IsProvisional ? " (provisional)" : string.Empty)}: {Explanation}";
}
