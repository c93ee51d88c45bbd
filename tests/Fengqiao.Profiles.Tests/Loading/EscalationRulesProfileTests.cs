using Fengqiao.Escalation.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.TestSupport;

namespace Fengqiao.Profiles.Tests.Loading;

public class EscalationRulesProfileTests
{
    private static string Baiyin() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "baiyin.yaml"));

    // A county row of the test's own (Baiyin's sample states no escalation row of its own: its article has none).
    private static string BaiyinWithRow() => Baiyin() + """
            rows:
              - id: heating-to-township
                description: Heating failures go straight to the township head
                salience: 45
                when:
                  all:
                    - field: category
                      op: in
                      values: [heating]
                    - field: below_township-head
                      op: equals
                      value: "true"
                then:
                  target: start-at
                  level: township-head

        """;

    [Fact]
    public void Baiyin_CountyRowIsAddedWithItsOrigin_DefaultsStay()
    {
        var policy = CountyProfileLoader.Parse(BaiyinWithRow()).BuildEscalationPolicy();

        Assert.True(policy.Rules.TryGetRule("heating-to-township", out var heating));
        Assert.Equal(RuleOriginKind.County, heating!.Origin.Kind);
        Assert.True(policy.Rules.TryGetRule(EscalationRuleIds.Overdue, out var overdue));
        Assert.Equal(RuleOriginKind.Default, overdue!.Origin.Kind);
    }

    [Fact]
    public void Rows_ReplaceADefaultByIdAndDisableAnother()
    {
        var yaml = BaiyinWithRow().Replace("      - id: heating-to-township", "      - id: overdue") + "    disable: [wage-arrears]\n";

        var policy = CountyProfileLoader.Parse(yaml).BuildEscalationPolicy();

        Assert.True(policy.Rules.TryGetRule(EscalationRuleIds.Overdue, out var overdue));
        Assert.Equal(RuleOriginKind.County, overdue!.Origin.Kind);
        Assert.True(policy.Rules.TryGetRule(EscalationRuleIds.WageArrears, out var wages));
        Assert.NotNull(wages!.DisabledBy);
    }

    [Fact]
    public void Disable_ADeskRule_SwitchesItOffInTheDeskRulesAndLeavesTheEscalationRulesWhole()
    {
        var profile = CountyProfileLoader.Parse(Baiyin() + "    disable: [supervision-overdue]\n");

        var desk = profile.BuildDeskEscalationRules();
        var policy = profile.BuildEscalationPolicy();

        Assert.False(desk.Rules.Single(r => r.Id == EscalationRuleIds.SupervisionOverdue).IsEnabled);
        Assert.True(desk.Rules.Single(r => r.Id == EscalationRuleIds.WhistleNoShow).IsEnabled);
        Assert.All(policy.Rules.Rules, r => Assert.True(r.IsEnabled, r.Id));
        Assert.Same(Fengqiao.Escalation.Desk.DeskEscalationRules.Default, CountyProfileLoader.Parse(Baiyin()).BuildDeskEscalationRules());
    }

    [Fact]
    public void Rows_WrittenBackOut_RoundTrip()
    {
        var profile = CountyProfileLoader.Parse(BaiyinWithRow());

        var written = CountyProfileWriter.Write(profile);

        Assert.Contains("id: \"heating-to-township\"", written);
        Assert.Equal(written, CountyProfileWriter.Write(CountyProfileLoader.Parse(written)));
    }

    [Fact]
    public void Rows_BadFieldTargetOperatorAndDisable_AreReportedAtTheRow()
    {
        var yaml = BaiyinWithRow()
            .Replace("field: category", "field: categroy")
            .Replace("target: start-at", "target: start-high")
            .Replace("op: equals", "op: eq") + "    disable: [overdew]\n";

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "baiyin.yaml"));

        Assert.Contains(error.Problems, p => p.Message.Contains("'eq' is not an operator") && p.Message.Contains("did you mean 'equals'?"));
        Assert.Contains(error.Problems, p => p.Message.Contains("cannot disable 'overdew'") && p.Message.Contains("did you mean 'overdue'?"));
        Assert.All(error.Problems, p => Assert.True(p.Line > 0, p.ToString()));
    }

    [Fact]
    public void Rows_UnknownFieldAndTarget_NameTheRule()
    {
        var yaml = BaiyinWithRow().Replace("field: category", "field: categroy").Replace("target: start-at", "target: start-high");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "baiyin.yaml"));

        Assert.Contains(error.Problems, p => p.Message.Contains("categroy") && p.Path.StartsWith("rules.escalation.rows[0]", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Message.Contains("start-high"));
    }
}
