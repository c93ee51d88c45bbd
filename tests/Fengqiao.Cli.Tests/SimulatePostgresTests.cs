using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.Storage.PostgreSql.Tests;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

/// <summary><c>fengqiao simulate --store postgres</c> against a real server (FENGQIAO_POSTGRES, or a throwaway cluster).</summary>
[Collection(PostgresTests.Name)]
public sealed class SimulatePostgresTests(PostgresServer server)
{
    [Fact]
    public async Task Simulate_OnPostgresWithFourSweepers_ActsOnEachDueCaseOnceAndPrintsTheInMemoryTable()
    {
        var db = await server.NewDatabaseAsync();

        var postgres = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "60", "--seed", "3", "--store", "postgres", "--connection", db, "--sweepers", "4");
        var memory = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "60", "--seed", "3", "--store", "memory");

        Assert.True(postgres.ExitCode == FengqiaoCli.Ok, postgres.Error);
        Assert.Contains("concurrent sweepers", postgres.Output);
        Assert.Contains("double actions    0\n", postgres.Output);
        Assert.Contains("missed due cases  0\n", postgres.Output);
        Assert.DoesNotContain(" 0 due cases claimed", postgres.Output);
        Assert.Contains("on PostgreSQL with 4 sweeper(s)", postgres.Output);
        Assert.Equal(Table(memory.Output), Table(postgres.Output));
    }

    [Fact]
    public async Task Simulation_OnPostgresWithGroupedAppends_GivesTheSameRunAsOneByOneInFewerCommits()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"));
        var options = new SimulationOptions(2, 60, 5) { Store = SimulationStore.Postgres, Sweepers = 2, DrainDays = 2 };

        // Two sweepers write cases between the desk's groups: the grouped view must read those again, not its own copy.
        var (grouped, groupedEvents) = await RunAsync(profile, options with { Connection = await server.NewDatabaseAsync() });
        var (oneByOne, oneByOneEvents) = await RunAsync(profile, options with { Connection = await server.NewDatabaseAsync(), GroupAppends = false });

        Assert.Equal(JsonReport.Render(oneByOne), JsonReport.Render(grouped));
        Assert.Equal(oneByOneEvents, groupedEvents);
        Assert.Empty(grouped.Refusals);
        Assert.Equal((0L, 0L), (grouped.Sweeps!.DoubleActions, grouped.Sweeps.MissedDueCases));
        Assert.True(grouped.Sweeps.Claims > 0, "the sweepers claimed no due case, so nothing was written between the desk's groups");
        var commits = Assert.IsType<AppendGroups>(grouped.Commits);
        Assert.True(commits.Appends > 3 * commits.Groups, $"{commits.Appends} appends in {commits.Groups} groups");
        Assert.Null(oneByOne.Commits);
    }

    [Fact]
    public async Task Simulate_OnADatabaseThatHoldsASimulation_IsRefused()
    {
        var db = await server.NewDatabaseAsync();
        Assert.Equal(FengqiaoCli.Ok, CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "5", "--store", "postgres", "--connection", db).ExitCode);

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "5", "--store", "postgres", "--connection", db);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("already holds a simulation's cases", error);
    }

    [Theory]
    [InlineData("--store", "postgres")]
    [InlineData("--connection", "Host=x")]
    [InlineData("--sweepers", "2")]
    [InlineData("--store", "postgres", "--connection", "Host=127.0.0.1;Port=1;Database=none;Username=u;Timeout=5")]
    public void Simulate_BadPostgresOptions_ExitTwoNamingTheProblem(params string[] arguments)
    {
        var (code, _, error) = CliRun.Invoke(["simulate", "--days", "1", .. arguments]);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains(arguments.Length == 4 ? "cannot be reached" : arguments[0] == "--store" ? "--connection" : arguments[0], error);
    }

    /// <summary>Runs a simulation and describes its events, sorted: two sweepers publish in no fixed order.</summary>
    private static async Task<(SimulationReport Report, List<string> Events)> RunAsync(CountyProfile profile, SimulationOptions options)
    {
        var events = new List<string>();
        var report = await CountySimulation.RunAsync(profile, options, observe: e => events.Add($"{e.At} {e}"));
        events.Sort(StringComparer.Ordinal);
        return (report, events);
    }

    /// <summary>The table without the run's own lines (time taken, store, sweep audit).</summary>
    private static string Table(string output) =>
        string.Join('\n', output.Split('\n').TakeWhile(l => !l.StartsWith("Sweeps: ", StringComparison.Ordinal) && !l.StartsWith("Simulated ", StringComparison.Ordinal)));
}
