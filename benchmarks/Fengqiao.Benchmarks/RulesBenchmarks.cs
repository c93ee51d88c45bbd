using BenchmarkDotNet.Attributes;
using Fengqiao.Rules;
using Fengqiao.Rules.Tables;

namespace Fengqiao.Benchmarks;

/// <summary>
/// A 50-rule escalation-like set, code-first and as a decision table, evaluated over one million facts per operation
/// (a pool of 1 024 distinct facts, cycled). The reported mean is the time per million facts; allocations are per
/// million facts too.
/// </summary>
[MemoryDiagnoser]
public class RulesBenchmarks
{
    private const int Facts = 1_000_000;
    private const int Pool = 1024;
    private static readonly string[] Categories = ["safety", "wage-arrears", "noise", "property", "other"];

    private RuleSet<BenchFact, string> _codeFirst = null!;
    private RuleSet<BenchFact, string> _codeFirstCollect = null!;
    private RuleSet<FactRecord, TableDecision> _table = null!;
    private BenchFact[] _facts = null!;
    private FactRecord[] _records = null!;

    /// <summary>Builds the rule sets and the fact pools.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var builder = new RuleSetBuilder<BenchFact, string>("bench") { HitPolicy = HitPolicy.Priority };
        var schema = new FactSchemaBuilder()
            .AddEnumeration("category", Categories)
            .AddNumber("repeats")
            .AddBoolean("overdue")
            .Build();
        var table = new DecisionTableBuilder("bench", schema) { HitPolicy = HitPolicy.Priority }.AddTargets("up");
        for (var i = 0; i < 50; i++)
        {
            var category = Categories[i % Categories.Length];
            var repeats = i % 7;
            var overdue = i % 2 == 0;
            var decision = "decision-" + i;
            builder.Add($"r{i}", "", Condition.All(
                Condition.Part<BenchFact>("category = " + category, f => f.Category == category),
                Condition.Part<BenchFact>("repeats >= " + repeats, f => f.Repeats >= repeats),
                Condition.Part<BenchFact>("overdue = " + overdue, f => f.Overdue == overdue)), _ => decision, salience: i);
            table.AddRow($"r{i}", "", TableCondition.All(
                TableCondition.Equal("category", category),
                TableCondition.GreaterThanOrEqual("repeats", repeats),
                TableCondition.Equal("overdue", overdue)), new TableAction("up"), salience: i);
        }

        _codeFirst = builder.Build();
        builder.HitPolicy = HitPolicy.Collect;
        _codeFirstCollect = builder.Build();
        _table = table.Build().ToRuleSet();

        var random = new Random(42);
        _facts = new BenchFact[Pool];
        _records = new FactRecord[Pool];
        for (var i = 0; i < Pool; i++)
        {
            var fact = new BenchFact(Categories[random.Next(Categories.Length)], random.Next(0, 9), random.Next(2) == 0);
            _facts[i] = fact;
            _records[i] = schema.CreateRecord().Set("category", fact.Category).Set("repeats", fact.Repeats).Set("overdue", fact.Overdue).Build();
        }
    }

    /// <summary>Code-first, priority hit policy, fast path.</summary>
    /// <returns>The number of facts some rule applied to.</returns>
    [Benchmark(Baseline = true)]
    public int CodeFirstPriorityEvaluate1M()
    {
        var hits = 0;
        for (var i = 0; i < Facts; i++)
        {
            hits += _codeFirst.Evaluate(_facts[i & (Pool - 1)]).Count;
        }

        return hits;
    }

    /// <summary>Code-first, collect hit policy (every matching rule), fast path.</summary>
    /// <returns>The number of rule applications.</returns>
    [Benchmark]
    public int CodeFirstCollectEvaluate1M()
    {
        var hits = 0;
        for (var i = 0; i < Facts; i++)
        {
            hits += _codeFirstCollect.Evaluate(_facts[i & (Pool - 1)]).Count;
        }

        return hits;
    }

    /// <summary>The same rules as a decision table over fact records, priority hit policy, fast path.</summary>
    /// <returns>The number of facts some rule applied to.</returns>
    [Benchmark]
    public int TablePriorityEvaluate1M()
    {
        var hits = 0;
        for (var i = 0; i < Facts; i++)
        {
            hits += _table.Evaluate(_records[i & (Pool - 1)]).Count;
        }

        return hits;
    }

    /// <summary>Code-first with a full trace (Explain) for each of 100 000 facts (a tenth of the others): what
    /// explaining costs.</summary>
    /// <returns>The number of traces.</returns>
    [Benchmark]
    public int CodeFirstPriorityExplain100K()
    {
        var traces = 0;
        for (var i = 0; i < Facts / 10; i++)
        {
            traces += _codeFirst.Explain(_facts[i & (Pool - 1)]).Rules.Count;
        }

        return traces;
    }

    /// <summary>The benchmark's fact.</summary>
    /// <param name="Category">The matter's category.</param>
    /// <param name="Repeats">How often it was reported.</param>
    /// <param name="Overdue">Whether the handling clock is overdue.</param>
    public sealed record BenchFact(string Category, int Repeats, bool Overdue);
}
