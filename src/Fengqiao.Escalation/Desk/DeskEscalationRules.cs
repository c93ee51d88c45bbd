using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Rules;

namespace Fengqiao.Escalation.Desk;

/// <summary>
/// The desk rules of <see cref="EscalationCasePolicy"/>: what happens when a deadline tracked on a case passes — an
/// overdue supervision (督办) or a department that did not report in (吹哨报到). Two named rules, each overridable by
/// id through <see cref="RuleSet{TFact, TDecision}.With"/>, under the priority hit policy.
/// </summary>
/// <remarks>
/// <list type="number">
/// <item><description><c>supervision-overdue</c> (20): an open supervision went overdue and its issuer is on the
/// case's ladder below the top → re-issued by the level directly above the issuer, one grade higher.</description></item>
/// <item><description><c>whistle-no-show</c> (10): a summoned department did not report in by its deadline and the
/// caller is on the case's ladder below the top → supervision of that department by the level directly above the
/// caller.</description></item>
/// </list>
/// <para>The decision is the ladder step that takes the matter up; the policy refuses (with an
/// <see cref="EscalationException"/>) a decision that is not above the issuer or caller, so an override can never move
/// supervision down. At the top nothing matches, so nothing loops.</para>
/// </remarks>
/// <threadsafety>All members are thread-safe; the rule sets they return are immutable and thread-safe.</threadsafety>
public static class DeskEscalationRules
{
    /// <summary>The name of the rule set: <c>escalation-desk</c>.</summary>
    public const string RuleSetName = "escalation-desk";

    /// <summary>Gets the default desk rules, built once.</summary>
    public static RuleSet<TrackedDeadline, LadderStep> Default { get; } = Create();

    /// <summary>Creates the default desk rules.</summary>
    /// <returns>An immutable rule set with the two rules, origin default.</returns>
    public static RuleSet<TrackedDeadline, LadderStep> Create()
    {
        var belowTop = Condition.Part<TrackedDeadline>("a level above it on the case's ladder", d => d.Above is not null);
        return new RuleSetBuilder<TrackedDeadline, LadderStep>(RuleSetName) { HitPolicy = HitPolicy.Priority }
            .Add(
                EscalationRuleIds.SupervisionOverdue,
                "An open supervision (督办) went overdue: re-issued by the level above its issuer, one grade higher",
                Condition.All(
                    Condition.Part<TrackedDeadline>("a supervision's deadline passed while it was open", d => d.Kind == TrackedDeadlineKind.Supervision),
                    belowTop),
                d => d.Above!,
                salience: 20)
            .Add(
                EscalationRuleIds.WhistleNoShow,
                "A summoned department did not report in (报到) by its deadline: supervised by the level above the caller (吹哨报到)",
                Condition.All(
                    Condition.Part<TrackedDeadline>("a summoned department did not report in by its deadline", d => d.Kind == TrackedDeadlineKind.SummonedDepartment),
                    belowTop),
                d => d.Above!,
                salience: 10)
            .Build();
    }
}
