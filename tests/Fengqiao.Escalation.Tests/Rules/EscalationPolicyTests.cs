using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Evaluation;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Escalation.Tests.Rules.EscalationSamples;

namespace Fengqiao.Escalation.Tests.Rules;

public class EscalationPolicyTests
{
    private static EscalationPolicy With(params Rule<EscalationSituation, EscalationDecision>[] rules)
    {
        var builder = new RuleSetBuilder<EscalationSituation, EscalationDecision>("county");
        foreach (var rule in rules)
        {
            builder.Add(rule);
        }

        return new EscalationPolicy(builder.Build());
    }

    private static Rule<EscalationSituation, EscalationDecision> Always(string id, EscalationDecision decision) =>
        new(id, "always " + id, Condition.Always<EscalationSituation>(), _ => decision);

    [Fact]
    public void Decide_HolderNotOnPath_FailsNamingCaseAndUnit()
    {
        var error = Assert.Throws<EscalationException>(() => EscalationPolicy.Default.Decide(Facts("grid-2"), SaybaghPath));

        Assert.Equal(new CaseId("c-1"), error.CaseId);
        Assert.Equal(Unit("grid-2"), error.Unit);
        Assert.Contains("'grid-2' is not on the case's ladder path", error.Message);
    }

    [Fact]
    public void Decide_CloserNotOnPath_FailsNamingIt()
    {
        var error = Assert.Throws<EscalationException>(() =>
            EscalationPolicy.Default.Decide(Facts("community") with { ClosedBy = Unit("dept-labour") }, SaybaghPath));

        Assert.Equal(Unit("dept-labour"), error.Unit);
    }

    [Fact]
    public void Decide_RuleAsksToMoveDown_FailsNamingRuleCaseAndUnit()
    {
        var policy = With(Always("send-back", EscalationDecision.ToLevel("grid")));

        var error = Assert.Throws<EscalationException>(() => policy.Decide(Facts("street"), SaybaghPath));

        Assert.Equal("send-back", error.RuleId);
        Assert.Equal(Unit("street"), error.Unit);
        Assert.Contains("would move the case down", error.Message);
    }

    [Fact]
    public void Decide_RuleNamesUnknownLevel_FailsNamingTheLadderLevels()
    {
        var policy = With(Always("to-mayor", EscalationDecision.ToLevel("mayor")));

        var error = Assert.Throws<EscalationException>(() => policy.Decide(Facts("street"), SaybaghPath));

        Assert.Contains("names level 'mayor', which ladder 'default' does not have", error.Message);
    }

    [Fact]
    public void Decide_RuleNamesTheHoldersOwnLevel_NoMove()
    {
        Assert.Null(With(Always("stay-at-street", EscalationDecision.StartAt("street"))).Decide(Facts("street"), SaybaghPath));
    }

    [Fact]
    public void Decide_NextLevelAtTheTop_NoMoveEvenWithoutAGuard()
    {
        Assert.Null(With(Always("up", EscalationDecision.NextLevel())).Decide(Facts("secretary"), SaybaghPath));
    }

    [Fact]
    public void Decide_ExplicitNone_StopsLowerRules()
    {
        var policy = new EscalationPolicy(new RuleSetBuilder<EscalationSituation, EscalationDecision>("county")
            .Add(new("stay", "stay", Condition.Always<EscalationSituation>(), _ => EscalationDecision.None, salience: 5))
            .Add(Always("up", EscalationDecision.NextLevel()))
            .Build());

        Assert.Null(policy.Decide(Facts("grid-1"), SaybaghPath));
        Assert.Equal(["stay"], policy.Explain(Facts("grid-1"), SaybaghPath).AppliedRuleIds);
    }

    [Fact]
    public void Decide_SupervisionFromBelowTheHolder_Fails()
    {
        var policy = With(Always("odd", EscalationDecision.Supervise(new(Fengqiao.Cases.CaseSupervisionGrade.Yellow, TimeLimit.WorkingDays(1), "community"))));

        var error = Assert.Throws<EscalationException>(() => policy.Decide(Facts("street"), SaybaghPath));

        Assert.Equal("odd", error.RuleId);
    }

    [Fact]
    public void Decide_ReopenWithoutCloser_FailsNamingTheRule()
    {
        var error = Assert.Throws<EscalationException>(() =>
            With(Always("reopen", EscalationDecision.ReopenAboveCloser())).Decide(Facts("street"), SaybaghPath));

        Assert.Equal("reopen", error.RuleId);
    }

    [Fact]
    public void Decide_ConditionThrows_IsARuleEvaluationErrorNamingRuleAndPart()
    {
        var policy = With(new Rule<EscalationSituation, EscalationDecision>(
            "typo", "typo", Condition.Part<EscalationSituation>("holder below level 'stret'", s => s.HolderBelow("stret")), _ => EscalationDecision.NextLevel()));

        var error = Assert.Throws<RuleEvaluationException>(() => policy.Decide(Facts("grid-1"), SaybaghPath));

        Assert.Equal("typo", error.RuleId);
        Assert.Contains("stret", error.Message);
    }

    [Fact]
    public void Ctor_CollectPolicy_IsRefused()
    {
        var rules = new RuleSetBuilder<EscalationSituation, EscalationDecision>("all") { HitPolicy = HitPolicy.Collect }.Build();

        Assert.Throws<ArgumentException>(() => new EscalationPolicy(rules));
    }

    [Fact]
    public void Decide_NullArguments_AreArgumentNullExceptions()
    {
        Assert.Throws<ArgumentNullException>(() => EscalationPolicy.Default.Decide(null!, SaybaghPath));
        Assert.Throws<ArgumentNullException>(() => EscalationPolicy.Default.Decide(Facts("grid-1"), null!));
    }

    [Fact]
    public void Decide_SameFactsTwice_SameMove()
    {
        var facts = Facts("community") with { HandlingStage = SlaStage.Overdue };

        var first = EscalationPolicy.Default.Decide(facts, SaybaghPath)!;
        var second = EscalationPolicy.Default.Decide(facts, SaybaghPath)!;

        Assert.Equal(first.ToString(), second.ToString());
        Assert.Same(first.Decision, second.Decision);
    }

    [Fact]
    public void Decide_ReopenBelowTheCurrentHolder_NoMove()
    {
        // Found by the loop property: a closed case that another rule already moved to the street must not be
        // reopened back down at the community.
        var facts = Facts("street") with { ClosedBy = Unit("grid-1"), LatestRating = CaseRating.Unsatisfied };

        Assert.Null(EscalationPolicy.Default.Decide(facts, SaybaghPath));
    }
}
