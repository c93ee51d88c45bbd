namespace Fengqiao.Escalation.Rules;

/// <summary>The ids of the default escalation rules (升级规则), and of the two escalations that supervision and
/// whistle-and-report raise on their own. Layers name rules by these ids to replace or disable them.</summary>
/// <remarks>The ids are stable: profiles, traces and recorded escalation events cite them.</remarks>
/// <threadsafety>Constants: safe to share.</threadsafety>
public static class EscalationRuleIds
{
    /// <summary>A leader's instruction (批示) → supervision by the instructing level with its own deadline.</summary>
    public const string LeaderInstruction = "leader-instruction";

    /// <summary>Categories or keywords that must start high (safety risks, mass incidents) → the named level.</summary>
    public const string MustStartHigh = "must-start-high";

    /// <summary>Wage arrears (欠薪) → the functional department level, labour department.</summary>
    public const string WageArrears = "wage-arrears";

    /// <summary>An unsatisfied rating or a deputy's reopening → reopen one level above the unit that closed the case.</summary>
    public const string ReopenAboveCloser = "reopen-above-closer";

    /// <summary>The same matter reported N times within D days (repeat complaint, 重复投诉) → a higher level.</summary>
    public const string RepeatComplaint = "repeat-complaint";

    /// <summary>The holding unit's handling clock is overdue → next level up, supervised (督办) by it.</summary>
    public const string Overdue = "overdue";

    /// <summary>The holding unit declares it cannot resolve the matter (无法解决) → next level up.</summary>
    public const string CannotResolve = "cannot-resolve";

    /// <summary>Not a rule of the set: cited when a supervision (督办) goes overdue and escalates to the level above
    /// its issuer.</summary>
    public const string SupervisionOverdue = "supervision-overdue";

    /// <summary>Not a rule of the set: cited when a summoned department does not report in by the deadline of a
    /// whistle-and-report call (吹哨报到).</summary>
    public const string WhistleNoShow = "whistle-no-show";
}
