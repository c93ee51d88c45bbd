using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

public class SimulateCommandTests
{
    [Fact]
    public void Simulate_SameSeed_PrintsTheSameTable()
    {
        var first = CliRun.Invoke("simulate", "--days", "3", "--cases-per-day", "40", "--seed", "7");
        var second = CliRun.Invoke("simulate", "--days", "3", "--cases-per-day", "40", "--seed", "7");

        Assert.Equal(FengqiaoCli.Ok, first.ExitCode);
        Assert.Equal(Table(first.Output), Table(second.Output));
        Assert.Contains("Completion rate 办结率", first.Output);
        Assert.Contains("Satisfaction rate 满意率", first.Output);
    }

    [Fact]
    public void Simulate_OnTheSqliteStoreAndInMemory_PrintsTheSameTable()
    {
        var sqlite = CliRun.Invoke("simulate", "--days", "3", "--cases-per-day", "40", "--seed", "5");
        var memory = CliRun.Invoke("simulate", "--days", "3", "--cases-per-day", "40", "--seed", "5", "--store", "memory");

        Assert.Equal(FengqiaoCli.Ok, sqlite.ExitCode);
        Assert.Contains("on the embedded SQLite store", sqlite.Output);
        Assert.Contains("on the in-memory store", memory.Output);
        Assert.Equal(Table(sqlite.Output), Table(memory.Output));
    }

    [Fact]
    public async Task Simulate_WithADatabaseFile_KeepsEveryCaseInIt()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-sim-").FullName, "county.db");

