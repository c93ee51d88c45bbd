using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Escalation.Tests.Desk.EscalationDeskKit;

namespace Fengqiao.Escalation.Tests.Desk;

public class EscalationCasePolicyPropertyTests
{
    private static readonly CaseActor Dispatcher = Staff("dispatcher", "secretary");

    // A random script: 0 = advance and sweep, 1 = sweep again at the same instant, 2 = the holder declares 无法解决.
    private static readonly FsCheck.Gen<(int Step, int Hours)[]> Scripts =
        Gen.ArrayOf(from step in Gen.Choose(0, 2) from hours in Gen.Choose(1, 200) select (step, hours));

    [Fact]
    public void Desk_RandomSweepsAndDeclarations_OnlyMovesUpOneNamedLevelAtATimeAndNeverFails()
    {
        var escalations = 0;

        // Task.Run: the desk is async, a property is not; running off the test's synchronisation context cannot deadlock.
        PropertyCheck.ForAll(Scripts, script => escalations += Task.Run(() => RunAsync(script)).GetAwaiter().GetResult(), 0.3);

        Assert.True(escalations > 0, "no script escalated anything; the generator does not exercise the policy");
    }

    private static async Task<int> RunAsync((int Step, int Hours)[] script)
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        var chain = Counties.SaybaghChain.Select(Id).ToList();
        var highest = 0;
        foreach (var (step, hours) in script)
        {
            var now = await kit.CaseAsync(c.Id);
            switch (step)
            {
                case 0:
                    kit.Clock.Advance(Duration.FromHours(hours));
                    Assert.Empty((await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant())).PolicyFailures);
                    break;
                case 1:
                    var again = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
                    Assert.Empty(again.PolicyFailures);
                    Assert.Equal(0, again.EventsAppended);
                    break;
                default:
                    if (now.HoldingUnit is { } unit && now.State is CaseState.Dispatched or CaseState.Escalated)
                    {
                        var worker = Staff("w-" + unit.Value, unit.Value);
                        await kit.Desk.ClaimAsync(c.Id, worker);
                        await kit.Desk.ReturnAsync(c.Id, worker, CannotResolve.Reason("无权处理"));
                    }

                    break;
            }

            var after = await kit.CaseAsync(c.Id);
            if (after.HoldingUnit is { } holder)
            {
                var index = chain.IndexOf(holder);
                Assert.True(index >= highest, $"moved down to {holder}");
                highest = index;
            }

            Assert.True(after.EscalationCount <= chain.Count - 1, "escalated past the top");
        }

        var history = await kit.HistoryAsync(c.Id);
        foreach (var e in ByPolicy(history, CaseTrigger.Escalate))
        {
            Assert.False(string.IsNullOrEmpty(e.Cause!.RuleId));
            Assert.Equal(chain.IndexOf(Id(e.Cause.Facts["from"])) + 1, chain.IndexOf(e.Unit()!.Value));
            Assert.False(string.IsNullOrEmpty(e.Cause.Facts["because"]));
        }

        return ByPolicy(history, CaseTrigger.Escalate).Count;
    }
}
