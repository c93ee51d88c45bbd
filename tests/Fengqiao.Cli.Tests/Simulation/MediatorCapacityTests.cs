using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>A run at another volume than the county's own scales each mediator's capacity with it (#16: Yumen at 30 × 600).</summary>
public class MediatorCapacityTests
{
    private static CountyProfile Yumen => CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

    [Fact]
    public void WithMediatorsAtRunVolume_SixHundredADayAgainstYumensFive_GivesEachMediatorAHundredAndTwentyTimesTheCapacity()
    {
        var profile = Yumen;
        Assert.Equal(5, profile.Simulation.ReportsPerDay);

        var scaled = CountySimulation.WithMediatorsAtRunVolume(profile, 600);

        Assert.Equal(profile.Mediation.Mediators.Select(m => (m.Id, m.Capacity * 120)), scaled.Mediation.Mediators.Select(m => (m.Id, m.Capacity)));
        Assert.Equal(profile.Mediation.Mediators.Select(m => m with { Capacity = 0 }), scaled.Mediation.Mediators.Select(m => m with { Capacity = 0 }));
    }

    [Fact]
    public void WithMediatorsAtRunVolume_BelowTheCountysVolume_RoundsAndKeepsAtLeastOne()
    {
        var profile = Yumen;

        var scaled = CountySimulation.WithMediatorsAtRunVolume(profile, 1);

        // 6 × 0.2 = 1.2 → 1; 8 × 0.2 = 1.6 → 2; 5 × 0.2 = 1.
        Assert.Equal(profile.Mediation.Mediators.Select(m => Math.Max(1, (int)Math.Round(m.Capacity * 0.2, MidpointRounding.AwayFromZero))), scaled.Mediation.Mediators.Select(m => m.Capacity));
        Assert.Contains(scaled.Mediation.Mediators, m => m.Capacity == 2);
        Assert.All(scaled.Mediation.Mediators, m => Assert.True(m.Capacity >= 1));
    }

    [Fact]
    public void WithMediatorsAtRunVolume_TheCountysOwnVolumeOrNoneStated_LeavesTheProfileAsItIs()
    {
        var profile = Yumen;
        var unstated = profile with { Simulation = profile.Simulation with { ReportsPerDay = null } };

        Assert.Same(profile, CountySimulation.WithMediatorsAtRunVolume(profile, 5));
        Assert.Same(unstated, CountySimulation.WithMediatorsAtRunVolume(unstated, 600));
    }
}
