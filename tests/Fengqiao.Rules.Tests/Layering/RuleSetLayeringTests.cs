using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Layering;

namespace Fengqiao.Rules.Tests.Layering;

public class RuleSetLayeringTests
{
    private static readonly CaseFacts Overdue = new(false, true, 0, "noise");

    [Fact]
    public void With_Replace_KeepsPositionAndReportsNewOrigin()
    {
        var defaults = Samples.Escalation();
        var county = new RuleOverridesBuilder<CaseFacts, string>(RuleOrigin.County("Saybagh"))
            .Replace(Samples.Rule("overdue", Samples.Overdue, "task-force", salience: 40))
            .Build();
        var effective = defaults.With(county);

        var entry = effective.Rules[1];
        Assert.Equal("overdue", entry.Id);
        Assert.Equal(2, entry.Position);
        Assert.Equal(RuleOrigin.County("Saybagh"), entry.Origin);
        Assert.Same(defaults.Rules[1], entry.Previous);
        Assert.Equal("task-force", effective.Evaluate(Overdue)[0].Decision);
        Assert.Equal("next-level+supervise", defaults.Evaluate(Overdue)[0].Decision);
    }

    [Fact]
    public void With_Disable_KeepsRuleInTraceButNeverApplies()
    {
        var effective = Samples.Escalation().With(new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin)
            .Disable("overdue", "Baiyin supervises overdue cases by hand")
            .Build());

        var entry = effective.Rules[1];
        Assert.False(entry.IsEnabled);
        Assert.Equal(Samples.Baiyin, entry.DisabledBy);
        Assert.Equal(RuleOrigin.Default, entry.Origin);
        Assert.Equal("fallback", effective.Evaluate(Overdue)[0].RuleId);

        var trace = effective.Explain(Overdue)["overdue"];
        Assert.Equal(RuleTraceStatus.Disabled, trace.Status);
        Assert.True(trace.ConditionHeld);
        Assert.Equal("disabled by city 'Baiyin': Baiyin supervises overdue cases by hand (its condition held)", trace.Reason);
    }

    [Fact]
    public void With_Add_AppendsRuleWithLayerOrigin()
    {
        var region = RuleOrigin.Region("Xinjiang");
        var effective = Samples.Escalation(HitPolicy.Collect).With(new RuleOverridesBuilder<CaseFacts, string>(region)
            .Add(Samples.Rule("whistle", Samples.Overdue, "summon-departments"))
            .Build());

        Assert.Equal(6, effective.Rules.Count);
        Assert.Equal("whistle", effective.Rules[5].Id);
        Assert.Equal(region, effective.Rules[5].Origin);
        Assert.Equal(["overdue", "fallback", "whistle"], effective.Evaluate(Overdue).Matches.Select(m => m.RuleId));
    }

    [Fact]
    public void With_Layers_StackBottomUp_AndKeepHistory()
    {
        var region = RuleOrigin.Region("Gansu");
        var defaults = Samples.Escalation();
        var effective = defaults
            .With(new RuleOverridesBuilder<CaseFacts, string>(region).Disable("repeat-complaint", "").Build())
            .With(new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin)
                .Replace(Samples.Rule("repeat-complaint", Samples.Repeated, "county-leader", salience: 45))
                .Build());

        var entry = effective.Rules[2];
        Assert.True(entry.IsEnabled);
        Assert.Equal(Samples.Baiyin, entry.Origin);
        Assert.Equal(region, entry.Previous!.DisabledBy);
        Assert.Same(defaults.Rules[2], entry.Previous.Previous);
    }

    [Fact]
    public void With_UnknownIds_ReportsEveryOneByName()
    {
        var layer = new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin)
            .Replace(Samples.Rule("no-such-rule", Samples.Overdue, "x"))
            .Disable("also-missing", "")
            .Add(Samples.Rule("overdue", Samples.Overdue, "x"))
            .Build();
        var e = Assert.Throws<RuleSetException>(() => Samples.Escalation().With(layer));
        Assert.Equal(
            [(RuleProblemKind.UnknownRuleId, "no-such-rule"), (RuleProblemKind.UnknownRuleId, "also-missing"), (RuleProblemKind.RuleIdExists, "overdue")],
            e.Problems.Select(p => (p.Kind, p.RuleId!)));
        Assert.Contains("Layer city 'Baiyin' replaces rule 'no-such-rule', but rule set 'escalation' has no rule with that id.", e.Message);
    }

    [Fact]
    public void OverridesBuild_SameIdTwice_Throws()
    {
        var builder = new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin)
            .Disable("overdue", "")
            .Replace(Samples.Rule("overdue", Samples.Overdue, "x"));
        var e = Assert.Throws<RuleSetException>(builder.Build);
        Assert.Equal(RuleProblemKind.DuplicateRuleId, Assert.Single(e.Problems).Kind);
    }

    [Fact]
    public void With_EmptyLayer_ReturnsSameSet()
    {
        var set = Samples.Escalation();
        Assert.Same(set, set.With(new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin).Build()));
    }

    [Fact]
    public void With_SharesUnchangedRules_WithoutCopyingThem()
    {
        var defaults = Samples.Escalation();
        var effective = defaults.With(new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin).Disable("fallback", "").Build());
        for (var i = 0; i < 4; i++)
        {
            Assert.Same(defaults.Rules[i], effective.Rules[i]);
        }
    }

    [Fact]
    public void RuleOrigin_EqualityAndText()
    {
        Assert.Equal(RuleOrigin.County("Qitai"), new RuleOrigin(RuleOriginKind.County, "Qitai"));
        Assert.NotEqual(RuleOrigin.County("Qitai"), RuleOrigin.City("Qitai"));
        Assert.Equal("county 'Qitai'", RuleOrigin.County("Qitai").ToString());
        Assert.Equal("default", RuleOrigin.Default.ToString());
        Assert.Throws<ArgumentException>(() => RuleOrigin.County(""));
        Assert.Throws<ArgumentOutOfRangeException>(() => new RuleOrigin((RuleOriginKind)99, "x"));
    }
}
