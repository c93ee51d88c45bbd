using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Rules;
using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Rendering;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Escalation.Tests.Rules.EscalationSamples;

namespace Fengqiao.Escalation.Tests.Rules;

public class DefaultEscalationRulesTests
{
    private static readonly EscalationPolicy Policy = EscalationPolicy.Default;

    [Fact]
    public void Create_Defaults_HasSevenNamedRulesInSalienceOrder()
    {
        var rules = DefaultEscalationRules.Create();

        Assert.Equal(
            [
                EscalationRuleIds.LeaderInstruction, EscalationRuleIds.MustStartHigh, EscalationRuleIds.WageArrears,
                EscalationRuleIds.ReopenAboveCloser, EscalationRuleIds.RepeatComplaint, EscalationRuleIds.Overdue,
                EscalationRuleIds.CannotResolve,
            ],
            rules.Rules.Select(r => r.Id));
        Assert.Equal([60, 50, 45, 40, 30, 20, 10], rules.Rules.Select(r => r.Rule.Salience));
        Assert.Equal(HitPolicy.Priority, rules.HitPolicy);
        Assert.All(rules.Rules, r => Assert.Equal(RuleOrigin.Default, r.Origin));
        Assert.All(rules.Rules, r => Assert.NotEmpty(r.Rule.Description));
    }

    [Fact]
    public void Decide_CannotResolve_MovesOneLevelUp()
    {
        var move = Policy.Decide(Facts("community") with { DeclaredUnresolvable = true }, SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.CannotResolve, move.RuleId);
        Assert.Equal("street", move.To.Level.Key);
        Assert.Equal(1, move.LevelsClimbed);
        Assert.Null(move.Supervision);
        Assert.Equal(["holder declared it cannot resolve the matter (无法解决)"], move.Because);
    }

    [Fact]
    public void Decide_Overdue_MovesUpWithYellowSupervisionByTheNewLevel()
    {
        var move = Policy.Decide(Facts("street") with { HandlingStage = SlaStage.Overdue }, SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.Overdue, move.RuleId);
        Assert.Equal(Unit("dept-housing"), move.To.Unit.Id);
        Assert.Equal(CaseSupervisionGrade.Yellow, move.Supervision!.Grade);
        Assert.Equal(TimeLimit.WorkingDays(3), move.Supervision.Limit);
        Assert.Equal(move.To, move.SupervisionIssuer);
    }

    [Fact]
    public void Decide_RepeatComplaint_CountsOnlyReportsWithinTheWindow()
    {
        var reports = new[] { Monday - Duration.FromDays(40), Monday - Duration.FromDays(29), Monday - Duration.FromDays(3) };
        var facts = Facts("grid-1") with { SameMatterReports = [.. reports] };

        Assert.Null(Policy.Decide(facts, SaybaghPath));

        var move = Policy.Decide(facts with { SameMatterReports = [.. reports, Monday] }, SaybaghPath)!;
        Assert.Equal(EscalationRuleIds.RepeatComplaint, move.RuleId);
        Assert.Equal("community", move.To.Level.Key);
        Assert.Equal(["reported 3+ times within 30 days since the last move up"], move.Because);
        Assert.Null(Policy.Decide(facts with { SameMatterReports = [.. reports, Monday], LastMovedUpAt = Monday - Duration.FromDays(4) }, SaybaghPath));
    }

    [Fact]
    public void Decide_RepeatComplaintWithTargetLevel_SkipsToThatLevelByName()
    {
        var options = new EscalationRuleOptions { RepeatThreshold = 2, RepeatWindow = Duration.FromDays(7), RepeatTargetLevel = "street" };
        var policy = new EscalationPolicy(DefaultEscalationRules.Create(options, BuiltInLadders.Default));

        var move = policy.Decide(Facts("grid-1") with { SameMatterReports = [Monday, Monday - Duration.FromDays(6)] }, SaybaghPath)!;

        Assert.Equal(EscalationDecisionKind.ToLevel, move.Kind);
        Assert.Equal(2, move.LevelsClimbed);
        Assert.Equal("street", move.Decision.TargetLevel);
        Assert.Null(policy.Decide(Facts("street") with { SameMatterReports = [Monday, Monday] }, SaybaghPath));
    }

