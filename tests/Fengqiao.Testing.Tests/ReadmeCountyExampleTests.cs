using Fengqiao.TestSupport;
using FsCheck.Xunit;

namespace Fengqiao.Testing.Tests;

/// <summary>The README's county example, as written there (the profile path made absolute for the test run).</summary>
public class SaybaghDeskProperties
{
    [Property(Arbitrary = [typeof(FengqiaoArbitraries)], MaxTest = 20)]
    public async Task RandomDeskScripts_KeepEveryInvariant(DeskScript script)
    {
        await using var county = TestCounty.FromProfile(RepositoryPaths.Combine("samples/profiles/saybagh.yaml"));
        var result = await DeskScriptRunner.RunAsync(county, script); // throws DeskInvariantException, shrunk
        Assert.Equal(script.Calls.Length, result.Played.Length + result.Refused);
    }

    [Fact]
    public void TestingGuide_QuotesTheCountyExampleAsTheFirstTest()
    {
        var guide = File.ReadAllText(RepositoryPaths.Combine("docs", "testing.md"));

        Assert.Contains("public async Task RandomDeskScripts_KeepEveryInvariant(DeskScript script)", guide, StringComparison.Ordinal);
        Assert.Contains("var result = await DeskScriptRunner.RunAsync(county, script); // throws DeskInvariantException, shrunk", guide, StringComparison.Ordinal);
    }

    [Fact]
    public void Readme_QuotesTheCountyExample()
    {
        var readme = File.ReadAllText(RepositoryPaths.Combine("src", "Fengqiao.Testing", "README.md"));

        Assert.Contains("public async Task RandomDeskScripts_KeepEveryInvariant(DeskScript script)", readme, StringComparison.Ordinal);
        Assert.Contains("var result = await DeskScriptRunner.RunAsync(county, script); // throws DeskInvariantException, shrunk", readme, StringComparison.Ordinal);
    }
}
