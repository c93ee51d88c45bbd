using Fengqiao.TestSupport;

namespace Fengqiao.Testing.Tests.Scenarios;

/// <summary>The sample scenarios (samples/scenarios) run in CI through <c>dotnet test</c>; one case per file.</summary>
public class SampleScenarioTests
{
    public static TheoryData<string> Files() =>
        new(Directory.GetFiles(ScenarioFiles.SamplesFolder, "*.yaml").Select(Path.GetFileName).Order(StringComparer.Ordinal)!);

    [Theory]
    [MemberData(nameof(Files))]
    public async Task AssertPassesAsync_SampleScenario_Passes(string file)
    {
        var result = await ScenarioRunner.AssertPassesAsync(ScenarioFiles.Sample(file));

        Assert.True(result.Passed);
        Assert.All(result.Steps, s => Assert.Equal(ScenarioStepOutcome.Passed, s.Outcome));
    }

    [Fact]
    public void Samples_EverySampleProfile_HasAtLeastOneScenario()
    {
        var profiles = Directory.GetFiles(RepositoryPaths.Combine("samples", "profiles"), "*.yaml").Select(Path.GetFullPath).ToHashSet();
        var covered = Directory.GetFiles(ScenarioFiles.SamplesFolder, "*.yaml").Select(f => CountyScenario.Load(f).ProfilePath).ToHashSet();

        Assert.Empty(profiles.Except(covered));
    }

    [Fact]
    public void Samples_EveryScenario_QuotesItsCountysArticle()
    {
        foreach (var file in Directory.GetFiles(ScenarioFiles.SamplesFolder, "*.yaml"))
        {
            var text = File.ReadAllText(file);
            Assert.True(text.Contains("# “", StringComparison.Ordinal) && text.Contains(".txt)", StringComparison.Ordinal),
                $"{file} quotes no line of its county's article (a '# “…” (source.txt)' comment).");
        }
    }
}
