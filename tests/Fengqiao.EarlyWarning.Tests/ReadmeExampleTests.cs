using Fengqiao.Cases;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.EarlyWarning.Tests;

/// <summary>The first example in src/Fengqiao.EarlyWarning/README.md, compiled and run; the README must quote it exactly.</summary>
public class ReadmeExampleTests
{
    [Fact]
    public async Task Follow_YumenThreatReported_SummonsThePolice()
    {
        var yumen = new YumenDesk(Instant.FromUtc(2026, 5, 11, 1, 0));
        Case? threat = null;

        var raised = await FollowAsync(yumen.Profile, yumen.County, async () => threat = await yumen.ReportAsync("neighbour", "grid-120", "邻居扬言持刀报复"));

        var warning = Assert.Single(raised);
        Assert.Equal("warning.violent-risk", warning.RuleId);
        var after = await yumen.County.Desk.FindAsync(threat!.Id);
        Assert.Single(after!.Summonses);
    }

    [Fact]
    public void Readme_QuotesTheCompiledExample()
    {
        var source = File.ReadAllLines(RepositoryPaths.Combine("tests", "Fengqiao.EarlyWarning.Tests", "ReadmeExampleTests.cs"));
        var begin = Array.FindIndex(source, l => l.Trim() == "// README:begin");
        var end = Array.FindIndex(source, l => l.Trim() == "// README:end");
        var example = string.Join("\n", source[(begin + 1)..end].Select(l => l.Length >= 4 ? l[4..] : l.TrimStart()));
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "Fengqiao.EarlyWarning", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);

        Assert.True(begin > 0 && end > begin);
        Assert.Contains(example, readme, StringComparison.Ordinal);
    }

    // README:begin
    public static async Task<IReadOnlyList<RaisedWarning>> FollowAsync(CountyProfile profile, CountyDesk county, Func<Task> work)
    {
        // One engine per desk, for the life of the process: the session keeps the groups (grid, township, person, employer).
        var engine = new EarlyWarningEngine(profile);
        using var following = engine.Attach(county.Desk);

        await work(); // cases are registered and handled as usual

        // Act on each new occurrence as the profile's warning actor (warnings.acts-as), with the rule as the event's cause;
        // the case history is the ledger, so an occurrence acts once even across restarts.
        var responder = WarningResponder.ForProfile(county.Desk, profile.Warnings, new CaseHistoryWarningLedger(county.Desk));
        var raised = engine.TakeRaised();
        foreach (var warning in raised)
        {
            await responder.ActAsync(warning);
        }

        return raised;
    }

    // README:end
}
