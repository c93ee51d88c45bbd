using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Policies;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

public class CaseDeskIntakeAndSweepTests
{
    [Fact]
    public async Task Register_SameReporterCategoryAndGridWithinTheWindow_JoinsTheOpenCase()
    {
        var kit = new BareCounty();
        var first = await kit.RegisterAsync();
        kit.Clock.Advance(Duration.FromHours(5));

        var second = await kit.Desk.RegisterAsync(Report(), Intake);

        Assert.True(second.JoinedExisting);
        Assert.Equal(first.Id, second.Case.Id);
        Assert.Single(second.Case.JoinedReports);
        Assert.Equal([first.RegisteredAt + Duration.FromHours(5)], second.Case.JoinedReportTimes.ToArray());
        Assert.Equal(1, kit.InMemory.Count);
        Assert.IsType<CaseReportJoined>((await kit.HistoryAsync(first.Id))[^1].Payload);
    }

    [Fact]
    public async Task Register_SameHotlineReference_JoinsEvenFromAnotherReporter()
    {
        var kit = new BareCounty();
        var first = await kit.RegisterAsync(Report(reference: "12345-2026-0001"));

        var second = await kit.Desk.RegisterAsync(Report(phone: "13700000000", category: "livelihood", reference: "12345-2026-0001"), Intake);

        Assert.True(second.JoinedExisting);
        Assert.Equal(first.Id, second.Case.Id);
    }

