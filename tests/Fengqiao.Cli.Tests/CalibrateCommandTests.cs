using System.Text.Json;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

/// <summary><c>fengqiao simulate --json</c>, <c>--drain-days</c> and <c>--calibrate --out</c> against the reference
/// counties' published figures.</summary>
public class CalibrateCommandTests
{
    private static string Sample(string file) => RepositoryPaths.Combine("samples", "profiles", file);

    [Fact]
    public void Simulate_Json_ListsIndicatorsWithKeyNameSimulatedAndThePublishedFigures()
    {
        var run = CliRun.Invoke("simulate", "--profile", Sample("saybagh.yaml"), "--days", "4", "--cases-per-day", "30", "--json");

        Assert.Equal(FengqiaoCli.Ok, run.ExitCode);
        using var json = JsonDocument.Parse(run.Output);
        var indicators = json.RootElement.GetProperty("indicators").EnumerateArray().ToList();
        Assert.All(indicators, i =>
        {
            Assert.False(string.IsNullOrEmpty(i.GetProperty("key").GetString()));
            Assert.False(string.IsNullOrEmpty(i.GetProperty("name").GetString()));
            Assert.True(i.TryGetProperty("simulated", out _));
        });
        var completion = indicators.Single(i => i.GetProperty("key").GetString() == "completion-rate");
        var published = completion.GetProperty("published");
        Assert.Equal(99.38, published.GetProperty("value").GetDouble());
        Assert.Equal(Math.Round(completion.GetProperty("simulated").GetDouble() - 99.38, 2), published.GetProperty("difference").GetDouble(), 2);
        Assert.Equal("已辦結18378件,訴求辦結率達99.38%", published.GetProperty("quote").GetString());
        Assert.False(indicators.Single(i => i.GetProperty("key").GetString() == "escalations").TryGetProperty("published", out _));
        Assert.NotEmpty(json.RootElement.GetProperty("townships").EnumerateArray());
    }

