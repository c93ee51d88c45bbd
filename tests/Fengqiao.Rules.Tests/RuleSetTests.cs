using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Layering;
using Fengqiao.TestSupport;

namespace Fengqiao.Rules.Tests;

public class RuleSetTests
{
    private static readonly CaseFacts Overdue = new(CannotResolve: false, Overdue: true, Repeats: 0, Category: "noise");
    private static readonly CaseFacts OverdueAndStuck = new(CannotResolve: true, Overdue: true, Repeats: 0, Category: "noise");

    [Fact]
    public void Builder_Defaults_ArePriorityAndDefaultOrigin()
    {
        var builder = new RuleSetBuilder<CaseFacts, string>("x");
        Assert.Equal(HitPolicy.Priority, builder.HitPolicy);
        Assert.Equal(RuleOrigin.Default, builder.Origin);
    }

    [Fact]
    public void Build_DuplicateIds_ReportsEveryOneAtOnce()
    {
        var builder = new RuleSetBuilder<CaseFacts, string>("escalation")
            .Add(Samples.Rule("a", Samples.Overdue, "1"))
            .Add(Samples.Rule("b", Samples.Overdue, "2"))
            .Add(Samples.Rule("a", Samples.Overdue, "3"))
            .Add(Samples.Rule("b", Samples.Overdue, "4"));
        var e = Assert.Throws<RuleSetException>(builder.Build);
        Assert.Equal(["a", "b"], e.Problems.Select(p => p.RuleId));
        Assert.All(e.Problems, p => Assert.Equal(RuleProblemKind.DuplicateRuleId, p.Kind));
        Assert.Contains("'escalation'", e.Message);
    }

