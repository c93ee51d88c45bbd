using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>A whistle-and-report call (吹哨报到) on a case: a street or centre summons several departments, each of which must report in (报到) within a limit.</summary>
/// <remarks>
/// <para>
/// Made only by folding events (<see cref="Case.Summonses"/>): a <see cref="CaseLifecycle.CaseTrigger.Summon"/> event opens one, each
/// <see cref="CaseLifecycle.CaseTrigger.ReportIn"/> records a department, and the sweep records once each department
/// that missed its deadline (<see cref="Events.CaseSummonsOverdue"/>). The deadlines are counted on the
/// case's calendar from the summons, so a replay gives the same deadlines. A summons closes when the case reaches
/// Resolved (办结) or later.
/// </para>
/// <para><see cref="Note"/> may hold free text; <see cref="ToString"/> does not print it.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSummons
{
    internal CaseSummons(
        int sequence, OrgUnitId callingUnit, CaseActor summonedBy, Instant summonedAt, TimeLimit limit, string? note, string? ruleId,
        ImmutableArray<CaseSummonedDepartment> departments)
    {
        Sequence = sequence;
        CallingUnit = callingUnit;
        SummonedBy = summonedBy;
        SummonedAt = summonedAt;
        Limit = limit;
        Note = note;
        RuleId = ruleId;
        Departments = departments;
    }

    /// <summary>Gets the summons' number on the case: 1 for the first, one more for each after it.</summary>
    public int Sequence { get; }

    /// <summary>Gets the unit that blew the whistle (a street, a centre).</summary>
    public OrgUnitId CallingUnit { get; }

    /// <summary>Gets who blew the whistle.</summary>
    public CaseActor SummonedBy { get; }

    /// <summary>Gets when the whistle was blown.</summary>
    public Instant SummonedAt { get; }

    /// <summary>Gets the report-in limit, counted from <see cref="SummonedAt"/> on the case's calendar.</summary>
    public TimeLimit Limit { get; }

    /// <summary>Gets the note given with the summons, or <see langword="null"/>.</summary>
    public string? Note { get; private init; }

    /// <summary>Gets the rule that made the system summon, or <see langword="null"/> when a person did.</summary>
    public string? RuleId { get; }

    /// <summary>Gets the departments summoned, in the order they were named, each with its deadline and report.</summary>
    public ImmutableArray<CaseSummonedDepartment> Departments { get; private init; }

    /// <summary>Gets whether the summons is open (the case has not reached Resolved or later since).</summary>
    public bool IsOpen => ClosedAt is null;

    /// <summary>Gets when it was closed, or <see langword="null"/> while open.</summary>
    public Instant? ClosedAt { get; private init; }

    /// <summary>Gets the departments that have not reported in, in summon order.</summary>
    public ImmutableArray<OrgUnitId> Pending => [.. Departments.Where(d => !d.HasReported).Select(d => d.Department)];

    /// <summary>Gets one summoned department's standing.</summary>
    /// <param name="department">The department.</param>
    /// <returns>Its standing, or <see langword="null"/> when it was not summoned by this call.</returns>
    public CaseSummonedDepartment? Department(OrgUnitId department) => Departments.FirstOrDefault(d => d.Department == department);

    /// <summary>Compares every field, including each department's standing.</summary>
    /// <param name="other">The other summons.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(CaseSummons? other) =>
        other is not null && Sequence == other.Sequence && CallingUnit == other.CallingUnit && SummonedBy == other.SummonedBy
        && SummonedAt == other.SummonedAt && Limit == other.Limit && Note == other.Note && RuleId == other.RuleId
        && ClosedAt == other.ClosedAt && Departments.SequenceEqual(other.Departments);

    /// <summary>Gets a hash code from the number, caller and instant.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Sequence, CallingUnit, SummonedAt);

    /// <summary>Describes the summons without its note.</summary>
    /// <returns>For example <c>吹哨#1 by street-1: 2 of 3 reported, open</c>.</returns>
    public override string ToString() =>
        $"吹哨#{Sequence} by {CallingUnit}: {Departments.Count(d => d.HasReported)} of {Departments.Length} reported, {(IsOpen ? "open" : $"closed {ClosedAt}")}";

    internal CaseSummons Close(Instant at) => this with { ClosedAt = at };

    internal CaseSummons Update(OrgUnitId department, Func<CaseSummonedDepartment, CaseSummonedDepartment> change) =>
        this with { Departments = [.. Departments.Select(d => d.Department == department ? change(d) : d)] };

    /// <summary>This summons with its note erased (<see cref="CaseReport.ErasedText"/>), as an erasure leaves it.</summary>
    internal CaseSummons WithNoteErased() => Note is null ? this : this with { Note = CaseReport.ErasedText };
}
