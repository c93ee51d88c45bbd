using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>
/// A leader's instruction naming a unit and a limit on Baiyin's desk (Baiyin: "请市住建局即刻处理";
/// "市县领导对群众反映事项进行点对点批示,市委办、市政府办及时对领导批示及重大事项进行跟踪督办"): followed up as a tracked
/// supervision of the named unit, overdue and re-issued up the ladder, closed when the unit reports back.
/// </summary>
public class InstructionProcessTests
{
    // Monday 2 November 2026, 09:00 in Beijing.
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);

    private static readonly CaseActor Dispatcher = Staff("pl-a", "pl-township-a");

    private static readonly CaseActor CountyLeader = Staff("county-leader-a", "leader-township-a");

    private static readonly CaseActor HousingOfficer = Staff("housing-officer", "dept-housing");

    private static readonly TimeLimit FourHours = TimeLimit.WorkingHours(4);

    private static async Task<(ProfileDesk Kit, Case Case)> InstructedAsync()
    {
        var kit = new ProfileDesk("baiyin.yaml", Start, Unit("pl-township-a"));
        var c = await kit.DispatchedAsync(Report("village-a1", "heating", "小区暖气不热"), Dispatcher, "village-a1");
        return (kit, await kit.Desk.InstructAsync(c.Id, CountyLeader, "请县住建局即刻处理,高度关注冬季供暖问题", Unit("dept-housing"), FourHours));
    }

    [Fact]
    public async Task InstructAsync_NamingAUnitAndALimit_SupervisesThatUnitWithinTheLimitLinkedToTheInstruction()
    {
        var (kit, c) = await InstructedAsync();

        var history = await kit.HistoryAsync(c.Id);
        var instructed = history.Single(e => e.Payload is CaseInstructed);
        var payload = (CaseInstructed)instructed.Payload;
        var supervision = Assert.Single(c.Supervisions);
        Assert.Equal(Unit("dept-housing"), payload.Unit);
        Assert.Equal(FourHours, payload.Limit);
        Assert.Equal(Unit("dept-housing"), supervision.TargetUnit);
        Assert.Equal(Unit("leader-township-a"), supervision.IssuingUnit);
        Assert.Equal(FourHours, supervision.Limit);
        Assert.Equal(instructed.Version, supervision.Instruction);
        Assert.Equal(EscalationRuleIds.LeaderInstruction, supervision.RuleId);
        // 09:00 plus four working hours of Baiyin's winter day (08:30-12:00, 14:00-17:30).
        Assert.Equal(Instant.FromUtc(2026, 11, 2, 7, 0), supervision.Deadline);
        Assert.Equal(Unit("village-a1"), c.HoldingUnit);
    }

    [Fact]
    public async Task ReportInAsync_TheNamedUnitReportsBack_ClosesTheFollowUp()
    {
        var (kit, c) = await InstructedAsync();

        var after = await kit.Desk.ReportInAsync(c.Id, HousingOfficer, Unit("dept-housing"));

        var supervision = Assert.Single(after.Supervisions);
        Assert.False(supervision.IsOpen);
        Assert.Equal(CaseSupervisionClosure.ReportedBack, supervision.ClosedBecause);
        Assert.Equal(0, ((CaseReportedIn)(await kit.HistoryAsync(c.Id))[^1].Payload).Summons);
    }

    [Fact]
    public async Task SweepAsync_TheFollowUpOverdue_RecordsItOnceAndReissuesItUpTheLadderStillClosedByTheReportBack()
    {
        var (kit, c) = await InstructedAsync();

        kit.Clock.Advance(Duration.FromHours(7));
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        await kit.Desk.SweepAsync(kit.Clock.GetCurrentInstant());
        var overdue = await kit.CaseAsync(c.Id);
        var history = await kit.HistoryAsync(c.Id);
        var closed = await kit.Desk.ReportInAsync(c.Id, HousingOfficer, Unit("dept-housing"));

        Assert.Single(history, e => e.Payload is CaseSupervisionOverdue);
        Assert.Equal(2, overdue.Supervisions.Length);
        Assert.Equal(CaseSupervisionClosure.Superseded, overdue.Supervisions[0].ClosedBecause);
        Assert.Equal(Unit("county-political-legal"), overdue.Supervisions[1].IssuingUnit);
        Assert.Equal(Unit("dept-housing"), overdue.Supervisions[1].TargetUnit);
        Assert.Equal(overdue.Supervisions[0].Instruction, overdue.Supervisions[1].Instruction);
        Assert.All(closed.Supervisions, s => Assert.False(s.IsOpen));
        Assert.Equal(CaseSupervisionClosure.ReportedBack, closed.Supervisions[1].ClosedBecause);
    }

    [Fact]
    public async Task InstructAsync_AUnitNotInTheDirectoryOrAUnitWithoutALimit_IsRefusedNamingIt()
    {
        var kit = new ProfileDesk("baiyin.yaml", Start, Unit("pl-township-a"));
        var c = await kit.DispatchedAsync(Report("village-a1", "heating", "暖气不热"), Dispatcher, "village-a1");

        var unknown = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.InstructAsync(c.Id, CountyLeader, "请处理", Unit("dept-nowhere"), FourHours));
        var noLimit = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ActAsync(c.Id, CountyLeader, new CaseInstructed("请处理") { Unit = Unit("dept-housing") }, null));

        Assert.Contains("no unit 'dept-nowhere' in the directory", unknown.Reason, StringComparison.Ordinal);
        Assert.Contains("names unit 'dept-housing' but no limit", noLimit.Reason, StringComparison.Ordinal);
        Assert.Empty((await kit.CaseAsync(c.Id)).Supervisions);
    }

    [Fact]
    public async Task ReportInAsync_AUnitNoInstructionNames_IsRefused()
    {
        var (kit, c) = await InstructedAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ReportInAsync(c.Id, Staff("cadre-a1", "village-a1"), Unit("village-a1")));

        Assert.Contains("nor named by an open instruction (批示)", refused.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstructAsync_WithoutAUnit_KeepsSupervisingTheHolderWithinThePolicysLimit()
    {
        var kit = new ProfileDesk("baiyin.yaml", Start, Unit("pl-township-a"));
        var c = await kit.DispatchedAsync(Report("village-a1", "heating", "暖气不热"), Dispatcher, "village-a1");

        var after = await kit.Desk.InstructAsync(c.Id, CountyLeader, "请抓紧办理");

        var supervision = Assert.Single(after.Supervisions);
        Assert.Equal(Unit("village-a1"), supervision.TargetUnit);
        Assert.Null(supervision.Instruction);
        Assert.Equal(TimeLimit.WorkingDays(5), supervision.Limit);
    }
}