    [Theory]
    [InlineData("safety-risk", new string[0])]
    [InlineData("dispute", new[] { "小区火灾隐患" })]
    [InlineData("dispute", new[] { "群体上访" })]
    public void Decide_MustStartHigh_StartsAtTheTaskForceWithRedSupervision(string category, string[] keywords)
    {
        var move = Policy.Decide(Facts("grid-1", category) with { Keywords = [.. keywords] }, SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.MustStartHigh, move.RuleId);
        Assert.Equal(EscalationDecisionKind.StartAt, move.Kind);
        Assert.Equal(Unit("task-force"), move.To.Unit.Id);
        Assert.Equal(4, move.LevelsClimbed);
        Assert.Equal(CaseSupervisionGrade.Red, move.Supervision!.Grade);
    }

    [Fact]
    public void Decide_MustStartHighAlreadyAtTheTaskForce_LeavesItToTheOtherRules()
    {
        var facts = Facts("task-force", "safety-risk") with { HandlingStage = SlaStage.Overdue };

        var move = Policy.Decide(facts, SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.Overdue, move.RuleId);
        Assert.Equal(Unit("secretary"), move.To.Unit.Id);
    }

    [Fact]
    public void Decide_WageArrearsByKeyword_GoesToTheLabourDepartment()
    {
        var move = Policy.Decide(Facts("grid-1") with { Keywords = ["拖欠农民工工资"] }, SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.WageArrears, move.RuleId);
        Assert.Equal("department", move.To.Level.Key);
        Assert.Equal("labour", move.Department);
    }

    [Theory]
    [InlineData(CaseRating.Unsatisfied, false)]
    [InlineData(CaseRating.Satisfied, true)]
    public void Decide_UnsatisfiedOrDeputyReopening_ReopensOneLevelAboveTheCloser(CaseRating rating, bool deputy)
    {
        var facts = Facts("community") with { ClosedBy = Unit("community"), LatestRating = rating, RatedBy = RaterKind.Deputy, ReopenedByDeputy = deputy };

        var move = Policy.Decide(facts, SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.ReopenAboveCloser, move.RuleId);
        Assert.Equal(Unit("community"), move.From.Unit.Id);
        Assert.Equal(Unit("street"), move.To.Unit.Id);
    }

    [Fact]
    public void Decide_SatisfiedClosedCase_DoesNothing()
    {
        Assert.Null(Policy.Decide(Facts("community") with { ClosedBy = Unit("community"), LatestRating = CaseRating.Satisfied }, SaybaghPath));
    }

    [Fact]
    public void Decide_LeaderInstruction_SupervisesFromTheInstructingLevelWithItsOwnDeadline()
    {
        var instruction = new LeaderInstruction("secretary", TimeLimit.WorkingDays(2), Monday);
        var facts = Facts("street") with { PendingInstruction = instruction, HandlingStage = SlaStage.Overdue };

        var move = Policy.Decide(facts, SaybaghPath)!;

        Assert.Equal(EscalationRuleIds.LeaderInstruction, move.RuleId);
        Assert.Equal(EscalationDecisionKind.Supervise, move.Kind);
        Assert.Equal(move.From, move.To);
        Assert.Equal(0, move.LevelsClimbed);
        Assert.Equal(Unit("secretary"), move.SupervisionIssuer!.Unit.Id);
        Assert.Equal(CaseSupervisionGrade.Named, move.Supervision!.Grade);
        Assert.Equal(TimeLimit.WorkingDays(2), move.Supervision.Limit);
        Assert.Equal(RuleTraceStatus.Overruled, move.Explain()[EscalationRuleIds.Overdue].Status);
    }

    [Fact]
    public void Decide_NothingWrong_NoMove()
    {
        Assert.Null(Policy.Decide(Facts("grid-1"), SaybaghPath));
    }

    [Fact]
    public void Decide_AtTheTop_NeverMoves()
    {
        var facts = Facts("secretary") with { DeclaredUnresolvable = true, HandlingStage = SlaStage.Overdue, SameMatterReports = [Monday, Monday, Monday] };

        Assert.Null(Policy.Decide(facts, SaybaghPath));
    }

