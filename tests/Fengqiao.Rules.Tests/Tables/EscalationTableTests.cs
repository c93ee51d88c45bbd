using Fengqiao.Rules.Checks;
using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Rendering;
using Fengqiao.Rules.Tables;
using Fengqiao.TestSupport;

namespace Fengqiao.Rules.Tests.Tables;

/// <summary>
/// The kernel can say what DOMAIN.md §1 says about escalation: the default rules of issue 5 as a table, and a
/// city layer (Baiyin) that disables, replaces and adds rules by id.
/// </summary>
public class EscalationTableTests
{
    private static readonly FactSchema Schema = new FactSchemaBuilder()
        .AddEnumeration("holder", "grid", "community", "street", "department", "task-force")
        .AddBoolean("declared_unresolvable")
        .AddBoolean("handling_overdue")
        .AddNumber("repeats_30d")
        .AddEnumeration("category", "livelihood", "policy-info", "dispute", "hardship", "safety-risk", "mass-incident", "wage-arrears", "other")
        .AddTextList("keywords")
        .AddEnumeration("rating", "none", "satisfied", "unsatisfied")
        .AddBoolean("deputy_reopened")
        .AddBoolean("leader_instruction")
        .Build();

    private static readonly string[] Targets =
        ["next-level", "next-level-supervised", "start-higher", "task-force", "labour-department", "reopen-above-closer", "supervise-by-instructing-level"];

    private static DecisionTable Defaults() => new DecisionTableBuilder("escalation", Schema) { HitPolicy = HitPolicy.Priority }
        .AddTargets(Targets)
        .AddRow("leader-instruction", "A leader's instruction (批示): supervision by the instructing level, with its own deadline",
            TableCondition.Equal("leader_instruction", true), new TableAction("supervise-by-instructing-level", [new("deadline_days", "3")]), salience: 60)
        .AddRow("must-start-high", "Safety risks and mass incidents start at the task force (工作专班), red supervision",
            TableCondition.Any(TableCondition.In("category", "safety-risk", "mass-incident"), TableCondition.ContainsAny("keywords", "群体", "爆炸", "火灾")),
            new TableAction("task-force", [new("supervision", "red")]), salience: 50)
        .AddRow("wage-arrears", "Wage arrears go to the labour department",
            TableCondition.Any(TableCondition.Equal("category", "wage-arrears"), TableCondition.ContainsAny("keywords", "欠薪", "讨薪")),
            new TableAction("labour-department"), salience: 45)
        .AddRow("reopen", "An unsatisfied rating or a deputy's reopening reopens one level above the unit that closed it",
            TableCondition.Any(TableCondition.Equal("rating", "unsatisfied"), TableCondition.Equal("deputy_reopened", true)),
            new TableAction("reopen-above-closer"), salience: 40)
        .AddRow("repeat-complaint", "The same matter reported 3 times within 30 days starts one level higher",
            TableCondition.GreaterThanOrEqual("repeats_30d", 3), new TableAction("start-higher", [new("levels", "1")]), salience: 30)
        .AddRow("overdue", "The unit's handling clock is overdue: next level up, supervised (督办) by it",
            TableCondition.All(TableCondition.Equal("handling_overdue", true), TableCondition.NotIn("holder", "task-force")),
            new TableAction("next-level-supervised", [new("supervision", "yellow")]), salience: 20)
        .AddRow("cannot-resolve", "The holding unit declares it cannot resolve the matter (无法解决): next level up",
            TableCondition.All(TableCondition.Equal("declared_unresolvable", true), TableCondition.NotIn("holder", "task-force")),
            new TableAction("next-level"), salience: 10)
        .Build();

    private static FactRecord Case(
        string holder = "community", bool unresolvable = false, bool overdue = false, decimal repeats = 0, string category = "livelihood",
        string[]? keywords = null, string rating = "none", bool deputy = false, bool leader = false) =>
        Schema.CreateRecord()
            .Set("holder", holder).Set("declared_unresolvable", unresolvable).Set("handling_overdue", overdue)
            .Set("repeats_30d", repeats).Set("category", category).Set("keywords", keywords ?? [])
            .Set("rating", rating).Set("deputy_reopened", deputy).Set("leader_instruction", leader)
            .Build();

