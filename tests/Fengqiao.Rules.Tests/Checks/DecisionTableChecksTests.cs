using Fengqiao.Rules.Checks;
using Fengqiao.Rules.Tables;
using Fengqiao.Rules.Tests.Tables;
using Fengqiao.TestSupport;

namespace Fengqiao.Rules.Tests.Checks;

public class DecisionTableChecksTests
{
    [Fact]
    public void Check_CompleteDisjointTable_HasNoOverlapsAndNoGaps()
    {
        var report = DecisionTableChecks.Check(TableSamples.StartLevel().Build());
        Assert.Empty(report.Overlaps);
        Assert.Empty(report.Gaps);
        Assert.True(report.IsExhaustive);
        Assert.Equal(5 * 3 * 2, report.Combinations); // category × repeats {< 3, = 3, > 3} × overdue
    }

    [Fact]
    public void Check_OverlappingRows_ListsEachPairWithAWitness()
    {
        var table = new DecisionTableBuilder("overlaps", TableSamples.Schema)
            .AddTargets(TableSamples.Targets)
            .AddRow("repeat", "", TableCondition.GreaterThanOrEqual("repeats", 2), new TableAction("street"))
            .AddRow("young", "", TableCondition.LessThan("repeats", 3), new TableAction("grid"))
            .AddRow("overdue", "", TableCondition.Equal("overdue", true), new TableAction("community"))
            .Build();
        var report = DecisionTableChecks.Check(table);

        Assert.Equal([("repeat", "young"), ("repeat", "overdue"), ("young", "overdue")], report.Overlaps.Select(o => (o.FirstRuleId, o.SecondRuleId)));
        var witness = report.Overlaps[0].Witness;
        var repeats = decimal.Parse(Assert.Single(witness).Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(repeats, 2m, 2.99m);

        // The witness really makes both rows match.
        var rules = table.ToRuleSet();
        var fact = TableSamples.Fact("noise", repeats);
        Assert.True(rules.Rules[0].Rule.Matches(fact));
        Assert.True(rules.Rules[1].Rule.Matches(fact));
        Assert.Empty(report.Gaps);
    }

    [Fact]
    public void Check_MissingCombinations_AreListedAsGaps()
    {
        var table = new DecisionTableBuilder("gaps", TableSamples.Schema)
            .AddTargets(TableSamples.Targets)
            .AddRow("safety", "", TableCondition.In("category", "safety", "mass-incident"), new TableAction("secretary"))
            .AddRow("noise-overdue", "", TableCondition.All(TableCondition.Equal("category", "noise"), TableCondition.Equal("overdue", true)), new TableAction("community"))
            .AddRow("other-repeat", "", TableCondition.All(TableCondition.Equal("category", "other"), TableCondition.Between("repeats", 1, 4)), new TableAction("street"))
            .Build();
        var report = DecisionTableChecks.Check(table);

        Assert.Empty(report.Overlaps);
        Assert.Equal(
            ["category = wage-arrears", "category = noise, overdue = false", "category = other, repeats < 1", "category = other, repeats > 4"],
            report.Gaps.Select(g => g.ToString()));
        Assert.DoesNotContain(report.Gaps, g => g.ToString().Contains("category = safety"));
        Snapshot.Match(report.ToString());
    }

    [Fact]
    public void Check_Keywords_UseLiteralsAndAnOtherText()
    {
        var table = new DecisionTableBuilder("keywords", TableSamples.Schema)
            .AddTargets("department")
            .AddRow("wages", "", TableCondition.ContainsAny("text", "欠薪"), new TableAction("department"))
            .AddRow("wage-tags", "", TableCondition.ContainsAny("keywords", "欠薪", "讨薪"), new TableAction("department"))
            .Build();
        var report = DecisionTableChecks.Check(table);
        Assert.Equal(("wages", "wage-tags"), (report.Overlaps.Single().FirstRuleId, report.Overlaps.Single().SecondRuleId));
        Assert.Equal("text = (any other text), keywords = [] (none of the keywords)", Assert.Single(report.Gaps).ToString());
    }

    [Fact]
    public void Check_BeyondTheLimit_SaysItIsNotExhaustive()
    {
        var report = DecisionTableChecks.Check(TableSamples.StartLevel().Build(), maxCombinations: 7);
        Assert.False(report.IsExhaustive);
        Assert.Equal(7, report.Examined);
        Assert.Throws<ArgumentOutOfRangeException>(() => DecisionTableChecks.Check(TableSamples.StartLevel().Build(), 0));
    }

    [Fact]
    public void Check_NoRows_IsOneGapForAnyInput_AndAnAlwaysRowLeavesNone()
    {
        var empty = new DecisionTableBuilder("empty", TableSamples.Schema).Build();
        var report = DecisionTableChecks.Check(empty);
        Assert.Equal("(any input)", Assert.Single(report.Gaps).ToString());
        Assert.Empty(report.Overlaps);

        var always = new DecisionTableBuilder("always", TableSamples.Schema).AddTargets("grid")
            .AddRow("always", "", TableCondition.All(), new TableAction("grid"))
            .Build();
        Assert.Empty(DecisionTableChecks.Check(always).Gaps);
    }
}
