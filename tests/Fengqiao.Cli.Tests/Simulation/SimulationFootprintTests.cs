using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>The simulation's memory follows the cases in play, not the length of the run (issue 20; issue 15 item 2):
/// its per-case collections hold about as many entries after sixty days as after twenty.</summary>
public sealed class SimulationFootprintTests
{
    [Theory]
    [InlineData("saybagh.yaml")]
    [InlineData("yumen.yaml")]
    public async Task RunAsync_ThreeTimesTheDays_KeepsThePerCaseCollectionsAsSmall(string file)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));

        // Cases stay open up to about two weeks here, so twenty days reach the steady state.
        var twentyDays = (await CountySimulation.RunAsync(profile, new SimulationOptions(20, 30, 5) { DrainDays = 0 })).Footprint;
        var sixtyDays = (await CountySimulation.RunAsync(profile, new SimulationOptions(60, 30, 5) { DrainDays = 0 })).Footprint;

        // The run three times as long registered three times the cases, and retired most of them into running totals.
        Assert.True(sixtyDays.RetiredCases > 60 * 30 / 2, $"{sixtyDays.RetiredCases} of 1,800 cases retired");
        Assert.True(twentyDays.LiveCases > 0 && twentyDays.OpenCases > 0 && twentyDays.AgendaSteps > 0, twentyDays.ToString());
        var both = $"after 20 days {twentyDays}, after 60 days {sixtyDays}";
        Assert.True(sixtyDays.LiveCases <= twentyDays.LiveCases * 3 / 2, both);
        Assert.True(sixtyDays.OpenCases <= twentyDays.OpenCases * 3 / 2, both);
        Assert.True(sixtyDays.AgendaSteps <= twentyDays.AgendaSteps * 3 / 2, both);
        Assert.True(sixtyDays.KnownCases <= twentyDays.KnownCases * 3 / 2, both);
        // A mark belongs to a case not yet retired (retiring drops it), so the marks are bounded as the live cases are.
        Assert.True(sixtyDays.MediationMarks <= sixtyDays.LiveCases, both);
    }
}