    private static RuleSet<FactRecord, TableDecision> Baiyin()
    {
        var baiyin = new DecisionTableBuilder("escalation", Schema)
            .AddTargets([.. Targets, "housing-department"])
            .AddRow("wage-arrears", "Wage arrears are shared daily with the labour department and supervised",
                TableCondition.Any(TableCondition.Equal("category", "wage-arrears"), TableCondition.ContainsAny("keywords", "欠薪", "讨薪", "工资")),
                new TableAction("labour-department", [new("share", "daily"), new("supervision", "yellow")]), salience: 45)
            .AddRow("heating", "Heating complaints go to the housing department",
                TableCondition.ContainsAny("keywords", "供暖", "暖气"), new TableAction("housing-department"), salience: 44)
            .Build();
        return Defaults().ToRuleSet().With(baiyin.ToOverrides(
            RuleOrigin.City("Baiyin"), ["wage-arrears"], [new("repeat-complaint", "repeat reports are merged by the 12345 hotline")]));
    }

    [Fact]
    public void Defaults_DecideAsTheIssueSays()
    {
        var rules = Defaults().ToRuleSet();
        Assert.Equal("next-level", rules.Evaluate(Case(unresolvable: true))[0].Decision.Target);
        Assert.Equal("yellow", rules.Evaluate(Case(unresolvable: true, overdue: true))[0].Decision.Parameters["supervision"]);
        Assert.Equal("start-higher", rules.Evaluate(Case(repeats: 3))[0].Decision.Target);
        Assert.Equal("task-force", rules.Evaluate(Case(keywords: ["火灾"]))[0].Decision.Target);
        Assert.Equal("reopen-above-closer", rules.Evaluate(Case(holder: "street", deputy: true))[0].Decision.Target);
        Assert.Equal("supervise-by-instructing-level", rules.Evaluate(Case(leader: true, category: "safety-risk"))[0].Decision.Target);
        Assert.False(rules.Evaluate(Case(holder: "task-force", unresolvable: true)).HasMatch);
    }

    [Fact]
    public void Baiyin_ChangesOnlyTheRulesItNames()
    {
        var rules = Baiyin();
        Assert.False(rules.Evaluate(Case(repeats: 5)).HasMatch);
        Assert.Equal("daily", rules.Evaluate(Case(keywords: ["工资"]))[0].Decision.Parameters.GetValueOrDefault("share"));
        Assert.Equal("housing-department", rules.Evaluate(Case(keywords: ["暖气"]))[0].Decision.Target);
        Assert.Equal("next-level", rules.Evaluate(Case(unresolvable: true))[0].Decision.Target);
        Assert.Equal(
            ["default", "default", "city 'Baiyin'", "default", "default", "default", "default", "city 'Baiyin'"],
            rules.Rules.Select(r => r.Origin.ToString()));
    }

    [Fact]
    public void Baiyin_RenderedText_MatchesSnapshot()
    {
        Snapshot.Match(RuleSetRenderer.RenderText(Baiyin()));
    }

    [Fact]
    public void Baiyin_WhyDidThisCaseGoUp_MatchesSnapshot()
    {
        var explanation = Baiyin().Explain(Case(holder: "street", overdue: true, repeats: 4, keywords: ["噪音"]));
        Assert.Equal(["overdue"], explanation.AppliedRuleIds);
        Assert.Equal(RuleTraceStatus.Disabled, explanation["repeat-complaint"].Status);
        Snapshot.Match(explanation.ToString());
    }

    [Fact]
    public void Defaults_Gaps_AreOnlyCasesWithNothingToEscalate()
    {
        var report = DecisionTableChecks.Check(Defaults());
        Assert.True(report.IsExhaustive);
        Assert.NotEmpty(report.Gaps);
        Assert.All(report.Gaps, gap =>
        {
            var text = gap.ToString();
            Assert.DoesNotContain("leader_instruction = true", text);
            Assert.DoesNotContain("rating = unsatisfied", text);
            Assert.DoesNotContain("category = wage-arrears", text);
        });
    }
}
