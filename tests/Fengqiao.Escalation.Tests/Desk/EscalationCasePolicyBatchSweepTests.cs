using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Policies;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using NodaTime;
using static Fengqiao.Escalation.Tests.Desk.EscalationDeskKit;

namespace Fengqiao.Escalation.Tests.Desk;

/// <summary>The sweep on a store with batch loads and group commit: the escalation policy (a batch policy) evaluated on
/// the whole batch, the batch's escalations committed in one group, each case with its own outcome.</summary>
public class EscalationCasePolicyBatchSweepTests
{
    private const int Cases = 12;

    [Fact]
    public async Task SweepAsync_BatchWithOneCaseChangedConcurrently_EscalatesEveryOtherCaseExactlyOnceInOneGroup()
    {
        var (kit, store, cases) = await RegisteredAsync();
        var changed = cases[5];

        // Between the sweep's batch read and its commit, another desk supervises one of the cases.
        store.BeforeGroup = async () =>
        {
            var c = (await store.Inner.LoadAsync(changed.Id, default))!;
            var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Staff("pl-a-1", "pl-a"), c.State, c.State, new CaseSupervised("督办"));
            await store.Inner.AppendAsync(c.Version, [e], c.Apply(e), default);
        };
        kit.Clock.Advance(Duration.FromDays(2));
        var swept = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        Assert.Equal(Cases, swept.CasesSwept);
        Assert.Empty(swept.PolicyFailures);
        Assert.Equal(changed.Id, Assert.Single(swept.Conflicts));
        // One group for the whole batch, escalations and all (a policy's step no longer closes the group).
        Assert.Equal([Cases], store.Groups);
        foreach (var c in cases.Where(c => c.Id != changed.Id))
        {
            var now = await kit.CaseAsync(c.Id);
            Assert.Equal(CaseState.Escalated, now.State);
            Assert.Equal(Id("pl-a"), now.HoldingUnit);
            Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        }

        var untouched = await kit.CaseAsync(changed.Id);
        Assert.Equal(CaseState.Registered, untouched.State);
        Assert.Empty(ByPolicy(await kit.HistoryAsync(changed.Id), CaseTrigger.Escalate));

        // Published once each after the commit; nothing of the refused case.
        var published = kit.Published.Where(e => e.Payload is CaseEscalated).Select(e => e.CaseId.Value).Order(StringComparer.Ordinal);
        Assert.Equal(cases.Where(c => c.Id != changed.Id).Select(c => c.Id.Value).Order(StringComparer.Ordinal), published);

