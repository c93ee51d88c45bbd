using Fengqiao.Rules.Layering;

namespace Fengqiao.Rules.Tests;

/// <summary>A small escalation-like fact for code-first tests.</summary>
internal sealed record CaseFacts(bool CannotResolve, bool Overdue, int Repeats, string Category, bool AtTop = false)
{
    public override string ToString() =>
        $"cannotResolve={CannotResolve}, overdue={Overdue}, repeats={Repeats}, category={Category}, atTop={AtTop}";
}

internal static class Samples
{
    public static Condition<CaseFacts> CannotResolve { get; } = Condition.Part<CaseFacts>("unit declared 无法解决", f => f.CannotResolve);

    public static Condition<CaseFacts> Overdue { get; } = Condition.Part<CaseFacts>("handling clock overdue", f => f.Overdue);

    public static Condition<CaseFacts> NotAtTop { get; } = Condition.Not(Condition.Part<CaseFacts>("at top of ladder", f => f.AtTop));

    public static Condition<CaseFacts> Repeated { get; } = Condition.Part<CaseFacts>("reported 3+ times in 30 days", f => f.Repeats >= 3);

    public static Condition<CaseFacts> StartsHigh { get; } =
        Condition.Part<CaseFacts>("category must start high", f => f.Category is "safety" or "wage-arrears" or "mass-incident");

    /// <summary>The shape of the default escalation set: five named rules with saliences.</summary>
    public static RuleSetBuilder<CaseFacts, string> EscalationBuilder(HitPolicy policy = HitPolicy.Priority) =>
        new RuleSetBuilder<CaseFacts, string>("escalation") { HitPolicy = policy }
            .Add("cannot-resolve", "The holding unit declares it cannot resolve the matter (无法解决): next level up",
                Condition.All(CannotResolve, NotAtTop), _ => "next-level", salience: 30)
            .Add("overdue", "The handling clock is overdue: next level up, supervised (督办) by it",
                Condition.All(Overdue, NotAtTop), _ => "next-level+supervise", salience: 40)
            .Add("repeat-complaint", "The same matter reported 3 times in 30 days starts higher",
                Repeated, _ => "start-higher", salience: 20)
            .Add("starts-high", "Safety risks, mass incidents and wage arrears start at the named level",
                Condition.Any(StartsHigh, Condition.All(Repeated, Overdue)), _ => "named-level", salience: 50)
            .Add("fallback", "Otherwise the case stays where it is", Condition.Always<CaseFacts>(), _ => "stay");

    public static RuleSet<CaseFacts, string> Escalation(HitPolicy policy = HitPolicy.Priority) => EscalationBuilder(policy).Build();

    public static Rule<CaseFacts, string> Rule(string id, Condition<CaseFacts> condition, string decision, int salience = 0) =>
        new(id, "rule " + id, condition, _ => decision, salience);

    public static RuleOrigin Baiyin { get; } = RuleOrigin.City("Baiyin");
}
