using Fengqiao.Cases.Organisation;
using Fengqiao.TestSupport;

namespace Fengqiao.Profiles.Tests.Loading;

/// <summary><c>simulation.texts</c> (employers, threats, returning reporters) and the provenance of the 平安指数's populations.</summary>
public class SimulationTextsAndPopulationTests
{
    private static string Toutunhe() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "toutunhe.yaml")).TrimEnd() + "\n";

    private static string Yumen() => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

    private static int LineOf(string yaml, string text) =>
        yaml[..yaml.IndexOf(text, StringComparison.Ordinal)].Count(c => c == '\n') + 1;

    [Fact]
    public void Parse_TextsSection_ReadsEmployersAndSharesByCategory()
    {
        var yaml = Toutunhe() + """
            simulation:
              texts:
                assumption: for a test
                employers: [鑫源建筑工程公司, 昌马水泥厂]
                employer-share: { dispute: 0.5 }
                threat-share: { dispute: 0.1 }
                returning: { livelihood: 0.2 }
            """;

        var texts = CountyProfileLoader.Parse(yaml).Simulation.Texts;

        Assert.Equal(["鑫源建筑工程公司", "昌马水泥厂"], texts.Employers.ToArray());
        Assert.Equal(0.5, SimulationTexts.ShareOf(texts.EmployerShare, "dispute"));
        Assert.Equal(0.1, SimulationTexts.ShareOf(texts.ThreatShare, "dispute"));
        Assert.Equal(0.2, SimulationTexts.ShareOf(texts.Returning, "livelihood"));
        Assert.Equal(0.0, SimulationTexts.ShareOf(texts.Returning, "dispute"));
        Assert.False(texts.IsNone);
    }

    [Fact]
    public void Parse_TextsUnknownCategoryOrEmployerShareWithoutEmployers_ReportsEachWithLineAndColumn()
    {
        var yaml = Toutunhe() + """
            simulation:
              texts:
                employer-share: { dispute: 0.5 }
                threat-share: { disput: 0.1 }
            """;

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "t.yaml"));

        Assert.Contains(e.Problems, p => p.Line == LineOf(yaml, "disput: 0.1") && p.Message.Contains("did you mean 'dispute'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Message.Contains("'employers' lists none", StringComparison.Ordinal));
    }

    [Fact]
    public void Write_TextsSection_ParsesBackToTheSameTexts()
    {
        var profile = CountyProfileLoader.Parse(Yumen());

        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "written.yaml");

        Assert.Equal(profile.Simulation.Texts.Employers.ToArray(), again.Simulation.Texts.Employers.ToArray());
        Assert.Equal(profile.Simulation.Texts.EmployerShare, again.Simulation.Texts.EmployerShare);
        Assert.Equal(profile.Simulation.Texts.ThreatShare, again.Simulation.Texts.ThreatShare);
        Assert.Equal(profile.Simulation.Texts.Returning, again.Simulation.Texts.Returning);
        Assert.Equal(5, again.Simulation.Texts.Employers.Length);
    }

    [Fact]
    public void Parse_PopulationWithItsOwnSource_KeepsTheFigureAndItsProvenanceAndWritesThemBack()
    {
        var yaml = Yumen().Replace("      township-03: 14000\n", "      township-03: { residents: 21500, source: \"某镇 2020 年第七次人口普查常住人口 21500 人\" }\n", StringComparison.Ordinal);

        var profile = CountyProfileLoader.Parse(yaml, "yumen.yaml");
        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "written.yaml");

        Assert.Equal(21500, profile.Warnings.Index!.PopulationOf(new OrgUnitId("township-03")));
        Assert.StartsWith("某镇", profile.ProvenanceOf("warnings.index.populations.township-03")!.Source, StringComparison.Ordinal);
        Assert.Equal(21500, again.Warnings.Index!.PopulationOf(new OrgUnitId("township-03")));
        Assert.Equal(profile.ProvenanceOf("warnings.index.populations.township-03")!.Source, again.ProvenanceOf("warnings.index.populations.township-03")!.Source);
    }

    [Fact]
    public void Parse_PopulationMarkedNeitherSourceNorAssumption_IsAProblemWithLineAndColumn()
    {
        var yumen = Yumen();
        var start = yumen.IndexOf("    assumption: the article names the 平安指数", StringComparison.Ordinal);
        var yaml = yumen.Remove(start, yumen.IndexOf('\n', start) - start + 1)
            .Replace("      township-05: 14000\n", "      township-05: { residents: 14000 }\n", StringComparison.Ordinal);

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "yumen.yaml"));

        Assert.Contains(e.Problems, p => p.Line == LineOf(yaml, "township-01: 14000") && p.Message.Contains("neither 'source' nor 'assumption'", StringComparison.Ordinal));
        Assert.Contains(e.Problems, p => p.Line == LineOf(yaml, "township-05: { residents") && p.Message.Contains("needs 'source'", StringComparison.Ordinal));
    }
}