        // The next sweep takes up the refused case, once, and touches no other.
        var again = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Equal(1, again.CasesSwept);
        Assert.Empty(again.Conflicts);
        Assert.Single(ByPolicy(await kit.HistoryAsync(changed.Id), CaseTrigger.Escalate));
        Assert.All(cases, c => Assert.Single(kit.Published, e => e.CaseId == c.Id && e.Payload is CaseEscalated));
        Assert.Equal(0, (await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant())).CasesSwept);
    }

    [Fact]
    public async Task SweepAsync_BatchEvaluationThrowsForOneCase_RecordsTheFailureOnThatCaseAloneAndEscalatesTheOthers()
    {
        var failing = new CaseId("case-4");
        var (kit, store, cases) = await RegisteredAsync(policy => new FailingFor(policy, failing));
        kit.Clock.Advance(Duration.FromDays(2));
        var swept = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        var failure = Assert.Single(swept.PolicyFailures);
        Assert.Equal(failing, failure.Case.Id);
        Assert.Contains("no ladder for this case", failure.Message, StringComparison.Ordinal);
        // The batch was evaluated again case by case; the recorded failure closes its group, the rest commit together.
        Assert.Equal(Cases, store.Groups.Sum());
        Assert.InRange(store.Groups.Count, 1, 2);
        foreach (var c in cases)
        {
            var history = await kit.HistoryAsync(c.Id);
            Assert.Equal(c.Id == failing ? 0 : 1, ByPolicy(history, CaseTrigger.Escalate).Count);
            Assert.Equal(c.Id == failing ? 1 : 0, history.Count(e => e.Payload is CasePolicyFailed));
        }
    }

    [Fact]
    public async Task SweepAsync_OnABatchingGroupCommitStore_LeavesTheSameHistoriesAsSweepingCaseByCase()
    {
        // The same county and script on the plain in-memory store (one case at a time, one append each) and on the
        // batching group-commit store: registered, accepted and dispatched cases, swept twice a day for eight days, so
        // accept and handling clocks go overdue, cases escalate up the ladder and their supervisions go overdue in turn.
        var plain = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules(), sla: SlaWithAcceptLimit);
        GroupCommitStore? store = null;
        var batched = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules(), sla: SlaWithAcceptLimit,
            wrap: inner => store = new GroupCommitStore((InMemoryCaseStore)inner));
        var dispatcher = Staff("pl-a-1", "pl-a");
        var ids = new List<CaseId>();
        foreach (var kit in new[] { plain, batched })
        {
            ids.Clear();
            for (var i = 0; i < 30; i++)
            {
                var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Id("village-a1")),
                    new Reporter("张三", $"1391234{i:0000}"), $"邻里纠纷，楼上漏水第{i}次");
                var c = (i % 3) switch
                {
                    0 => (await kit.Desk.RegisterAsync(report, dispatcher)).Case,
                    1 => await kit.Desk.AcceptAsync((await kit.Desk.RegisterAsync(report, dispatcher)).Case.Id, dispatcher),
                    _ => await kit.DispatchedAsync(report, dispatcher, "village-a1"),
                };
                ids.Add(c.Id);
                kit.Clock.Advance(Duration.FromMinutes(47));
            }

            for (var half = 0; half < 16; half++)
            {
                kit.Clock.Advance(Duration.FromHours(12));
                var swept = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
                Assert.Empty(swept.Conflicts);
            }
        }

        Assert.Contains(store!.Groups, size => size > 1);
        var escalations = 0;
        foreach (var id in ids)
        {
            var expected = (await plain.HistoryAsync(id)).Select(Shape).ToList();
            Assert.Equal(expected, (await batched.HistoryAsync(id)).Select(Shape));
            escalations += ByPolicy(await plain.HistoryAsync(id), CaseTrigger.Escalate).Count;
        }

        Assert.True(escalations >= ids.Count, $"{escalations} escalations over {ids.Count} cases: the script should move every case");

        static string Shape(CaseEvent e) =>
            $"{e.Version} {e.At} {e.Actor} {e.From}->{e.To} {e.Payload.GetType().Name} {e.Cause?.RuleId} {string.Join(",", e.Cause?.Facts.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}") ?? [])}";
    }

    /// <summary>Registers <see cref="Cases"/> distinct reports in Baiyin with an accept limit, on a group-commit store.</summary>
    private static async Task<(EscalationDeskKit Kit, GroupCommitStore Store, List<Case> Cases)> RegisteredAsync(Func<ICasePolicy, ICasePolicy>? decorate = null)
    {
        GroupCommitStore? store = null;
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules(), sla: SlaWithAcceptLimit,
            wrap: inner => store = new GroupCommitStore((InMemoryCaseStore)inner), decorate: decorate);
        var cases = new List<Case>();
        for (var i = 0; i < Cases; i++)
        {
            var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Id("village-a1")),
                new Reporter("张三", $"1381234{i:0000}"), $"邻里纠纷，楼上漏水第{i}次");
            cases.Add((await kit.Desk.RegisterAsync(report)).Case);
        }

        return (kit, store!, cases);
    }

    /// <summary>The escalation policy, except that one case's evaluation throws (and so the batch's).</summary>
    private sealed class FailingFor(ICasePolicy policy, CaseId failing) : ICaseBatchPolicy
    {
        public string Name => policy.Name;

        public ValueTask<IReadOnlyList<CasePolicyAction>> EvaluateAsync(CasePolicyArguments arguments, CancellationToken cancellationToken) =>
            arguments.Case.Id == failing ? throw new InvalidOperationException("no ladder for this case") : policy.EvaluateAsync(arguments, cancellationToken);

        public async ValueTask<IReadOnlyList<IReadOnlyList<CasePolicyAction>>> EvaluateManyAsync(IReadOnlyList<CasePolicyArguments> arguments, CancellationToken cancellationToken)
        {
            var answers = new List<IReadOnlyList<CasePolicyAction>>();
            foreach (var a in arguments)
            {
                answers.Add(await EvaluateAsync(a, cancellationToken));
            }

            return answers;
        }
    }
}
