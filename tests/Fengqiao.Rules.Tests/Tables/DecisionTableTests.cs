using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Rendering;
using Fengqiao.Rules.Tables;
using Fengqiao.TestSupport;

namespace Fengqiao.Rules.Tests.Tables;

public class DecisionTableTests
{
    [Fact]
    public void Builder_Defaults_AreUnique()
    {
        Assert.Equal(HitPolicy.Unique, new DecisionTableBuilder("t", TableSamples.Schema).HitPolicy);
    }

    [Theory]
    [InlineData("safety", 0, false, "secretary")]
    [InlineData("mass-incident", 9, true, "secretary")]
    [InlineData("wage-arrears", 0, true, "department")]
    [InlineData("noise", 3, false, "street")]
    [InlineData("other", 2.5, true, "community")]
    [InlineData("noise", 2, false, "grid")]
    public void ToRuleSet_EvaluatesRowsThroughTheSchema(string category, double repeats, bool overdue, string target)
    {
        var rules = TableSamples.StartLevel().Build().ToRuleSet();
        var result = rules.Evaluate(TableSamples.Fact(category, (decimal)repeats, overdue));
        Assert.Equal(target, result[0].Decision.Target);
        Assert.Equal(result[0].RuleId, result[0].Decision.RuleId);
    }

    [Fact]
    public void ToRuleSet_KeepsIdsSaliencesAndParameters_AndNamesPartsAfterTests()
    {
        var rules = TableSamples.StartLevel().Build().ToRuleSet(RuleOrigin.County("Yumen"));
        Assert.Equal(["safety", "wages", "repeat", "overdue", "stays"], rules.Rules.Select(r => r.Id));
        Assert.Equal([50, 40, 30, 20, 0], rules.Rules.Select(r => r.Rule.Salience));
        Assert.All(rules.Rules, r => Assert.Equal(RuleOrigin.County("Yumen"), r.Origin));
        Assert.Equal(["category in [noise, other]", "repeats < 3", "overdue = true"], rules.Rules[3].Rule.Condition.PartNames);
        Assert.Equal("red", rules.Evaluate(TableSamples.Fact("safety"))[0].Decision.Parameters["supervision"]);
    }

    [Fact]
    public void Explain_TableRules_ReportTestsAsParts()
    {
        var rules = TableSamples.StartLevel().Build().ToRuleSet();
        var trace = rules.Explain(TableSamples.Fact("noise", 1, overdue: true))["stays"];
        Assert.Equal([PartOutcome.Held, PartOutcome.Held, PartOutcome.Failed], trace.Parts.Select(p => p.Outcome));
    }

    [Fact]
    public void Evaluate_UniqueTableWithOverlap_ThrowsNamingRows()
    {
        var table = TableSamples.StartLevel()
            .AddRow("all-noise", "", TableCondition.Equal("category", "noise"), new TableAction("street"))
            .Build();
        var e = Assert.Throws<RuleConflictException>(() => table.ToRuleSet().Evaluate(TableSamples.Fact("noise", 5)));
        Assert.Equal(["repeat", "all-noise"], e.RuleIds);
    }

    [Fact]
    public void Keywords_ContainsAny_OnTextAndTextList()
    {
        var table = new DecisionTableBuilder("keywords", TableSamples.Schema) { HitPolicy = HitPolicy.Collect }
            .AddTargets("department")
            .AddRow("text-wages", "", TableCondition.ContainsAny("text", "欠薪", "讨薪"), new TableAction("department"))
            .AddRow("tag-wages", "", TableCondition.ContainsAny("keywords", "欠薪"), new TableAction("department"))
            .Build();
        var rules = table.ToRuleSet();
        Assert.Equal(["text-wages"], rules.Evaluate(TableSamples.Fact("other", text: "工地老板拖欠薪资, 多次讨薪无果")).Matches.Select(m => m.RuleId));
        Assert.Equal(["tag-wages"], rules.Evaluate(TableSamples.Fact("other", keywords: ["噪音", "欠薪"])).Matches.Select(m => m.RuleId));
        Assert.False(rules.Evaluate(TableSamples.Fact("other", text: "噪音扰民")).HasMatch);
    }

