using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Lifecycles;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Rules;
using Fengqiao.Sla;

namespace Fengqiao.Escalation.Desk;

/// <summary>How an <see cref="EscalationCasePolicy"/> reads cases: the lifecycle, the department level, the keyword list, the instruction and supervision deadlines, and the desk rules.</summary>
/// <remarks>The policy copies what it needs when it is built; changing the options afterwards does not affect it.</remarks>
/// <threadsafety>A mutable options bag: fill it on one thread, then hand it to the policy.</threadsafety>
public sealed class EscalationCasePolicyOptions
{
    /// <summary>Gets or sets the name the policy reports to the desk and records in every cause; <c>escalation</c> by default.</summary>
    public string Name { get; set; } = "escalation";

    /// <summary>Gets or sets the lifecycle the desk runs, used to ask whether an action is permitted now (<see cref="Lifecycle{TState, TTrigger, TArgs}.CanFire"/>); <see cref="CaseLifecycles.Default"/> by default.</summary>
    public Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> Lifecycle { get; set; } = CaseLifecycles.Default;

    /// <summary>Gets or sets the key of the ladder level served by functional departments; <c>department</c> by default.</summary>
    /// <remarks>A ladder without this level (Baiyin's) needs no department choice.</remarks>
    public string DepartmentLevel { get; set; } = "department";

    /// <summary>Gets or sets the category → department mapping for the department level, or <see langword="null"/> for the default.</summary>
    /// <remarks>
    /// The default picks the one unit serving <see cref="DepartmentLevel"/> that carries a tag equal to the category's
    /// key (tag the housing bureau <c>housing</c> for category <c>housing</c>); with none or several it chooses nothing,
    /// and the ladder binds the level itself (which fails when several departments exist and none is above the grid).
    /// A rule that names a department (wage arrears → <c>labour</c>) is bound the same way, by tag.
    /// </remarks>
    public Func<CaseCategory, OrgUnitId?>? DepartmentFor { get; set; }

    /// <summary>Gets or sets the county's routing table, which answers "which department owns this matter" for the department
    /// level (<see cref="Routing.CaseRoute.Department"/>); <see langword="null"/> (the default) to use <see cref="DepartmentFor"/>.</summary>
    /// <remarks>When set, it takes precedence over <see cref="DepartmentFor"/>. A case the table cannot route (registered
    /// before the routing covered it; a desk with the routing installed refuses such reports) falls back to <see cref="DepartmentFor"/>.</remarks>
    public Routing.RoutingTable? Routing { get; set; }

    /// <summary>Gets the keywords looked for in a report's text; those found become <see cref="EscalationFacts.Keywords"/>.</summary>
    /// <remarks>By default the must-start-high and wage-arrears keywords of the default <see cref="EscalationRuleOptions"/>; add your county's own.</remarks>
    public IList<string> Keywords { get; } = DefaultKeywords();

    /// <summary>Gets or sets the deadline given to a leader's instruction (批示) that the case desk records, which carries none; 5 working days by default.</summary>
    public TimeLimit InstructionLimit { get; set; } = TimeLimit.WorkingDays(5);

    /// <summary>Gets or sets the limit of the tracked supervisions (督办) the policy issues on the desk: after an overdue escalation, on re-issuing an overdue supervision (<c>supervision-overdue</c>) and on a whistle no-show (<c>whistle-no-show</c>); 3 working days by default.</summary>
    /// <remarks>A leader's instruction keeps its own limit (<see cref="InstructionLimit"/>).</remarks>
    public TimeLimit SupervisionLimit { get; set; } = TimeLimit.WorkingDays(3);

    /// <summary>Gets or sets the desk rules deciding on passed tracked deadlines (<c>supervision-overdue</c>, <c>whistle-no-show</c>), or <see langword="null"/> for <see cref="DeskEscalationRules.Default"/>.</summary>
    /// <remarks>Override, disable or add rules by id: <c>DeskEscalationRules.Default.With(overrides)</c>.</remarks>
    public RuleSet<TrackedDeadline, LadderStep>? DeskRules { get; set; }

    private static List<string> DefaultKeywords()
    {
        var rules = new EscalationRuleOptions();
        return [.. rules.MustStartHighKeywords.Concat(rules.WageArrearsKeywords).Distinct(StringComparer.Ordinal)];
    }
}
