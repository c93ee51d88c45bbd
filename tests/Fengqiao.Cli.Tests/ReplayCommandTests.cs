using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cli.Commands;
using Fengqiao.Testing;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

public sealed class ReplayCommandTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("fengqiao-cli-replay-").FullName;

    private static string Baiyin => RepositoryPaths.Combine("samples", "profiles", "baiyin.yaml");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A Baiyin store: a dispute claimed by its village; four working days pass. Returns the database path.</summary>
    private async Task<string> StoreAsync()
    {
        var path = Path.Combine(folder, "baiyin.db");
        await using var county = TestCounty.FromProfile(Baiyin, new TestCountyOptions { SqlitePath = path });
        var dispatcher = county.Actor("pl-a");
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(new OrgUnitId("village-a1")), new Reporter("张三"), "宅基地纠纷");
        var id = (await county.RegisterAsync("dispute-1", report, dispatcher)).Case.Id;
        await county.Desk.AcceptAsync(id, dispatcher);
        await county.Desk.DispatchAsync(id, dispatcher, new OrgUnitId("village-a1"));
        await county.Desk.ClaimAsync(id, county.Actor("cadre-a1"));
        await county.AdvanceAsync("4 working days");
        return path;
    }

    private string Changed()
    {
        var text = File.ReadAllText(Baiyin);
        const string Rules = "\nsla:\n  name: Baiyin handling limits\n  rules:\n";
        Assert.Contains(Rules, text, StringComparison.Ordinal);
        var path = Path.Combine(folder, "baiyin-changed.yaml");
        File.WriteAllText(path, text.Replace(Rules, Rules + "    - category: dispute\n      limits:\n        handle: 3 working days\n", StringComparison.Ordinal));
        return path;
    }

    [Fact]
    public async Task Replay_ShorterDisputeLimit_ListsTheCaseWithBothExplanationsAndExitsOne()
    {
        var database = await StoreAsync();

        var (code, output, error) = CliRun.Invoke("replay", "--database", database, "--profile", Changed(), "--until", "2025-11-07T18:00");

        Assert.True(code == ReplayCommand.Differ, $"exit {code}: {error}");
        Assert.Equal(1, ReplayCommand.Differ);
        Assert.Contains("1 case(s) replayed under '白银市 码上反映·马上办理': 1 would differ.", output, StringComparison.Ordinal);
        Assert.Contains("case dispute-1", output, StringComparison.Ordinal);
        Assert.Contains("stored:   none", output, StringComparison.Ordinal);
        Assert.Contains("replayed: to pl-township-a at 2025-11-06T", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replay_UnchangedProfile_ListsNoCaseAndExitsZero()
    {
        var database = await StoreAsync();

        var (code, output, _) = CliRun.Invoke("replay", "--database", database, "--profile", Baiyin, "--until", "2025-11-07T18:00");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Equal("1 case(s) replayed under '白银市 码上反映·马上办理': 0 would differ.", output.Trim());
    }

    [Fact]
    public async Task Replay_ManyCases_ReadsEveryIdThroughTheListingPages()
    {
        var path = Path.Combine(folder, "many.db");
        await using (var county = TestCounty.FromProfile(Baiyin, new TestCountyOptions { SqlitePath = path }))
        {
            var dispatcher = county.Actor("pl-a");
            for (var i = 0; i < ReplayCommand.PageSize + 3; i++)
            {
                var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("livelihood"), CasePriority.Normal, new CaseLocation(new OrgUnitId("village-a1")),
                    new Reporter("张三", $"138{i:D8}"), $"路灯不亮 {i}");
                await county.RegisterAsync($"c{i:D4}", report, dispatcher);
            }
        }

        var (code, output, error) = CliRun.Invoke("replay", "--database", path, "--profile", Baiyin, "--until", "2025-11-03T10:00");

        Assert.True(code == FengqiaoCli.Ok, error);
        Assert.StartsWith($"{ReplayCommand.PageSize + 3} case(s) replayed under", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_NotAStore_ExitsTwo()
    {
        var notAStore = Path.Combine(folder, "notes.db");
        File.WriteAllText(notAStore, "not a database");

        var (code, _, error) = CliRun.Invoke("replay", "--database", notAStore, "--profile", Baiyin);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("notes.db", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