    [Fact]
    public void Create_BaiyinWithItsOwnLevels_Works()
    {
        var options = new EscalationRuleOptions { MustStartHighLevel = "county-political-legal", WageArrearsLevel = "township-head", WageArrearsDepartment = null };
        var policy = new EscalationPolicy(DefaultEscalationRules.Create(options, BuiltInLadders.Baiyin));

        Assert.Equal(Unit("county-pl"), policy.Decide(Facts("village-a1", "mass-incident"), BaiyinPath)!.To.Unit.Id);
        Assert.Equal(Unit("head-a"), policy.Decide(Facts("village-a1", "wage-arrears"), BaiyinPath)!.To.Unit.Id);
        Assert.Equal(Unit("pl-a"), policy.Decide(Facts("village-a1") with { DeclaredUnresolvable = true }, BaiyinPath)!.To.Unit.Id);
    }

    [Fact]
    public void Create_DefaultOptionsOnBaiyin_ReportsEveryLevelItLacks()
    {
        var error = Assert.Throws<EscalationException>(() => DefaultEscalationRules.Create(null, BuiltInLadders.Baiyin));

        Assert.Contains("must-start-high: MustStartHighLevel 'task-force' is not a level of ladder 'baiyin'", error.Message);
        Assert.Contains("wage-arrears: WageArrearsLevel 'department' is not a level of ladder 'baiyin'", error.Message);
        Assert.Equal(EscalationRuleIds.MustStartHigh, error.RuleId);
    }

    [Fact]
    public void Create_BadOptions_ReportsEveryProblemWithItsRule()
    {
        var options = new EscalationRuleOptions { RepeatThreshold = 1, RepeatWindow = Duration.Zero, MustStartHighLevel = " " };
        options.WageArrearsKeywords.Add("");

        var error = Assert.Throws<EscalationException>(() => DefaultEscalationRules.Create(options));

        Assert.Contains("repeat-complaint: RepeatThreshold must be at least 2", error.Message);
        Assert.Contains("repeat-complaint: RepeatWindow must be positive", error.Message);
        Assert.Contains("must-start-high: MustStartHighLevel is empty", error.Message);
        Assert.Contains("wage-arrears: WageArrearsKeywords[4] is empty", error.Message);
    }

    [Fact]
    public void With_CountyDisablesRepeatAndReplacesOverdue_ChangesOnlyThose()
    {
        var county = new RuleOverridesBuilder<EscalationSituation, EscalationDecision>(RuleOrigin.County("Saybagh"))
            .Disable(EscalationRuleIds.RepeatComplaint, "repeats are merged by the 12345 hotline")
            .Replace(new Rule<EscalationSituation, EscalationDecision>(
                EscalationRuleIds.Overdue,
                "Overdue matters go straight to the task force (工作专班)",
                Condition.All(
                    Condition.Part<EscalationSituation>("handling clock overdue", s => s.Facts.HandlingStage == SlaStage.Overdue),
                    Condition.Part<EscalationSituation>("holder below level 'task-force'", s => s.HolderBelow("task-force"))),
                _ => EscalationDecision.ToLevel("task-force"),
                salience: 20))
            .Build();
        var policy = new EscalationPolicy(DefaultEscalationRules.Create().With(county));

        Assert.Null(policy.Decide(Facts("grid-1") with { SameMatterReports = [Monday, Monday, Monday] }, SaybaghPath));
        Assert.Equal(Unit("task-force"), policy.Decide(Facts("community") with { HandlingStage = SlaStage.Overdue }, SaybaghPath)!.To.Unit.Id);
        Assert.Equal(Unit("street"), policy.Decide(Facts("community") with { DeclaredUnresolvable = true }, SaybaghPath)!.To.Unit.Id);
    }

    [Fact]
    public void RenderText_DefaultRules_MatchesSnapshot()
    {
        Snapshot.Match(RuleSetRenderer.RenderText(DefaultEscalationRules.Create()));
    }

    [Fact]
    public void Explain_WhyDidThisCaseGoToTheStreet_MatchesSnapshot()
    {
        var facts = Facts("community", "dispute", "c-2026-0017") with
        {
            HandlingStage = SlaStage.Overdue,
            DeclaredUnresolvable = true,
            Keywords = ["噪音"],
            SameMatterReports = [Monday - Duration.FromDays(2)],
        };

        var move = Policy.Decide(facts, SaybaghPath)!;

        Assert.Equal(Unit("street"), move.To.Unit.Id);
        Snapshot.Match(move + "\n\n" + move.Explain());
    }
}