    [Fact]
    public void Operators_Numbers_CompareAsDecimals()
    {
        var table = new DecisionTableBuilder("numbers", TableSamples.Schema) { HitPolicy = HitPolicy.Collect }
            .AddTargets("x")
            .AddRow("eq", "", TableCondition.Equal("repeats", 2.5m), new TableAction("x"))
            .AddRow("in", "", TableCondition.In("repeats", "1", "2.50"), new TableAction("x"))
            .AddRow("not-in", "", TableCondition.NotIn("repeats", "1"), new TableAction("x"))
            .AddRow("le", "", TableCondition.LessThanOrEqual("repeats", 2.5m), new TableAction("x"))
            .AddRow("gt", "", TableCondition.GreaterThan("repeats", 2.5m), new TableAction("x"))
            .AddRow("between", "", TableCondition.Between("repeats", 2, 3), new TableAction("x"))
            .AddRow("bool-in", "", TableCondition.In("overdue", "false"), new TableAction("x"))
            .Build();
        var ids = table.ToRuleSet().Evaluate(TableSamples.Fact("other", 2.5m)).Matches.Select(m => m.RuleId);
        Assert.Equal(["eq", "in", "not-in", "le", "between", "bool-in"], ids);
    }

    [Fact]
    public void Build_EveryKindOfProblem_IsReportedAtOnceWithRowRuleAndField()
    {
        var builder = new DecisionTableBuilder("broken", TableSamples.Schema)
            .AddTargets(TableSamples.Targets)
            .AddTargets("street")
            .AddRow("bad-field", "", TableCondition.Equal("colour", "red"), new TableAction("grid"))
            .AddRow("bad-operator", "", TableCondition.Test("category", ConditionOperator.LessThan, "3"), new TableAction("grid"))
            .AddRow("bad-enum", "", TableCondition.In("category", "safety", "fire"), new TableAction("grid"))
            .AddRow("bad-number", "", TableCondition.Test("repeats", ConditionOperator.GreaterThan, "three"), new TableAction("grid"))
            .AddRow("bad-target", "", TableCondition.Equal("overdue", true), new TableAction("mayor"))
            .AddRow("bad-count", "", TableCondition.Test("repeats", ConditionOperator.Between, "1"), new TableAction("grid"))
            .AddRow("bad-range", "", TableCondition.Between("repeats", 5, 1), new TableAction("grid"))
            .AddRow("bad-field", "", TableCondition.Test("overdue", ConditionOperator.Equal, "yes"), new TableAction("grid"))
            .AddRow("bad-keywords", "", TableCondition.All(TableCondition.ContainsAny("repeats", "3"), TableCondition.ContainsAny("text", "")), new TableAction("grid"))
            .AddRow("bad-list", "", TableCondition.Equal("keywords", "欠薪"), new TableAction("grid"));

        var problems = builder.Validate();
        Assert.Equal(
            [
                (RuleProblemKind.DuplicateTarget, null, null, null),
                (RuleProblemKind.UnknownField, "bad-field", 1, "colour"),
                (RuleProblemKind.OperatorNotAllowed, "bad-operator", 2, "category"),
                (RuleProblemKind.ValueOutsideEnumeration, "bad-enum", 3, "category"),
                (RuleProblemKind.ValueNotOfFieldType, "bad-number", 4, "repeats"),
                (RuleProblemKind.UnknownTarget, "bad-target", 5, null),
                (RuleProblemKind.WrongValueCount, "bad-count", 6, "repeats"),
                (RuleProblemKind.InvalidRange, "bad-range", 7, "repeats"),
                (RuleProblemKind.DuplicateRuleId, "bad-field", 8, null),
                (RuleProblemKind.ValueNotOfFieldType, "bad-field", 8, "overdue"),
                (RuleProblemKind.OperatorNotAllowed, "bad-keywords", 9, "repeats"),
                (RuleProblemKind.InvalidCondition, "bad-keywords", 9, "text"),
                (RuleProblemKind.OperatorNotAllowed, "bad-list", 10, "keywords"),
            ],
            problems.Select(p => (p.Kind, p.RuleId, p.Row, p.Field)));

        var e = Assert.Throws<DecisionTableException>(builder.Build);
        Assert.Equal(problems.Count, e.Problems.Count);
        Assert.Equal("broken", e.TableName);
        Snapshot.Match(e.Message);
    }

    [Fact]
    public void Validate_ValidTable_HasNoProblems()
    {
        Assert.Empty(TableSamples.StartLevel().Validate());
    }

    [Fact]
    public void SchemaBuild_Problems_AreReportedAtOnce()
    {
        var e = Assert.Throws<DecisionTableException>(() => new FactSchemaBuilder()
            .AddText("a").AddNumber("a").AddEnumeration("level").AddEnumeration("rating", "good", "good").AddBoolean(" b")
            .Build());
        Assert.Equal(
            [(RuleProblemKind.DuplicateField, "a"), (RuleProblemKind.EmptyEnumeration, "level"), (RuleProblemKind.DuplicateField, "rating"), (RuleProblemKind.InvalidId, " b")],
            e.Problems.Select(p => (p.Kind, p.Field!)));
    }

