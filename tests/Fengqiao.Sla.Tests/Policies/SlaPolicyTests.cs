using NodaTime;

namespace Fengqiao.Sla.Tests.Policies;

public class SlaPolicyTests
{
    [Theory]
    [InlineData("livelihood", 1)]
    [InlineData("policy-information", 1)]
    [InlineData("dispute", 3)]
    [InlineData("hardship", 3)]
    [InlineData("road-repair", 5)]
    [InlineData("administrative-permit", 20)]
    public void Urumqi1351_Categories_HaveTheirHandleLimit(string category, int workingDays)
    {
        Assert.Equal(TimeLimit.WorkingDays(workingDays), SlaPolicies.Urumqi1351.Limit(SlaLimitNames.Handle, category));
        Assert.Equal(TimeLimit.WorkingDays(1), SlaPolicies.Urumqi1351.Limit(SlaLimitNames.Callback, category));
        Assert.Empty(SlaPolicies.Urumqi1351.Resolve(category).Thresholds);
    }

    [Fact]
    public void Statutory_Petition_HasSixtyDaysAndAThirtyDayExtension()
    {
        var rule = SlaPolicies.Statutory.Resolve("petition");

        Assert.Equal(TimeLimit.CalendarDays(60), rule.Limits[SlaLimitNames.Handle]);
        Assert.Equal(TimeLimit.CalendarDays(30), rule.Limits[SlaLimitNames.Extension]);
        Assert.Contains("信访工作条例", rule.Source);
        Assert.Equal(TimeLimit.WorkingDays(30), SlaPolicies.Statutory.Limit(SlaLimitNames.Handle, "medical-dispute"));
    }

    [Fact]
    public void Resolve_ChannelAndPriorityRules_PicksTheMostSpecific()
    {
        var limits = (int n) => new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(n) };
        var policy = new SlaPolicyBuilder("county")
            .Add(new SlaRule("complaint", limits(5)))
            .Add(new SlaRule("complaint", limits(3), channel: "hotline"))
            .Add(new SlaRule("complaint", limits(1), channel: "hotline", priority: "urgent",
                thresholds: [WarningThreshold.BeforeDeadline("red", Duration.FromHours(2))]))
            .Build();

        Assert.Equal(TimeLimit.WorkingDays(5), policy.Limit(SlaLimitNames.Handle, "complaint", "web"));
        Assert.Equal(TimeLimit.WorkingDays(3), policy.Limit(SlaLimitNames.Handle, "complaint", "hotline"));
        Assert.Equal(TimeLimit.WorkingDays(1), policy.Limit(SlaLimitNames.Handle, "complaint", "hotline", "urgent"));
        Assert.Single(policy.Resolve("complaint", "hotline", "urgent").Thresholds);
    }

    [Fact]
    public void Limit_UnknownCategoryOrName_ThrowsNamingIt()
    {
        var e = Assert.Throws<KeyNotFoundException>(() => SlaPolicies.Guangdong12345.Limit(SlaLimitNames.Handle, "weather"));
        Assert.Contains("'weather'", e.Message);
        var e2 = Assert.Throws<KeyNotFoundException>(() => SlaPolicies.Guangdong12345.Limit("sign-for", "complaint"));
        Assert.Contains("'sign-for'", e2.Message);
    }

    [Fact]
    public void Build_DuplicateRules_ThrowsNamingThem()
    {
        var limits = new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(1) };
        var e = Assert.Throws<InvalidOperationException>(() =>
            new SlaPolicyBuilder("x").Add(new SlaRule("a", limits)).Add(new SlaRule("a", limits)).Build());
        Assert.Contains("category 'a'", e.Message);
    }

    [Fact]
    public void AfterFraction_OutOfRange_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => WarningThreshold.AfterFraction("yellow", 1.0));
        Assert.Throws<ArgumentOutOfRangeException>(() => WarningThreshold.BeforeDeadline("red", Duration.Zero));
    }
}
