using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>
/// Complexity tiers (Baiyin "简单事项当即答复,复杂事项转派处理,疑难事项联动办理") and seasons on Baiyin's desk: the sample's
/// own tier rows, and a test profile that adds a tier rule, a winter SLA rule and a winter escalation row (the article
/// states none of these three, so they are the test's own).
/// </summary>
public class TiersAndSeasonsProcessTests
{
    // Monday 2 November 2026, 09:00 in Beijing: in Baiyin's heating season (November to March), not in winter (December to February).
    private static readonly Instant November = Instant.FromUtc(2026, 11, 2, 1, 0);

    // Monday 4 January 2027, 09:00 in Beijing: in winter.
    private static readonly Instant January = Instant.FromUtc(2027, 1, 4, 1, 0);

    // Monday 6 July 2026, 09:00 in Beijing: out of every season the rules name.
    private static readonly Instant July = Instant.FromUtc(2026, 7, 6, 1, 0);

    private static readonly CaseActor Dispatcher = Staff("pl-a", "pl-township-a");

    private static readonly int[] HeatingMonths = [1, 2, 3, 11, 12];

    private static readonly int[] WinterMonths = [1, 2, 12];

    private const string WinterSlaRule = """
          rules:
            - category: heating
              season: winter
              limits:
                handle: 1 working day
                callback: 1 working day
              assumption: the test's winter limit
        """;

    private const string Additions = """

            rows:
              - id: winter-heating-to-county
                description: In winter a heating failure starts with the county leader in charge of the township
                salience: 55
                when:
                  all:
                    - field: category
                      op: equals
                      value: heating
                    - field: season
                      op: equals
                      value: winter
                    - field: below_county-leader
                      op: equals
                      value: "true"
                then:
                  target: start-at
                  level: county-leader
                assumption: the test's winter rule
        tiers:
          - category: wage-arrears
            tier: difficult
            assumption: the test's tier rule
        """;