    [Fact]
    public void FactRecord_BadValues_ThrowNamingTheField()
    {
        var record = TableSamples.Schema.CreateRecord();
        Assert.Contains("'colour'", Assert.Throws<ArgumentException>(() => record.Set("colour", "red")).Message);
        Assert.Contains("'fire'", Assert.Throws<ArgumentException>(() => record.Set("category", "fire")).Message);
        Assert.Contains("'repeats' is of type number", Assert.Throws<ArgumentException>(() => record.Set("repeats", "3")).Message);
        Assert.Contains("'overdue' is of type boolean", Assert.Throws<ArgumentException>(() => record.Set("overdue", 1m)).Message);
        record.Set("category", "noise").Set("repeats", 1);
        var missing = Assert.Throws<ArgumentException>(record.Build);
        Assert.Contains("level, overdue, text, keywords", missing.Message);
    }

    [Fact]
    public void FactRecord_Getters_ReadTypedValues()
    {
        var fact = TableSamples.Fact("noise", 2.5m, true, "吵", ["噪音"], "street");
        Assert.Equal("street", fact.GetText("level"));
        Assert.Equal(2.5m, fact.GetNumber("repeats"));
        Assert.True(fact.GetBoolean("overdue"));
        Assert.Equal(["噪音"], fact.GetTextList("keywords"));
        Assert.Throws<InvalidOperationException>(() => fact.GetNumber("level"));
        Assert.Equal("level=street, category=noise, repeats=2.5, overdue=true, text=吵, keywords=[噪音]", fact.ToString());
    }

    [Fact]
    public void Evaluate_RecordOfAnotherSchema_ThrowsNamingRuleAndPart()
    {
        var other = new FactSchemaBuilder().AddEnumeration("category", "safety").Build();
        var rules = TableSamples.StartLevel().Build().ToRuleSet();
        var e = Assert.Throws<RuleEvaluationException>(() => rules.Evaluate(other.CreateRecord().Set("category", "safety").Build()));
        Assert.Equal("safety", e.RuleId);
        Assert.Equal("category in [safety, mass-incident]", e.PartName);
        Assert.Contains("another fact schema", e.Message);
    }

    [Fact]
    public void ToBuilder_RoundTripsThePlainData()
    {
        var table = TableSamples.StartLevel().Build();
        var copy = table.ToBuilder().Build();
        Assert.Equal(RuleSetRenderer.RenderText(table), RuleSetRenderer.RenderText(copy));

        // A profile writer sees only plain data; rebuilding from it gives the same table.
        var rebuilt = new DecisionTableBuilder(table.Name, table.Schema) { HitPolicy = table.HitPolicy }.AddTargets([.. table.Targets]);
        foreach (var row in table.Rows)
        {
            rebuilt.AddRow(row.Id, row.Description, Rebuild(row.Condition), new TableAction(row.Action.Target, row.Action.ParameterList), row.Salience);
        }

        Assert.Equal(RuleSetRenderer.RenderText(table), RuleSetRenderer.RenderText(rebuilt.Build()));

        static TableCondition Rebuild(TableCondition c) => c.Kind switch
        {
            TableConditionKind.Test => TableCondition.Test(c.Field!, c.Operator, [.. c.Values]),
            TableConditionKind.All => TableCondition.All([.. c.Children.Select(Rebuild)]),
            _ => TableCondition.Any([.. c.Children.Select(Rebuild)]),
        };
    }

    [Fact]
    public void ToOverrides_CountyTableReplacesAndAddsRows()
    {
        var defaults = TableSamples.StartLevel().Build().ToRuleSet();
        var county = new DecisionTableBuilder("start-level", TableSamples.Schema)
            .AddTargets(TableSamples.Targets)
            .AddRow("wages", "Baiyin sends wage arrears to the county leader's desk", TableCondition.Equal("category", "wage-arrears"), new TableAction("secretary"))
            .AddRow("heating", "", TableCondition.ContainsAny("keywords", "供暖"), new TableAction("department"))
            .Build();
        var layer = county.ToOverrides(RuleOrigin.City("Baiyin"), ["wages"], [new("stays", "every matter leaves the grid in Baiyin")]);
        var effective = defaults.With(layer);

        Assert.Equal("secretary", effective.Evaluate(TableSamples.Fact("wage-arrears"))[0].Decision.Target);
        Assert.Equal(RuleOrigin.City("Baiyin"), effective.Rules[1].Origin);
        Assert.False(effective.Rules[4].IsEnabled);
        Assert.Equal("heating", effective.Rules[5].Id);
        Assert.Throws<ArgumentException>(() => county.ToOverrides(RuleOrigin.City("Baiyin"), ["nope"], []));
    }

    [Fact]
    public void RenderText_Table_MatchesSnapshot()
    {
        Snapshot.Match(RuleSetRenderer.RenderText(TableSamples.StartLevel().Build()));
    }
}
