using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>A tracked supervision (督办) on a case: who issued it, which unit it presses, its own deadline on the case's calendar, its grade, and whether it is still open.</summary>
/// <remarks>
/// <para>
/// Made only by folding events (<see cref="Case.Supervisions"/>): a <see cref="CaseLifecycle.CaseTrigger.Supervise"/> event that names
/// a target unit, an issuing unit and a limit opens one; the deadline is the limit counted from the issue instant on the
/// case's <see cref="Case.Calendar"/>, so a replay gives the same deadline.
/// </para>
/// <para>
/// It closes when the case reaches Resolved (办结) or later, when its target held the case at issue and no longer
/// holds it, when a higher level re-issues it, or — for a supervision of a summoned department — when that department
/// reports in. The sweep records its deadline passing once (<see cref="Events.CaseSupervisionOverdue"/>).
/// </para>
/// <para><see cref="Note"/> may hold free text; <see cref="ToString"/> does not print it.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSupervision
{
    internal CaseSupervision(
        int sequence, OrgUnitId issuingUnit, OrgUnitId targetUnit, CaseActor issuedBy, Instant issuedAt, TimeLimit limit, Instant deadline,
        CaseSupervisionGrade grade, string? note, string? ruleId, bool targetHeldCase, int? supersedes, int? summons)
    {
        Sequence = sequence;
        IssuingUnit = issuingUnit;
        TargetUnit = targetUnit;
        IssuedBy = issuedBy;
        IssuedAt = issuedAt;
        Limit = limit;
        Deadline = deadline;
        Grade = grade;
        Note = note;
        RuleId = ruleId;
        TargetHeldCase = targetHeldCase;
        Supersedes = supersedes;
        Summons = summons;
    }

    /// <summary>Gets the version of the instruction (批示) this supervision follows up, or <see langword="null"/>.</summary>
    public long? Instruction { get; init; }

    /// <summary>Gets the supervision's number on the case: 1 for the first, one more for each after it.</summary>
    public int Sequence { get; }

    /// <summary>Gets the unit that issued it (a leader's or supervisor's unit, or the level a rule named).</summary>
    public OrgUnitId IssuingUnit { get; }

    /// <summary>Gets the unit pressed (usually the holder; for a whistle no-show, the summoned department).</summary>
    public OrgUnitId TargetUnit { get; }

    /// <summary>Gets who issued it: a staff member, or the system with a rule (<see cref="RuleId"/>).</summary>
    public CaseActor IssuedBy { get; }

    /// <summary>Gets when it was issued.</summary>
    public Instant IssuedAt { get; }

    /// <summary>Gets its time limit, counted from <see cref="IssuedAt"/> on the case's calendar.</summary>
    public TimeLimit Limit { get; }

    /// <summary>Gets its deadline: after this instant an open supervision is overdue.</summary>
    public Instant Deadline { get; }

    /// <summary>Gets its grade.</summary>
    public CaseSupervisionGrade Grade { get; }

    /// <summary>Gets what is pressed for, or <see langword="null"/>.</summary>
    public string? Note { get; private init; }

    /// <summary>Gets the rule that made the system issue it, or <see langword="null"/> when a person did.</summary>
    public string? RuleId { get; }

    /// <summary>Gets whether <see cref="TargetUnit"/> held the case when the supervision was issued (it then closes when the case leaves that unit).</summary>
    public bool TargetHeldCase { get; }

    /// <summary>Gets the number of the overdue supervision this one re-issued from a higher level, or <see langword="null"/>.</summary>
    public int? Supersedes { get; }

    /// <summary>Gets the number of the summons (吹哨) whose no-show department this supervision presses, or <see langword="null"/>.</summary>
    public int? Summons { get; }

    /// <summary>Gets whether the supervision is open.</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>Gets when it was closed, or <see langword="null"/> while open.</summary>
    public Instant? ClosedAt { get; private init; }

    /// <summary>Gets why it was closed, or <see langword="null"/> while open.</summary>
    public CaseSupervisionClosure? ClosedBecause { get; private init; }

    /// <summary>Gets when the sweep recorded its deadline passing, or <see langword="null"/> if it has not.</summary>
    public Instant? OverdueRecordedAt { get; private init; }

    /// <summary>Tells whether the supervision is open and past its deadline at an instant.</summary>
    /// <param name="at">The instant.</param>
    /// <returns><see langword="true"/> when open and <paramref name="at"/> is after <see cref="Deadline"/>.</returns>
    public bool IsOverdueAt(Instant at) => IsOpen && at > Deadline;

    /// <summary>Describes the supervision without its note.</summary>
    /// <returns>For example <c>督办#1 Yellow of community-1 by centre due 2026-11-05T01:00:00Z open</c>.</returns>
    public override string ToString() =>
        $"督办#{Sequence} {Grade} of {TargetUnit} by {IssuingUnit} due {Deadline}{(ClosedAt is { } at ? $" closed {at} ({ClosedBecause})" : " open")}";

    internal CaseSupervision Close(Instant at, CaseSupervisionClosure why) => this with { ClosedAt = at, ClosedBecause = why };

    internal CaseSupervision RecordOverdue(Instant at) => this with { OverdueRecordedAt = at };

    /// <summary>This supervision with its note erased (<see cref="CaseReport.ErasedText"/>), as an erasure leaves it.</summary>
    internal CaseSupervision WithNoteErased() => Note is null ? this : this with { Note = CaseReport.ErasedText };
}
