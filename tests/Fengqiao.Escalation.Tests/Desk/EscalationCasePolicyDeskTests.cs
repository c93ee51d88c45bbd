using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Escalation.Tests.Desk.EscalationDeskKit;

namespace Fengqiao.Escalation.Tests.Desk;

/// <summary>Process tests: the escalation policy plugged into a real case desk.</summary>
public class EscalationCasePolicyDeskTests
{
    private static readonly CaseActor BaiyinDispatcher = Staff("pl-a-1", "pl-a");
    private static readonly CaseActor SaybaghDispatcher = Staff("dispatcher", "secretary");

    [Fact]
    public async Task Sweep_BaiyinOverdueCase_ClimbsTheSevenLevelsInOrderAndStopsAtTheTop()
    {
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules());
        var c = await kit.DispatchedAsync(Report("village-a1"), BaiyinDispatcher, "village-a1");

        for (var level = 1; level < Counties.BaiyinChainA.Length; level++)
        {
            kit.Clock.Advance(Duration.FromDays(7));
            await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
            var now = await kit.CaseAsync(c.Id);
            Assert.Equal(Id(Counties.BaiyinChainA[level]), now.HoldingUnit);
            Assert.Equal(level, now.EscalationCount);
        }

        // At the top the unit clock goes overdue again, but there is nowhere higher: no escalation, no loop, no failure.
        kit.Clock.Advance(Duration.FromDays(7));
        var atTop = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        var again = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Empty(atTop.PolicyFailures);
        Assert.Equal(0, again.EventsAppended);
        var final = await kit.CaseAsync(c.Id);
        Assert.Equal(Id("city-pl"), final.HoldingUnit);
        Assert.Equal(Counties.BaiyinChainA.Length - 1, final.EscalationCount);

        var history = await kit.HistoryAsync(c.Id);
        var escalations = ByPolicy(history, CaseTrigger.Escalate);
        Assert.Equal(Counties.BaiyinChainA.Skip(1).Select(Id), escalations.Select(e => e.Unit()!.Value));
        Assert.All(escalations, e =>
        {
            Assert.Equal(EscalationRuleIds.Overdue, e.Cause!.RuleId);
            Assert.Equal("Overdue", e.Cause.Facts["handling-stage"]);
            Assert.Equal(e.Unit()!.Value.Value, e.Cause.Facts["to"]);
            Assert.Contains("handling clock overdue", e.Cause.Facts["because"], StringComparison.Ordinal);
        });
        Assert.Equal(Counties.BaiyinChainA.SkipLast(1), escalations.Select(e => e.Cause!.Facts["from"]));
        Assert.Equal(BuiltInLadders.Baiyin.Levels.Skip(1).Select(l => l.Key), escalations.Select(e => e.Cause!.Facts["to-level"]));

