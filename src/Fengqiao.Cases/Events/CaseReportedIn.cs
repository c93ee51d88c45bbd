using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Events;

/// <summary>A summoned department reported in (报到).</summary>
/// <remarks>The payload of a <see cref="CaseTrigger.ReportIn"/> step.</remarks>
/// <param name="Department">The department.</param>
/// <param name="Summons">The summons it answered. In a request, 0 lets the desk pick the open summons naming the department.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReportedIn(OrgUnitId Department, int Summons = 0) : CaseTransition
{
    /// <inheritdoc />
    public override CaseTrigger Trigger => CaseTrigger.ReportIn;

    internal override OrgUnitId? ArgumentUnit => Department;

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);

    private protected override string? Details() => $"{Department} #{Summons}";
}
