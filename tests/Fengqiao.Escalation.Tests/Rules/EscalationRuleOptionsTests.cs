using Fengqiao.Cases;
using Fengqiao.Escalation.Rules;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Tests.Rules;

public class EscalationRuleOptionsTests
{
    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new EscalationRuleOptions();

        Assert.Equal(3, options.RepeatThreshold);
        Assert.Equal(Duration.FromDays(30), options.RepeatWindow);
        Assert.Null(options.RepeatTargetLevel);
        Assert.Equal(["safety-risk", "mass-incident"], options.MustStartHighCategories);
        Assert.Equal(["群体", "聚集", "爆炸", "火灾", "燃气泄漏", "坍塌"], options.MustStartHighKeywords);
        Assert.Equal("task-force", options.MustStartHighLevel);
        Assert.Equal(new SupervisionTerms(CaseSupervisionGrade.Red, TimeLimit.WorkingDays(1)), options.MustStartHighSupervision);
        Assert.Equal(["wage-arrears"], options.WageArrearsCategories);
        Assert.Equal(["欠薪", "讨薪", "拖欠工资", "农民工工资"], options.WageArrearsKeywords);
        Assert.Equal("department", options.WageArrearsLevel);
        Assert.Equal("labour", options.WageArrearsDepartment);
        Assert.Equal(new SupervisionTerms(CaseSupervisionGrade.Yellow, TimeLimit.WorkingDays(3)), options.OverdueSupervision);
    }

    [Fact]
    public void Create_OptionsChangedAfterwards_DoNotChangeTheBuiltRules()
    {
        var options = new EscalationRuleOptions();
        var rules = DefaultEscalationRules.Create(options);
        options.MustStartHighCategories.Clear();
        options.RepeatThreshold = 99;

        var facts = EscalationSamples.Facts("grid-1", "safety-risk");
        Assert.Equal(EscalationRuleIds.MustStartHigh, new EscalationPolicy(rules).Decide(facts, EscalationSamples.SaybaghPath)!.RuleId);
    }
}
