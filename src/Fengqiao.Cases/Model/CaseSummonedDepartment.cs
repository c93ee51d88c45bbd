using Fengqiao.Cases.Organisation;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>One department summoned by a whistle-and-report call (吹哨报到) on a case: its report-in deadline, and whether and when it reported in (报到).</summary>
/// <remarks>Made only by folding events; see <see cref="CaseSummons"/>.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseSummonedDepartment
{
    internal CaseSummonedDepartment(OrgUnitId department, Instant deadline)
    {
        Department = department;
        Deadline = deadline;
    }

    /// <summary>Gets the department summoned.</summary>
    public OrgUnitId Department { get; }

    /// <summary>Gets its report-in deadline: after this instant a department that has not reported in is a no-show.</summary>
    public Instant Deadline { get; }

    /// <summary>Gets when it reported in, or <see langword="null"/> if it has not.</summary>
    public Instant? ReportedAt { get; private init; }

    /// <summary>Gets who reported in for it, or <see langword="null"/>.</summary>
    public CaseActor? ReportedBy { get; private init; }

    /// <summary>Gets whether it has reported in.</summary>
    public bool HasReported => ReportedAt is not null;

    /// <summary>Gets when the sweep recorded that it missed its deadline, or <see langword="null"/> if it has not.</summary>
    public Instant? NoShowRecordedAt { get; private init; }

    /// <summary>Gets the number of the supervision (督办) issued because it did not report in, or <see langword="null"/>.</summary>
    public int? NoShowSupervision { get; private init; }

    /// <summary>Tells whether the department has not reported in and its deadline has passed at an instant.</summary>
    /// <param name="at">The instant.</param>
    /// <returns><see langword="true"/> when it has not reported and <paramref name="at"/> is after <see cref="Deadline"/>.</returns>
    public bool IsNoShowAt(Instant at) => !HasReported && at > Deadline;

    /// <summary>Describes the department's standing.</summary>
    /// <returns>For example <c>housing due 2026-11-03T01:00:00Z reported 2026-11-02T03:00:00Z</c>.</returns>
    public override string ToString() =>
        $"{Department} due {Deadline}{(ReportedAt is { } at ? $" reported {at}" : " not reported")}";

    internal CaseSummonedDepartment Report(Instant at, CaseActor by) => this with { ReportedAt = at, ReportedBy = by };

    internal CaseSummonedDepartment RecordNoShow(Instant at) => this with { NoShowRecordedAt = at };

    internal CaseSummonedDepartment Supervised(int supervision) => this with { NoShowSupervision = supervision };
}
