namespace Fengqiao.Sla.Tests.Policies;

/// <summary>Complexity tiers and months as SLA rule fields: the most specific matching rule wins.</summary>
public class SlaPolicyTierAndMonthTests
{
    private static readonly int[] Winter = [12, 1, 2];

    private static SlaRule Rule(string category, int workingDays, string? tier = null, IReadOnlyList<int>? months = null) =>
        new(category, new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(workingDays) }) { Tier = tier, Months = months ?? [] };

    private static readonly SlaPolicy Policy = new SlaPolicyBuilder("tiers")
        .Add(Rule("*", 5))
        .Add(Rule("heating", 3))
        .Add(Rule("heating", 1, months: Winter))
        .Add(Rule("*", 10, tier: "difficult"))
        .Add(Rule("heating", 7, tier: "difficult"))
        .Build();

    [Theory]
    [InlineData("livelihood", null, 7, 5)]
    [InlineData("livelihood", "difficult", 7, 10)]
    [InlineData("heating", null, 7, 3)]
    [InlineData("heating", null, 1, 1)]
    [InlineData("heating", null, 12, 1)]
    [InlineData("heating", null, 0, 3)]
    [InlineData("heating", "difficult", 1, 7)]
    [InlineData("heating", "simple", 1, 1)]
    public void Limit_TierAndMonth_PicksTheMostSpecificRule(string category, string? tier, int month, int expectedDays)
    {
        Assert.Equal(TimeLimit.WorkingDays(expectedDays), Policy.Limit(SlaLimitNames.Handle, category, tier: tier, month: month));
    }

    [Fact]
    public void Build_TwoRulesForTheSameCategoryTierAndMonths_NamesTheDuplicate()
    {
        var builder = new SlaPolicyBuilder("dup").Add(Rule("heating", 1, "simple", Winter)).Add(Rule("heating", 2, "simple", [1, 2, 12]));

        var e = Assert.Throws<InvalidOperationException>(builder.Build);

        Assert.Contains("category 'heating', channel '(any)', priority '(any)', tier 'simple', months 1,2,12", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_TheSameCategoryInOtherMonthsOrTiers_IsNoDuplicate()
    {
        var policy = new SlaPolicyBuilder("ok").Add(Rule("heating", 1, months: Winter)).Add(Rule("heating", 2, months: [6])).Add(Rule("heating", 3, "simple")).Build();

        Assert.Equal(3, policy.Rules.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    public void Months_OutsideTheYear_AreRefusedNamingTheMonth(int month)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Rule("heating", 1, months: [month]));

        Assert.Contains($"month {month}", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_NoRuleForTheTier_NamesTheTierAndMonth()
    {
        var policy = new SlaPolicyBuilder("only simple").Add(Rule("*", 1, "simple")).Build();

        var e = Assert.Throws<KeyNotFoundException>(() => policy.Resolve("dispute", tier: "difficult", month: 7));

        Assert.Contains("tier 'difficult', month 7", e.Message, StringComparison.Ordinal);
    }
}
