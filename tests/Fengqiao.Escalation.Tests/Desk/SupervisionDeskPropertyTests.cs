using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;
using static Fengqiao.Escalation.Tests.Desk.EscalationDeskKit;

namespace Fengqiao.Escalation.Tests.Desk;

public class SupervisionDeskPropertyTests
{
    private static readonly CaseActor Dispatcher = Staff("dispatcher", "secretary");
    private static readonly CaseActor StreetLeader = Staff("street-leader", "street");
    private static readonly string[] Departments = ["dept-housing", "dept-labour", "dept-water"];

    private static readonly HashSet<string> KnownRules =
    [
        "sla.clock-stage", "sla.supervision-deadline", "sla.summons-deadline",
        EscalationRuleIds.Overdue, EscalationRuleIds.CannotResolve, EscalationRuleIds.SupervisionOverdue, EscalationRuleIds.WhistleNoShow,
        EscalationRuleIds.RepeatComplaint, EscalationRuleIds.MustStartHigh, EscalationRuleIds.WageArrears, EscalationRuleIds.ReopenAboveCloser,
        EscalationRuleIds.LeaderInstruction,
    ];

    // A random history: 0-2 = advance 1..40 hours and sweep, 3 = the street supervises the holder, 4 = the street
    // summons some departments, 5 = a summoned department reports in, 6 = the holder declares 无法解决, 7 = the holder resolves.
    private static readonly FsCheck.Gen<(int Step, int Pick)[]> Scripts =
        Gen.ArrayOf(from step in Gen.Choose(0, 7) from pick in Gen.Choose(1, 40) select (step, pick));

    [Fact]
    public void Desk_RandomHistories_SupervisionsOnlyMoveUpNeverLoopAndEveryAutomaticEventNamesARule()
    {
        var reissues = 0;
        var noShows = 0;
        PropertyCheck.ForAll(Scripts, script =>
        {
            var (r, n) = Task.Run(() => RunAsync(script)).GetAwaiter().GetResult();
            reissues += r;
            noShows += n;
        }, 0.3);

        Assert.True(reissues > 0, "no script re-issued an overdue supervision; the generator does not exercise supervision-overdue");
        Assert.True(noShows > 0, "no script supervised a no-show department; the generator does not exercise whistle-no-show");
    }

    private static async Task<(int Reissues, int NoShows)> RunAsync((int Step, int Pick)[] script)
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default, options: new EscalationCasePolicyOptions { SupervisionLimit = TimeLimit.WorkingHours(4) });
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        var chain = Counties.SaybaghChain;
        foreach (var (step, pick) in script)
        {
            var now = await kit.CaseAsync(c.Id);
            try
            {
                await ActAsync(kit, now, step, pick);
            }
            catch (CaseActionRefusedException)
            {
                // Refusals (a supervision from a unit not above the holder, a state that does not permit it) change nothing.
            }

            var after = await kit.CaseAsync(c.Id);
            var history = await kit.HistoryAsync(c.Id);
            var replayed = Case.Replay(history, Calendar);
            // ToArray: xunit compares ImmutableArray<T> by its own (reference) equality; arrays are compared item by item.
            Assert.Equal(after.Supervisions.ToArray(), replayed.Supervisions.ToArray());
            Assert.Equal(after.Summonses.ToArray(), replayed.Summonses.ToArray());
            Assert.Equal(after.NextDueAt, replayed.NextDueAt);

            Assert.All(history.Where(e => e.Actor.Kind == CaseActorKind.System), e =>
            {
                Assert.NotNull(e.Cause);
                Assert.Contains(e.Cause!.RuleId, KnownRules);
            });

            foreach (var s in after.Supervisions)
            {
                if (s.Supersedes is { } older)
                {
                    // Only up: one level above the issuer of the supervision it replaced, one grade higher (capped).
                    var old = after.Supervisions[older - 1];
                    Assert.Equal(Array.IndexOf(chain, old.IssuingUnit.Value) + 1, Array.IndexOf(chain, s.IssuingUnit.Value));
                    Assert.True(s.Grade >= old.Grade);
                    Assert.Equal(CaseSupervisionClosure.Superseded, old.ClosedBecause);
                    Assert.Equal(EscalationRuleIds.SupervisionOverdue, s.RuleId);
                }

                // Never loops: a chain of re-issues is never longer than the ladder.
                var length = 1;
                for (var link = s; link.Supersedes is { } back; link = after.Supervisions[back - 1])
                {
                    length++;
                }

                Assert.True(length <= chain.Length, $"supervision #{s.Sequence} was re-issued {length} times on a {chain.Length}-level ladder");
            }

            // A no-show department is supervised by the whistle rule at most once per summons.
            Assert.All(
                after.Supervisions.Where(s => s.RuleId == EscalationRuleIds.WhistleNoShow).GroupBy(s => (s.Summons, s.TargetUnit)),
                g => Assert.Single(g));
        }

        var final = await kit.CaseAsync(c.Id);
        return (final.Supervisions.Count(s => s.Supersedes is not null), final.Supervisions.Count(s => s.RuleId == EscalationRuleIds.WhistleNoShow));
    }

    private static async Task ActAsync(EscalationDeskKit kit, Case now, int step, int pick)
    {
        var id = now.Id;
        switch (step)
        {
            case <= 2:
                kit.Clock.Advance(Duration.FromHours(pick));
                Assert.Empty((await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant())).PolicyFailures);
                break;
            case 3 when now.HoldingUnit is { } holder:
                await kit.Desk.SuperviseAsync(id, StreetLeader, holder, TimeLimit.WorkingHours(1 + (pick % 6)), (CaseSupervisionGrade)(pick % 3));
                break;
            case 4:
                var summoned = Departments.Where((_, i) => ((pick >> i) & 1) == 1).Select(Id).ToList();
                await kit.Desk.SummonAsync(id, StreetLeader, summoned.Count == 0 ? [Id("dept-water")] : summoned, TimeLimit.WorkingHours(1 + (pick % 4)));
                break;
            case 5 when now.Summonses.SelectMany(s => s.Pending).Distinct().ToList() is { Count: > 0 } pending:
                var department = pending[pick % pending.Count];
                await kit.Desk.ReportInAsync(id, Staff("w-" + department.Value, department.Value), department);
                break;
            case 6 when now.HoldingUnit is { } unit && now.State is CaseState.Dispatched or CaseState.Escalated:
                var worker = Staff("w-" + unit.Value, unit.Value);
                await kit.Desk.ClaimAsync(id, worker);
                await kit.Desk.ReturnAsync(id, worker, CannotResolve.Reason("无权处理"));
                break;
            case 7 when pick % 4 == 0 && now.HoldingUnit is { } unit && now.State is CaseState.Dispatched or CaseState.Escalated:
                var holderWorker = Staff("w-" + unit.Value, unit.Value);
                await kit.Desk.ClaimAsync(id, holderWorker);
                await kit.Desk.StartAsync(id, holderWorker);
                var resolved = await kit.Desk.ResolveAsync(id, holderWorker, "已办结");
                Assert.DoesNotContain(resolved.Supervisions, s => s.IsOpen);
                Assert.DoesNotContain(resolved.Summonses, s => s.IsOpen);
                break;
            default:
                break;
        }
    }
}
