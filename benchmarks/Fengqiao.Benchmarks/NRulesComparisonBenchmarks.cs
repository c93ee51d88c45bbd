using System.Linq.Expressions;
using BenchmarkDotNet.Attributes;
using Fengqiao.Rules;
using NRules;
using NRules.RuleModel;
using NRules.RuleModel.Builders;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The 50-rule set of <see cref="RulesBenchmarks"/> beside the same 50 rules in NRules 1.0.4, over the same pool of
/// 1 024 distinct facts (cycled). Every mean and allocation is <b>per fact</b> (<c>OperationsPerInvoke</c>), so the
/// ratio column compares like with like and a million facts cost a million times the mean.
/// </summary>
/// <remarks>
/// <para>Both sides fire every matching rule (collect): NRules fires all activations on its agenda, so Fengqiao's
/// <see cref="HitPolicy.Collect"/> set is the fair baseline; the priority set is shown too.</para>
/// <para>NRules is measured two ways: one fact at a time (insert, fire, retract: a decision per request, as the desk
/// asks its rules), and a batch of the whole pool at once (insert all, fire, retract all: its Rete's best case). The
/// NRules side runs over 10 240 facts per invocation, not a million (a million would take minutes per iteration);
/// its per-fact figure is extrapolated linearly to a million in docs/benchmarks.md.</para>
/// </remarks>
[MemoryDiagnoser]
public class NRulesComparisonBenchmarks
{
    private const int Facts = 1_000_000;
    private const int NRulesFacts = 10_240;
    private const int Pool = 1024;
    private static readonly string[] Categories = ["safety", "wage-arrears", "noise", "property", "other"];

    private RuleSet<RulesBenchmarks.BenchFact, string> _priority = null!;
    private RuleSet<RulesBenchmarks.BenchFact, string> _collect = null!;
    private ISession _session = null!;
    private RulesBenchmarks.BenchFact[] _facts = null!;
    private NRulesFact[] _nrulesFacts = null!;

    /// <summary>Builds both rule sets and the fact pool.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var builder = new RuleSetBuilder<RulesBenchmarks.BenchFact, string>("bench") { HitPolicy = HitPolicy.Priority };
        var definitions = new List<IRuleDefinition>();
        for (var i = 0; i < 50; i++)
        {
            var category = Categories[i % Categories.Length];
            var repeats = i % 7;
            var overdue = i % 2 == 0;
            var decision = "decision-" + i;
            builder.Add($"r{i}", "", Condition.All(
                Condition.Part<RulesBenchmarks.BenchFact>("category = " + category, f => f.Category == category),
                Condition.Part<RulesBenchmarks.BenchFact>("repeats >= " + repeats, f => f.Repeats >= repeats),
                Condition.Part<RulesBenchmarks.BenchFact>("overdue = " + overdue, f => f.Overdue == overdue)), _ => decision, salience: i);
            definitions.Add(NRulesRule($"r{i}", i, category, repeats, overdue));
        }

        _priority = builder.Build();
        builder.HitPolicy = HitPolicy.Collect;
        _collect = builder.Build();
        _session = new RuleCompiler().Compile(definitions).CreateSession();

        var random = new Random(42);
        _facts = new RulesBenchmarks.BenchFact[Pool];
        for (var i = 0; i < Pool; i++)
        {
            _facts[i] = new RulesBenchmarks.BenchFact(Categories[random.Next(Categories.Length)], random.Next(0, 9), random.Next(2) == 0);
        }

