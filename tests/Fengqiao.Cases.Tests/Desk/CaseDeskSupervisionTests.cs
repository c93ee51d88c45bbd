using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

public class CaseDeskSupervisionTests
{
    private static readonly TimeLimit TwoHours = TimeLimit.WorkingHours(2);

    private static async Task<CaseActionRefusedException> AssertRefusedUnchanged(BareCounty kit, CaseId id, CaseTrigger trigger, string unit, Func<Task> act)
    {
        var before = await kit.Desk.FindAsync(id);
        var published = kit.Published.Count;

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(act);

        Assert.Same(before, await kit.Desk.FindAsync(id));
        Assert.Equal(published, kit.Published.Count);
        Assert.Equal((id, before!.State, trigger), (refused.CaseId, refused.State, refused.Trigger));
        Assert.Contains(id.Value, refused.Message, StringComparison.Ordinal);
        Assert.Contains(before.State.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains(trigger.ToString(), refused.Message, StringComparison.Ordinal);
        Assert.Contains($"'{unit}'", refused.Message, StringComparison.Ordinal);
        return refused;
    }

    private static async Task AssertReplays(BareCounty kit, CaseId id) =>
        Assert.Equal(Fingerprint((await kit.Desk.FindAsync(id))!), Fingerprint(Case.Replay(await kit.HistoryAsync(id), Calendar)));

    [Fact]
    public async Task SuperviseAsync_ByTheCentresLeader_OpensATrackedSupervisionWithItsDeadlineOnTheCalendar()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var after = await kit.Desk.SuperviseAsync(c.Id, Leader, Community, TimeLimit.WorkingDays(2), CaseSupervisionGrade.Red, "请两日内办结");

        var s = Assert.Single(after.Supervisions);
        Assert.Equal((1, Centre, Community, CaseSupervisionGrade.Red, "请两日内办结"), (s.Sequence, s.IssuingUnit, s.TargetUnit, s.Grade, s.Note));
        Assert.Equal(Calendar.Deadline(s.IssuedAt, TimeLimit.WorkingDays(2)).Deadline, s.Deadline);
        Assert.True(s.IsOpen);
        Assert.True(s.TargetHeldCase);
        Assert.Equal((CaseState.InProgress, 1), (after.State, after.SupervisionCount));
        var e = (await kit.HistoryAsync(c.Id))[^1];
        var issued = Assert.IsType<CaseSupervisionIssued>(e.Payload);
        Assert.Equal((CaseTrigger.Supervise, Centre, CaseSupervisionGrade.Red), (e.Trigger, issued.Issuer, issued.Grade));
        await AssertReplays(kit, c.Id);
    }

    [Fact]
    public async Task SuperviseAsync_WithANoteOnly_StillCountsWithoutTracking()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var after = await kit.Desk.SuperviseAsync(c.Id, Leader, "请尽快办理");