    private static string SampleText => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "baiyin.yaml"));

    private static CountyProfile Seasonal() =>
        CountyProfileLoader.Parse(SampleText.Replace("  rules:\n", WinterSlaRule + "\n", StringComparison.Ordinal).TrimEnd() + "\n" + Additions, "baiyin-seasons.yaml");

    [Fact]
    public void Route_BaiyinSample_SendsDifficultMattersToTheTownshipAndTheOthersToTheVillage()
    {
        var kit = new ProfileDesk("baiyin.yaml", November, Unit("pl-township-a"));
        var report = Report("village-a1", "livelihood", "多户村民饮水困难");

        var untiered = kit.County.Routing.Route(report, November)!;
        var simple = kit.County.Routing.Route(report with { Tier = CaseTier.Simple }, November)!;
        var difficult = kit.County.Routing.Route(report with { Tier = CaseTier.Difficult }, November)!;

        Assert.Equal(Unit("village-a1"), untiered.Owner);
        Assert.Equal(Unit("village-a1"), simple.Owner);
        Assert.Equal(Unit("pl-township-a"), difficult.Owner);
        Assert.Contains("tiers difficult", difficult.Row!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_BaiyinSample_TheAcceptorsTierChoosesTheLimit()
    {
        var kit = new ProfileDesk("baiyin.yaml", November, Unit("pl-township-a"));

        var simple = (await kit.Desk.RegisterAsync(Report("village-a1", "livelihood", "咨询低保材料") with { Tier = CaseTier.Simple }, Dispatcher)).Case;
        var difficult = (await kit.Desk.RegisterAsync(Report("village-a2", "dispute", "土地补偿纠纷") with { Tier = CaseTier.Difficult }, Dispatcher)).Case;
        var untiered = (await kit.Desk.RegisterAsync(Report("village-a3", "livelihood", "路灯不亮"), Dispatcher)).Case;

        Assert.Equal(TimeLimit.WorkingHours(2), simple.Sla.Handle);
        Assert.Equal(TimeLimit.WorkingDays(10), difficult.Sla.Handle);
        Assert.Equal(TimeLimit.WorkingDays(5), untiered.Sla.Handle);
        Assert.Equal(CaseTier.Difficult, ((CaseRegistration)(await kit.HistoryAsync(difficult.Id))[0].Payload).Report.Tier);
    }

    [Fact]
    public async Task RegisterAsync_ATiersRule_GivesTheTierAndTheTierRouteAndLimitFollow()
    {
        var kit = new ProfileDesk(Seasonal(), November, Unit("pl-township-a"));

        var c = (await kit.Desk.RegisterAsync(Report("village-a1", "wage-arrears", "工地拖欠工资三个月"), Dispatcher)).Case;

        Assert.Equal(CaseTier.Difficult, c.Tier);
        Assert.Equal(TimeLimit.WorkingDays(10), c.Sla.Handle);
        Assert.Equal(Unit("pl-township-a"), kit.County.Routing.Route(c.Report, c.RegisteredAt)!.Owner);
    }

    [Theory]
    [MemberData(nameof(Seasons))]
    public async Task RegisterAsync_AWinterSlaRule_AppliesOnlyToReportsRegisteredInWinter(Instant at, int expectedDays)
    {
        var kit = new ProfileDesk(Seasonal(), at, Unit("pl-township-a"));

        var c = (await kit.Desk.RegisterAsync(Report("village-a1", "heating", "暖气不热"), Dispatcher)).Case;

        Assert.Equal(TimeLimit.WorkingDays(expectedDays), c.Sla.Handle);
    }

    public static TheoryData<Instant, int> Seasons() => new() { { January, 1 }, { November, 5 }, { July, 5 } };

    [Fact]
    public async Task DispatchAsync_AWinterEscalationRow_StartsAWinterHeatingCaseHighOnlyInWinter()
    {
        var winter = new ProfileDesk(Seasonal(), January, Unit("pl-township-a"));
        var summer = new ProfileDesk(Seasonal(), July, Unit("pl-township-a"));

        var inWinter = await winter.DispatchedAsync(Report("village-a1", "heating", "暖气不热"), Dispatcher, "village-a1");
        var inSummer = await summer.DispatchedAsync(Report("village-a1", "heating", "暖气管道漏水"), Dispatcher, "village-a1");

        Assert.Equal(Unit("leader-township-a"), inWinter.HoldingUnit);
        Assert.Equal(Unit("village-a1"), inSummer.HoldingUnit);
        var started = (await winter.HistoryAsync(inWinter.Id)).Last(e => e.Cause?.RuleId == "winter-heating-to-county");
        Assert.Equal("county-leader", started.Cause!.Facts["to-level"]);
        Assert.DoesNotContain(await summer.HistoryAsync(inSummer.Id), e => e.Cause?.RuleId == "winter-heating-to-county");
    }

    [Fact]
    public void Parse_SeasonOnARow_ReadsAsItsMonthsAndIsWrittenBackAsMonths()
    {
        var profile = Seasonal();

        var heatingRow = profile.Routing!.Rows.Single(r => r.Category == "heating");
        var winterRule = profile.Sla.Rules.Single(r => r.Category == "heating");
        var written = CountyProfileWriter.Write(profile);
        var reread = CountyProfileLoader.Parse(written, "written.yaml");

        Assert.Equal(HeatingMonths, heatingRow.Months.AsEnumerable());
        Assert.Equal(WinterMonths, winterRule.Months);
        Assert.Equal(HeatingMonths, profile.Seasons["heating"].AsEnumerable());
        Assert.Equal(profile.Routing.Rows.AsEnumerable(), reread.Routing!.Rows.AsEnumerable());
        Assert.Equal("difficult", reread.Sla.Rules.Single(r => r.Tier is not null && r.Limits[SlaLimitNames.Handle] == TimeLimit.WorkingDays(10)).Tier);
        Assert.Equal(profile.TierRules.AsEnumerable(), reread.TierRules.AsEnumerable());
        Assert.Equal(WinterMonths, reread.Sla.Rules.Single(r => r.Category == "heating").Months);
    }

    [Theory]
    [InlineData("      season: heating\n", "      season: heatng\n", "'heatng' is not a season (did you mean 'heating'?)")]
    [InlineData("      tiers: [difficult]\n", "      tiers: [hard]\n", "a tier (simple|complex|difficult)")]
    [InlineData("    months: [11, 12, 1, 2, 3]\n", "    months: [11, 13]\n", "a month from 1 to 12")]
    [InlineData("seasons:\n  heating:\n", "seasons:\n  winter:\n", "season 'winter' is built in (12, 1, 2)")]
    public void Parse_ABadTierOrSeason_IsAProblemAtItsPlace(string find, string replace, string expected)
    {
        var text = SampleText;
        Assert.Contains(find, text, StringComparison.Ordinal);

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(text.Replace(find, replace, StringComparison.Ordinal), "bad.yaml"));

        var problem = Assert.Single(e.Problems, p => p.Message.Contains(expected, StringComparison.Ordinal));
        Assert.Equal("bad.yaml", problem.File);
        Assert.True(problem.Line > 0);
    }
}
