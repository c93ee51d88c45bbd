using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Checks;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Rendering;
using Fengqiao.Rules.Tables;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Escalation.Tests.Rules.EscalationSamples;

namespace Fengqiao.Escalation.Tests.Rules;

public class EscalationTableTests
{
    private static readonly Gen<(LadderCounty County, EscalationFacts Facts)> CountyAndFacts =
        from county in FengqiaoArbitraries.LadderCounties().Generator
        from facts in FengqiaoArbitraries.EscalationFactsFor(county)
        select (county, facts);

    private static readonly Duration Window = Duration.FromDays(30);

    [Fact]
    public void CreateDefault_SameIdsSaliencesAndDescriptionsAsTheCodeFirstRules()
    {
        var table = EscalationTable.CreateDefault(BuiltInLadders.Default);
        var code = DefaultEscalationRules.Create();

        Assert.Equal(code.Rules.Select(r => (r.Id, r.Rule.Salience, r.Rule.Description)), table.Rows.Select(r => (r.Id, r.Salience, r.Description)));
        Assert.Equal(HitPolicy.Priority, table.HitPolicy);
    }

    [Fact]
    public void ToRuleSet_DefaultTable_DecidesLikeTheCodeFirstRulesOnRandomCountiesAndFacts()
    {
        PropertyCheck.ForAll(CountyAndFacts, input =>
        {
            var (county, facts) = input;
            var code = new EscalationPolicy(DefaultEscalationRules.Create(county.Options, county.Ladder));
            var table = new EscalationPolicy(EscalationTable.ToRuleSet(EscalationTable.CreateDefault(county.Ladder, county.Options), county.Ladder, county.Options.RepeatWindow));

            Assert.Equal(code.Decide(facts, county.Path)?.ToString(), table.Decide(facts, county.Path)?.ToString());
            Assert.Equal(code.Explain(facts, county.Path).AppliedRuleIds, table.Explain(facts, county.Path).AppliedRuleIds);
        });
    }

    [Fact]
    public void ToOverrides_BaiyinStyleCountyTable_ReplacesDisablesAndAddsByIdOnly()
    {
        var defaults = EscalationTable.CreateDefault(BuiltInLadders.Default);
        var county = new DecisionTableBuilder("escalation", defaults.Schema) { HitPolicy = HitPolicy.Priority }
            .AddTargets([.. EscalationTable.Targets])
            .AddRow("heating", "Heating complaints (供暖) go to the housing department",
                TableCondition.All(TableCondition.ContainsAny("keyword_text", "供暖", "暖气"), TableCondition.Equal("below_department", true)),
                new TableAction("start-at", [new("level", "department"), new("department", "housing")]), 44)
            .AddRow(EscalationRuleIds.Overdue, "Overdue: next level up with red supervision within 1 working day",
                TableCondition.All(TableCondition.Equal("handling_stage", "overdue"), TableCondition.Equal("holder_at_top", false)),
                new TableAction("next-level", [new("supervision", "red"), new("supervision_limit", "1 working day")]), 20)
            .Build();
        var layer = county.ToOverrides(RuleOrigin.County("Saybagh"), [EscalationRuleIds.Overdue], [new(EscalationRuleIds.RepeatComplaint, "merged by 12345")]);
        var rules = defaults.ToRuleSet().With(layer);
        var policy = new EscalationPolicy(EscalationTable.ToRuleSet(defaults, BuiltInLadders.Default, Window).With(
            new RuleOverridesBuilder<EscalationSituation, EscalationDecision>(RuleOrigin.County("Saybagh"))
                .Disable(EscalationRuleIds.RepeatComplaint, "merged by 12345").Build()));

        Assert.Null(policy.Decide(Facts("grid-1") with { SameMatterReports = [Monday, Monday, Monday] }, SaybaghPath));

        Assert.Equal(
            ["default", "default", "default", "default", "default", "county 'Saybagh'", "default", "county 'Saybagh'"],
            rules.Rules.Select(r => r.Origin.ToString()));
        Assert.False(rules.Rules.Single(r => r.Id == EscalationRuleIds.RepeatComplaint).IsEnabled);
    }

    [Fact]
    public void ToRuleSet_CountyTableOverDefaults_Decides()
    {
        var table = EscalationTable.CreateDefault(BuiltInLadders.Default).ToBuilder()
            .AddRow("heating", "Heating complaints (供暖) go to the housing department",
                TableCondition.All(TableCondition.ContainsAny("keyword_text", "供暖", "暖气"), TableCondition.Equal("below_department", true)),
                new TableAction("start-at", [new("level", "department"), new("department", "housing")]), 44)
            .Build();
        var policy = new EscalationPolicy(EscalationTable.ToRuleSet(table, BuiltInLadders.Default, Window, RuleOrigin.County("Saybagh")));

        var move = policy.Decide(Facts("grid-1") with { Keywords = ["冬季供暖不足"] }, SaybaghPath)!;

        Assert.Equal("heating", move.RuleId);
        Assert.Equal("housing", move.Department);
        Assert.Equal(3, move.LevelsClimbed);
        Assert.Equal(RuleOrigin.County("Saybagh"), policy.Rules.Rules[0].Origin);
    }

    [Fact]
    public void ToRuleSet_BadActions_ListsEveryProblemWithItsRow()
    {
        var table = new DecisionTableBuilder("county", EscalationTable.SchemaFor(BuiltInLadders.Default))
            .AddTargets([.. EscalationTable.Targets, "mayor"])
            .AddRow("a", "", TableCondition.Equal("declared_unresolvable", true), new TableAction("to-level"))
            .AddRow("b", "", TableCondition.Equal("holder_at_top", true), new TableAction("next-level", [new("supervision", "purple")]))
            .AddRow("c", "", TableCondition.Equal("deputy_reopened", true), new TableAction("mayor"))
            .AddRow("d", "", TableCondition.Equal("instruction_pending", true), new TableAction("start-at", [new("level", "village")]))
            .Build();

        var error = Assert.Throws<EscalationException>(() => EscalationTable.ToRuleSet(table, BuiltInLadders.Default, Window));

        Assert.Contains("row 'a': target 'to-level' needs a parameter level", error.Message);
        Assert.Contains("row 'b': supervision 'purple' is not yellow, red or listed", error.Message);
        Assert.Contains("row 'b': supervision needs a supervision_limit", error.Message);
        Assert.Contains("row 'c': target 'mayor' is not one of", error.Message);
        Assert.Contains("row 'd': parameter level 'village' is not a level of ladder 'default'", error.Message);
        Assert.Equal("a", error.RuleId);
    }

    [Fact]
    public void ToRuleSet_TableForAnotherLadder_IsRefused()
    {
        var error = Assert.Throws<EscalationException>(() =>
            EscalationTable.ToRuleSet(EscalationTable.CreateDefault(BuiltInLadders.Default), BuiltInLadders.Baiyin, Window));

        Assert.Contains("field 'below_task-force'", error.Message);
    }

    [Fact]
    public void RenderText_DefaultTable_MatchesSnapshot()
    {
        Snapshot.Match(RuleSetRenderer.RenderText(EscalationTable.CreateDefault(BuiltInLadders.Default)));
    }
}
