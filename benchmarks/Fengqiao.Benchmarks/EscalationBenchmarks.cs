using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The default escalation policy deciding over 100 000 distinct fact snapshots per operation (a sweep over 100 000
/// due cases) on the default ladder's six-level path: about half the snapshots lead to a move. The reported mean and
/// allocations are per 100 000 decisions.
/// </summary>
[MemoryDiagnoser]
public class EscalationBenchmarks
{
    private const int Snapshots = 100_000;
    private static readonly string[] Categories = ["dispute", "livelihood", "safety-risk", "wage-arrears", "hardship"];
    private static readonly string[] Keywords = ["噪音", "停水", "火灾", "拖欠工资", "物业"];

    private EscalationPolicy _policy = null!;
    private LadderPath _path = null!;
    private EscalationFacts[] _facts = null!;

    /// <summary>Builds the org tree, the path and the snapshots.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var tree = new OrgTreeBuilder()
            .AddUnit(new("secretary"), "区委书记", OrgUnitKind.Secretary)
            .AddUnit(new("task-force"), "工作专班", OrgUnitKind.TaskForce, new("secretary"))
            .AddUnit(new("street"), "街道", OrgUnitKind.Street, new("secretary"))
            .AddUnit(new("community"), "社区", OrgUnitKind.Community, new("street"))
            .AddUnit(new("grid"), "网格", OrgUnitKind.Grid, new("community"))
            .AddUnit(new("dept"), "住建局", OrgUnitKind.Department, new("secretary"))
            .Build();
        _path = BuiltInLadders.Default.Resolve(tree, new("grid"), l => l.Key == "department" ? new OrgUnitId("dept") : null);
        _policy = EscalationPolicy.Default;

        var now = Instant.FromUtc(2026, 3, 2, 1, 0);
        var random = new Random(42);
        _facts = new EscalationFacts[Snapshots];
        for (var i = 0; i < Snapshots; i++)
        {
            var holder = _path.Steps[random.Next(_path.Steps.Length)].Unit.Id;
            var closed = random.Next(10) == 0;
            _facts[i] = new EscalationFacts(new CaseId($"c-{i}"), new CaseCategory(Categories[random.Next(Categories.Length)]), holder, now)
            {
                Keywords = random.Next(3) == 0 ? [Keywords[random.Next(Keywords.Length)]] : [],
                DeclaredUnresolvable = random.Next(8) == 0,
                HandlingStage = random.Next(4) == 0 ? SlaStage.Overdue : SlaStage.OnTrack,
                SameMatterReports = [.. Enumerable.Range(0, random.Next(4)).Select(d => now - Duration.FromDays(random.Next(45)))],
                ClosedBy = closed ? holder : null,
                LatestRating = closed && random.Next(3) == 0 ? CaseRating.Unsatisfied : CaseRating.NotRated,
                PendingInstruction = random.Next(50) == 0 ? new LeaderInstruction("secretary", TimeLimit.WorkingDays(3), now) : null,
            };
        }
    }

    /// <summary>Decides every snapshot (the sweep's fast path: no trace).</summary>
    /// <returns>The number of moves.</returns>
    [Benchmark(Baseline = true)]
    public int Decide100K()
    {
        var moves = 0;
        foreach (var facts in _facts)
        {
            if (_policy.Decide(facts, _path) is not null)
            {
                moves++;
            }
        }

        return moves;
    }

    /// <summary>Decides every snapshot and, for each move, computes the held condition parts from the full trace (what
    /// recording "why" on every escalation event costs).</summary>
    /// <returns>The number of held parts cited.</returns>
    [Benchmark]
    public int DecideAndExplainMoves100K()
    {
        var because = 0;
        foreach (var facts in _facts)
        {
            if (_policy.Decide(facts, _path) is { } move)
            {
                because += move.Because.Count;
            }
        }

        return because;
    }
}