    [Fact]
    public void Rule_DuplicatePartNames_ThrowsNamingRuleAndPart()
    {
        var e = Assert.Throws<ArgumentException>(() => Samples.Rule("dup", Condition.All(Samples.Overdue, Samples.Overdue), "x"));
        Assert.Contains("'dup'", e.Message);
        Assert.Contains("'handling clock overdue'", e.Message);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" padded")]
    [InlineData("line\nbreak")]
    public void Rule_InvalidId_Throws(string id)
    {
        var e = Assert.Throws<ArgumentException>(() => Samples.Rule(id, Samples.Overdue, "x"));
        Assert.Equal("id", e.ParamName);
    }

    [Fact]
    public void Evaluate_First_TakesFirstMatchInDeclarationOrder()
    {
        var result = Samples.Escalation(HitPolicy.First).Evaluate(OverdueAndStuck);
        Assert.Equal(1, result.Count);
        Assert.Equal("cannot-resolve", result[0].RuleId);
        Assert.Equal("next-level", result[0].Decision);
    }

    [Fact]
    public void Evaluate_Priority_TakesHighestSalience()
    {
        var result = Samples.Escalation().Evaluate(OverdueAndStuck);
        Assert.True(result.TryGetFirst(out var match));
        Assert.Equal("overdue", match.RuleId);
        Assert.Equal(["next-level+supervise"], result.Decisions);
    }

    [Fact]
    public void Evaluate_PrioritySalienceTie_GoesToRuleDeclaredFirst()
    {
        var set = new RuleSetBuilder<CaseFacts, string>("tie")
            .Add(Samples.Rule("low", Samples.Overdue, "low", salience: 1))
            .Add(Samples.Rule("first-of-ten", Samples.Overdue, "a", salience: 10))
            .Add(Samples.Rule("second-of-ten", Samples.Overdue, "b", salience: 10))
            .Build();
        Assert.Equal("first-of-ten", set.Evaluate(Overdue)[0].RuleId);

        var explanation = set.Explain(Overdue);
        Assert.Equal(RuleTraceStatus.Overruled, explanation["second-of-ten"].Status);
        Assert.Equal("same salience as 'first-of-ten' (10), which is declared earlier", explanation["second-of-ten"].Reason);
        Assert.Equal("lower salience than 'first-of-ten' (1 < 10)", explanation["low"].Reason);
        Assert.Equal("first-of-ten", explanation["low"].DecidingRuleId);
    }

    [Fact]
    public void Evaluate_Collect_ReturnsEveryMatchInDeclarationOrder()
    {
        var result = Samples.Escalation(HitPolicy.Collect).Evaluate(OverdueAndStuck);
        Assert.Equal(["cannot-resolve", "overdue", "fallback"], result.Matches.Select(m => m.RuleId));
        Assert.Equal(["next-level", "next-level+supervise", "stay"], result.Decisions);
    }

    [Fact]
    public void Evaluate_NoMatch_ReturnsEmptyResult()
    {
        var set = new RuleSetBuilder<CaseFacts, string>("none").Add(Samples.Rule("a", Samples.Overdue, "x")).Build();
        var result = set.Evaluate(OverdueAndStuck with { Overdue = false });
        Assert.False(result.HasMatch);
        Assert.Empty(result.Matches);
        Assert.False(result.TryGetFirst(out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => result[0]);
    }

    [Fact]
    public void Evaluate_UniqueWithOneMatch_ReturnsIt()
    {
        var set = new RuleSetBuilder<CaseFacts, string>("unique") { HitPolicy = HitPolicy.Unique }
            .Add(Samples.Rule("overdue", Samples.Overdue, "up"))
            .Add(Samples.Rule("stuck", Samples.CannotResolve, "up"))
            .Build();
        Assert.Equal("overdue", set.Evaluate(Overdue)[0].RuleId);
        Assert.Equal("the only matching rule", set.Explain(Overdue)["overdue"].Reason);
    }

    [Fact]
    public void Evaluate_UniqueWithTwoMatches_ThrowsNamingBoth()
    {
        var set = new RuleSetBuilder<CaseFacts, string>("unique") { HitPolicy = HitPolicy.Unique }
            .Add(Samples.Rule("overdue", Samples.Overdue, "up"))
            .Add(Samples.Rule("never", Condition.Any<CaseFacts>(), "x"))
            .Add(Samples.Rule("stuck", Samples.CannotResolve, "up"))
            .Build();
        var e = Assert.Throws<RuleConflictException>(() => set.Evaluate(OverdueAndStuck));
        Assert.Equal(["overdue", "stuck"], e.RuleIds);
        Assert.Equal("unique", e.RuleSetName);
        Assert.Contains("'overdue', 'stuck'", e.Message);
        Assert.Equal(["overdue", "stuck"], Assert.Throws<RuleConflictException>(() => set.Explain(OverdueAndStuck)).RuleIds);
    }

    [Fact]
    public void Evaluate_ThrowingPart_ThrowsNamingRuleAndPart()
    {
        var set = new RuleSetBuilder<CaseFacts, string>("boom")
            .Add(Samples.Rule("fragile", Condition.All(Samples.Overdue,
                Condition.Part<CaseFacts>("category code parses", f => int.Parse(f.Category) > 0)), "x"))
            .Build();
        var fast = Assert.Throws<RuleEvaluationException>(() => set.Evaluate(Overdue));
        Assert.Equal("fragile", fast.RuleId);
        Assert.Equal("category code parses", fast.PartName);
        Assert.IsType<FormatException>(fast.InnerException);
        var traced = Assert.Throws<RuleEvaluationException>(() => set.Explain(Overdue));
        Assert.Equal("category code parses", traced.PartName);
    }

    [Fact]
    public void Evaluate_ThrowingAction_ThrowsNamingRule()
    {
        var set = new RuleSetBuilder<CaseFacts, string>("boom")
            .Add("bad-action", "", Samples.Overdue, _ => throw new InvalidOperationException("no level above"))
            .Build();
        var e = Assert.Throws<RuleEvaluationException>(() => set.Evaluate(Overdue));
        Assert.Equal("bad-action", e.RuleId);
        Assert.Null(e.PartName);
        Assert.Contains("no level above", e.Message);
    }

    [Fact]
    public void Evaluate_NullFact_ThrowsArgumentNull()
    {
        var set = Samples.Escalation();
        Assert.Throws<ArgumentNullException>(() => set.Evaluate(null!));
        Assert.Throws<ArgumentNullException>(() => set.Explain(null!));
    }

    [Fact]
    public void Explain_ReportsEachPartOutcome_IncludingShortCircuitedOnes()
    {
        var set = Samples.Escalation();
        var explanation = set.Explain(new CaseFacts(false, true, 1, "noise"));
        var startsHigh = explanation["starts-high"];
        Assert.Equal(RuleTraceStatus.NotMatched, startsHigh.Status);
        Assert.Equal(
            [("category must start high", PartOutcome.Failed), ("reported 3+ times in 30 days", PartOutcome.Failed), ("handling clock overdue", PartOutcome.NotEvaluated)],
            startsHigh.Parts.Select(p => (p.Name, p.Outcome)));
        Assert.Equal("condition not met (category must start high: failed; reported 3+ times in 30 days: failed)", startsHigh.Reason);

        var overdue = explanation["overdue"];
        Assert.Equal(RuleTraceStatus.Applied, overdue.Status);
        Assert.Equal([PartOutcome.Held, PartOutcome.Failed], overdue.Parts.Select(p => p.Outcome));
        Assert.True(overdue.ConditionHeld);
        Assert.Equal(RuleOrigin.Default, overdue.Origin);
        Assert.Equal(RuleTraceStatus.Overruled, explanation["fallback"].Status);
        Assert.Equal(["overdue"], explanation.AppliedRuleIds);
    }

    [Fact]
    public void Explain_First_SaysWhichRuleMatchedEarlier()
    {
        var explanation = Samples.Escalation(HitPolicy.First).Explain(OverdueAndStuck);
        Assert.Equal("first-hit policy: 'cannot-resolve' matched earlier", explanation["overdue"].Reason);
        Assert.Equal("cannot-resolve", explanation["overdue"].DecidingRuleId);
    }

    [Theory]
    [InlineData(HitPolicy.First)]
    [InlineData(HitPolicy.Priority)]
    [InlineData(HitPolicy.Collect)]
    public void Explain_ResultEqualsEvaluate(HitPolicy policy)
    {
        var set = Samples.Escalation(policy);
        foreach (var fact in new[] { Overdue, OverdueAndStuck, new CaseFacts(false, false, 5, "safety", true) })
        {
            Assert.Equal(set.Evaluate(fact), set.Explain(fact).Result);
        }
    }

    [Fact]
    public void Explain_Text_MatchesSnapshot()
    {
        var baiyin = new RuleOverridesBuilder<CaseFacts, string>(Samples.Baiyin)
            .Disable("repeat-complaint", "repeats are merged by the 12345 hotline")
            .Build();
        var set = Samples.Escalation().With(baiyin);
        Snapshot.Match(set.Explain(new CaseFacts(true, true, 4, "noise")).ToString());
    }

    [Fact]
    public void TryGetRule_FindsById()
    {
        var set = Samples.Escalation();
        Assert.True(set.TryGetRule("overdue", out var rule));
        Assert.Equal(2, rule.Position);
        Assert.False(set.TryGetRule("nope", out _));
        Assert.Throws<KeyNotFoundException>(() => set.Explain(Overdue)["nope"]);
    }

    [Fact]
    public void Build_LaterBuilderChanges_DoNotAffectBuiltSet()
    {
        var builder = Samples.EscalationBuilder();
        var set = builder.Build();
        builder.Add(Samples.Rule("later", Samples.Overdue, "x", salience: 1000));
        Assert.Equal(5, set.Rules.Count);
        Assert.Equal("overdue", set.Evaluate(Overdue)[0].RuleId);
    }

    [Fact]
    public void RuleMatch_Default_ThrowsInsteadOfNullReference()
    {
        var match = default(RuleMatch<CaseFacts, string>);
        Assert.Throws<InvalidOperationException>(() => match.RuleId);
        Assert.Equal("(no rule)", match.ToString());
        Assert.Equal(match, default);
    }
}
