using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

public sealed class ScenarioCommandTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), $"fengqiao-cli-scenarios-{Guid.NewGuid():N}");

    public ScenarioCommandTests() => Directory.CreateDirectory(folder);

    private static string Samples => RepositoryPaths.Combine("samples", "scenarios");

    public void Dispose() => Directory.Delete(folder, recursive: true);

    /// <summary>Writes a copy of a sample beside the samples' profiles (the copy's profile path is made absolute).</summary>
    private string Copy(string sample, string find, string replace)
    {
        var text = File.ReadAllText(Path.Combine(Samples, sample));
        Assert.Contains(find, text, StringComparison.Ordinal);
        text = text.Replace(find, replace, StringComparison.Ordinal)
            .Replace("profile: ../profiles/", $"profile: {RepositoryPaths.Combine("samples", "profiles")}/", StringComparison.Ordinal);
        var path = Path.Combine(folder, sample);
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void ScenarioRun_AllSamples_ExitsZero()
    {
        var files = Directory.GetFiles(Samples, "*.yaml").Order(StringComparer.Ordinal).ToArray();

        var (code, output, error) = CliRun.Invoke(["scenario", "run", .. files]);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Equal("", error);
        Assert.Contains($"{files.Length} passed, 0 failed, 0 malformed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioRun_BrokenCopy_ExitsOneWithTheStepExpectedAndActual()
    {
        var broken = Copy("saybagh-dispute-overdue.yaml", "level: community, rule: overdue", "level: street, rule: overdue");

        var (code, output, _) = CliRun.Invoke("scenario", "run", Path.Combine(Samples, "korla-whistle.yaml"), broken);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains($"FAIL {broken}:14: expect: {{case: c1, level: street, rule: overdue}}", output, StringComparison.Ordinal);
        Assert.Contains("- expected: street", output, StringComparison.Ordinal);
        Assert.Contains("+ actual:   community", output, StringComparison.Ordinal);
        Assert.Contains("1 passed, 1 failed, 0 malformed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioRun_MalformedFile_ExitsTwoWithFileLineColumn()
    {
        var malformed = Copy("saybagh-dispute-overdue.yaml", "action: dispatch", "action: despatch");

        var (code, output, error) = CliRun.Invoke("scenario", "run", malformed, Path.Combine(Samples, "korla-whistle.yaml"));

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains($"{malformed}:9:29: unknown action 'despatch'", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Contains("1 passed, 0 failed, 1 malformed", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ScenarioRun_MissingFile_ExitsTwo()
    {
        var (code, _, error) = CliRun.Invoke("scenario", "run", Path.Combine(folder, "nowhere.yaml"));

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("nowhere.yaml", error, StringComparison.Ordinal);
    }
}
