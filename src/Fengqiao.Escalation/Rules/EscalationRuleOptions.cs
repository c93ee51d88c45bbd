using Fengqiao.Cases;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Rules;

/// <summary>The parameters of the default escalation rules (升级规则): N and D of the repeat-complaint rule, the
/// categories and keywords that must start high, and the levels, departments and supervision terms they lead to.</summary>
/// <remarks>
/// <para>Every property has a documented default fitted to <see cref="Ladders.BuiltInLadders.Default"/>. A county on
/// another ladder (Baiyin's seven levels) sets the level keys to its own; <see cref="DefaultEscalationRules.Create"/>
/// checks them against the ladder it is given and reports every problem at once.</para>
/// <para>The rule set copies the values when it is created: changing the options afterwards does not change a built
/// rule set.</para>
/// </remarks>
/// <threadsafety>Not thread-safe: a mutable options object. Fill it on one thread, then create the rules.</threadsafety>
public sealed class EscalationRuleOptions
{
    /// <summary>Gets or sets N: how many reports of the same matter make a repeat complaint (重复投诉).</summary>
    /// <value>Default 3. At least 2.</value>
    public int RepeatThreshold { get; set; } = 3;

    /// <summary>Gets or sets D: the window the repeat-complaint rule counts reports in, back from the facts' instant.</summary>
    /// <value>Default 30 days. Positive.</value>
    public Duration RepeatWindow { get; set; } = Duration.FromDays(30);

    /// <summary>Gets or sets the level a repeat complaint moves to, or null for the next level up.</summary>
    /// <value>Default null (one level up from the holder).</value>
    public string? RepeatTargetLevel { get; set; }

    /// <summary>Gets the categories that must start high (safety risks, mass incidents).</summary>
    /// <value>Default <c>safety-risk</c>, <c>mass-incident</c>.</value>
    public IList<string> MustStartHighCategories { get; } = ["safety-risk", "mass-incident"];

    /// <summary>Gets the keywords that make a case start high, matched as substrings of the case's keywords.</summary>
    /// <value>Default 群体 (mass), 聚集 (gathering), 爆炸 (explosion), 火灾 (fire), 燃气泄漏 (gas leak), 坍塌 (collapse).</value>
    public IList<string> MustStartHighKeywords { get; } = ["群体", "聚集", "爆炸", "火灾", "燃气泄漏", "坍塌"];

    /// <summary>Gets or sets the level such cases start at.</summary>
    /// <value>Default <c>task-force</c> (工作专班), which reports to the party secretary.</value>
    public string MustStartHighLevel { get; set; } = "task-force";

    /// <summary>Gets or sets the supervision attached when a case starts high, or null for none.</summary>
    /// <value>Default red-card supervision (红牌督办) within 1 working day, issued by the level the case starts at.</value>
    public SupervisionTerms? MustStartHighSupervision { get; set; } = new(CaseSupervisionGrade.Red, TimeLimit.WorkingDays(1));

    /// <summary>Gets the categories treated as wage arrears (欠薪).</summary>
    /// <value>Default <c>wage-arrears</c>.</value>
    public IList<string> WageArrearsCategories { get; } = ["wage-arrears"];

    /// <summary>Gets the keywords treated as wage arrears, matched as substrings of the case's keywords.</summary>
    /// <value>Default 欠薪, 讨薪, 拖欠工资, 农民工工资.</value>
    public IList<string> WageArrearsKeywords { get; } = ["欠薪", "讨薪", "拖欠工资", "农民工工资"];

    /// <summary>Gets or sets the level wage arrears go to.</summary>
    /// <value>Default <c>department</c> (职能部门).</value>
    public string WageArrearsLevel { get; set; } = "department";

    /// <summary>Gets or sets the department wage arrears go to, or null for whichever department the path binds.</summary>
    /// <value>Default <c>labour</c> (人社局; Baiyin shares wage arrears with it daily).</value>
    public string? WageArrearsDepartment { get; set; } = "labour";

    /// <summary>Gets or sets the supervision attached when an overdue case moves up.</summary>
    /// <value>Default yellow-card supervision (黄牌督办) within 3 working days, issued by the new level. Not null.</value>
    public SupervisionTerms OverdueSupervision { get; set; } = new(CaseSupervisionGrade.Yellow, TimeLimit.WorkingDays(3));
}
