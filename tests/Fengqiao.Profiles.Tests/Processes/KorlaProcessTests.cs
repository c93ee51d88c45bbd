using Fengqiao.TestSupport;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Escalation.Rules;
using Fengqiao.Mediation.RoadMap;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>samples/profiles/korla.yaml on a real case desk: 登记-受理-转办-办结-反馈 on Urumqi time with the Xinjiang
/// overlay, and the legal road map after a failed mediation.</summary>
public class KorlaProcessTests
{
    // Wednesday 4 June 2025, 10:00 in Urumqi (UTC+6): Corban (古尔邦节) closes Xinjiang offices from Friday 6 to Tuesday 10 June.
    private static readonly Instant Start = Instant.FromUtc(2025, 6, 4, 4, 0);

    private static readonly CaseActor Registrar = Staff("centre-registrar", "centre");

    [Fact]
    public async Task Flow_RegisterAcceptDispatchResolveFeedback_RunsOnUrumqiTimeWithTheXinjiangOverlay()
    {
        var kit = new ProfileDesk("korla.yaml", Start, Unit("centre"));

        // 登记 and 受理 at the centre.
        var c = (await kit.Desk.RegisterAsync(Report("grid-01", "livelihood", "小区供水管道破裂停水两天", CaseChannel.GridWorker), Registrar)).Case;
        var handle = c.Clock(CaseClockKind.Citizen)!;
        await kit.Desk.AcceptAsync(c.Id, Registrar);

        // The handling limit (5 working days, the start day not counted, due at close of business 18:30 Urumqi time) skips
        // Corban: Thursday 5, then Wednesday 11 to Monday 16 June; the national calendar alone would give Wednesday 11 June.
        var national = new BusinessCalendarBuilder().UseChinaNational().WithZone(kit.Profile.Zone).WithSchedule(kit.Profile.Hours.Default).AllowProjection().Build();
        var nationalDeadline = SlaClock.Start(national, Start, handle.Limit).Deadline;
        Assert.Equal(TimeLimit.Parse("5 working days"), handle.Limit);
        Assert.Equal(new LocalDateTime(2025, 6, 16, 18, 30), handle.Deadline.InZone(kit.Profile.Zone).LocalDateTime);
        Assert.Equal(new LocalDateTime(2025, 6, 11, 18, 30), nationalDeadline.InZone(kit.Profile.Zone).LocalDateTime);
        Assert.False(kit.Calendar.IsWorkingDay(new LocalDate(2025, 6, 9)));
        Assert.True(national.IsWorkingDay(new LocalDate(2025, 6, 9)));

        // 转办 to the housing bureau, whose worker handles it (办结).
        kit.Clock.Advance(Duration.FromHours(1));
        await kit.Desk.DispatchAsync(c.Id, Registrar, Unit("dept-housing"));
        var worker = Staff("housing-worker", "dept-housing");
        await kit.Desk.ClaimAsync(c.Id, worker);
        await kit.Desk.StartAsync(c.Id, worker);
        kit.Clock.Advance(Duration.FromDays(1));
        await kit.Desk.ResolveAsync(c.Id, worker, "已联系供水公司抢修，当日恢复供水");
        await kit.Desk.SubmitForReviewAsync(c.Id, worker);
        await kit.Desk.ApproveAsync(c.Id, Staff("centre-reviewer", "centre"));

        // 反馈: the centre calls back and the citizen rates.
        await kit.Desk.CallBackAsync(c.Id, Registrar, "电话回访");
        await kit.Desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), CaseRating.Satisfied);
        var closed = await kit.Desk.CloseAsync(c.Id, Registrar);

        Assert.Equal(CaseState.Closed, closed.State);
        var steps = (await kit.HistoryAsync(c.Id)).Where(e => e.Trigger is not null && e.Actor.Kind != CaseActorKind.System).Select(e => e.Trigger!.Value);
        Assert.Equal(
            [CaseTrigger.Accept, CaseTrigger.Dispatch, CaseTrigger.Claim, CaseTrigger.Start, CaseTrigger.Resolve, CaseTrigger.SubmitForReview,
             CaseTrigger.Approve, CaseTrigger.CallBack, CaseTrigger.Rate, CaseTrigger.Close],
            steps);
        Assert.True(closed.Clock(CaseClockKind.Citizen)!.At(kit.Clock.GetCurrentInstant()).Stage != SlaStage.Overdue);
    }

    [Fact]
    public async Task Whistle_TheCentreSummonsThreeDepartments_TheOneThatDoesNotReportInIsSupervisedFromAbove()
    {
        var kit = new ProfileDesk("korla.yaml", Start, Unit("centre"));
        var c = await WhistleWithANoShowAsync(kit);
        var now = (await kit.Desk.FindAsync(c.Id))!;
        var summons = Assert.Single(now.Summonses);
        // The justice bureau is stationed at the centre (常驻): it was summoned to its desk there, which did not come.
        Assert.Equal([Unit("centre-justice-desk")], summons.Pending.ToArray());
        var supervision = Assert.Single(now.Supervisions, s => s.RuleId == EscalationRuleIds.WhistleNoShow);
        Assert.Equal(Unit("centre-justice-desk"), supervision.TargetUnit);
        Assert.Equal(Unit("city-secretary"), supervision.IssuingUnit);
        var whistle = Assert.Single(BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Supervise));
        Assert.Equal(EscalationRuleIds.WhistleNoShow, whistle.Cause!.RuleId);

        // Sweeping again finds nothing new: the no-show is supervised once.
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        Assert.Single(BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.Supervise));
    }

    [Fact]
    public async Task Whistle_SwitchedOffInTheProfile_LeavesTheNoShowRecordedButUnsupervised()
    {
        var yaml = File.ReadAllText(Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "korla.yaml"))
            .Replace("rules:\n  escalation:\n", "rules:\n  escalation:\n    disable: [whistle-no-show]\n", StringComparison.Ordinal);
        var kit = new ProfileDesk(CountyProfileLoader.Parse(yaml, "korla.yaml"), Start, Unit("centre"));
        Assert.False(kit.Escalation.DeskRules.Rules.Single(r => r.Id == EscalationRuleIds.WhistleNoShow).IsEnabled);

        var c = await WhistleWithANoShowAsync(kit);

        var now = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal([Unit("centre-justice-desk")], Assert.Single(now.Summonses).Pending.ToArray());
        Assert.Contains(await kit.HistoryAsync(c.Id), e => e.Payload is CaseSummonsOverdue);
        Assert.Empty(now.Supervisions);
    }

    /// <summary>中心吹哨、部门报到: the centre's director summons three departments to a case, each to report in within one
    /// working day; two do, the justice bureau (summoned to its desk at the centre, where it is stationed) does not; the sweep
    /// runs a week later.</summary>
    private static async Task<Case> WhistleWithANoShowAsync(ProfileDesk kit)
    {
        var c = (await kit.Desk.RegisterAsync(Report("grid-03", "livelihood", "老旧小区加装电梯涉及多部门", CaseChannel.GridWorker), Registrar)).Case;
        await kit.Desk.AcceptAsync(c.Id, Registrar);
        await kit.Desk.DispatchAsync(c.Id, Registrar, Unit("dept-housing"));
        var director = Staff("centre-director", "centre");
        var departments = new[] { Unit("dept-housing"), Unit("dept-human-resources"), Unit("dept-justice") };
        await kit.Desk.SummonAsync(c.Id, director, departments, TimeLimit.WorkingDays(1), "加装电梯协调会");
        kit.Clock.Advance(Duration.FromHours(2));
        await kit.Desk.ReportInAsync(c.Id, Staff("housing-worker", "dept-housing"), Unit("dept-housing"));
        await kit.Desk.ReportInAsync(c.Id, Staff("hr-worker", "dept-human-resources"), Unit("dept-human-resources"));

        // Corban closes offices from Friday 6 June, so the day's limit runs out on Thursday 5 June; sweep after it.
        kit.Clock.Advance(Duration.FromDays(7));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        return c;
    }

    [Fact]
    public async Task Register_RowNamingABody_SendsTheDisputeThereRatherThanWhereTheRouterWould()
    {
        var yaml = File.ReadAllText(Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "korla.yaml"))
            .Replace("target: centre-referral", "target: centre-referral\n          body: centre-room", StringComparison.Ordinal);
        var kit = new ProfileDesk(CountyProfileLoader.Parse(yaml, "korla.yaml"), Start, Unit("centre"));

        var c = (await kit.Desk.RegisterAsync(Report("grid-02", "labour", "工地拖欠工资", CaseChannel.GridWorker), Registrar)).Case;

        // Without the body the router prefers the labour committee (see the test below); the row names the centre room.
        var handOff = Assert.Single(BySystem(await kit.HistoryAsync(c.Id), CaseTrigger.HandOff));
        Assert.Equal(Unit("centre-room"), handOff.Unit());
    }

    [Fact]
    public async Task Mediation_LabourDisputeFails_IsHandedBackAndTheRoadMapRecommendsArbitration()
    {
        var kit = new ProfileDesk("korla.yaml", Start, Unit("centre"));

        var c = (await kit.Desk.RegisterAsync(Report("grid-02", "labour", "工地拖欠三名工人工资两个月", CaseChannel.GridWorker), Registrar)).Case;

        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal(CaseTrigger.HandOff, history[1].Trigger);
        Assert.Equal("centre-mediates-disputes-first", history[1].Cause!.RuleId);
        Assert.Equal(Unit("labour-committee"), history[1].Unit());
        var handOff = Assert.Single(kit.Ledger.ForCase(c.Id));

        var mediator = CaseActor.Staff(new ActorId("med-labour"), Unit("labour-committee"));
        await kit.Mediation.AcceptAsync(handOff.Key, mediator);
        kit.Clock.Advance(Duration.FromDays(2));
        var back = await kit.Mediation.ConcludeAsync(handOff.Key, mediator, HandOffOutcome.Failure, "用工单位不认可欠薪数额，调解不成");

        Assert.Equal(CaseState.Registered, back.State);
        Assert.Equal(HandOffOutcome.Failure, kit.Ledger.Get(handOff.Key).Outcome);
        var next = LegalRoadMap.Default.NextAfter(kit.Ledger.Get(handOff.Key).DisputeType, RoadMapStepKind.Mediation);
        Assert.NotNull(next);
        Assert.Equal(RoadMapStepKind.Arbitration, next.Kind);
        Assert.Equal(DisputeType.Labour, kit.Ledger.Get(handOff.Key).DisputeType);
        Assert.NotNull(next.Limit);

        // The hand-back on the case says where the citizen goes next (法治化路线图), with that step's limit.
        var handBack = (await kit.HistoryAsync(c.Id)).Last(e => e.Trigger == CaseTrigger.HandBack);
        Assert.Contains($"Next step on the legal road map (法治化路线图): {next}", handBack.Text());
        Assert.Contains("仲裁", handBack.Text());
    }
}
