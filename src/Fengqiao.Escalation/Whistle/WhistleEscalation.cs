using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using NodaTime;

namespace Fengqiao.Escalation.Whistle;

/// <summary>A department summoned by a whistle-and-report call (吹哨报到) that did not report in by the deadline,
/// escalated to the level the call names (rule <see cref="EscalationRuleIds.WhistleNoShow"/>).</summary>
/// <remarks>Returned by <see cref="WhistleCall.Escalations"/>, one per department.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class WhistleEscalation
{
    internal WhistleEscalation(CaseId caseId, OrgUnitId department, LadderStep caller, LadderStep to, Instant deadline)
    {
        CaseId = caseId;
        Department = department;
        Caller = caller;
        To = to;
        Deadline = deadline;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the rule id cited: <see cref="EscalationRuleIds.WhistleNoShow"/>.</summary>
    public string RuleId { get; } = EscalationRuleIds.WhistleNoShow;

    /// <summary>Gets the department that did not report in.</summary>
    public OrgUnitId Department { get; }

    /// <summary>Gets the step of the unit that blew the whistle.</summary>
    public LadderStep Caller { get; }

    /// <summary>Gets the step that takes the department's no-show up.</summary>
    public LadderStep To { get; }

    /// <summary>Gets the report-in deadline that passed.</summary>
    public Instant Deadline { get; }

    /// <summary>Returns the escalation on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"case {CaseId}: {RuleId}: {Department} did not report in to {Caller.Unit.Id} by {Deadline}; escalated to {To.Unit.Id} ({To.Level.Key})";
}
