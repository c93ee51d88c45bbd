using Fengqiao.Cases.Events;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.Storage.Sqlite;
using Fengqiao.Testing;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>The simulation on the SQLite store commits its appends in groups, and a seed still gives the same run.</summary>
public sealed class GroupedSimulationTests
{
    [Theory]
    [InlineData("saybagh.yaml")]
    [InlineData("yumen.yaml")]
    public async Task Simulation_GroupedAppends_GiveTheSameEventsAndJsonAsOneByOneAndInMemory(string file)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));
        var options = new SimulationOptions(4, 120, 9) { DrainDays = 3 };

        var (grouped, groupedEvents) = await RunAsync(profile, options);
        var (oneByOne, oneByOneEvents) = await RunAsync(profile, options with { GroupAppends = false });
        var (memory, memoryEvents) = await RunAsync(profile, options with { Store = SimulationStore.Memory });

        Assert.Equal(JsonReport.Render(oneByOne), JsonReport.Render(grouped));
        Assert.Equal(JsonReport.Render(memory), JsonReport.Render(grouped));
        Assert.Equal(oneByOneEvents, groupedEvents);
        Assert.Equal(memoryEvents, groupedEvents);
        Assert.Empty(grouped.Refusals);
        Assert.True(groupedEvents.Count > 2000, $"a run of {groupedEvents.Count} events is too small to compare");
    }

    [Fact]
    public async Task Simulation_DefaultStore_CommitsSeveralAppendsAGroup()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"));

        var report = await CountySimulation.RunAsync(profile, new SimulationOptions(3, 100, 4) { DrainDays = 2 });
        var oneByOne = await CountySimulation.RunAsync(profile, new SimulationOptions(3, 100, 4) { DrainDays = 2, GroupAppends = false });

        var commits = Assert.IsType<AppendGroups>(report.Commits);
        Assert.True(commits.Appends > 3 * commits.Groups, $"{commits.Appends} appends in {commits.Groups} groups");
        Assert.Null(oneByOne.Commits);
    }

    [Fact]
    public async Task Simulation_SqliteFile_CommitsLargerGroupsThanTheStoreInMemory()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"));
        var options = new SimulationOptions(3, 1_000, 4) { DrainDays = 0 };
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-sim-").FullName, "county.db");

        var onFile = await CountySimulation.RunAsync(profile, options with { Database = path });
        var inMemory = await CountySimulation.RunAsync(profile, options);

        // On a file every commit writes the pages it touched to the log, so the writer gets groups of up to MaxHeld
        // appends, not ChunkSize: the same appends in fewer commits, and the same report.
        var file = Assert.IsType<AppendGroups>(onFile.Commits);
        var memory = Assert.IsType<AppendGroups>(inMemory.Commits);
        Assert.Equal(memory.Appends, file.Appends);
        Assert.True(file.Appends > GroupedAppendStore.ChunkSize * file.Groups, $"{file.Appends} appends in {file.Groups} commits on the file");
        Assert.True(memory.Appends <= GroupedAppendStore.ChunkSize * memory.Groups, $"{memory.Appends} appends in {memory.Groups} commits in memory");
        Assert.Equal(JsonReport.Render(inMemory with { Commits = null }), JsonReport.Render(onFile with { Commits = null }));
    }

    [Theory]
    [InlineData(2, 256, 512)]
    [InlineData(64, 8, 512)]
    [InlineData(100, 5, 500)]
    [InlineData(512, 2, 1024)]
    public async Task GroupsInFlight_ChunkSizes_HoldAtMost512AppendsOrTwoGroups(int chunkSize, int groups, int appends)
    {
        // Each view disposes the store it wraps.
        await using var pipelined = new GroupedAppendStore(SqliteCaseStore.OpenInMemory(BareCounty.Calendar), pipelined: true, chunkSize: chunkSize);
        await using var inline = new GroupedAppendStore(SqliteCaseStore.OpenInMemory(BareCounty.Calendar), pipelined: false, chunkSize: chunkSize);

        // Each append in flight keeps its case's snapshot: the backlog is bounded in appends, so larger groups (the
        // file's 512) wait in fewer of them.
        Assert.Equal(groups, pipelined.GroupsInFlight);
        Assert.Equal(appends, pipelined.GroupsInFlight * chunkSize);
        Assert.Equal(0, inline.GroupsInFlight);
    }

    [Fact]
    public void Simulate_DefaultStore_PrintsTheAppendsAndCommits()
    {
        var (code, output, _) = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "30", "--drain-days", "1");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Matches(@"on the embedded SQLite store \(in memory\), [\d,]+ appends in [\d,]+ commits\.", output);
    }

    private static async Task<(SimulationReport Report, List<string> Events)> RunAsync(CountyProfile profile, SimulationOptions options)
    {
        var events = new List<string>();
        var report = await CountySimulation.RunAsync(profile, options, observe: e => events.Add(Describe(e)));
        return (report, events);
    }

    private static string Describe(CaseEvent e) => $"{e.At} {e}";
}
