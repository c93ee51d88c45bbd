using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>The calibrator's fitted profile keeps the county's text: only the fitted values' lines change.</summary>
public class FittedSectionTests
{
    private static string Sample(string file) => RepositoryPaths.Combine("samples", "profiles", file);

    /// <summary>The lines of <paramref name="after"/> that are not in <paramref name="before"/> at the same place, by a
    /// longest-common-subsequence walk (removed lines and added lines).</summary>
    private static (List<string> Removed, List<string> Added) Diff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var removed = new List<string>();
        var added = new List<string>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                x++;
                y++;
            }
            else if (y < b.Length && (x == a.Length || lcs[x, y + 1] >= lcs[x + 1, y]))
            {
                added.Add(b[y++]);
            }
            else
            {
                removed.Add(a[x++]);
            }
        }

        return (removed, added);
    }

    /// <summary>A section as the writer prints it: equal text, equal values (the records hold dictionaries, compared by reference).</summary>
    private static string Written(SimulationProfile simulation) => CountyProfileWriter.Write(Bare with { Simulation = simulation });

    private static readonly CountyProfile Bare = CountyProfileLoader.LoadFile(Sample("toutunhe.yaml"));

    [Fact]
    public void WithSimulation_YumenSample_ChangesOnlyTheFittedValuesAndKeepsTextsAndComments()
    {
        var yaml = File.ReadAllText(Sample("yumen.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var before = CountyProfileLoader.Parse(yaml, "yumen.yaml").Simulation;
        var fitted = before with
        {
            CourtSuitable = 0.9123, // set in the section: its line changes
            Origins = before.Origins.SetItem("police", 0.1), // nested, set: its line changes
            MediationWaitDays = 3.5,
            Satisfied = 0.85, // nested under a parent the section lacks: both lines are added
            LateHandling = 0.07, // not in the section: added
        };

        var text = Calibrator.WithSimulation(yaml, before, fitted, "fitted by fengqiao simulate --calibrate (test)");

        var (removed, added) = Diff(yaml, text);
        static string N(double v) => v.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(
            [$"  court-suitable: {N(before.CourtSuitable)}", $"  mediation-wait-days: {N(before.MediationWaitDays)}", $"    police: {N(before.Origins["police"])}"],
            removed);
        Assert.Equal(
            ["  court-suitable: 0.9123", "  mediation-wait-days: 3.5", "    police: 0.1", "  late-handling: 0.07", "  satisfaction:", "    satisfied: 0.85"],
            added);
        Assert.Contains("  texts:\n    assumption: the employers are invented names", text, StringComparison.Ordinal);
        Assert.Contains("  # Fitted (the rest are the defaults)", text, StringComparison.Ordinal);
        var reloaded = CountyProfileLoader.Parse(text, "fitted.yaml");
        Assert.Equal(Written(fitted), Written(reloaded.Simulation));
        Assert.Equal(
            CountyProfileLoader.Parse(yaml, "yumen.yaml").ProvenanceOf("simulation")?.Assumption,
            reloaded.ProvenanceOf("simulation")?.Assumption);
    }

    [Fact]
    public void WithSimulation_NothingMoved_IsTheProfileByteForByte()
    {
        var yaml = File.ReadAllText(Sample("yumen.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var before = CountyProfileLoader.Parse(yaml, "yumen.yaml").Simulation;

        Assert.Equal(yaml, Calibrator.WithSimulation(yaml, before, before, "unused"));
    }

    [Fact]
    public void WithSimulation_FlowMappingAndSectionWithoutProvenance_EditsInsideTheBracesAndAddsTheAssumption()
    {
        var yaml = File.ReadAllText(Sample("toutunhe.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n')
            + "\nsimulation:\n  reports-per-day: 40 # the county's volume\n  origins: { court: 0.1, police: 0.2 }\n";
        var before = CountyProfileLoader.Parse(yaml, "toutunhe.yaml").Simulation;
        var fitted = before with { Origins = before.Origins.SetItem("police", 0.3) };

        var text = Calibrator.WithSimulation(yaml, before, fitted, "fitted by fengqiao simulate --calibrate (test)");

        Assert.EndsWith(
            "\nsimulation:\n  assumption: \"fitted by fengqiao simulate --calibrate (test)\"\n  reports-per-day: 40 # the county's volume\n  origins: { court: 0.1, police: 0.3 }\n",
            text,
            StringComparison.Ordinal);
        Assert.Equal(Written(fitted), Written(CountyProfileLoader.Parse(text, "fitted.yaml").Simulation));
    }

    [Fact]
    public void WithSimulation_ProfileWithoutTheSection_AppendsTheWholeFittedSectionWithItsProvenance()
    {
        var yaml = File.ReadAllText(Sample("saybagh.yaml")).Replace("\r\n", "\n", StringComparison.Ordinal);
        var before = CountyProfileLoader.Parse(yaml, "saybagh.yaml").Simulation;
        var fitted = before with { Satisfied = 0.83 };

        var text = Calibrator.WithSimulation(yaml, before, fitted, "fitted by fengqiao simulate --calibrate (test)");

        Assert.StartsWith(yaml.TrimEnd('\n') + "\nsimulation:\n  assumption: \"fitted by fengqiao simulate --calibrate (test)\"\n", text, StringComparison.Ordinal);
        Assert.Equal(Written(fitted), Written(CountyProfileLoader.Parse(text, "fitted.yaml").Simulation));
    }
}
