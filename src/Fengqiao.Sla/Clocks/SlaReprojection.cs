using NodaTime;

namespace Fengqiao.Sla;

/// <summary>The result of <see cref="SlaClock.Reproject(BusinessCalendar)"/>: the clock on the new calendar, and
/// whether and why its deadline moved.</summary>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class SlaReprojection
{
    internal SlaReprojection(SlaClock clock, Instant previousDeadline, IReadOnlyList<string> reasons)
    {
        Clock = clock;
        PreviousDeadline = previousDeadline;
        Reasons = reasons;
    }

    /// <summary>Gets the clock replayed on the new calendar.</summary>
    public SlaClock Clock { get; }

    /// <summary>Gets the deadline on the old calendar.</summary>
    public Instant PreviousDeadline { get; }

    /// <summary>Gets the deadline on the new calendar.</summary>
    public Instant Deadline => Clock.Deadline;

    /// <summary>Gets a value indicating whether the deadline moved.</summary>
    public bool Moved => Deadline != PreviousDeadline;

    /// <summary>Gets the reasons: each date between the start and the later deadline whose status changed, e.g.
    /// "2027-02-04: was a working day (working day, projected), now a rest day (Spring Festival 春节)".</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Returns whether the deadline moved, and why.</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() =>
        (Moved ? $"deadline moved from {PreviousDeadline} to {Deadline}" : $"deadline unchanged at {Deadline}")
        + (Reasons.Count == 0 ? string.Empty : ": " + string.Join("; ", Reasons));
}
