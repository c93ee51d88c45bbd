using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A summoned department reported in (报到), or a unit a leader's instruction named reported back (回复批示).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.ReportIn"/> step. Stored with <see cref="Summons"/> 0, it is a report
/// back on an instruction: the open supervisions following up an instruction that name the unit close
/// (<see cref="CaseSupervisionClosure.ReportedBack"/>).</remarks>
/// <param name="Department">The department or unit.</param>
/// <param name="Summons">The summons it answered, or 0 for a report back on an instruction. In a request, 0 lets the desk
/// pick the open summons naming the department, else the open follow-up of an instruction naming it.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReportedIn(OrgUnitId Department, int Summons = 0) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.ReportIn;

    internal override OrgUnitId? ArgumentUnit => Department;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{Department} #{Summons}";
}