    [Fact]
    public void Simulate_Text_PrintsPublishedBesideSimulatedWithTheDifference()
    {
        var run = CliRun.Invoke("simulate", "--profile", Sample("saybagh.yaml"), "--days", "3", "--cases-per-day", "30");

        Assert.Equal(FengqiaoCli.Ok, run.ExitCode);
        Assert.Matches(@"办结率 completion-rate: simulated [0-9.]+%, published 99\.38% \(2023-09-11\), difference [+-]?[0-9.]+", run.Output);
        Assert.Contains("tolerance: 2 percentage points for a rate", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DrainDays_Default_FinishesTheWorkThatStoppingWithTheLastReportLeavesOpen()
    {
        var profile = CountyProfileLoader.LoadFile(Sample("saybagh.yaml"));

        var stopped = await CountySimulation.RunAsync(profile, new SimulationOptions(5, 40, 3) { Store = SimulationStore.Memory, DrainDays = 0 });
        var drained = await CountySimulation.RunAsync(profile, new SimulationOptions(5, 40, 3) { Store = SimulationStore.Memory });

        double Completion(SimulationReport r) => r.Indicators.Single(i => i.Key == "completion-rate").Number!.Value;
        Assert.Equal(0, stopped.DrainDays);
        Assert.InRange(drained.DrainDays, 1, CountySimulation.MaxDefaultDrainDays);
        Assert.True(Completion(drained) > Completion(stopped) + 10, $"stopped {Completion(stopped)}, drained {Completion(drained)}");
        Assert.Equal(5 + drained.DrainDays, drained.Daily.Count);
        Assert.Equal(0, drained.Daily.Skip(5).Sum(d => d.Reported));
    }

    [Fact]
    public async Task Simulation_OriginMix_RunsCourtAndPoliceFlowsAndCountsThemAsCountiesDo()
    {
        var profile = CountyProfileLoader.LoadFile(Sample("yumen.yaml"));
        var behaviour = profile.Simulation with { Origins = profile.Simulation.Origins.SetItem("court", 0.3).SetItem("police", 0.2), CourtSuitable = 1, PoliceFollowUp = 0.5 };

        var report = await CountySimulation.RunAsync(profile with { Simulation = behaviour }, new SimulationOptions(10, 10, 1) { Store = SimulationStore.Memory });

        double Value(string key) => report.Indicators.Single(i => i.Key == key).Number!.Value;
        Assert.InRange(Value("court-diversion-rate"), 1, 100);
        Assert.True(Value("police-on-site") > Value("police-follow-up"), "only some police calls need a committee's follow-up");
        Assert.True(Value("police-follow-up") > 0);
        Assert.Contains(report.MediationSuccess, r => r.By == "route" && r.Key == "court");
        Assert.Contains(report.MediationSuccess, r => r.By == "route" && r.Key == "police");
    }

    [Fact]
    public void Calibrate_WithoutOut_IsRefusedBeforeAnyRun()
    {
        var run = CliRun.Invoke("simulate", "--profile", Sample("saybagh.yaml"), "--calibrate");

        Assert.Equal(FengqiaoCli.Usage, run.ExitCode);
        Assert.Contains("--calibrate needs --out", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Calibrate_ProfileWithoutPublishedFigures_SaysWhatToAdd()
    {
        using var folder = new TempFolder();
        var run = CliRun.Invoke("simulate", "--profile", Sample("toutunhe.yaml"), "--days", "2", "--cases-per-day", "10", "--calibrate", "--out", Path.Combine(folder.Path, "fitted.yaml"));

        Assert.Equal(FengqiaoCli.Usage, run.ExitCode);
        Assert.Contains("publishes no figures", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(folder.Path, "fitted.yaml")));
    }

    /// <summary>
    /// Calibrate, then simulate the fitted copy with --json: every published figure is within tolerance. Runs are
    /// small, since these counties publish rates only; Yumen's run is longer, because at 8 days its 30 court filings
    /// move the diversion rate 3 points a case, wider than the 2-point tolerance.
    /// </summary>
    [Theory]
    [InlineData("saybagh.yaml", 8, 40)]
    [InlineData("baiyin.yaml", 8, 40)]
    [InlineData("korla.yaml", 8, 40)]
    [InlineData("yumen.yaml", 20, 40)]
    public void Calibrate_SampleWithPublishedFigures_FittedProfileSimulatesEveryFigureWithinTolerance(string file, int days, int perDay)
    {
        using var folder = new TempFolder();
        var fitted = Path.Combine(folder.Path, "fitted.yaml");
        string[] size = ["--days", days.ToString(System.Globalization.CultureInfo.InvariantCulture), "--cases-per-day", perDay.ToString(System.Globalization.CultureInfo.InvariantCulture)];

        var calibrate = CliRun.Invoke(["simulate", "--profile", Sample(file), .. size, "--calibrate", "--out", fitted]);
        var check = CliRun.Invoke(["simulate", "--profile", fitted, .. size, "--json"]);

        Assert.True(calibrate.ExitCode == FengqiaoCli.Ok, calibrate.Output + calibrate.Error);
        Assert.Contains("tolerance ±2 percentage points for a rate, ±10 % for a count", calibrate.Output, StringComparison.Ordinal);
        var fittedProfile = CountyProfileLoader.LoadFile(fitted);
        Assert.StartsWith("# Fitted by fengqiao simulate --calibrate from " + file, File.ReadLines(fitted).First(), StringComparison.Ordinal);
        Assert.Contains(fittedProfile.Provenance, p => p.Element == "simulation");
        Assert.Equal(
            CountyProfileLoader.LoadFile(Sample(file)).Published.Select(p => (p.Key, p.Value, p.Quote, p.Date)),
            fittedProfile.Published.Select(p => (p.Key, p.Value, p.Quote, p.Date)));
        using var json = JsonDocument.Parse(check.Output);
        var published = json.RootElement.GetProperty("indicators").EnumerateArray().Where(i => i.TryGetProperty("published", out _)).ToList();
        Assert.Equal(fittedProfile.Published.Length, published.Count);
        Assert.All(published, i => Assert.True(i.GetProperty("published").GetProperty("within").GetBoolean(), i.ToString()));
        Assert.InRange(fittedProfile.Simulation.AnswerShareOfLimit, 0.5, 1);
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("fengqiao-calibrate-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
