using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Policies;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class SuperviseOnStagePolicyTests
{
    [Fact]
    public async Task SweepAsync_CasesWhoseStagesMoveSeveralTimes_SupervisesEachOnceRightAfterItsFirstStageChange()
    {
        var county = new BareCounty(configure: o => o.Policies.Add(new SuperviseOnStagePolicy()));
        Case[] cases = [await county.DispatchedAsync(), await county.RegisterAsync(BareCounty.Report(phone: "13900000002"))];

        await county.AdvanceAsync(Duration.FromDays(7));

        foreach (var c in cases)
        {
            var history = await county.HistoryAsync(c.Id);
            Assert.True(history.Count(e => e.Payload is CaseClockStageChanged) > 1, $"case {c.Id}: the sweeps moved its stage only once");
            var note = Assert.Single(history, e => e.Payload is CaseSupervised);
            Assert.Equal(SuperviseOnStagePolicy.RuleId, note.Cause?.RuleId);
            Assert.Equal(history.First(e => e.Payload is CaseClockStageChanged).Version + 1, note.Version);
        }
    }

    [Fact]
    public async Task EvaluateManyAsync_DefaultArguments_IsRefusedNamingTheArguments()
    {
        var policy = new SuperviseOnStagePolicy();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => policy.EvaluateManyAsync([default(CasePolicyArguments)], default).AsTask());

        Assert.Equal("arguments", e.ParamName);
    }
}
