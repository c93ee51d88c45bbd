using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>samples/profiles/korla.yaml on a real case desk: departments stationed at the centre (常驻) and rotating (轮驻).</summary>
public class StationedProcessTests
{
    private static readonly CaseActor Registrar = Staff("centre-registrar", "centre");

    [Fact]
    public async Task Dispatch_ToAStationedDepartment_ReachesItsDeskAtTheCentreEveryDay()
    {
        // Monday 2 November 2026, 10:00 in Beijing.
        var kit = new ProfileDesk("korla.yaml", Instant.FromUtc(2026, 11, 2, 2, 0), Unit("centre"));

        var c = await kit.DispatchedAsync(Report("village-01", "other", "申请法律援助"), Registrar, "dept-justice");

        Assert.Equal(Unit("centre-justice-desk"), c.HoldingUnit);
        await kit.Desk.ClaimAsync(c.Id, Staff("justice-desk-worker", "centre-justice-desk"));
    }

    [Fact]
    public async Task Dispatch_ToARotatingDepartment_ReachesItsDeskOnRotaDaysAndTheDepartmentOtherwise()
    {
        // Tuesday 3 November 2026 is a rota day; Wednesday 4 November is not.
        var tuesday = new ProfileDesk("korla.yaml", Instant.FromUtc(2026, 11, 3, 2, 0), Unit("centre"));
        var wednesday = new ProfileDesk("korla.yaml", Instant.FromUtc(2026, 11, 4, 2, 0), Unit("centre"));
        var report = Report("village-01", "livelihood", "小区供暖不热");

        var onRota = await tuesday.DispatchedAsync(report, Registrar, "dept-housing");
        var offRota = await wednesday.DispatchedAsync(report, Registrar, "dept-housing");

        Assert.Equal(Unit("centre-housing-desk"), onRota.HoldingUnit);
        Assert.Equal(Unit("dept-housing"), offRota.HoldingUnit);
    }

    [Fact]
    public async Task Escalate_ToAStationedDepartment_ReachesItsDeskAtTheCentre()
    {
        var kit = new ProfileDesk("korla.yaml", Instant.FromUtc(2026, 11, 2, 4, 0), Unit("centre"));
        var c = await kit.DispatchedAsync(Report("grid-02", "livelihood", "宅基地纠纷需要法律意见"), Registrar, "village-02");

        var escalated = await kit.Desk.EscalateAsync(c.Id, Registrar, Unit("dept-justice"), "村里化解不了，需司法局介入");

        Assert.Equal(Unit("centre-justice-desk"), escalated.HoldingUnit);
        var e = (await kit.HistoryAsync(c.Id))[^1];
        Assert.Equal(Unit("centre-justice-desk"), Assert.IsType<Fengqiao.Cases.Events.CaseEscalated>(e.Payload).Unit);
        await kit.Desk.ClaimAsync(c.Id, Staff("justice-desk-worker", "centre-justice-desk"));
    }

    [Fact]
    public async Task Escalate_ToARotatingDepartmentOffItsRota_ReachesTheDepartmentItself()
    {
        // Wednesday 4 November 2026: the housing desk is not staffed, and Korla's housing bureau takes it at its own office.
        var kit = new ProfileDesk("korla.yaml", Instant.FromUtc(2026, 11, 4, 4, 0), Unit("centre"));
        var c = await kit.DispatchedAsync(Report("grid-02", "livelihood", "小区供暖不热"), Registrar, "village-02");

        var escalated = await kit.Desk.EscalateAsync(c.Id, Registrar, Unit("dept-housing"), "需住建局处理");

        Assert.Equal(Unit("dept-housing"), escalated.HoldingUnit);
    }

    [Fact]
    public async Task Summon_AStationedAndARotatingDepartmentOnItsRotaDay_SummonsBothDesksWhichReportIn()
    {
        // Tuesday 3 November 2026: the housing desk is staffed, the justice desk always is (中心吹哨、部门报到).
        var kit = new ProfileDesk("korla.yaml", Instant.FromUtc(2026, 11, 3, 4, 0), Unit("centre"));
        var c = await kit.DispatchedAsync(Report("grid-02", "livelihood", "老旧小区排水管道堵塞"), Registrar, "village-02");

        var summoned = await kit.Desk.SummonAsync(c.Id, Staff("centre-director", "centre"), [Unit("dept-housing"), Unit("dept-justice")],
            Fengqiao.Sla.TimeLimit.WorkingDays(1), "排水改造涉及多部门");

        Assert.Equal([Unit("centre-housing-desk"), Unit("centre-justice-desk")], summoned.Summonses[^1].Departments.Select(d => d.Department));
        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ReportInAsync(c.Id, Staff("housing-worker", "dept-housing"), Unit("dept-housing")));
        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        var reported = await kit.Desk.ReportInAsync(c.Id, Staff("housing-desk-worker", "centre-housing-desk"), Unit("centre-housing-desk"));
        Assert.Equal([Unit("centre-justice-desk")], reported.Summonses[^1].Pending.ToArray());
    }

    [Fact]
    public void StationedDepartment_WhenAbsentWaitsAtTheDesk_ResolvesToTheDeskOnEveryDay()
    {
        var rotating = new StationedDepartment(Unit("dept-housing"), Unit("centre-housing-desk"), [IsoDayOfWeek.Tuesday], [new LocalDate(2026, 11, 6)], StationedAbsence.Desk);

        Assert.True(rotating.IsRotating);
        Assert.True(rotating.IsPresentOn(new LocalDate(2026, 11, 6)));
        Assert.False(rotating.IsPresentOn(new LocalDate(2026, 11, 5)));
        Assert.Equal(Unit("centre-housing-desk"), rotating.Resolve(new LocalDate(2026, 11, 5)));
    }
}