        // NRules tells facts apart by Equals, and the pool repeats values (a record equals its twin): its facts are
        // objects with reference identity carrying the same values, so the whole pool can be in the session at once.
        _nrulesFacts = [.. _facts.Select(f => new NRulesFact(f.Category, f.Repeats, f.Overdue))];
    }

    /// <summary>Fengqiao, collect hit policy (every matching rule), per fact over a million facts.</summary>
    /// <returns>The number of rule applications.</returns>
    [Benchmark(Baseline = true, OperationsPerInvoke = Facts)]
    public int FengqiaoCollect()
    {
        var hits = 0;
        for (var i = 0; i < Facts; i++)
        {
            hits += _collect.Evaluate(_facts[i & (Pool - 1)]).Count;
        }

        return hits;
    }

    /// <summary>Fengqiao, priority hit policy (the first matching rule), per fact over a million facts.</summary>
    /// <returns>The number of facts some rule applied to.</returns>
    [Benchmark(OperationsPerInvoke = Facts)]
    public int FengqiaoPriority()
    {
        var hits = 0;
        for (var i = 0; i < Facts; i++)
        {
            hits += _priority.Evaluate(_facts[i & (Pool - 1)]).Count;
        }

        return hits;
    }

    /// <summary>NRules, one fact at a time: insert, fire every activation, retract; per fact over 10 240 facts.</summary>
    /// <returns>The number of rule firings.</returns>
    [Benchmark(OperationsPerInvoke = NRulesFacts)]
    public long NRulesOneFactAtATime()
    {
        var before = Hits.Count;
        for (var i = 0; i < NRulesFacts; i++)
        {
            var fact = _nrulesFacts[i & (Pool - 1)];
            _session.Insert(fact);
            _session.Fire();
            _session.Retract(fact);
        }

        return Hits.Count - before;
    }

    /// <summary>NRules, the whole pool at once: insert 1 024 facts, fire, retract them; per fact over 10 240 facts.</summary>
    /// <returns>The number of rule firings.</returns>
    [Benchmark(OperationsPerInvoke = NRulesFacts)]
    public long NRulesBatchOfThePool()
    {
        var before = Hits.Count;
        for (var round = 0; round < NRulesFacts / Pool; round++)
        {
            _session.InsertAll(_nrulesFacts);
            _session.Fire();
            _session.RetractAll(_nrulesFacts);
        }

        return Hits.Count - before;
    }

    private static IRuleDefinition NRulesRule(string name, int priority, string category, int repeats, bool overdue)
    {
        var rule = new RuleBuilder();
        rule.Name(name);
        rule.Priority(priority);
        var pattern = rule.LeftHandSide().Pattern(typeof(NRulesFact), "fact");
        var fact = pattern.Declaration.ToParameterExpression();
        pattern.Condition(Expression.Lambda(Expression.Equal(Expression.Property(fact, nameof(NRulesFact.Category)), Expression.Constant(category)), fact));
        pattern.Condition(Expression.Lambda(Expression.GreaterThanOrEqual(Expression.Property(fact, nameof(NRulesFact.Repeats)), Expression.Constant(repeats)), fact));
        pattern.Condition(Expression.Lambda(Expression.Equal(Expression.Property(fact, nameof(NRulesFact.Overdue)), Expression.Constant(overdue)), fact));
        Expression<Action<IContext, NRulesFact>> action = (ctx, fact) => Hits.Add();
        rule.RightHandSide().Action(action);
        return rule.Build();
    }

    /// <summary>The benchmark's fact for NRules: the same values as <see cref="RulesBenchmarks.BenchFact"/>, with reference identity.</summary>
    /// <param name="category">The matter's category.</param>
    /// <param name="repeats">How often it was reported.</param>
    /// <param name="overdue">Whether the handling clock is overdue.</param>
    public sealed class NRulesFact(string category, int repeats, bool overdue)
    {
        /// <summary>Gets the matter's category.</summary>
        public string Category { get; } = category;

        /// <summary>Gets how often it was reported.</summary>
        public int Repeats { get; } = repeats;

        /// <summary>Gets whether the handling clock is overdue.</summary>
        public bool Overdue { get; } = overdue;
    }

    /// <summary>Counts NRules firings (its actions return nothing).</summary>
    public static class Hits
    {
        /// <summary>Gets the firings so far.</summary>
        public static long Count { get; private set; }

        /// <summary>Counts one firing.</summary>
        public static void Add() => Count++;
    }
}
