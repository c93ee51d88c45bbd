using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Rendering;
using Fengqiao.TestSupport;

namespace Fengqiao.Rules.Tests.Rendering;

public class RuleSetRendererTests
{
    [Fact]
    public void RenderText_LayeredSet_MatchesSnapshot()
    {
        var set = Samples.Escalation()
            .With(new RuleOverridesBuilder<CaseFacts, string>(RuleOrigin.Region("Gansu"))
                .Replace(new Rule<CaseFacts, string>("overdue", "Overdue handling goes up and the new level supervises (督办), yellow card first",
                    Condition.All(Samples.Overdue, Samples.NotAtTop), _ => "up", salience: 45))
                .Build())
            .With(new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin)
                .Disable("repeat-complaint", "repeat reports are merged by the 12345 hotline")
                .Add(new Rule<CaseFacts, string>("deputy-reopens", "A deputy's unsatisfied rating reopens one level above the closer",
                    Condition.Part<CaseFacts>("deputy rated unsatisfied", _ => false), _ => "reopen-above", salience: 60))
                .Build());
        Snapshot.Match(RuleSetRenderer.RenderText(set));
    }

    [Fact]
    public void RenderText_EmptyConditions_ReadAlwaysAndNever()
    {
        var set = new RuleSetBuilder<int, int>("edge")
            .Add("always", "", Condition.Always<int>(), _ => 1)
            .Add("never", "", Condition.Any<int>(), _ => 2)
            .Build();
        var text = RuleSetRenderer.RenderText(set);
        Assert.Contains("when always\n", text);
        Assert.Contains("when never\n", text);
    }
}