        // Each overdue escalation is followed by supervision (督办) from the new level, with the same rule.
        var supervisions = ByPolicy(history, CaseTrigger.Supervise);
        Assert.Equal(escalations.Count, supervisions.Count);
        Assert.All(supervisions, s => Assert.Equal(EscalationRuleIds.Overdue, s.Cause!.RuleId));
        Assert.Equal(escalations.Count, final.SupervisionCount);
        Snapshot.Match(string.Join("\n", history.Select(e => e.ToString())));
    }

    [Fact]
    public async Task Sweep_RegisteredCaseNobodyAcceptsWithinTheAcceptLimit_EscalatesFromTheRegisteringUnit()
    {
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules(), sla: SlaWithAcceptLimit);
        var c = (await kit.Desk.RegisterAsync(Report("village-a1"))).Case;
        Assert.Equal(Id("village-a1"), c.RegisteringUnit);
        Assert.Null(c.HoldingUnit);
        Assert.Equal(SlaClockState.Running, c.Clock(CaseClockKind.Accept)!.State);

        // Within the accept limit nothing moves.
        kit.Clock.Advance(Duration.FromHours(4));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Equal(CaseState.Registered, (await kit.CaseAsync(c.Id)).State);

        // One working day (the start day excluded: all Tuesday) has passed on Wednesday at 13:00 and nobody accepted it:
        // the registering grid's next level takes it, supervised.
        kit.Clock.Advance(Duration.FromDays(2));
        var swept = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Empty(swept.PolicyFailures);
        var now = await kit.CaseAsync(c.Id);
        Assert.Equal(CaseState.Escalated, now.State);
        Assert.Equal(Id("pl-a"), now.HoldingUnit);
        Assert.Equal(1, now.EscalationCount);
        Assert.Equal(SlaClockState.Stopped, now.Clock(CaseClockKind.Accept)!.State);
        var escalation = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.Overdue, escalation.Cause!.RuleId);
        Assert.Equal("village-a1", escalation.Cause.Facts["from"]);

        // The accept clock stopped with the escalation: a later sweep at the same instant finds nothing more to do.
        var again = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Equal(0, again.EventsAppended);
    }

    [Fact]
    public async Task Sweep_CaseAcceptedWithinTheAcceptLimit_DoesNotEscalate()
    {
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules(), sla: SlaWithAcceptLimit);
        var c = (await kit.Desk.RegisterAsync(Report("village-a1"))).Case;
        kit.Clock.Advance(Duration.FromHours(2));
        var accepted = await kit.Desk.AcceptAsync(c.Id, BaiyinDispatcher);
        Assert.Equal(SlaClockState.Stopped, accepted.Clock(CaseClockKind.Accept)!.State);

        kit.Clock.Advance(Duration.FromDays(2));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        var now = await kit.CaseAsync(c.Id);
        Assert.Equal(CaseState.Accepted, now.State);
        Assert.Equal(0, now.EscalationCount);
    }

    [Fact]
    public async Task Register_PolicyWithoutAnAcceptLimit_StartsNoAcceptClockAndNeverEscalatesARegisteredCase()
    {
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules());
        var c = (await kit.Desk.RegisterAsync(Report("village-a1"))).Case;
        Assert.Null(c.Clock(CaseClockKind.Accept));

        kit.Clock.Advance(Duration.FromDays(7));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Equal(CaseState.Registered, (await kit.CaseAsync(c.Id)).State);
    }

    [Fact]
    public async Task Sweep_TwiceAtTheSameInstant_EscalatesOnlyOnce()
    {
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules());
        var c = await kit.DispatchedAsync(Report("village-a1"), BaiyinDispatcher, "village-a1");
        kit.Clock.Advance(Duration.FromDays(7));

        var first = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        var second = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        Assert.Empty(first.PolicyFailures);
        Assert.Equal(0, second.CasesSwept);
        Assert.Equal(0, second.EventsAppended);
        var now = await kit.CaseAsync(c.Id);
        Assert.Equal(1, now.EscalationCount);
        Assert.Equal(Id("pl-a"), now.HoldingUnit);
        Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
    }

    [Fact]
    public async Task Return_SaybaghHardCaseCannotBeResolvedAtEachLevel_ReachesTheSecretaryThroughTheTaskForce()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing", "小区地下室长期积水，物业与开发商互相推诿"), SaybaghDispatcher, "grid-1");

        for (var level = 0; level < Counties.SaybaghChain.Length; level++)
        {
            var unit = Counties.SaybaghChain[level];
            var worker = Staff("w-" + unit, unit);
            Assert.Equal(Id(unit), (await kit.CaseAsync(c.Id)).HoldingUnit);
            await kit.Desk.ClaimAsync(c.Id, worker);
            await kit.Desk.ReturnAsync(c.Id, worker, CannotResolve.Reason($"{unit} 无权协调"));
        }

        // The secretary is the top: its 无法解决 return stays a return, for the dispatcher to decide.
        var final = await kit.CaseAsync(c.Id);
        Assert.Equal(CaseState.Returned, final.State);
        Assert.Null(final.HoldingUnit);
        var escalations = ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate);
        Assert.Equal(Counties.SaybaghChain.Skip(1).Select(Id), escalations.Select(e => e.Unit()!.Value));
        Assert.All(escalations, e =>
        {
            Assert.Equal(EscalationRuleIds.CannotResolve, e.Cause!.RuleId);
            Assert.Equal("true", e.Cause.Facts["declared-unresolvable"]);
        });
        Assert.Equal(["grid", "community", "street", "department", "task-force"], escalations.Select(e => e.Cause!.Facts["from-level"]));
        Assert.Empty(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Supervise));
    }

    [Fact]
    public async Task Return_WithoutTheMarker_StaysAnOrdinaryReturn()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), SaybaghDispatcher, "grid-1");
        var worker = Staff("w-grid-1", "grid-1");
        await kit.Desk.ClaimAsync(c.Id, worker);

        var returned = await kit.Desk.ReturnAsync(c.Id, worker, "不属于本网格管辖");

        Assert.Equal(CaseState.Returned, returned.State);
        Assert.Equal(0, returned.EscalationCount);
    }

    [Fact]
    public async Task Rate_Unsatisfied_ReopensOneLevelAboveTheUnitThatClosedIt()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), SaybaghDispatcher, "community");
        var worker = Staff("w-community", "community");
        await kit.Desk.ClaimAsync(c.Id, worker);
        await kit.Desk.StartAsync(c.Id, worker);
        await kit.Desk.ResolveAsync(c.Id, worker, "已协调物业维修");
        await kit.Desk.SubmitForReviewAsync(c.Id, worker);
        await kit.Desk.ApproveAsync(c.Id, SaybaghDispatcher);

        var after = await kit.Desk.RateAsync(c.Id, Citizen(c.QueryCodeDigest), CaseRating.Unsatisfied);

        Assert.Equal(CaseState.Escalated, after.State);
        Assert.Equal(Id("street"), after.HoldingUnit);
        Assert.Equal(2, after.Cycle);
        var history = await kit.HistoryAsync(c.Id);
        var reopen = Assert.Single(ByPolicy(history, CaseTrigger.Reopen));
        Assert.Equal(EscalationRuleIds.ReopenAboveCloser, reopen.Cause!.RuleId);
        Assert.Equal("community", reopen.Cause.Facts["closed-by"]);
        Assert.Equal("Unsatisfied", reopen.Cause.Facts["rating"]);
        Assert.Equal("street", reopen.Cause.Facts["to"]);
        var escalate = Assert.Single(ByPolicy(history, CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.ReopenAboveCloser, escalate.Cause!.RuleId);
        Assert.Equal(Id("street"), escalate.Unit());
        Assert.Equal(CaseTrigger.Escalate, history[^1].Trigger);
    }

    [Fact]
    public async Task Instruct_ByALeaderOnTheLadder_IsFollowedBySupervisionFromThatLevel()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), SaybaghDispatcher, "community");

        var after = await kit.Desk.InstructAsync(c.Id, Staff("secretary-leader", "secretary"), "请街道和社区三日内拿出方案");

        Assert.Equal(1, after.SupervisionCount);
        Assert.Equal(Id("community"), after.HoldingUnit);
        var supervise = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Supervise));
        Assert.Equal(EscalationRuleIds.LeaderInstruction, supervise.Cause!.RuleId);
        Assert.Contains("secretary", supervise.Cause.Facts["instruction"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dispatch_CaseWithAMustStartHighKeyword_GoesStraightToTheTaskForce()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing", "小区燃气泄漏，居民聚集"), SaybaghDispatcher, "grid-1");

        var now = await kit.CaseAsync(c.Id);

        Assert.Equal(Id("task-force"), now.HoldingUnit);
        var escalate = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.MustStartHigh, escalate.Cause!.RuleId);
        Assert.Equal("聚集,燃气泄漏", escalate.Cause.Facts["keywords"]);
        Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Supervise));
    }

    [Fact]
    public async Task Evaluate_CaseWithoutHoldingUnitOrInATerminalState_AsksForNothing()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var registered = (await kit.Desk.RegisterAsync(Report("grid-1", "housing", "燃气泄漏"), SaybaghDispatcher)).Case;
        var declined = await kit.Desk.DeclineAsync(registered.Id, SaybaghDispatcher, "重复");

        Assert.Empty(await kit.Policy.EvaluateAsync(new(registered, kit.Clock.GetCurrentInstant(), null), default));
        Assert.Empty(await kit.Policy.EvaluateAsync(new(declined, kit.Clock.GetCurrentInstant() + Duration.FromDays(30), null), default));
    }

    [Fact]
    public async Task Dispatch_WageArrears_GoesToTheLabourDepartmentAndClimbsFromThere()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing", "工地老板拖欠工资三个月"), SaybaghDispatcher, "grid-1");
        Assert.Equal(Id("dept-labour"), (await kit.CaseAsync(c.Id)).HoldingUnit);

        kit.Clock.Advance(Duration.FromDays(7));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        Assert.Equal(Id("task-force"), (await kit.CaseAsync(c.Id)).HoldingUnit);
        var escalations = ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate);
        Assert.Equal([EscalationRuleIds.WageArrears, EscalationRuleIds.Overdue], escalations.Select(e => e.Cause!.RuleId));
        Assert.Equal("labour", escalations[0].Cause!.Facts["department"]);
    }

    [Fact]
    public async Task Rate_BaiyinDeputyUnsatisfied_ReopensAtTheTownshipPoliticalLegalMember()
    {
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules());
        var c = await ResolvedInVillageAsync(kit);

        var after = await kit.Desk.RateAsync(c.Id, CaseActor.Deputy(new Cases.Organisation.ActorId("deputy-li")), CaseRating.Unsatisfied);

        Assert.Equal(Id("pl-a"), after.HoldingUnit);
        var reopen = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Reopen));
        Assert.Equal("Deputy", reopen.Cause!.Facts["rated-by"]);
        Assert.Equal("village-a1", reopen.Cause.Facts["closed-by"]);
    }

    [Fact]
    public async Task Reopen_ByADeputyAfterClosing_MovesTheCaseOneLevelAboveTheCloser()
    {
        var kit = new EscalationDeskKit(Counties.Baiyin(), BuiltInLadders.Baiyin, Counties.BaiyinRules());
        var c = await ResolvedInVillageAsync(kit);
        await kit.Desk.RateAsync(c.Id, Citizen(c.QueryCodeDigest), CaseRating.Satisfied);
        await kit.Desk.CloseAsync(c.Id, BaiyinDispatcher);

        var after = await kit.Desk.ReopenAsync(c.Id, CaseActor.Deputy(new Cases.Organisation.ActorId("deputy-li")), "群众反映问题未根本解决");

        Assert.Equal(CaseState.Escalated, after.State);
        Assert.Equal(Id("pl-a"), after.HoldingUnit);
        var escalate = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.ReopenAboveCloser, escalate.Cause!.RuleId);
        Assert.Equal("true", escalate.Cause.Facts["reopened-by-deputy"]);
    }

    [Fact]
    public async Task Register_SameMatterThreeTimes_MovesUpOnceAndNotAgainOnTheFourth()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), SaybaghDispatcher, "grid-1");

        for (var again = 0; again < 3; again++)
        {
            kit.Clock.Advance(Duration.FromHours(20));
            Assert.True((await kit.Desk.RegisterAsync(Report("grid-1", "housing"), SaybaghDispatcher)).JoinedExisting);
        }

        var now = await kit.CaseAsync(c.Id);
        Assert.Equal(Id("community"), now.HoldingUnit);
        Assert.Equal(4, 1 + now.JoinedReports.Length);
        var escalate = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.RepeatComplaint, escalate.Cause!.RuleId);
        Assert.Equal("3", escalate.Cause.Facts["same-matter-reports"]);
    }

    [Fact]
    public async Task Register_ThreeReportsWithinTheWindowLongAfterRegistration_CountsEachReportAtTheTimeItJoined()
    {
        // Window of three hours: the registration (09:00) is outside it, the three joined reports (12:00 to 14:00) inside.
        var rules = new EscalationPolicy(DefaultEscalationRules.Create(new EscalationRuleOptions { RepeatThreshold = 3, RepeatWindow = Duration.FromHours(3) }));
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default, rules);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing"), SaybaghDispatcher, "grid-1");
        kit.Clock.Advance(Duration.FromHours(3));
        await kit.Desk.RegisterAsync(Report("grid-1", "housing"), SaybaghDispatcher);
        kit.Clock.Advance(Duration.FromHours(1));
        await kit.Desk.RegisterAsync(Report("grid-1", "housing"), SaybaghDispatcher);
        Assert.Empty(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));

        kit.Clock.Advance(Duration.FromHours(1));
        await kit.Desk.RegisterAsync(Report("grid-1", "housing"), SaybaghDispatcher);

        var escalate = Assert.Single(ByPolicy(await kit.HistoryAsync(c.Id), CaseTrigger.Escalate));
        Assert.Equal(EscalationRuleIds.RepeatComplaint, escalate.Cause!.RuleId);
        Assert.Equal(Id("community"), (await kit.CaseAsync(c.Id)).HoldingUnit);
    }

    [Fact]
    public async Task Read_AfterAMustStartHighJump_ExplainsWhyTheCaseWentToTheTaskForce()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);
        var c = await kit.DispatchedAsync(Report("grid-1", "housing", "小区燃气泄漏"), SaybaghDispatcher, "grid-1");
        var dispatched = (await kit.HistoryAsync(c.Id)).Single(e => e.Trigger == CaseTrigger.Dispatch);
        var before = Case.Replay((await kit.HistoryAsync(c.Id)).TakeWhile(e => e.Version <= dispatched.Version), Calendar);

        var (facts, path) = kit.Policy.Read(new(before, dispatched.At, dispatched))!.Value;
        var explanation = kit.Policy.Policy.Explain(facts, path);

        Assert.Equal(EscalationRuleIds.MustStartHigh, kit.Policy.Policy.Decide(facts, path)!.RuleId);
        Assert.Contains(EscalationRuleIds.MustStartHigh, explanation.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EvaluateAsync_DefaultArguments_ThrowsArgumentException()
    {
        var kit = new EscalationDeskKit(Counties.Saybagh(), BuiltInLadders.Default);

        await Assert.ThrowsAsync<ArgumentException>(async () => await kit.Policy.EvaluateAsync(default, default));
    }

    [Fact]
    public void Constructor_BaiyinLadderWithTheDefaultRules_ThrowsNamingTheMissingLevels()
    {
        var e = Assert.Throws<EscalationException>(() => new EscalationCasePolicy(Counties.Baiyin(), BuiltInLadders.Baiyin));

        Assert.Contains("task-force", e.Message, StringComparison.Ordinal);
    }

    private static async Task<Case> ResolvedInVillageAsync(EscalationDeskKit kit)
    {
        var c = await kit.DispatchedAsync(Report("village-a1"), BaiyinDispatcher, "village-a1");
        var cadre = Staff("cadre-a1", "village-a1");
        await kit.Desk.ClaimAsync(c.Id, cadre);
        await kit.Desk.StartAsync(c.Id, cadre);
        await kit.Desk.ResolveAsync(c.Id, cadre, "已调解");
        await kit.Desk.SubmitForReviewAsync(c.Id, cadre);
        return await kit.Desk.ApproveAsync(c.Id, BaiyinDispatcher);
    }
}
