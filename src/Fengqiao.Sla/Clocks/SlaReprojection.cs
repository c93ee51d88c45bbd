using System.Collections.ObjectModel;
using Fengqiao.Sla.Internal;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>The result of <see cref="SlaClock.Reproject(BusinessCalendar)"/>: the clock replayed on a new calendar
/// (say, with next year's notice added), and whether, how and why its deadline moved.</summary>
/// <remarks>
/// <para>Pure: nothing is stored or changed. A host re-projecting open cases calls
/// <see cref="SlaClock.Reproject(BusinessCalendar)"/> on every clock whose <see cref="SlaClock.IsProvisional"/> is set,
/// records one event when <see cref="Changed"/> (before: <see cref="PreviousDeadline"/>/<see cref="PreviousDueDate"/>,
/// after: <see cref="Deadline"/>/<see cref="DueDate"/>, cause: <see cref="Notices"/>), keeps <see cref="Clock"/>, and
/// does nothing otherwise.</para>
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class SlaReprojection
{
    internal SlaReprojection(
        SlaClock clock, Instant previousDeadline, LocalDate previousDueDate, bool wasProvisional,
        IReadOnlyList<DayChange> changes, IReadOnlyList<string> reasons)
    {
        Clock = clock;
        PreviousDeadline = previousDeadline;
        PreviousDueDate = previousDueDate;
        WasProvisional = wasProvisional;
        Changes = new ReadOnlyCollection<DayChange>([.. changes]);
        Reasons = new ReadOnlyCollection<string>([.. reasons]);
        Notices = new ReadOnlyCollection<string>(
            [.. changes.Select(c => c.After.Provenance).OfType<string>().Where(IsNotice).Distinct(StringComparer.Ordinal)]);

        static bool IsNotice(string provenance) => !provenance.StartsWith("projected", StringComparison.Ordinal);
    }

    /// <summary>Gets the clock replayed on the new calendar.</summary>
    public SlaClock Clock { get; }

    /// <summary>Gets the deadline on the old calendar.</summary>
    public Instant PreviousDeadline { get; }

    /// <summary>Gets the due date on the old calendar.</summary>
    public LocalDate PreviousDueDate { get; }

    /// <summary>Gets the deadline on the new calendar.</summary>
    public Instant Deadline => Clock.Deadline;

    /// <summary>Gets the due date on the new calendar.</summary>
    public LocalDate DueDate => Clock.DueDate;

    /// <summary>Gets a value indicating whether the old deadline rested on provisional days.</summary>
    public bool WasProvisional { get; }

    /// <summary>Gets a value indicating whether the new deadline still rests on provisional days.</summary>
    public bool IsProvisional => Clock.IsProvisional;

    /// <summary>Gets a value indicating whether the deadline moved.</summary>
    public bool Moved => Deadline != PreviousDeadline;

    /// <summary>Gets a value indicating whether anything a case records changed: the deadline moved, or it stopped (or
    /// started) being provisional.</summary>
    public bool Changed => Moved || WasProvisional != IsProvisional;

    /// <summary>Gets the dates between the start and the later deadline whose status or source differs, in date order.</summary>
    public IReadOnlyList<DayChange> Changes { get; }

    /// <summary>Gets the notices behind the changes (the provenance of the new days, e.g. "State Council notice for
    /// 2027 (…), from the notice file 2027.csv"), without repeats.</summary>
    public IReadOnlyList<string> Notices { get; }

    /// <summary>Gets the reasons in words: each date whose working status changed, e.g.
    /// "2027-02-04: was a working day (working day, projected), now a rest day (Spring Festival 春节)", and whether the
    /// deadline is no longer provisional.</summary>
    public IReadOnlyList<string> Reasons { get; }

    /// <summary>Returns whether the deadline moved, and why.</summary>
    /// <returns>One line of text.</returns>
    public override string ToString()
    {
        var zone = Clock.Calendar.Zone;
        return (Moved
                   ? $"deadline moved from {Explainer.Stamp(PreviousDeadline.InZone(zone))} to {Explainer.Stamp(Deadline.InZone(zone))}"
                   : $"deadline unchanged at {Explainer.Stamp(Deadline.InZone(zone))}")
               + (Reasons.Count == 0 ? string.Empty : ": " + string.Join("; ", Reasons));
    }
}