    [Fact]
    public async Task Register_AnotherGridOrAnonymousOrAClosedCase_OpensANewCase()
    {
        var kit = new BareCounty();
        var first = await kit.RegisterAsync();
        var otherGrid = await kit.Desk.RegisterAsync(Report(grid: OtherGrid), Intake);
        var anonymous = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid), Reporter.Anonymous, "漏水");
        var anonymous1 = await kit.Desk.RegisterAsync(anonymous, Intake);
        var anonymous2 = await kit.Desk.RegisterAsync(anonymous, Intake);
        await kit.Desk.DeclineAsync(first.Id, Dispatcher, "不属于受理范围");
        var afterDecline = await kit.Desk.RegisterAsync(Report(), Intake);

        Assert.All([otherGrid, anonymous1, anonymous2, afterDecline], r => Assert.False(r.JoinedExisting));
        Assert.Equal(5, kit.InMemory.Count);
    }

    [Fact]
    public async Task Register_OutsideTheWindow_OpensANewCase()
    {
        var kit = new BareCounty(configure: o => o.DuplicateDetector = new global::Fengqiao.Cases.InMemory.RecentReportDuplicateDetector(Duration.FromDays(1)));
        await kit.RegisterAsync();
        kit.Clock.Advance(Duration.FromDays(2));

        var later = await kit.Desk.RegisterAsync(Report(), Intake);

        Assert.False(later.JoinedExisting);
    }

    [Fact]
    public async Task Sweep_MovesStagesWithEvents_AndTwiceAtTheSameInstantDoesNothing()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var yellow = c.Clock(CaseClockKind.Citizen)!.NextStageChangeAfter(kit.Clock.GetCurrentInstant())!.Value;

        var first = await kit.Desk.SweepAsync(yellow);
        var again = await kit.Desk.SweepAsync(yellow);

        var swept = (await kit.Desk.FindAsync(c.Id))!;
        var stageEvents = (await kit.HistoryAsync(c.Id)).Where(e => e.Payload is CaseClockStageChanged).ToList();
        Assert.Equal(1, first.CasesSwept);
        Assert.True(first.EventsAppended >= 1);
        Assert.Equal((0, 0), (again.CasesSwept, again.EventsAppended));
        Assert.Equal(SlaStage.Warning, swept.RecordedStage(CaseClockKind.Citizen));
        Assert.All(stageEvents, e => Assert.Equal("sla.clock-stage", e.Cause!.RuleId));
        Assert.Equal(first.EventsAppended, stageEvents.Count);
        Assert.True(swept.NextDueAt > yellow);
    }

    [Fact]
    public async Task Sweep_PastTheDeadline_RecordsOverdue()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        await kit.Desk.ClaimAsync(c.Id, Worker);
        var late = c.Clock(CaseClockKind.Citizen)!.Deadline + Duration.FromHours(1);

        await kit.Desk.SweepAsync(late);

        var swept = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(SlaStage.Overdue, swept.RecordedStage(CaseClockKind.Citizen));
        Assert.Equal(SlaStage.Overdue, swept.RecordedStage(CaseClockKind.Unit));
        Assert.True(swept.HasBeenOverdue);
        Assert.Null(swept.NextDueAt);
        Assert.Equal(0, (await kit.Desk.SweepAsync(late + Duration.FromDays(1))).CasesSwept);
    }

    [Fact]
    public async Task Sweep_APolicyEscalatesOverdueCases_WithItsCauseRecorded()
    {
        var escalate = new FuncPolicy("escalation", a =>
            a.Case.RecordedStage(CaseClockKind.Unit) == SlaStage.Overdue && a.Case.State != CaseState.Escalated && a.Case.EscalationCount == 0
                ? [new CasePolicyAction(new CaseEscalated(Street), new CaseEventCause("escalate-overdue", [new("holder", a.Case.HoldingUnit.ToString()!)]))]
                : []);
        var kit = new BareCounty(configure: o => o.Policies.Add(escalate));
        var c = await kit.InProgressAsync();
        var late = c.Clock(CaseClockKind.Unit)!.Deadline + Duration.FromHours(1);

        var result = await kit.Desk.SweepAsync(late);

        var escalated = (await kit.Desk.FindAsync(c.Id))!;
        var last = (await kit.HistoryAsync(c.Id))[^1];
        Assert.Equal((CaseState.Escalated, Street), (escalated.State, escalated.HoldingUnit));
        Assert.Equal(CaseActorKind.System, last.Actor.Kind);
        Assert.Equal("escalate-overdue", last.Cause!.RuleId);
        Assert.Equal("community-1", last.Cause.Facts["holder"]);
        Assert.Empty(result.PolicyFailures);
        Assert.Equal(kit.Published.Last(), last);
    }

    [Fact]
    public async Task Policy_ThatNeverStops_IsStoppedByTheStepLimit_AndTheFailureIsRecordedOnTheCase()
    {
        var looping = new FuncPolicy("nagging", a =>
            a.Case.State == CaseState.Accepted ? [new CasePolicyAction(new CaseSupervised(), new CaseEventCause("nag"))] : []);
        var kit = new BareCounty(configure: o =>
        {
            o.Policies.Add(looping);
            o.MaxPolicySteps = 3;
        });
        var c = await kit.RegisterAsync();

        var accepted = await kit.Desk.AcceptAsync(c.Id, Dispatcher);

        Assert.Equal(CaseState.Accepted, accepted.State);
        Assert.Equal(3, accepted.SupervisionCount);
        Assert.Equal("nagging", accepted.PolicyFailure!.Policy);
        Assert.Contains("loop", accepted.PolicyFailure.Reason, StringComparison.Ordinal);
        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal(accepted.Version, history.Count);
        Assert.IsType<CasePolicyFailed>(history[^1].Payload);
    }

    [Fact]
    public async Task Policy_AskingForARefusedAction_IsRecordedOnTheCase_TheCallersActionStands()
    {
        var wrong = new FuncPolicy("wrong", a =>
            a.LastEvent?.Trigger == CaseTrigger.Accept ? [new CasePolicyAction(new CaseResolved("答复"), new CaseEventCause("too-soon"))] : []);
        var kit = new BareCounty(configure: o => o.Policies.Add(wrong));
        var c = await kit.RegisterAsync();

        var accepted = await kit.Desk.AcceptAsync(c.Id, Dispatcher);

        Assert.Equal(CaseState.Accepted, accepted.State);
        Assert.Equal("wrong", accepted.PolicyFailure!.Policy);
        Assert.Contains("Resolve (rule 'too-soon') was refused", accepted.PolicyFailure.Reason, StringComparison.Ordinal);
        var stored = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal((CaseState.Accepted, accepted.Version), (stored.State, stored.Version));
        Assert.Equal([typeof(CaseRegistration), typeof(CaseAccepted), typeof(CasePolicyFailed)], (await kit.HistoryAsync(c.Id)).Select(e => e.Payload.GetType()).ToArray());
        Assert.Equal(kit.Published.Last(), (await kit.HistoryAsync(c.Id))[^1]);
    }

    [Fact]
    public async Task Policy_ThatThrows_IsRecordedOnTheCase_AndTheSweepRetriesItUntilItRecovers()
    {
        var broken = true;
        var flaky = new FuncPolicy("flaky", a =>
            broken ? throw new InvalidOperationException("ladder not configured") : Array.Empty<CasePolicyAction>());
        var kit = new BareCounty(configure: o => o.Policies.Add(flaky));
        var c = await kit.RegisterAsync();
        Assert.Equal("flaky", c.PolicyFailure!.Policy);

        var accepted = await kit.Desk.AcceptAsync(c.Id, Dispatcher);

        Assert.Equal(CaseState.Accepted, accepted.State);
        Assert.Contains("InvalidOperationException: ladder not configured", accepted.PolicyFailure!.Reason, StringComparison.Ordinal);
        Assert.Single(await kit.HistoryAsync(c.Id), e => e.Payload is CasePolicyFailed); // the same failure is recorded once
        Assert.Equal(accepted.UpdatedAt, accepted.NextDueAt);

        var stillBroken = await kit.Desk.SweepAsync(accepted.UpdatedAt);
        Assert.Equal("flaky", Assert.Single(stillBroken.PolicyFailures).PolicyName);
        Assert.Equal(accepted.Version, (await kit.Desk.FindAsync(c.Id))!.Version);

        broken = false;
        var recovered = await kit.Desk.SweepAsync(accepted.UpdatedAt);

        Assert.Empty(recovered.PolicyFailures);
        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Null(after.PolicyFailure);
        Assert.Equal(new CasePolicyRecovered("flaky"), (await kit.HistoryAsync(c.Id))[^1].Payload);
        Assert.NotEqual(after.UpdatedAt, after.NextDueAt);
    }
}
