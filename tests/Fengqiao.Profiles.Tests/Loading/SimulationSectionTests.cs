using Fengqiao.TestSupport;

namespace Fengqiao.Profiles.Tests.Loading;

/// <summary>The <c>simulation:</c> and <c>published:</c> sections: read, checked with file:line:column, written back.</summary>
public class SimulationSectionTests
{
    private static string Toutunhe() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "toutunhe.yaml")).TrimEnd() + "\n";

    private static int LineOf(string yaml, string text) =>
        yaml[..yaml.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Parse_NoSimulationSection_KeepsTheDefaultsOfTheCode()
    {
        var profile = CountyProfileLoader.Parse(Toutunhe());

        Assert.Same(SimulationProfile.Default, profile.Simulation);
        Assert.Equal(0.80, profile.Simulation.Satisfied);
        Assert.Equal(0.12, profile.Simulation.BasicallySatisfied);
        Assert.Equal(0.04, profile.Simulation.Repeat);
        Assert.Empty(profile.Published);
    }

    [Fact]
    public void Parse_SimulationSection_ReadsEveryKindOfField()
    {
        var yaml = Toutunhe() + """
            simulation:
              assumption: fitted for a test
              reports-per-day: 40
              decline: 0.01
              late-handling: 0.2
              mediation-days: 3
              satisfaction:
                satisfied: 0.9
                basically-satisfied: 0.05
                late-factor: 0.5
              mediation-success:
                default: 0.7
                professional-committee: 0.84
              origins:
                court: 0.2
                police: 0.1
              tiers:
                simple: 0.3
                difficult: 0.05
                difficult-factor: 8
            """;

        var s = CountyProfileLoader.Parse(yaml).Simulation;

        Assert.Equal(40, s.ReportsPerDay);
        Assert.Equal(0.01, s.Decline);
        Assert.Equal(0.2, s.LateHandling);
        Assert.Equal(3, s.MediationDays);
        Assert.Equal((0.9, 0.05, 0.5), (s.Satisfied, s.BasicallySatisfied, s.LateSatisfactionFactor));
        Assert.Equal(0.84, s.MediationSuccessOf("professional-committee"));
        Assert.Equal(0.7, s.MediationSuccessOf("centre-room"));
        Assert.Equal((0.2, 0.1, 0.0), (s.OriginShare("court"), s.OriginShare("police"), s.OriginShare("procuratorate")));
        Assert.Equal((0.3, 0.05, 8.0), (s.SimpleTier, s.DifficultTier, s.DifficultFactor));
        Assert.Equal(0.03, s.Return);
    }

    [Fact]
    public void Parse_DeskWorkAndDelayFields_ReadAndWriteBack()
    {
        var yaml = Toutunhe() + """
            simulation:
              assumption: for a test
              claim-minutes: 30
              late-claim-hours: 8
              mediation-overrun: 0.01
              mediation-wait-days: 2.5
              instructions-per-day: 1.5
              whistles-per-day: 2
              supervisions-per-day: 0.25
            """;

        var s = CountyProfileLoader.Parse(yaml).Simulation;
        var back = CountyProfileLoader.Parse(Toutunhe() + CountyProfileWriter.WriteSimulation(s)).Simulation;

        Assert.Equal((30, 8, 0.01, 2.5), (s.ClaimMinutes, s.LateClaimHours, s.MediationOverrun, s.MediationWaitDays));
        Assert.Equal((1.5, 2.0, 0.25), (s.InstructionsPerDay, s.WhistlesPerDay, s.SupervisionsPerDay));
        Assert.Equal(s, back with { MediationSuccessByBody = s.MediationSuccessByBody });
        Assert.Equal((120, 15, 0.05, 0.0, 0.0), (SimulationProfile.Default.ClaimMinutes, SimulationProfile.Default.LateClaimHours, SimulationProfile.Default.MediationOverrun, SimulationProfile.Default.MediationWaitDays, SimulationProfile.Default.WhistlesPerDay));
    }

    [Fact]
    public void Parse_ClaimMinutesNotAWholeNumberInRange_NamesTheFieldWithLineAndColumn()
    {
        var yaml = Toutunhe() + "simulation:\n  claim-minutes: 2\n  late-claim-hours: 7.5\n";

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "t.yaml"));

        var claim = Assert.Single(e.Problems, p => p.Path == "simulation.claim-minutes");
        Assert.Equal(LineOf(yaml, "claim-minutes: 2"), claim.Line);
        Assert.Contains("whole minutes from 5 to 1440", claim.Message, StringComparison.Ordinal);
        Assert.Contains(e.Problems, p => p.Path == "simulation.late-claim-hours" && p.Message.Contains("whole hours from 4 to 240", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_ShareOutOfRange_NamesTheFieldWithLineAndColumn()
    {
        var yaml = Toutunhe() + "simulation:\n  decline: 1.5\n  satisfaction:\n    satisfied: 0.9\n    basically-satisfied: 0.2\n";

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "t.yaml"));

        var decline = Assert.Single(e.Problems, p => p.Path == "simulation.decline");
        Assert.Equal(LineOf(yaml, "decline: 1.5"), decline.Line);
        Assert.Equal(12, decline.Column);
        Assert.Contains("share from 0 to 1", decline.Message, StringComparison.Ordinal);
        Assert.Contains(e.Problems, p => p.Path == "simulation.satisfaction" && p.Message.Contains("sum to more than 1", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_UnknownSimulationField_SuggestsTheNearest()
    {
        var yaml = Toutunhe() + "simulation:\n  declines: 0.1\n";

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "t.yaml"));

        var problem = Assert.Single(e.Problems);
        Assert.Equal(LineOf(yaml, "declines"), problem.Line);
        Assert.Contains("did you mean 'decline'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_PublishedFigures_ReadsKeyValueQuoteDateAndPeriod()
    {
        var yaml = Toutunhe() + """
            published:
              - key: mediation-success-rate
                value: 100
                quote: "矛盾糾紛調(diào)解成功率達100%"
                date: "2022-08-04"
              - key: police-on-site
                value: 129
                quote: 现场调解129起
                date: "2025"
                period-days: 240
                assumption: eight months assumed
              - key: satisfaction-rate
                value: 95
                at-least: true
                quote: 群眾滿意度達95%以上
                date: "2025"
            """;

        var published = CountyProfileLoader.Parse(yaml).Published;

        Assert.Equal(["mediation-success-rate", "police-on-site", "satisfaction-rate"], published.Select(p => p.Key));
        Assert.Equal("矛盾糾紛調(diào)解成功率達100%", published[0].Quote);
        Assert.False(published[0].IsCount);
        Assert.Equal((129.0, 240, true), (published[1].Value, published[1].PeriodDays!.Value, published[1].IsCount));
        Assert.True(published[2].AtLeast);
    }

    [Fact]
    public void Parse_PublishedUnknownKeyOrCountWithoutPeriod_ReportsEachWhereItIs()
    {
        var yaml = Toutunhe() + """
            published:
              - key: completion-rat
                value: 99
                quote: q
                date: "2025"
              - key: police-follow-up
                value: 71
                quote: q
                date: "2025"
            """;

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "t.yaml"));

        Assert.Contains(e.Problems, p => p.Line == LineOf(yaml, "completion-rat") && p.Message.Contains("did you mean 'completion-rate'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "published[1]" && p.Message.Contains("period-days", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_SimulationAndPublished_ParsesBackToTheSameProfile()
    {
        var yaml = Toutunhe() + """
            simulation:
              reports-per-day: 12
              late-handling: 0.3
              origins:
                court: 0.25
            published:
              - key: completion-rate
                value: 98.38
                quote: 办结率98.38%
                date: "2024"
            """;
        var profile = CountyProfileLoader.Parse(yaml);

        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "written.yaml");

        Assert.Equal(12, again.Simulation.ReportsPerDay);
        Assert.Equal(0.3, again.Simulation.LateHandling);
        Assert.Equal(0.25, again.Simulation.OriginShare("court"));
        Assert.Equal(profile.Published.Single(), again.Published.Single());
    }

    [Fact]
    public void WriteSimulation_Default_WritesEveryFieldWithItsDefault()
    {
        var text = CountyProfileWriter.WriteSimulation(SimulationProfile.Default);

        var again = CountyProfileLoader.Parse(Toutunhe() + text).Simulation;

        Assert.StartsWith("simulation:\n", text, StringComparison.Ordinal);
        Assert.Contains("  late-handling: 0.12\n", text, StringComparison.Ordinal);
        Assert.Equal(SimulationProfile.Default with { MediationSuccessByBody = again.MediationSuccessByBody, Origins = again.Origins }, again);
    }
}
