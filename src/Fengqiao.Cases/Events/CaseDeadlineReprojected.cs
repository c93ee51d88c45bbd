using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases.Events;

/// <summary>A clock's deadline moved because the calendar changed under it (say, the State Council's notice for a year
/// the deadline had only projected), as recorded by <see cref="Reprojection.CaseReprojector"/>; the state does not change.</summary>
/// <remarks>
/// <para>A record, not a command: the case's clocks are always replayed on the calendar the case is loaded with, so
/// the fold changes no deadline. It remembers the last re-projection of each clock (<see cref="Case.LastReprojection"/>,
/// forgotten when the clock restarts), so that a second run with the same notice records nothing.</para>
/// <para>One event per clock whose deadline moved; a clock whose deadline stayed put (the notice confirmed the
/// projection) gets none.</para>
/// </remarks>
/// <param name="Clock">The clock whose deadline moved.</param>
/// <param name="PreviousDeadline">The deadline before: on the calendar without the notice.</param>
/// <param name="PreviousDueDate">The due date before (the last counted day).</param>
/// <param name="Deadline">The deadline after: on the calendar with the notice.</param>
/// <param name="DueDate">The due date after.</param>
/// <param name="IsProvisional">Whether the new deadline still rests on projected days (e.g. it reaches a year no
/// notice covers yet).</param>
/// <param name="Notice">The notices that caused the move, as the calendar names them (e.g. "State Council notice for
/// 2027 (…), from the notice file 2027.csv"), joined with "; "; <see langword="null"/> when no notice did (the working
/// hours or the time zone differ).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseDeadlineReprojected(
    CaseClockKind Clock, Instant PreviousDeadline, LocalDate PreviousDueDate, Instant Deadline, LocalDate DueDate, bool IsProvisional,
    string? Notice = null) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => string.Create(System.Globalization.CultureInfo.InvariantCulture,
        $"{Clock} {PreviousDueDate:uuuu-MM-dd} -> {DueDate:uuuu-MM-dd}{(IsProvisional ? " provisional" : string.Empty)}");
}
