using Fengqiao.TestSupport;

namespace Fengqiao.Profiles.Tests.Provenance;

public class ProvenanceTests
{
    public static TheoryData<string> Samples() => new() { "baiyin.yaml", "korla.yaml", "saybagh.yaml", "toutunhe.yaml", "yumen.yaml" };

    private static string Sample(string file) => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", file));

    /// <summary>Every element the issue asks about (zone, hours, seasons, calendar, categories, org units and generators,
    /// mediation bodies and mediators, ladder and levels, SLA rules and preset, routing rows, escalation levels and rows,
    /// hand-off rows, tier rules, posts, stationed desks, written reports), by the path the loader names it with.</summary>
    private static IEnumerable<string> Elements(CountyProfile profile)
    {
        yield return "time-zone";
        yield return "hours";
        for (var i = 0; i < profile.Hours.Seasonal.Length; i++)
        {
            yield return $"hours.seasonal[{i}]";
        }

        yield return "calendar";
        for (var i = 0; i < profile.Categories.Length; i++)
        {
            yield return $"categories[{i}]";
        }

        for (var i = 0; i < (profile.Org.Units.IsDefault ? 0 : profile.Org.Units.Length); i++)
        {
            yield return $"org.units[{i}]";
        }

        for (var i = 0; i < (profile.Org.Generated.IsDefault ? 0 : profile.Org.Generated.Length); i++)
        {
            yield return $"org.generate[{i}]";
        }

        for (var i = 0; i < (profile.Mediation.Bodies.IsDefault ? 0 : profile.Mediation.Bodies.Length); i++)
        {
            yield return $"mediation.bodies[{i}]";
        }

        for (var i = 0; i < (profile.Mediation.Mediators.IsDefault ? 0 : profile.Mediation.Mediators.Length); i++)
        {
            yield return $"mediation.mediators[{i}]";
        }

        yield return "ladder";
        if (!Fengqiao.Escalation.Ladders.BuiltInLadders.All.TryGetValue(profile.Ladder.Key, out var builtIn) || !ReferenceEquals(builtIn, profile.Ladder))
        {
            for (var i = 0; i < profile.Ladder.Levels.Length; i++)
            {
                yield return $"ladder.levels[{i}]";
            }
        }

        if (profile.Sla.Preset is not null)
        {
            yield return "sla";
        }

        for (var i = 0; i < (profile.Sla.Rules.IsDefault ? 0 : profile.Sla.Rules.Length); i++)
        {
            yield return $"sla.rules[{i}]";
        }

        for (var i = 0; i < (profile.Routing?.Rows.Length ?? 0); i++)
        {
            yield return $"routing.rows[{i}]";
        }

        if (profile.EscalationRules.Levels is { IsEmpty: false })
        {
            yield return "rules.escalation.levels";
        }

        for (var i = 0; i < (profile.EscalationRules.Rows.IsDefault ? 0 : profile.EscalationRules.Rows.Length); i++)
        {
            yield return $"rules.escalation.rows[{i}]";
        }

        for (var i = 0; i < (profile.HandOffRules.Rows.IsDefault ? 0 : profile.HandOffRules.Rows.Length); i++)
        {
            yield return $"rules.hand-offs.rows[{i}]";
        }

        for (var i = 0; i < profile.TierRules.Length; i++)
        {
            yield return $"tiers[{i}]";
        }

        for (var i = 0; i < profile.Posts.Length; i++)
        {
            yield return $"posts[{i}]";
        }

        for (var i = 0; i < profile.Stationed.Length; i++)
        {
            yield return $"stationed[{i}]";
        }

        for (var i = 0; i < profile.WrittenReports.Length; i++)
        {
            yield return $"written-reports[{i}]";
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Provenance_EverySampleElement_CarriesASourceOrAnAssumption(string file)
    {
        var profile = CountyProfileLoader.Parse(Sample(file), file);

        var missing = Elements(profile).Where(e => profile.ProvenanceOf(e) is null).ToList();

        Assert.True(missing.Count == 0, $"{file}: no source or assumption on {string.Join(", ", missing)}");
        Assert.All(profile.Provenance, p => Assert.True(p.Line > 0, p.Element));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Provenance_SampleSources_QuoteTheArticleNotAPracticeOrALaw(string file)
    {
        var profile = CountyProfileLoader.Parse(Sample(file), file);

        Assert.All(profile.Provenance.Where(p => !p.IsAssumption), p =>
        {
            Assert.Matches("[\"“]", p.Source!);
            Assert.DoesNotContain("practice", p.Source!, StringComparison.OrdinalIgnoreCase);
        });
        Assert.All(profile.Sla.Rules.IsDefault ? [] : profile.Sla.Rules, r => Assert.DoesNotContain("practice", r.Source ?? "", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Provenance_WrittenBackOut_RoundTrips(string file)
    {
        var profile = CountyProfileLoader.Parse(Sample(file), file);

        var written = CountyProfileWriter.Write(profile);
        var back = CountyProfileLoader.Parse(written, "written.yaml");

        Assert.Equal(
            profile.Provenance.Select(p => (p.Element, p.Source, p.Assumption)).OrderBy(p => p.Element, StringComparer.Ordinal),
            back.Provenance.Select(p => (p.Element, p.Source, p.Assumption)).OrderBy(p => p.Element, StringComparer.Ordinal));
        Assert.Equal(written, CountyProfileWriter.Write(back));
    }

    [Fact]
    public void Provenance_BothSourceAndAssumption_IsAProblemAtTheElement()
    {
        var yaml = Sample("toutunhe.yaml").Replace(
            "      level: grid-manager\n",
            "      level: grid-manager\n      assumption: the author guessed\n");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "toutunhe.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("routing.rows[0].assumption", problem.Path);
        Assert.Contains("either 'source'", problem.Message);
        Assert.True(problem.Line > 0);
    }

    [Fact]
    public void Provenance_TimeZoneLongForm_ReadsTheIdAndItsAssumption()
    {
        var profile = CountyProfileLoader.Parse(Sample("korla.yaml"), "korla.yaml");

        Assert.Equal("Asia/Urumqi", profile.Zone.Id);
        var zone = profile.ProvenanceOf("time-zone");
        Assert.NotNull(zone);
        Assert.True(zone.IsAssumption);
        Assert.Contains(profile.Assumptions, a => a.Element == "time-zone");
    }

    [Fact]
    public void Provenance_UnknownBuiltInLadderInTheLongForm_IsAProblem()
    {
        var yaml = Sample("baiyin.yaml").Replace("  key: baiyin\n", "  key: baiyn\n");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "baiyin.yaml"));

        Assert.Contains(error.Problems, p => p.Path == "ladder.key" && p.Message.Contains("baiyn"));
    }

    [Fact]
    public void Baiyin_InventedRules_AreGone()
    {
        var profile = CountyProfileLoader.Parse(Sample("baiyin.yaml"), "baiyin.yaml");

        // "半小时内就接到…核实电话" is one anecdote, not a sign-for limit on every case.
        Assert.All(profile.Sla.Rules, r => Assert.DoesNotContain("sign-for", r.Limits.Keys));
        // Heating to the township head all year: no county escalation row; the seasonal routing row is an assumption.
        Assert.True(profile.EscalationRules.Rows.IsDefaultOrEmpty);
        Assert.True(profile.ProvenanceOf("routing.rows[0]")!.IsAssumption);
        // Wage arrears go to 人社 in the article, not to the township head.
        Assert.NotEqual("township-head", profile.EscalationRules.Levels!["wage-arrears"]);
    }
}
