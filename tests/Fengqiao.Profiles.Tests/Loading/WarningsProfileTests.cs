using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.TestSupport;

namespace Fengqiao.Profiles.Tests.Loading;

public class WarningsProfileTests
{
    private static string Yumen() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

    [Fact]
    public void Parse_YumenSample_ReadsTheActorAndAllFiveRulesWithProvenance()
    {
        var profile = CountyProfileLoader.Parse(Yumen(), "yumen.yaml");

        Assert.Equal(new ActorId("zongzhi-lead"), profile.Warnings.Actor);
        Assert.Equal(new OrgUnitId("city-secretary"), profile.Warnings.Unit);
        Assert.Equal(Enum.GetValues<WarningKind>(), profile.Warnings.Rules.Select(r => r.Kind));
        var grid = profile.Warnings.Find(WarningKind.GridCluster)!;
        Assert.Equal((3, 7), (grid.Count, grid.Days));
        Assert.Equal(CaseSupervisionGrade.Yellow, grid.Grade);
        Assert.NotNull(profile.ProvenanceOf("warnings.grid-cluster")?.Source);
        Assert.True(profile.ProvenanceOf("warnings.wage-arrears")?.IsAssumption);
        Assert.Equal([new OrgUnitId("police")], profile.Warnings.Find(WarningKind.ViolentRisk)!.Departments.ToArray());
    }

    [Fact]
    public void Parse_NoWarningsSection_HasNone()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"));

        Assert.Same(WarningsProfile.None, profile.Warnings);
    }

    [Fact]
    public void Parse_BadWarningsFields_ReportsEachWithLineAndColumn()
    {
        var yaml = Yumen()
            .Replace("    count: 3\n    days: 7\n", "    count: 1\n    dayz: 7\n", StringComparison.Ordinal)
            .Replace("    departments: [police]\n", "", StringComparison.Ordinal)
            .Replace("    categories: [petition-remedy]\n", "    categories: [petition]\n", StringComparison.Ordinal)
            .Replace("    member: zongzhi-lead\n", "    member: zongzhi-leed\n", StringComparison.Ordinal);

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "yumen.yaml"));

        var text = string.Join("\n", e.Problems.Select(p => p.ToString()));
        Assert.Contains(e.Problems, p => p.Path == "warnings.grid-cluster.count" && p.Message.Contains("from 2 to 10000", StringComparison.Ordinal) && p.Line > 0 && p.Column > 0);
        Assert.Contains(e.Problems, p => p.Path.StartsWith("warnings.grid-cluster", StringComparison.Ordinal) && p.Message.Contains("unknown field 'dayz'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "warnings.violent-risk.action" && p.Message.Contains("departments", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Message.Contains("unknown category 'petition'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Path == "warnings.acts-as.member" && p.Message.Contains("zongzhi-lead", StringComparison.Ordinal));
        Assert.True(e.Problems.Length >= 5, text);
    }

    [Fact]
    public void Parse_BadEmployerPattern_ReportsIt()
    {
        var yaml = Yumen().Replace("    employer-pattern: '(?<employer>", "    employer-pattern: '((?<employer>", StringComparison.Ordinal);

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "yumen.yaml"));

        Assert.Contains(e.Problems, p => p.Path == "warnings.employer-cluster.employer-pattern" && p.Message.Contains("regular expression", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ThenParse_KeepsTheWarningsSection()
    {
        var profile = CountyProfileLoader.Parse(Yumen(), "yumen.yaml");

        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "written.yaml");

        Assert.Equal(profile.Warnings.Actor, again.Warnings.Actor);
        Assert.Equal(profile.Warnings.Unit, again.Warnings.Unit);
        Assert.Equal(profile.Warnings.Rules.Length, again.Warnings.Rules.Length);
        foreach (var (before, after) in profile.Warnings.Rules.Zip(again.Warnings.Rules))
        {
            Assert.Equal((before.Kind, before.Count, before.Days, before.Action, before.Grade, before.Limit.ToString(), before.EmployerPattern),
                (after.Kind, after.Count, after.Days, after.Action, after.Grade, after.Limit.ToString(), after.EmployerPattern));
            Assert.Equal(before.Categories.ToArray(), after.Categories.ToArray());
            Assert.Equal(before.Keywords.ToArray(), after.Keywords.ToArray());
            Assert.Equal(before.Departments.ToArray(), after.Departments.ToArray());
            Assert.Equal(profile.ProvenanceOf($"warnings.{KebabOf(before.Kind)}")?.Text, again.ProvenanceOf($"warnings.{KebabOf(before.Kind)}")?.Text);
        }
    }

    private static string KebabOf(WarningKind kind) => kind switch
    {
        WarningKind.GridCluster => "grid-cluster",
        WarningKind.EmployerCluster => "employer-cluster",
        WarningKind.RepeatPetition => "repeat-petition",
        WarningKind.ViolentRisk => "violent-risk",
        _ => "wage-arrears",
    };
}

public class SafetyIndexProfileTests
{
    private static string Yumen() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

    [Fact]
    public void Parse_YumenSample_ReadsTheIndexWithWeightsAndPopulations()
    {
        var index = CountyProfileLoader.Parse(Yumen(), "yumen.yaml").Warnings.Index!;

        Assert.Equal(30, index.WindowDays);
        Assert.Equal((30.0, 50.0, 65.0), (index.Yellow, index.Orange, index.Red));
        Assert.Equal(1.0, index.Indicators.Sum(i => i.Weight), 3);
        Assert.Equal(14000, index.PopulationOf(new OrgUnitId("township-07")));
    }

    [Fact]
    public void Parse_WeightsNotSummingToOneAndAMissingPopulation_ReportsBoth()
    {
        var yaml = Yumen()
            .Replace("disputes-per-thousand: { weight: 0.35", "disputes-per-thousand: { weight: 0.45", StringComparison.Ordinal);
        var noPopulation = Yumen().Replace("      township-10: 14000\n", "", StringComparison.Ordinal);

        var weights = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "yumen.yaml"));
        var population = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(noPopulation, "yumen.yaml"));

        Assert.Contains(weights.Problems, p => p.Path == "warnings.index.indicators" && p.Message.Contains("add up to 1.1", StringComparison.Ordinal) && p.Line > 0);
        Assert.Contains(population.Problems, p => p.Message.Contains("'township-10' has none", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_ThenParse_KeepsTheIndex()
    {
        var profile = CountyProfileLoader.Parse(Yumen(), "yumen.yaml");

        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "written.yaml").Warnings.Index!;

        Assert.Equal(profile.Warnings.Index!.Indicators.ToArray(), again.Indicators.ToArray());
        Assert.Equal(profile.Warnings.Index.Populations.ToArray(), again.Populations.ToArray());
        Assert.Equal((profile.Warnings.Index.WindowDays, profile.Warnings.Index.Red), (again.WindowDays, again.Red));
    }
}
