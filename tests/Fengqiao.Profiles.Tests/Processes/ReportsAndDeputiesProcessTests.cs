using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>Saybagh's written report (书面报送) and Baiyin's deputies who score (测评打分) and supervise (监督调度), on real desks from the sample profiles.</summary>
public class ReportsAndDeputiesProcessTests
{
    // Monday 2 November 2026, 10:00 in Beijing (Saybagh works 10:00-14:00, 15:30-19:30; Baiyin from 09:00).
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 2, 0);

    private static readonly CaseActor YashanDispatcher = Staff("yashan-dispatcher", "street-yashan");

    private static readonly CaseActor TaskForceWorker = Staff("tf-worker", "task-force");

    // The article names nobody who phones the citizen back for the district, so the test gives the secretary's office one.
    private static readonly CaseActor DistrictDispatcher = Staff("district-dispatcher", "district-secretary");

    private static readonly CaseActor BaiyinDispatcher = Staff("pl-a", "pl-township-a");

    private static readonly ActorId Li = new("deputy-li");

    [Fact]
    public async Task Close_ACaseTheTaskForceHeld_IsRefusedUntilTheTaskForceReportsInWritingToTheSecretary()
    {
        var kit = SaybaghWithADistrictDispatcher();
        Assert.Equal([new WrittenReportRequirement(Unit("task-force"), Unit("district-secretary"))], kit.Profile.WrittenReports.ToArray());
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "hardship", "低保申请多次未获答复"), YashanDispatcher, "yashan-grid-01");
        await kit.Desk.EscalateAsync(c.Id, YashanDispatcher, Unit("street-yashan"), "网格无法解决");
        await kit.Desk.EscalateAsync(c.Id, YashanDispatcher, Unit("task-force"), "街道难以解决，反馈专班");
        await kit.HandledAsync(c.Id, TaskForceWorker, "经区委书记协调，已纳入低保", Staff("tf-head", "task-force"));
        await kit.Desk.CallBackAsync(c.Id, DistrictDispatcher, "电话回访");
        await kit.Desk.RateAsync(c.Id, DistrictDispatcher, CaseRating.Satisfied);

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.CloseAsync(c.Id, DistrictDispatcher));
        Assert.Equal(CaseRefusalKind.GuardFailed, refused.Kind);
        Assert.Contains("'task-force'", refused.Reason, StringComparison.Ordinal);
        Assert.Contains("'district-secretary'", refused.Reason, StringComparison.Ordinal);

        // “經專班人員書面報送至區委書記”: the task force's worker files the report; now the case closes.
        var filed = await kit.Desk.FileWrittenReportAsync(c.Id, TaskForceWorker, Unit("district-secretary"), "关于低保申请多次未获答复的书面报告");
        Assert.Equal(Unit("district-secretary"), Assert.Single(filed.WrittenReports).Addressee);
        Assert.Equal(CaseState.Closed, (await kit.Desk.CloseAsync(c.Id, DistrictDispatcher)).State);
    }

    [Fact]
    public async Task Close_ACaseTheTaskForceNeverHeld_NeedsNoWrittenReport()
    {
        var kit = SaybaghWithADistrictDispatcher();
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "livelihood", "路灯不亮"), YashanDispatcher, "yashan-grid-01");
        await kit.HandledAsync(c.Id, Staff("yashan-grid-01-worker", "yashan-grid-01"), "已修复", YashanDispatcher);
        await kit.Desk.CallBackAsync(c.Id, YashanDispatcher, "电话回访");
        await kit.Desk.RateAsync(c.Id, YashanDispatcher, CaseRating.Satisfied);

        Assert.Equal(CaseState.Closed, (await kit.Desk.CloseAsync(c.Id, YashanDispatcher)).State);
    }

    [Fact]
    public async Task Score_ADeputyUnsatisfiedWithAClosedCase_ScoresReopensAndSupervisesTheNewHolderWithARedCard()
    {
        var kit = new ProfileDesk("baiyin.yaml", Start, Unit("pl-township-a"));
        Assert.True(kit.Profile.DeputiesSupervise);
        var c = await ClosedInBaiyinAsync(kit);

        // “对办理情况测评打分”: the deputy scores the closed case; the score is typed and on the case.
        var scored = await kit.Desk.ScoreAsync(c.Id, CaseActor.Deputy(Li), 40, "噪声扰民问题依然存在");
        Assert.Equal((Li, 40), (Assert.Single(scored.DeputyScores).Deputy, scored.DeputyScores[0].Score));

        // “对办理结果不满意的直接进行监督调度”: reopened one level above the village, then supervised from the deputy's unit.
        var reopened = await kit.Desk.ReopenAsync(c.Id, CaseActor.Deputy(Li), "问题未根本解决");
        Assert.Equal(Unit("pl-township-a"), reopened.HoldingUnit);
        var supervised = await kit.Desk.SuperviseAsync(c.Id, CaseActor.Deputy(Li, Unit("county-political-legal")), Unit("pl-township-a"),
            TimeLimit.WorkingDays(3), CaseSupervisionGrade.Red, "代表监督调度：三日内整改");

        var supervision = Assert.Single(supervised.Supervisions);
        Assert.Equal((CaseSupervisionGrade.Red, CaseActorKind.Deputy, Unit("pl-township-a")), (supervision.Grade, supervision.IssuedBy.Kind, supervision.TargetUnit));
        Assert.True(supervision.IsOpen);
    }

    [Fact]
    public async Task Supervise_ByADeputyWhereTheProfileDoesNotLetDeputiesSupervise_IsRefused()
    {
        var profile = Sample("baiyin.yaml") with { DeputiesSupervise = false };
        var kit = new ProfileDesk(profile, Start, Unit("pl-township-a"));
        var c = await kit.DispatchedAsync(Report("village-a1", "dispute", "邻里宅基地界线纠纷"), BaiyinDispatcher, "village-a1");

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.SuperviseAsync(
            c.Id, CaseActor.Deputy(Li, Unit("county-political-legal")), Unit("village-a1"), TimeLimit.WorkingDays(3), CaseSupervisionGrade.Yellow));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
    }

    [Fact]
    public async Task Score_InACountyWhoseProfileHasNoDeputies_IsRefusedForAnUnknownDeputy()
    {
        var kit = SaybaghWithADistrictDispatcher();
        var c = await kit.DispatchedAsync(Report("yashan-grid-01", "livelihood", "路灯不亮"), YashanDispatcher, "yashan-grid-01");

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ScoreAsync(c.Id, CaseActor.Deputy(Li), 90));

        Assert.Contains("not a registered people's deputy", refused.Reason, StringComparison.Ordinal);
    }

    private static ProfileDesk SaybaghWithADistrictDispatcher()
    {
        var profile = Sample("saybagh.yaml");
        profile = profile with
        {
            Org = profile.Org with
            {
                Units = [.. profile.Org.Units.Select(u => u.Id == Unit("district-secretary")
                    ? u with { Members = u.Members.Add(new OrgMember(DistrictDispatcher.Id, "区派单员", [MemberRole.Dispatcher])) }
                    : u)],
            },
        };
        return new ProfileDesk(profile, Start, Unit("district-secretary"));
    }

    // Rubbish collection that woke residents at noon: the village's cadre changes the hours; the citizen is satisfied.
    private static Task<Case> ClosedInBaiyinAsync(ProfileDesk kit) =>
        kit.ClosedAsync(Report("village-a1", "livelihood", "垃圾清运影响居民午休"), BaiyinDispatcher, "village-a1", Staff("cadre-a1", "village-a1"), "已调整清运时间");
}
