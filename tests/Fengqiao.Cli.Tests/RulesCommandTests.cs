using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

public class RulesCommandTests
{
    [Fact]
    public void Rules_Escalation_PrintsTheDefaultRulesWithIdsConditionsAndSalience()
    {
        var (code, output, error) = CliRun.Invoke("rules", "--set", "escalation");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Empty(error);
        Snapshot.Match(output);
    }

    [Fact]
    public void Rules_Warnings_ListsEveryBuiltInWarningRuleWithItsProfileKey()
    {
        var (code, output, error) = CliRun.Invoke("rules", "--set", "warnings");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Empty(error);
        foreach (var key in new[] { "grid-cluster", "employer-cluster", "repeat-petition", "violent-risk", "wage-arrears" })
        {
            Assert.Contains($". warning.{key}  [profile: warnings.{key}]", output, StringComparison.Ordinal);
        }

        Assert.Contains("Spring Festival", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Rules_FormatText_SameAsDefault()
    {
        Assert.Equal(CliRun.Invoke("rules", "--set", "escalation").Output, CliRun.Invoke("rules", "--set", "escalation", "--format", "text").Output);
    }

    [Fact]
    public void Rules_EveryDefaultRuleIdIsListed()
    {
        var output = CliRun.Invoke("rules", "--set", "escalation").Output;

        foreach (var id in new[] { "leader-instruction", "must-start-high", "wage-arrears", "reopen-above-closer", "repeat-complaint", "overdue", "cannot-resolve", "supervision-overdue", "whistle-no-show" })
        {
            Assert.Contains($". {id}  [salience ", output);
        }
    }

    [Theory]
    [InlineData("--set", "mediation")]
    [InlineData("--set", "escalation", "--format", "yaml")]
    public void Rules_UnknownSetOrFormat_ExitsTwoWithOneLine(params string[] args)
    {
        var (code, output, error) = CliRun.Invoke(["rules", .. args]);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Empty(output);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.Contains(args[^1], error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Rules_HandOffs_PrintsTheDefaultTableWithItsFieldsAndPurposes()
    {
        var (code, output, error) = CliRun.Invoke("rules", "--set", "hand-offs");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Equal("", error);
        Assert.Contains("petition-remedy-mediation-first", output, StringComparison.Ordinal);
        Assert.Contains("petition_kind", output, StringComparison.Ordinal);
        Fengqiao.TestSupport.Snapshot.Match(output);
    }
}
