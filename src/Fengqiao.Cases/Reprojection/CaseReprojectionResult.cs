using System.Collections.Immutable;
using Fengqiao.Cases.Events;

namespace Fengqiao.Cases.Reprojection;

/// <summary>What <see cref="CaseReprojector.ReprojectAsync"/> did: the cases scanned, the events it recorded (one per
/// moved deadline) and the cases it could not re-project.</summary>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class CaseReprojectionResult
{
    internal CaseReprojectionResult(int casesScanned, ImmutableArray<CaseEvent> events, int clocksConfirmed, ImmutableArray<string> problems)
    {
        CasesScanned = casesScanned;
        Events = events;
        ClocksConfirmed = clocksConfirmed;
        Problems = problems;
    }

    /// <summary>Gets how many stored cases were read.</summary>
    public int CasesScanned { get; }

    /// <summary>Gets the events recorded, in case order: each carries a <see cref="CaseDeadlineReprojected"/> payload
    /// with the deadline before and after.</summary>
    /// <value>Empty when nothing moved.</value>
    public ImmutableArray<CaseEvent> Events { get; }

    /// <summary>Gets how many deadlines moved (one event each).</summary>
    public int ClocksMoved => Events.Length;

    /// <summary>Gets how many cases got at least one event.</summary>
    public int CasesChanged => Events.Select(e => e.CaseId).Distinct().Count();

    /// <summary>Gets how many provisional deadlines the new calendar confirmed without moving them (no event: the
    /// case's clock simply stops being provisional on the new calendar).</summary>
    public int ClocksConfirmed { get; }

    /// <summary>Gets one line per case that was left unchanged because it could not be re-projected (its id and why;
    /// never its personal data).</summary>
    /// <value>Empty when every case was handled.</value>
    public ImmutableArray<string> Problems { get; }

    /// <summary>Gets a value indicating whether nothing was written.</summary>
    public bool ChangedNothing => Events.IsEmpty;

    /// <summary>Summarises the result in one line.</summary>
    /// <returns>For example <c>3 case(s) scanned, 2 deadline(s) moved in 2 case(s), 1 confirmed, 0 problem(s)</c>.</returns>
    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{CasesScanned} case(s) scanned, {ClocksMoved} deadline(s) moved in {CasesChanged} case(s), {ClocksConfirmed} confirmed, {Problems.Length} problem(s)");
}
