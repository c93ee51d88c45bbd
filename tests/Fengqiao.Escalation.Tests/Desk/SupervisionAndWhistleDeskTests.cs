using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Escalation.Tests.Desk.EscalationDeskKit;

namespace Fengqiao.Escalation.Tests.Desk;

/// <summary>Process tests: tracked supervision (督办) and whistle-and-report (吹哨报到) escalated by the policy on a real desk.</summary>
public class SupervisionAndWhistleDeskTests
{
    private static readonly CaseActor Dispatcher = Staff("dispatcher", "secretary");
    private static readonly CaseActor StreetLeader = Staff("street-leader", "street");
    private static readonly TimeLimit TwoHours = TimeLimit.WorkingHours(2);

    private static EscalationDeskKit Kit(Action<EscalationCasePolicyOptions>? configure = null)
    {
        var options = new EscalationCasePolicyOptions { SupervisionLimit = TwoHours };
        configure?.Invoke(options);
        return new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default, options: options);
    }

    private static async Task<Case> SweepPast(EscalationDeskKit kit, CaseId id, Instant deadline)
    {
        kit.Clock.Advance(deadline - kit.Clock.GetCurrentInstant() + Duration.FromMinutes(1));
        Assert.Empty((await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant())).PolicyFailures);
        return await kit.CaseAsync(id);
    }

    [Fact]
    public async Task Sweep_OverdueSupervision_IsReissuedOneLevelAboveItsIssuerEachTimeAndStopsAtTheTop()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        c = await kit.Desk.SuperviseAsync(c.Id, StreetLeader, Id("grid-1"), TwoHours, CaseSupervisionGrade.Yellow, "请尽快处理");

        // street → dept-housing → task-force → secretary (the top), one level at a time, one grade higher each time.
        string[] issuers = ["street", "dept-housing", "task-force", "secretary"];
        for (var i = 1; i < issuers.Length; i++)
        {
            c = await SweepPast(kit, c.Id, c.Supervisions[^1].Deadline);
            Assert.Equal(i + 1, c.Supervisions.Length);
            Assert.Equal(CaseSupervisionClosure.Superseded, c.Supervisions[^2].ClosedBecause);
            var reissued = c.Supervisions[^1];
            Assert.Equal((Id(issuers[i]), Id("grid-1"), i), (reissued.IssuingUnit, reissued.TargetUnit, reissued.Supersedes!.Value));
            Assert.Equal((CaseSupervisionGrade)Math.Min(i, 2), reissued.Grade);
            Assert.Equal(EscalationRuleIds.SupervisionOverdue, reissued.RuleId);
            Assert.True(reissued.IsOpen);
        }

        // At the top the supervision goes overdue, is recorded once, and stays open: nowhere higher, no loop, no failure.
        c = await SweepPast(kit, c.Id, c.Supervisions[^1].Deadline);
        kit.Clock.Advance(Duration.FromHours(1));
        var again = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        c = await kit.CaseAsync(c.Id);
        Assert.Empty(again.PolicyFailures);
        Assert.Equal(issuers.Length, c.Supervisions.Length);
        Assert.True(c.Supervisions[^1].IsOpen);
        Assert.NotNull(c.Supervisions[^1].OverdueRecordedAt);

        var history = await kit.HistoryAsync(c.Id);
        var reissues = ByPolicy(history, CaseTrigger.Supervise);
        Assert.Equal(issuers.Skip(1), reissues.Select(e => e.Cause!.Facts["to"]));
        Assert.Equal(issuers.SkipLast(1), reissues.Select(e => e.Cause!.Facts["from"]));
        Assert.All(reissues, e => Assert.Equal(EscalationRuleIds.SupervisionOverdue, e.Cause!.RuleId));
        Assert.Equal(issuers.Length, history.Count(e => e.Payload is CaseSupervisionOverdue));
        Assert.Equal(Id("grid-1"), c.HoldingUnit);
        Snapshot.Match(string.Join("\n", history.Select(x => x.ToString())));
    }

    [Fact]
    public async Task Sweep_SupervisionOverdueDisabled_RecordsTheDeadlineButReissuesNothing()
    {
        var overrides = new RuleOverridesBuilder<TrackedDeadline, LadderStep>(RuleOrigin.County("Saybagh"))
            .Disable(EscalationRuleIds.SupervisionOverdue, "the county re-issues supervisions by hand")
            .Build();
        var kit = Kit(o => o.DeskRules = DeskEscalationRules.Default.With(overrides));
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        c = await kit.Desk.SuperviseAsync(c.Id, StreetLeader, Id("grid-1"), TwoHours, CaseSupervisionGrade.Yellow);

        c = await SweepPast(kit, c.Id, c.Supervisions[0].Deadline);

        Assert.Single(c.Supervisions);
        Assert.NotNull(c.Supervisions[0].OverdueRecordedAt);
    }

    [Fact]
    public async Task Sweep_DeskRuleOverriddenToMoveSupervisionDown_FailsAsARuleErrorNamingTheRule()
    {
        var down = new RuleOverridesBuilder<TrackedDeadline, LadderStep>(RuleOrigin.County("Saybagh"))
            .Replace(new Rule<TrackedDeadline, LadderStep>(
                EscalationRuleIds.SupervisionOverdue, "a broken override", Condition.Part<TrackedDeadline>("always", _ => true), d => d.Owner!))
            .Build();
        var kit = Kit(o => o.DeskRules = DeskEscalationRules.Default.With(down));
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        c = await kit.Desk.SuperviseAsync(c.Id, StreetLeader, Id("grid-1"), TwoHours, CaseSupervisionGrade.Yellow);
        kit.Clock.Advance(c.Supervisions[0].Deadline - kit.Clock.GetCurrentInstant() + Duration.FromMinutes(1));

        var failure = Assert.Single((await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant())).PolicyFailures);

        Assert.Contains(EscalationRuleIds.SupervisionOverdue, failure.InnerException!.Message, StringComparison.Ordinal);
        Assert.Single((await kit.CaseAsync(c.Id)).Supervisions);
    }

    [Fact]
    public void DeskRules_Default_NamesBothRulesInOrderOfSalience()
    {
        Assert.Equal([EscalationRuleIds.SupervisionOverdue, EscalationRuleIds.WhistleNoShow], DeskEscalationRules.Default.Rules.Select(r => r.Rule.Id));
    }

    [Fact]
    public async Task Sweep_OverdueCase_EscalatesAndTracksTheNewLevelsSupervisionWithThePolicysLimit()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");

        kit.Clock.Advance(Duration.FromDays(7));
        Assert.Empty((await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant())).PolicyFailures);
        c = await kit.CaseAsync(c.Id);

        Assert.Equal(Id("community"), c.HoldingUnit);
        var s = Assert.Single(c.Supervisions);
        Assert.Equal((Id("community"), Id("community"), TwoHours, CaseSupervisionGrade.Yellow), (s.TargetUnit, s.IssuingUnit, s.Limit, s.Grade));
        Assert.Equal((EscalationRuleIds.Overdue, true, true), (s.RuleId, s.IsOpen, s.TargetHeldCase));
        Assert.Equal(kit.Clock.GetCurrentInstant(), s.IssuedAt);
    }

    [Fact]
    public async Task Sweep_WhistleWithTwoOfThreeDepartmentsReportingIn_SupervisesTheThirdOnceByTheLevelAboveTheCaller()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        string[] departments = ["dept-housing", "dept-labour", "dept-water"];
        c = await kit.Desk.SummonAsync(c.Id, StreetLeader, departments.Select(Id), TwoHours, "联合处置");
        kit.Clock.Advance(Duration.FromMinutes(30));
        await kit.Desk.ReportInAsync(c.Id, Staff("w-dept-housing", "dept-housing"), Id("dept-housing"));
        await kit.Desk.ReportInAsync(c.Id, Staff("w-dept-labour", "dept-labour"), Id("dept-labour"));

        c = await SweepPast(kit, c.Id, c.Summonses[0].Departments[0].Deadline);
        kit.Clock.Advance(Duration.FromMinutes(10));
        Assert.Empty((await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant())).PolicyFailures);
        c = await kit.CaseAsync(c.Id);

        var s = Assert.Single(c.Supervisions);
        Assert.Equal((Id("dept-water"), Id("dept-housing"), 1), (s.TargetUnit, s.IssuingUnit, s.Summons!.Value));
        Assert.Equal((EscalationRuleIds.WhistleNoShow, false), (s.RuleId, s.TargetHeldCase));
        Assert.Equal(s.Sequence, c.Summonses[0].Department(Id("dept-water"))!.NoShowSupervision);
        var e = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Supervise));
        Assert.Equal(("street", "dept-water", "dept-housing"), (e.Cause!.Facts["caller"], e.Cause.Facts["department"], e.Cause.Facts["to"]));
        Assert.Equal(Id("grid-1"), c.HoldingUnit);

        Snapshot.Match(string.Join("\n", (await kit.HistoryAsync(c.Id)).Select(x => x.ToString())));

        // Reporting in late closes the no-show's supervision.
        c = await kit.Desk.ReportInAsync(c.Id, Staff("w-dept-water", "dept-water"), Id("dept-water"));
        Assert.Equal(CaseSupervisionClosure.ReportedIn, c.Supervisions[0].ClosedBecause);
        Assert.Empty(c.Summonses[0].Pending);
    }

    [Fact]
    public async Task Sweep_NoShowSupervisionItselfOverdue_ClimbsAboveItsIssuer()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        c = await kit.Desk.SummonAsync(c.Id, StreetLeader, [Id("dept-water")], TwoHours);
        c = await SweepPast(kit, c.Id, c.Summonses[0].Departments[0].Deadline);
        Assert.Equal(Id("dept-housing"), Assert.Single(c.Supervisions).IssuingUnit);

        c = await SweepPast(kit, c.Id, c.Supervisions[0].Deadline);

        Assert.Equal(2, c.Supervisions.Length);
        Assert.Equal((Id("task-force"), Id("dept-water"), 1), (c.Supervisions[1].IssuingUnit, c.Supervisions[1].TargetUnit, c.Supervisions[1].Summons!.Value));
        c = await kit.Desk.ReportInAsync(c.Id, Staff("w-dept-water", "dept-water"), Id("dept-water"));
        Assert.All(c.Supervisions, s => Assert.False(s.IsOpen));
    }

    [Fact]
    public async Task Sweep_SeveralOverdueSupervisionsOnOneCase_ReissuesEachInOneSweepWithinTheStepBudget()
    {
        var kit = Kit();
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), Dispatcher, "grid-1");
        for (var i = 0; i < 10; i++)
        {
            c = await kit.Desk.SuperviseAsync(c.Id, StreetLeader, Id("grid-1"), TwoHours, CaseSupervisionGrade.Yellow);
        }

        c = await SweepPast(kit, c.Id, c.Supervisions[^1].Deadline);

        Assert.Equal(20, c.Supervisions.Length);
        Assert.All(c.Supervisions.Take(10), s => Assert.Equal(CaseSupervisionClosure.Superseded, s.ClosedBecause));
        Assert.All(c.Supervisions.Skip(10), s => Assert.Equal((Id("dept-housing"), CaseSupervisionGrade.Red), (s.IssuingUnit, s.Grade)));
    }
}
