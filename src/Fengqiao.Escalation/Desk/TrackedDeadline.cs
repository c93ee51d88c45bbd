using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using NodaTime;

namespace Fengqiao.Escalation.Desk;

/// <summary>The fact the desk rules (<see cref="DeskEscalationRules"/>) decide on: one passed deadline tracked on a case — an overdue supervision (督办) or a department that did not report in to a whistle-and-report call (吹哨报到) — placed on the case's ladder path.</summary>
/// <remarks>Built by <see cref="EscalationCasePolicy"/> from <see cref="Case.Supervisions"/> and <see cref="Case.Summonses"/>; the rules' decision is the ladder step that takes the matter up.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class TrackedDeadline
{
    /// <summary>Creates the fact.</summary>
    /// <param name="kind">Which deadline.</param>
    /// <param name="caseId">The case.</param>
    /// <param name="sequence">The supervision's or the summons' number on the case.</param>
    /// <param name="target">The unit pressed by the supervision, or the department that did not report in.</param>
    /// <param name="owner">The step of the supervision's issuer or the summons' caller on the case's path, or <see langword="null"/> when it is off the path.</param>
    /// <param name="above">The step directly above <paramref name="owner"/>, or <see langword="null"/> at the top (or off the path).</param>
    /// <param name="deadline">The deadline that passed.</param>
    public TrackedDeadline(TrackedDeadlineKind kind, CaseId caseId, int sequence, OrgUnitId target, LadderStep? owner, LadderStep? above, Instant deadline)
    {
        Kind = kind;
        CaseId = caseId;
        Sequence = sequence;
        Target = target;
        Owner = owner;
        Above = above;
        Deadline = deadline;
    }

    /// <summary>Gets which deadline this is.</summary>
    public TrackedDeadlineKind Kind { get; }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the supervision's or the summons' number on the case.</summary>
    public int Sequence { get; }

    /// <summary>Gets the unit pressed by the supervision, or the department that did not report in.</summary>
    public OrgUnitId Target { get; }

    /// <summary>Gets the step of the supervision's issuer or the summons' caller on the case's path, or <see langword="null"/> when it is off the path.</summary>
    public LadderStep? Owner { get; }

    /// <summary>Gets the step directly above <see cref="Owner"/>, or <see langword="null"/> at the top of the ladder (or off the path).</summary>
    public LadderStep? Above { get; }

    /// <summary>Gets the deadline that passed.</summary>
    public Instant Deadline { get; }

    /// <summary>Describes the fact.</summary>
    /// <returns>For example <c>case-1 Supervision #1 on grid-1 by street, above: dept-housing</c>.</returns>
    public override string ToString() =>
        $"{CaseId} {Kind} #{Sequence} on {Target} by {Owner?.Unit.Id.ToString() ?? "(off the path)"}, above: {Above?.Unit.Id.ToString() ?? "none"}";
}
