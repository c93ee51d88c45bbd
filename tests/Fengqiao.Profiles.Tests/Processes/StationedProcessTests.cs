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
    public void StationedDepartment_WhenAbsentWaitsAtTheDesk_ResolvesToTheDeskOnEveryDay()
    {
        var rotating = new StationedDepartment(Unit("dept-housing"), Unit("centre-housing-desk"), [IsoDayOfWeek.Tuesday], [new LocalDate(2026, 11, 6)], StationedAbsence.Desk);

        Assert.True(rotating.IsRotating);
        Assert.True(rotating.IsPresentOn(new LocalDate(2026, 11, 6)));
        Assert.False(rotating.IsPresentOn(new LocalDate(2026, 11, 5)));
        Assert.Equal(Unit("centre-housing-desk"), rotating.Resolve(new LocalDate(2026, 11, 5)));
    }
}
