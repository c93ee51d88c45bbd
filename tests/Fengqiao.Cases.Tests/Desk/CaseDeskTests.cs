using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

public class CaseDeskTests
{
    [Fact]
    public async Task Register_NewReport_StartsCitizenClockWithRecordedTerms()
    {
        var kit = new BareCounty();

        var result = await kit.Desk.RegisterAsync(Report(), Intake);

        var c = result.Case;
        Assert.False(result.JoinedExisting);
        Assert.Equal((CaseState.Registered, 1L), (c.State, c.Version));
        Assert.Equal("test county", c.Sla.PolicyName);
        Assert.Equal("fengqiao-default/1", c.Registration.LifecycleVersion);
        Assert.Equal(TimeLimit.WorkingDays(3), c.Sla.Handle);
        var citizen = c.Clock(CaseClockKind.Citizen)!;
        Assert.Equal(Calendar.Deadline(Start, TimeLimit.WorkingDays(3)).Deadline, citizen.Deadline);
        Assert.NotNull(result.QueryCode);
        Assert.Equal(BareCounty.QueryCodeKey.Digest(result.QueryCode.Value), c.QueryCodeDigest);
        Assert.Same(c, await kit.Desk.FindByQueryCodeAsync(result.QueryCode.Value));
        Assert.DoesNotContain(result.QueryCode.Value.ToString(), result.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(c.QueryCodeDigest.ToString(), kit.Desk.Citizen(result.QueryCode.Value).ToString(), StringComparison.Ordinal);
        Assert.IsType<CaseRegistration>(Assert.Single(kit.Published).Payload);
    }

    [Fact]
    public async Task Register_QueryCodesDifferForEveryCase_AndAreNotTheId()
    {
        var kit = new BareCounty();
        var a = await kit.Desk.RegisterAsync(Report(phone: "1"), Intake);
        var b = await kit.Desk.RegisterAsync(Report(phone: "2"), Intake);

        Assert.NotEqual(a.QueryCode, b.QueryCode);
        Assert.NotEqual(a.Case.QueryCodeDigest, b.Case.QueryCodeDigest);
        Assert.DoesNotContain(a.Case.Id.Value, a.QueryCode!.Value.ToString(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MainPath_RegisterToClose_EveryEventIsAnEdgeAndPublishedInOrder()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        var d = kit.Desk;
        await d.ResolveAsync(c.Id, Worker, "已维修");
        await d.SubmitForReviewAsync(c.Id, Worker);
        await d.RejectAsync(c.Id, Dispatcher, "答复不规范");
        await d.ResolveAsync(c.Id, Worker, "11月3日已维修人民路路灯");
        await d.SubmitForReviewAsync(c.Id, Worker);
        await d.ApproveAsync(c.Id, Dispatcher);
        await d.CallBackAsync(c.Id, Dispatcher, "电话回访");
        await d.RateAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), CaseRating.Satisfied);
        var closed = await d.CloseAsync(c.Id, Dispatcher);

        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal(CaseState.Closed, closed.State);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Version));
        Assert.All(history, e => Assert.True(IsEdge(e), e.ToString()));
        Assert.Equal(history, kit.Published);
        Assert.Equal([CaseRating.Satisfied], closed.Ratings.ToArray());
        Assert.All(closed.Clocks.Values, clock => Assert.Equal(SlaClockState.Stopped, clock.State));
        Assert.Equal(new ActorId("w1"), closed.Worker);
    }

    [Fact]
    public async Task Dispatch_StartsUnitAndSignForClocks_ClaimStopsSignFor()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        Assert.Equal(Community, c.HoldingUnit);
        Assert.Equal(SlaClockState.Running, c.Clock(CaseClockKind.Unit)!.State);
        Assert.Equal(SlaClockState.Running, c.Clock(CaseClockKind.SignFor)!.State);

        var claimed = await kit.Desk.ClaimAsync(c.Id, Worker);

        Assert.Equal(SlaClockState.Stopped, claimed.Clock(CaseClockKind.SignFor)!.State);
    }

    [Fact]
    public async Task Return_StopsUnitClock_RedispatchStartsANewOne_CitizenClockNeverResets()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var citizenBefore = c.Clock(CaseClockKind.Citizen)!;
        kit.Clock.Advance(Duration.FromHours(2));

        var returned = await kit.Desk.ReturnAsync(c.Id, Worker, "不属于本社区");
        kit.Clock.Advance(Duration.FromHours(1));
        var redispatched = await kit.Desk.DispatchAsync(c.Id, Dispatcher, Housing);

        Assert.Equal(CaseState.Returned, returned.State);
        Assert.Null(returned.HoldingUnit);
        Assert.Equal(SlaClockState.Stopped, returned.Clock(CaseClockKind.Unit)!.State);
        Assert.Equal(kit.Clock.GetCurrentInstant(), redispatched.Clock(CaseClockKind.Unit)!.StartedAt);
        Assert.Equal(citizenBefore.StartedAt, redispatched.Clock(CaseClockKind.Citizen)!.StartedAt);
        Assert.Equal(citizenBefore.Deadline, redispatched.Clock(CaseClockKind.Citizen)!.Deadline);
        Assert.Equal(1, redispatched.ReturnCount);
    }

    [Fact]
    public async Task Escalate_StartsNewUnitClockForTheNewHolder_CitizenClockKept()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        kit.Clock.Advance(Duration.FromHours(3));

        var escalated = await kit.Desk.EscalateAsync(c.Id, Dispatcher, Street, "社区无法解决");

        Assert.Equal((CaseState.Escalated, Street), (escalated.State, escalated.HoldingUnit));
        Assert.Null(escalated.Worker);
        Assert.Equal(kit.Clock.GetCurrentInstant(), escalated.Clock(CaseClockKind.Unit)!.StartedAt);
        Assert.Equal(Start, escalated.Clock(CaseClockKind.Citizen)!.StartedAt);
        Assert.Equal(1, escalated.EscalationCount);
    }

    [Fact]
    public async Task SuspendResume_PausesAndResumesTheRunningClocks_ReturnsToTheStateLeft()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        var deadline = c.Clock(CaseClockKind.Citizen)!.Deadline;

        var suspended = await kit.Desk.SuspendAsync(c.Id, Dispatcher, "当事人外出");
        kit.Clock.Advance(Duration.FromDays(1));
        var resumed = await kit.Desk.ResumeAsync(c.Id, Dispatcher);

        Assert.Equal((CaseState.Suspended, CaseState.InProgress), (suspended.State, suspended.SuspendedFrom));
        Assert.Equal(SlaClockState.Paused, suspended.Clock(CaseClockKind.Citizen)!.State);
        Assert.Equal(SlaClockState.Paused, suspended.Clock(CaseClockKind.Unit)!.State);
        Assert.Null(suspended.NextDueAt);
        Assert.Equal(CaseState.InProgress, resumed.State);
        Assert.Null(resumed.SuspendedFrom);
        Assert.Equal(SlaClockState.Running, resumed.Clock(CaseClockKind.Citizen)!.State);
        Assert.True(resumed.Clock(CaseClockKind.Citizen)!.Deadline > deadline);
    }

    [Fact]
    public async Task GrantExtension_ExtendsCitizenAndUnitClocks_SecondRequestIsCapped()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        var citizen = c.Clock(CaseClockKind.Citizen)!.Deadline;
        var unit = c.Clock(CaseClockKind.Unit)!.Deadline;

        await kit.Desk.RequestExtensionAsync(c.Id, Worker, "需要现场鉴定");
        var granted = await kit.Desk.GrantExtensionAsync(c.Id, Dispatcher);

        Assert.Equal(Calendar.Deadline(citizen, TimeLimit.WorkingDays(2)).Deadline, granted.Clock(CaseClockKind.Citizen)!.Deadline);
        Assert.Equal(Calendar.Deadline(unit, TimeLimit.WorkingDays(2)).Deadline, granted.Clock(CaseClockKind.Unit)!.Deadline);
        Assert.Equal((1, Calendar.WorkingTimeBetween(citizen, granted.Clock(CaseClockKind.Citizen)!.Deadline)), (granted.ExtensionCount, granted.ExtensionTotal));
        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.RequestExtensionAsync(c.Id, Worker, "还要更多时间"));
        Assert.Equal(CaseRefusalKind.CapExceeded, refused.Kind);
    }

    [Fact]
    public async Task GrantExtension_LongerThanThePolicysExtensionLimit_IsRefused()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.RequestExtensionAsync(c.Id, Worker, "需要现场鉴定", TimeLimit.WorkingDays(5));
        var before = await kit.Desk.FindAsync(c.Id);

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.GrantExtensionAsync(c.Id, Dispatcher));

        Assert.Equal(CaseRefusalKind.CapExceeded, refused.Kind);
        Assert.Same(before, await kit.Desk.FindAsync(c.Id));
    }

    [Fact]
    public async Task GrantExtension_BeyondTheTotalCapInOptions_IsRefused()
    {
        var kit = new BareCounty(configure: o => o.MaxExtensionTotal = Duration.FromHours(8));
        var c = await kit.InProgressAsync();
        await kit.Desk.RequestExtensionAsync(c.Id, Worker, "需要现场鉴定");

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.GrantExtensionAsync(c.Id, Dispatcher));

        Assert.Equal(CaseRefusalKind.CapExceeded, refused.Kind);
        Assert.Contains("cap", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopen_ByDeputyAfterUnsatisfiedRating_StartsANewCycleWithNewClocks()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        var d = kit.Desk;
        await d.ResolveAsync(c.Id, Worker, "已处理");
        await d.SubmitForReviewAsync(c.Id, Worker);
        await d.ApproveAsync(c.Id, Dispatcher);
        var rated = await d.RateAsync(c.Id, Deputy, CaseRating.Unsatisfied);
        kit.Clock.Advance(Duration.FromDays(2));

        var reopened = await d.ReopenAsync(c.Id, Deputy, "噪音仍在");
        Assert.Equal(CaseActorKind.Deputy, rated.CurrentRatedBy);
        Assert.Null(reopened.CurrentRatedBy);

        Assert.Equal((CaseState.Reopened, 2, CaseRating.NotRated), (reopened.State, reopened.Cycle, reopened.CurrentRating));
        Assert.Equal([CaseRating.Unsatisfied], reopened.Ratings.ToArray());
        Assert.Equal(kit.Clock.GetCurrentInstant(), reopened.Clock(CaseClockKind.Citizen)!.StartedAt);
        Assert.Equal(kit.Clock.GetCurrentInstant(), reopened.Clock(CaseClockKind.Unit)!.StartedAt);
        Assert.Equal(Community, reopened.HoldingUnit);
    }

    [Fact]
    public async Task HandOffHandBack_PausesClocksAndReturnsToTheStateLeft()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var handedOff = await kit.Desk.HandOffAsync(c.Id, Dispatcher, BareCounty.MediationCommittee, "转人民调解");
        var back = await kit.Desk.HandBackAsync(c.Id, Mediator, "调解不成");

        Assert.Equal((CaseState.HandedOff, BareCounty.MediationCommittee), (handedOff.State, handedOff.HandedOffTo));
        Assert.Equal(SlaClockState.Paused, handedOff.Clock(CaseClockKind.Citizen)!.State);
        Assert.Equal(CaseState.InProgress, back.State);
        Assert.Equal(SlaClockState.Running, back.Clock(CaseClockKind.Citizen)!.State);
    }

    [Fact]
    public async Task HandOffAtRegistration_TheMediationBodyResolvesAndSubmitsTheAgreement()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        await kit.Desk.HandOffAsync(c.Id, Dispatcher, BareCounty.MediationCommittee, "访调对接：申诉求决类先行调解");
        var resolved = await kit.Desk.ResolveAsync(c.Id, Mediator, "达成调解协议");
        var submitted = await kit.Desk.SubmitForReviewAsync(c.Id, Mediator);

        Assert.Null(resolved.HoldingUnit);
        Assert.Equal(CaseState.UnderReview, submitted.State);
        await Assert.ThrowsAsync<Fengqiao.Cases.Desk.CaseActionRefusedException>(() => kit.Desk.ApproveAsync(c.Id, Mediator));
    }

    [Fact]
    public async Task SubmitForReview_ByAMediationBodyTheCaseWasNeverHandedTo_IsRefused()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.ResolveAsync(c.Id, Worker, "已办理并答复");

        await Assert.ThrowsAsync<Fengqiao.Cases.Desk.CaseActionRefusedException>(() => kit.Desk.SubmitForReviewAsync(c.Id, Mediator));
    }

    [Fact]
    public async Task Merge_EndsTheCaseAndItsReportJoinsTheOther()
    {
        var kit = new BareCounty();
        var a = await kit.DispatchedAsync();
        var b = await kit.RegisterAsync(Report(phone: "13900000000"));

        var merged = await kit.Desk.MergeAsync(b.Id, Dispatcher, a.Id, "同一事项");

        var target = (await kit.Desk.FindAsync(a.Id))!;
        Assert.Equal((CaseState.Merged, a.Id), (merged.State, merged.MergedInto));
        Assert.All(merged.Clocks.Values, clock => Assert.Equal(SlaClockState.Stopped, clock.State));
        Assert.Equal(b.Report, Assert.Single(target.JoinedReports));
        Assert.Equal(b.Id, Assert.IsType<CaseReportJoined>((await kit.HistoryAsync(a.Id))[^1].Payload).FromCase);
    }

    [Fact]
    public async Task Merge_IntoItself_IsRefused()
    {
        var kit = new BareCounty();
        var a = await kit.RegisterAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.MergeAsync(a.Id, Dispatcher, a.Id, "同一事项"));

        Assert.Equal(CaseRefusalKind.InvalidArgument, refused.Kind);
    }

    [Fact]
    public async Task SuperviseAndInstruct_AreRecordedWithoutChangingTheState()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        await kit.Desk.SuperviseAsync(c.Id, Leader, "请尽快办理");
        var instructed = await kit.Desk.InstructAsync(c.Id, Leader, "请住建局协助");

        Assert.Equal((CaseState.Dispatched, 1, 1), (instructed.State, instructed.SupervisionCount, instructed.InstructionCount));
    }
}
