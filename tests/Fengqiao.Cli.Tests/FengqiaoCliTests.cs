namespace Fengqiao.Cli.Tests;

public class FengqiaoCliTests
{
    [Fact]
    public void Run_UnknownCommand_ExitsWithUsageAndOneClearLine()
    {
        var (code, _, error) = CliRun.Invoke("no-such-command");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.StartsWith("fengqiao: ", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void About_PrintsEveryPackage()
    {
        var (code, output, _) = CliRun.Invoke("about");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("Fengqiao.Sla", output);
        Assert.Contains("Fengqiao.Mediation", output);
    }
}