        var (code, output, _) = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "30", "--database", path);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains($"SQLite file {path}", output);
        var calendar = Sample("saybagh.yaml").BuildCalendar();
        using var store = Fengqiao.Storage.Sqlite.SqliteCaseStore.Open(path, calendar);
        var first = await store.LoadAsync(new CaseId("C0000001"), default);
        Assert.NotNull(first);
        Assert.True(first.Version > 1);
    }

    [Theory]
    [InlineData("--store", "disk")]
    [InlineData("--store", "memory", "--database", "x.db")]
    public void Simulate_BadStoreOptions_ExitTwoNamingTheOption(params string[] arguments)
    {
        var (code, _, error) = CliRun.Invoke(["simulate", "--days", "1", .. arguments]);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains(arguments[0] == "--store" && arguments.Length == 2 ? "--store" : "--database", error);
    }

    [Fact]
    public void Simulate_ExistingDatabaseFile_IsRefusedAndLeftAlone()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-sim-").FullName, "county.db");
        File.WriteAllText(path, "keep me");

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--database", path);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("already exists", error);
        Assert.Equal("keep me", File.ReadAllText(path));
    }

    [Fact]
    public void Simulate_AnotherSeed_GivesAnotherRun()
    {
        var first = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "40", "--seed", "1");
        var second = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "40", "--seed", "2");

        Assert.NotEqual(Table(first.Output), Table(second.Output));
    }

    [Fact]
    public void Simulate_WritesASelfContainedReport()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-sim-").FullName, "report.html");

        var (code, output, _) = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "30", "--report", path);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains(path, output);
        var html = File.ReadAllText(path);
        Assert.Contains("<svg", html);
        Assert.DoesNotContain("<script", html);
    }

    [Fact]
    public void Simulate_BrokenProfile_ExitsOneNamingTheProblem()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-sim-").FullName, "broken.yaml");
        File.WriteAllText(path, "name: x\ntime-zone: Mars/Olympus\norg:\n  units: []\n");

        var (code, _, error) = CliRun.Invoke("simulate", "--profile", path, "--days", "1");

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains("Mars/Olympus", error);
    }

    [Fact]
    public void Simulate_BadDays_ExitsTwo()
    {
        var (code, _, error) = CliRun.Invoke("simulate", "--days", "0");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("--days", error);
    }

    [Fact]
    public async Task Simulation_Yumen_SendsDisputesToMediationByTheCountysHandOffRules()
    {
        var profile = Sample("yumen.yaml");
        var (report, events) = await RunAsync(profile, new SimulationOptions(4, 80, 3));

        var countyRules = profile.BuildHandOffRules();
        var handOffs = events.Where(e => e.Trigger == CaseTrigger.HandOff).ToList();
        Assert.NotEmpty(handOffs);
        Assert.All(handOffs, e =>
        {
            Assert.Equal(CaseActorKind.System, e.Actor.Kind);
            Assert.True(countyRules.TryGetRule(e.Cause!.RuleId, out _), $"{e.Cause.RuleId} is not one of Yumen's hand-off rules");
        });

        // Yumen's own row (rules.hand-offs in yumen.yaml) acts, not only the defaults.
        Assert.Contains(handOffs, e => e.Cause!.RuleId == "centre-refers-civil-disputes");

        // 访调: a petition seeking a remedy is in mediation before anything else happens to it — unless every mediator who
        // could take it is at capacity, which the report counts as "no mediator free" (never over capacity).
        var petitions = events.Where(e => e.Payload is CaseRegistration r && r.Report.Channel == CaseChannel.PetitionOffice
            && r.Report.Category.Key.Contains("remedy", StringComparison.Ordinal)).Select(e => e.CaseId).ToHashSet();
        Assert.NotEmpty(petitions);
        var first = petitions.Select(id => events.First(e => e.CaseId == id && e.Payload is CaseTransition).Trigger).ToList();
        Assert.Contains(CaseTrigger.HandOff, first);
        var outcomes = report.MediationOutcomes.ToDictionary(s => s.Label, s => s.Count);
        Assert.True(outcomes["no mediator free 无可用调解员"] >= first.Count(t => t != CaseTrigger.HandOff));

        Assert.True(outcomes["agreement 达成协议"] > 0, "some mediations should end in agreement");
        Assert.Empty(report.Refusals);
    }

    [Fact]
    public async Task Simulation_Yumen_AFailedPetitionMediationReturnsToThePetitionOfficeByRule()
    {
        // Returns follow failed mediations; the petition office answers them within the run (the drain days included).
        // Citizens' own disputes only, and a low success share: seed 2 has failed petition mediations in twenty days.
        var behaviour = SimulationProfile.Default with { MediationSuccess = 0.3 };
        var (report, events) = await RunAsync(Sample("yumen.yaml") with { Simulation = behaviour }, new SimulationOptions(20, 100, 2) { Store = SimulationStore.Memory });

        var backs = events.Where(e => e.Trigger == CaseTrigger.HandOff && e.Cause?.RuleId == Fengqiao.Mediation.Rules.HandOffRules.PetitionReturnFailure).ToList();
        Assert.NotEmpty(backs);
        Assert.All(backs, back => Assert.Equal(new Fengqiao.Cases.Organisation.OrgUnitId("petition-office"), back.Unit()));
        Assert.Contains(backs, back => events.Any(e => e.CaseId == back.CaseId && e.Version > back.Version && e.Actor.Unit == back.Unit()));
        Assert.True(int.Parse(report.Indicators.Single(i => i.Name == "Returns to outside bodies").Value) >= backs.Count);
        Assert.Empty(report.Refusals);
    }

    [Fact]
    public async Task Simulation_Baiyin_DeputiesRateClosedCasesAndTheirDissatisfactionReopensAboveTheCloser()
    {
        var (report, events) = await TwelveDaysAsync("baiyin.yaml");

        var deputyRatings = events.Where(e => e.Trigger == CaseTrigger.Rate && e.Actor.Kind == CaseActorKind.Deputy).ToList();
        Assert.NotEmpty(deputyRatings);
        Assert.All(deputyRatings, e => Assert.Contains(e.Actor.Id.Value, new[] { "deputy-li", "deputy-zhao" }));
        var unsatisfied = deputyRatings.Where(e => e.Payload is CaseRated { Rating: CaseRating.Unsatisfied }).Select(e => e.CaseId).ToHashSet();
        Assert.NotEmpty(unsatisfied);
        Assert.Contains(events, e => unsatisfied.Contains(e.CaseId) && e.Trigger == CaseTrigger.Escalate
            && e.Cause?.RuleId == Fengqiao.Escalation.Rules.EscalationRuleIds.ReopenAboveCloser);
        Assert.True(int.Parse(report.Indicators.Single(i => i.Chinese == "人大代表评议退回").Value) > 0);
        Assert.Empty(report.Refusals);
    }

    [Fact]
    public async Task Simulation_Baiyin_DeputiesScoreTheClosedCasesTheyReviewAndTheReportPrintsTheMean()
    {
        var (report, events) = await TwelveDaysAsync("baiyin.yaml");

        var scores = events.Where(e => e.Payload is CaseDeputyScored).ToList();
        Assert.NotEmpty(scores);
        Assert.All(scores, e => Assert.Equal(CaseState.Closed, e.From));
        var indicator = report.Indicators.Single(i => i.Key == "deputy-mean-score");
        Assert.Equal(scores.Average(e => ((CaseDeputyScored)e.Payload).Score), indicator.Number!.Value, 6);
        Assert.Empty(report.Refusals);
    }

    [Fact]
    public async Task Simulation_Saybagh_TheTaskForceReportsInWritingEveryCaseItTakes()
    {
        var (report, events) = await TwelveDaysAsync("saybagh.yaml");

        var claimedByTheTaskForce = events.Where(e => e.Payload is CaseClaimed && e.Actor.Unit == new Fengqiao.Cases.Organisation.OrgUnitId("task-force")).Select(e => e.CaseId).ToHashSet();
        var reported = events.Where(e => e.Payload is CaseWrittenReportFiled).Select(e => e.CaseId).ToHashSet();
        Assert.NotEmpty(claimedByTheTaskForce);
        Assert.Subset(reported, claimedByTheTaskForce);
        Assert.Equal(reported.Count, (int)report.Indicators.Single(i => i.Key == "written-reports").Number!.Value);
        Assert.Empty(report.Refusals);
    }

    [Fact]
    public async Task Simulation_Toutunhe_TheInformationOfficerHandsEachGridCaseToTheManagersPost()
    {
        var (report, events) = await RunAsync(Sample("toutunhe.yaml"), new SimulationOptions(5, 60, 2) { Store = SimulationStore.Memory });

        var handOvers = events.Where(e => e.Payload is CasePostHandedOver).ToList();
        Assert.NotEmpty(handOvers);
        Assert.All(handOvers, e => Assert.Equal(("grid-manager", true), (((CasePostHandedOver)e.Payload).Post, e.Actor.Id.Value.EndsWith("-info", StringComparison.Ordinal))));
        Assert.Equal(handOvers.Count, (int)report.Indicators.Single(i => i.Key == "post-hand-overs").Number!.Value);
        Assert.Empty(report.Refusals);
    }

    [Theory]
    [InlineData("korla.yaml")]
    [InlineData("yumen.yaml")]
    public async Task Simulation_CountyWhoseProfileHasNoDeputies_HasNoDeputyReviews(string file)
    {
        Assert.DoesNotContain(Sample(file).BuildOrgTree().Units.SelectMany(u => u.Members), m => m.Holds(new Fengqiao.Cases.Organisation.MemberRole("deputy")));

        var (report, events) = await TwelveDaysAsync(file);

        Assert.DoesNotContain(events, e => e.Actor.Kind == CaseActorKind.Deputy);
        Assert.Equal("0", report.Indicators.Single(i => i.Chinese == "人大代表评议退回").Value);
        Assert.Contains(events, e => e.Trigger == CaseTrigger.Close);
    }

    [Theory]
    [InlineData("baiyin.yaml")]
    [InlineData("korla.yaml")]
    [InlineData("toutunhe.yaml")]
    [InlineData("yumen.yaml")]
    public async Task Simulation_EveryReferenceCounty_RunsWithoutARefusedCall(string file)
    {
        var profile = Sample(file);

        var report = await CountySimulation.RunAsync(profile, new SimulationOptions(3, 60, 1));

        Assert.Empty(report.Refusals);
        Assert.True(int.Parse(report.Indicators.Single(i => i.Name == "Accepted").Value) > 100);
        Assert.NotEmpty(report.ResolutionLevels);
    }

    [Fact]
    public async Task Simulation_Counts_MatchTheDesksEvents()
    {
        var profile = Sample("saybagh.yaml");

        var report = await CountySimulation.RunAsync(profile, new SimulationOptions(4, 50, 3));

        var received = int.Parse(report.Indicators.Single(i => i.Name == "Reports received").Value);
        var closed = int.Parse(report.Indicators.Single(i => i.Name == "Closed").Value);
        Assert.Equal(200, received);
        Assert.Equal(report.Daily.Sum(d => d.Reported) + int.Parse(report.Indicators.Single(i => i.Name == "Duplicates merged").Value), received);
        Assert.Equal(report.ResolutionLevels.Sum(s => s.Count), report.Daily.Sum(d => d.Closed));
        Assert.True(closed <= report.Daily.Sum(d => d.Closed), "a reopened case closes twice but counts once");
    }

    private static CountyProfile Sample(string file) => CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));

    /// <summary>Runs a simulation and keeps every event its desk published.</summary>
    private static async Task<(SimulationReport Report, IReadOnlyList<CaseEvent> Events)> RunAsync(CountyProfile profile, SimulationOptions options)
    {
        var events = new List<CaseEvent>();
        var report = await CountySimulation.RunAsync(profile, options, observe: events.Add);
        return (report, events);
    }

    /// <summary>Twelve days of 150 reports a day (seed 2, in memory) of a sample county, run once and shared by the tests
    /// that read it: the run is deterministic and nothing changes its report or events.</summary>
    private static Task<(SimulationReport Report, IReadOnlyList<CaseEvent> Events)> TwelveDaysAsync(string file) =>
        TwelveDayRuns.GetOrAdd(file, f => new(() => RunAsync(Sample(f), new SimulationOptions(12, 150, 2) { Store = SimulationStore.Memory }))).Value;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<Task<(SimulationReport Report, IReadOnlyList<CaseEvent> Events)>>> TwelveDayRuns =
        new(StringComparer.Ordinal);

    private static string Table(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("Simulated ", StringComparison.Ordinal)));

    public static TheoryData<string> SampleFiles() =>
        [.. Directory.GetFiles(RepositoryPaths.Combine("samples", "profiles"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(SampleFiles))]
    public async Task Simulation_EverySampleFrom15December2026_RunsThirtyDaysAcrossTheYearWithoutARefusal(string file)
    {
        var profile = Sample(file);
        var options = new SimulationOptions(30, 3, 11) { Store = SimulationStore.Memory, StartDate = new NodaTime.LocalDate(2026, 12, 15) };

        var report = await CountySimulation.RunAsync(profile, options);

        Assert.Empty(report.Refusals);
        // Every report is registered (a few arrive twice and are merged into the earlier case, as a desk does).
        Assert.InRange(report.Daily.Sum(d => d.Reported), 80, 30 * 3);
        Assert.True(report.Daily.Where(d => d.Date.Year == 2027).Sum(d => d.Reported) >= 30, "cases keep being registered in 2027");
        Assert.Equal(new NodaTime.LocalDate(2026, 12, 15), report.Daily[0].Date);
        Assert.Equal(new NodaTime.LocalDate(2027, 1, 13), report.Daily[30 - 1].Date);
        Assert.Equal(30 + report.DrainDays, report.Daily.Count);
    }

    [Fact]
    public void Simulate_StartOption_StartsOnThatDay()
    {
        var (code, output, _) = CliRun.Invoke("simulate", "--days", "2", "--cases-per-day", "5", "--store", "memory", "--start", "2026-12-30");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("Simulated 10 reports", output);
    }

    [Fact]
    public void Simulate_BadStartDate_ExitsTwoNamingTheOption()
    {
        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--start", "2026-13-01");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("--start: '2026-13-01' is not a date", error);
    }
}

public class SimulateWarningsTests
{
    [Fact]
    public void Simulate_YumenSample_PrintsWarningsAndTheSafetyIndexPerTownship()
    {
        var (code, output, error) = CliRun.Invoke("simulate", "--profile", Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"),
            "--days", "8", "--cases-per-day", "60", "--seed", "3", "--store", "memory");

        Assert.True(code == FengqiaoCli.Ok, error);
        Assert.Contains("Early warnings (预警):", output, StringComparison.Ordinal);
        Assert.Matches(@"warning\.grid-cluster\s+[1-9]", output);
        Assert.Contains("平安指数 per township", output, StringComparison.Ordinal);
        Assert.Contains("township-10", output, StringComparison.Ordinal);
    }
}
