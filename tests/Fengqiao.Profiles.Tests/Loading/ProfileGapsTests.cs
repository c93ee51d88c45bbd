using Fengqiao.Escalation.Ladders;
using Fengqiao.TestSupport;

namespace Fengqiao.Profiles.Tests.Loading;

/// <summary>The profile gaps the sample scenarios found: each was loadable and failed later, or could not be said.</summary>
public class ProfileGapsTests
{
    private static string Sample(string file) => File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", file));

    [Fact]
    public void Parse_SlaRuleRestatingAPresetRule_IsAProblemWithLineAndColumnNotALaterCrash()
    {
        // Toutunhe takes Urumqi's 1351 preset, which already has a rule for disputes; before, this loaded and
        // BuildSlaPolicy threw InvalidOperationException when the desk was built.
        var yaml = Sample("toutunhe.yaml").Replace(
            "  preset: urumqi-1351\n",
            "  preset: urumqi-1351\n  rules:\n    - category: dispute\n      limits:\n        handle: 2 working days\n      assumption: a shorter limit\n");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "toutunhe.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("toutunhe.yaml", problem.File);
        Assert.StartsWith("sla.rules[0]", problem.Path, StringComparison.Ordinal);
        Assert.Contains("preset 'urumqi-1351' already has a rule for category 'dispute'", problem.Message, StringComparison.Ordinal);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("- category: dispute", StringComparison.Ordinal)) + 1, problem.Line);
        Assert.True(problem.Column > 0);
    }

    [Fact]
    public void Parse_SlaRuleForAPresetCategoryOnItsOwnChannel_Loads()
    {
        var yaml = Sample("toutunhe.yaml").Replace(
            "  preset: urumqi-1351\n",
            "  preset: urumqi-1351\n  rules:\n    - category: dispute\n      channel: qr-code\n      limits:\n        handle: 2 working days\n      assumption: a shorter limit\n");

        var profile = CountyProfileLoader.Parse(yaml, "toutunhe.yaml");

        Assert.Contains(profile.BuildSlaPolicy().Rules, r => r.Category == "dispute" && r.Channel == "qr-code");
    }

    [Fact]
    public void Parse_TwoSlaRulesForOneCategory_IsAProblemAtTheSecond()
    {
        var yaml = Sample("yumen.yaml").Replace(
            "    - category: labour\n      limits:\n        handle: 15日\n",
            "    - category: labour\n      limits:\n        handle: 10日\n      assumption: twice\n    - category: labour\n      limits:\n        handle: 15日\n");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "yumen.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("sla.rules[3]", problem.Path);
        Assert.Contains("a second rule for category 'labour'", problem.Message, StringComparison.Ordinal);
        Assert.True(problem.Line > 0 && problem.Column > 0);
    }

    [Fact]
    public void Parse_SaybaghTaskForce_IsReachableFromTheStreetAndTheDepartments()
    {
        var profile = CountyProfileLoader.Parse(Sample("saybagh.yaml"), "saybagh.yaml");

        var taskForce = profile.Ladder.Levels[profile.Ladder.IndexOf("task-force")];
        Assert.Equal(["street", "department"], taskForce.ReachableFrom.ToArray());
        Assert.Empty(profile.Ladder.Levels[profile.Ladder.IndexOf("department")].ReachableFrom);
        Assert.NotNull(profile.ProvenanceOf($"ladder.levels[{profile.Ladder.IndexOf("task-force")}]"));
    }

    [Fact]
    public void Write_ReachableFrom_RoundTrips()
    {
        var profile = CountyProfileLoader.Parse(Sample("saybagh.yaml"), "saybagh.yaml");

        var back = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "written.yaml");

        Assert.Equal(
            profile.Ladder.Levels.Select(l => (l.Key, string.Join(",", l.ReachableFrom))),
            back.Ladder.Levels.Select(l => (l.Key, string.Join(",", l.ReachableFrom))));
    }

    [Theory]
    [InlineData("[secretary]", "'secretary' is not a level below 'task-force'")]
    [InlineData("[stret]", "did you mean 'street'")]
    public void Parse_ReachableFromNotALowerLevel_IsAProblemWithLineAndColumn(string list, string expected)
    {
        var yaml = Sample("saybagh.yaml").Replace("reachable-from: [street, department]", $"reachable-from: {list}");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "saybagh.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("ladder.levels[4].reachable-from", problem.Path, StringComparison.Ordinal);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
        Assert.Equal(yaml.Split('\n').ToList().FindIndex(l => l.Contains("reachable-from: ", StringComparison.Ordinal)) + 1, problem.Line);
    }

    [Fact]
    public void BuiltInLadders_ClimbOneLevelAtATime()
    {
        Assert.All(BuiltInLadders.All.Values.SelectMany(l => l.Levels), l => Assert.Empty(l.ReachableFrom));
    }
}
