using System.Globalization;
using System.Text.RegularExpressions;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>Yumen's simulation meets every built-in warning kind through its profile (simulation.texts, warnings:), and its
/// 平安指数 stays mostly green or yellow in an ordinary month.</summary>
public sealed class SimulateWarningKindsTests : IDisposable
{
    private static readonly string[] Kinds = ["warning.employer-cluster", "warning.grid-cluster", "warning.repeat-petition", "warning.violent-risk", "warning.wage-arrears"];
    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("fengqiao-warn-");

    public void Dispose() => folder.Delete(recursive: true);

    private static string Yumen => RepositoryPaths.Combine("samples", "profiles", "yumen.yaml");

    [Fact]
    public void Simulate_YumenThroughTheWeeksBeforeTheSpringFestival_RaisesEveryBuiltInKindAndDrawsTheIndexInTheReport()
    {
        var report = Path.Combine(folder.FullName, "yumen.html");

        var (code, output, error) = CliRun.Invoke("simulate", "--profile", Yumen, "--start", "2026-01-26", "--days", "21",
            "--cases-per-day", "60", "--seed", "3", "--store", "memory", "--report", report);

        Assert.True(code == FengqiaoCli.Ok, error);
        foreach (var kind in Kinds)
        {
            Assert.True(RaisedOf(output, kind) >= 1, $"{kind} raised nothing:\n{output}");
        }

        var html = File.ReadAllText(report);
        Assert.Contains("<section id=\"early-warning\">", html, StringComparison.Ordinal);
        Assert.Equal(10, Regex.Count(html, "<tr><th>township-\\d\\d</th>"));
        Assert.Contains("<code>warning.wage-arrears</code>", html, StringComparison.Ordinal);
        Assert.Contains("background:#d5f0dd", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Simulate_YumenWithoutItsTextsSection_RaisesNoEmployerOrViolentRiskWarning()
    {
        var text = File.ReadAllText(Yumen);
        var start = text.IndexOf("  texts:\n", StringComparison.Ordinal);
        var end = text.IndexOf("\n\n", start, StringComparison.Ordinal);
        Assert.True(start > 0 && end > start);
        var plain = Path.Combine(folder.FullName, "yumen-plain.yaml");
        File.WriteAllText(plain, text[..start] + text[(end + 1)..]);

        var (code, output, error) = CliRun.Invoke("simulate", "--profile", plain, "--start", "2026-01-26", "--days", "21",
            "--cases-per-day", "60", "--seed", "3", "--store", "memory");

        Assert.True(code == FengqiaoCli.Ok, error);
        Assert.Equal(0, RaisedOf(output, "warning.employer-cluster"));
        Assert.Equal(0, RaisedOf(output, "warning.violent-risk"));
    }

    [Theory]
    [InlineData("5")]
    [InlineData("60")]
    public void Simulate_YumenOrdinaryMonth_IndexIsMostlyGreenOrYellow(string casesPerDay)
    {
        var (code, output, error) = CliRun.Invoke("simulate", "--profile", Yumen, "--days", "30", "--cases-per-day", casesPerDay, "--seed", "1", "--store", "memory");

        Assert.True(code == FengqiaoCli.Ok, error);
        var levels = Regex.Match(output, @"Levels over the run's 30 days × 10 townships: green (\d+) %, yellow (\d+) %, orange (\d+) %, red (\d+) %");
        Assert.True(levels.Success, output);
        int Share(int group) => int.Parse(levels.Groups[group].Value, CultureInfo.InvariantCulture);
        Assert.True(Share(1) + Share(2) >= 90, levels.Value);
        Assert.True(Share(4) <= 2, levels.Value);
    }

    private static int RaisedOf(string output, string rule)
    {
        var line = Regex.Match(output, "^  " + Regex.Escape(rule) + @"\s+(\d+)\s*$", RegexOptions.Multiline);
        Assert.True(line.Success, $"no line for {rule}:\n{output}");
        return int.Parse(line.Groups[1].Value, CultureInfo.InvariantCulture);
    }
}