        Assert.Equal(1, after.SupervisionCount);
        Assert.Empty(after.Supervisions);
    }

    [Fact]
    public async Task SuperviseAsync_OfAnUnknownUnit_IsRefusedNamingCaseStateTriggerAndUnit()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var refused = await AssertRefusedUnchanged(kit, c.Id, CaseTrigger.Supervise, "nowhere",
            () => kit.Desk.SuperviseAsync(c.Id, Leader, new OrgUnitId("nowhere"), TwoHours, CaseSupervisionGrade.Yellow));

        Assert.Equal(CaseRefusalKind.InvalidArgument, refused.Kind);
    }

    [Fact]
    public async Task SuperviseAsync_ByAUnitNotAboveTheHolder_IsUnauthorized()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        await kit.Desk.DispatchAsync(c.Id, Dispatcher, Centre);

        var refused = await AssertRefusedUnchanged(kit, c.Id, CaseTrigger.Supervise, "centre",
            () => kit.Desk.SuperviseAsync(c.Id, Leader, Centre, TwoHours, CaseSupervisionGrade.Yellow));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
    }

    [Fact]
    public async Task Supervision_WhenTheCaseIsResolved_Closes()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.SuperviseAsync(c.Id, Leader, Community, TwoHours, CaseSupervisionGrade.Yellow);
        kit.Clock.Advance(Duration.FromMinutes(30));

        var resolved = await kit.Desk.ResolveAsync(c.Id, Worker, "已修复");

        var s = Assert.Single(resolved.Supervisions);
        Assert.False(s.IsOpen);
        Assert.Equal((kit.Clock.GetCurrentInstant(), CaseSupervisionClosure.CaseResolved), (s.ClosedAt!.Value, s.ClosedBecause!.Value));
        await AssertReplays(kit, c.Id);
    }

    [Fact]
    public async Task Supervision_WhenItsTargetNoLongerHoldsTheCase_Closes()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.SuperviseAsync(c.Id, Leader, Community, TwoHours, CaseSupervisionGrade.Yellow);

        var escalated = await kit.Desk.EscalateAsync(c.Id, Dispatcher, Street, "社区无法处理");

        Assert.Equal(CaseSupervisionClosure.TargetNoLongerHolds, Assert.Single(escalated.Supervisions).ClosedBecause);
    }

    [Fact]
    public async Task Sweep_PastASupervisionsDeadline_RecordsItOnceWithACause()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        var supervised = await kit.Desk.SuperviseAsync(c.Id, Leader, Community, TwoHours, CaseSupervisionGrade.Yellow);
        var deadline = supervised.Supervisions[0].Deadline;
        Assert.True(supervised.NextDueAt <= deadline + Duration.Epsilon, "the due list must wake the sweep for the supervision's deadline");

        kit.Clock.Advance(deadline - kit.Clock.GetCurrentInstant() + Duration.FromMinutes(1));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        kit.Clock.Advance(Duration.FromHours(1));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        var history = await kit.HistoryAsync(c.Id);
        var overdue = Assert.Single(history, e => e.Payload is CaseSupervisionOverdue);
        Assert.Equal((new CaseSupervisionOverdue(1, Community), CaseState.InProgress), (overdue.Payload, overdue.To));
        Assert.Equal("sla.supervision-deadline", overdue.Cause!.RuleId);
        Assert.Equal("centre", overdue.Cause.Facts["issuer"]);
        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(overdue.At, after.Supervisions[0].OverdueRecordedAt);
        Assert.True(after.Supervisions[0].IsOpen);
        await AssertReplays(kit, c.Id);
    }

    [Fact]
    public async Task SummonAndReportIn_TwoOfThreeReport_SweepRecordsTheThirdAsANoShowOnce()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        var summoned = await kit.Desk.SummonAsync(c.Id, Leader, [Housing, Street, BareCounty.MediationCommittee], TwoHours, "三方会商");
        var summons = Assert.Single(summoned.Summonses);
        Assert.Equal((Centre, 3), (summons.CallingUnit, summons.Departments.Length));
        Assert.All(summons.Departments, d => Assert.Equal(Calendar.Deadline(summons.SummonedAt, TwoHours).Deadline, d.Deadline));

        kit.Clock.Advance(Duration.FromMinutes(20));
        await kit.Desk.ReportInAsync(c.Id, HousingWorker, Housing);
        await kit.Desk.ReportInAsync(c.Id, StreetWorker, Street);
        kit.Clock.Advance(Duration.FromHours(3));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal<OrgUnitId>([BareCounty.MediationCommittee], after.Summonses[0].Pending);
        Assert.Equal(Start + Duration.FromMinutes(20), after.Summonses[0].Department(Housing)!.ReportedAt);
        var noShow = Assert.Single(await kit.HistoryAsync(c.Id), e => e.Payload is CaseSummonsOverdue);
        Assert.Equal((new CaseSummonsOverdue(1, BareCounty.MediationCommittee), "sla.summons-deadline"), (noShow.Payload, noShow.Cause!.RuleId));
        await AssertReplays(kit, c.Id);
    }

    [Fact]
    public async Task SummonAsync_Nobody_IsRefusedNamingTheCaller()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var refused = await AssertRefusedUnchanged(kit, c.Id, CaseTrigger.Summon, "centre",
            () => kit.Desk.SummonAsync(c.Id, Leader, [], TwoHours));

        Assert.Equal(CaseRefusalKind.InvalidArgument, refused.Kind);
    }

    [Fact]
    public async Task SummonAsync_AnUnknownDepartment_IsRefusedNamingIt()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        await AssertRefusedUnchanged(kit, c.Id, CaseTrigger.Summon, "water-bureau",
            () => kit.Desk.SummonAsync(c.Id, Leader, [Housing, new OrgUnitId("water-bureau")], TwoHours));
    }

    [Fact]
    public async Task ReportInAsync_Twice_IsRefusedNamingTheDepartment()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.SummonAsync(c.Id, Leader, [Housing], TwoHours);
        await kit.Desk.ReportInAsync(c.Id, HousingWorker, Housing);

        var refused = await AssertRefusedUnchanged(kit, c.Id, CaseTrigger.ReportIn, "housing",
            () => kit.Desk.ReportInAsync(c.Id, HousingWorker, Housing));

        Assert.Contains("already reported in", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportInAsync_ByADepartmentNotSummoned_IsRefusedNamingIt()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.SummonAsync(c.Id, Leader, [Street], TwoHours);

        var refused = await AssertRefusedUnchanged(kit, c.Id, CaseTrigger.ReportIn, "housing",
            () => kit.Desk.ReportInAsync(c.Id, HousingWorker, Housing));

        Assert.Contains("not summoned", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReportInAsync_ForAnotherDepartment_IsUnauthorized()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.SummonAsync(c.Id, Leader, [Street, Housing], TwoHours);

        var refused = await AssertRefusedUnchanged(kit, c.Id, CaseTrigger.ReportIn, "street-1",
            () => kit.Desk.ReportInAsync(c.Id, HousingWorker, Street));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
    }

    [Fact]
    public async Task Summons_WhenTheCaseIsResolved_ClosesAndNoLongerWakesTheSweep()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        await kit.Desk.SummonAsync(c.Id, Leader, [Housing], TwoHours);

        var resolved = await kit.Desk.ResolveAsync(c.Id, Worker, "已修复");
        kit.Clock.Advance(Duration.FromHours(5));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        Assert.False(resolved.Summonses[0].IsOpen);
        Assert.DoesNotContain(await kit.HistoryAsync(c.Id), e => e.Payload is CaseSummonsOverdue);
    }

    [Fact]
    public async Task Sweep_OneCaseWithMoreOverdueSupervisionsThanMaxPolicySteps_ActsOnEachInOneSweep()
    {
        // A policy that re-issues every overdue supervision once, from the centre: one action per supervision.
        var policy = new FuncPolicy("reissue", a => a.Case.Supervisions
            .Where(s => s.IsOpen && s.OverdueRecordedAt is not null)
            .Take(1)
            .Select(s => new CasePolicyAction(
                new CaseSupervisionIssued(Centre, s.TargetUnit, TimeLimit.WorkingDays(5), CaseSupervisionGrade.Red, Supersedes: s.Sequence),
                new CaseEventCause("reissue", [new("supervision", s.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture))])))
            .ToList());
        var kit = new BareCounty(configure: o =>
        {
            o.Policies.Add(policy);
            o.MaxPolicySteps = 1;
        });
        var c = await kit.InProgressAsync();
        for (var i = 0; i < 3; i++)
        {
            await kit.Desk.SuperviseAsync(c.Id, Leader, Community, TwoHours, CaseSupervisionGrade.Yellow);
        }

        kit.Clock.Advance(Duration.FromHours(4));
        var result = await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());

        Assert.Empty(result.PolicyFailures);
        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(6, after.Supervisions.Length);
        Assert.All(after.Supervisions.Take(3), s => Assert.Equal(CaseSupervisionClosure.Superseded, s.ClosedBecause));
        Assert.Equal([1, 2, 3], after.Supervisions.Skip(3).Select(s => s.Supersedes!.Value));
        Assert.All(after.Supervisions.Skip(3), s => Assert.Equal(("reissue", CaseSupervisionGrade.Red), (s.RuleId, s.Grade)));
        await AssertReplays(kit, c.Id);
    }
}
