namespace Fengqiao.Cli.Tests;

public class EscalationCommandTests
{
    [Fact]
    public void Escalation_Baiyin_ListsSevenLevelsInOrder()
    {
        var (code, output, _) = CliRun.Invoke("escalation", "--ladder", "baiyin");

        Assert.Equal(FengqiaoCli.Ok, code);
        var village = output.IndexOf("村社干部", StringComparison.Ordinal);
        var city = output.IndexOf("市政法委书记", StringComparison.Ordinal);
        Assert.True(village > 0 && city > village, output);
        Assert.Contains(" 7. City political-legal secretary", output);
    }

    [Fact]
    public void Escalation_DefaultMermaid_IsAFlowchart()
    {
        var (code, output, _) = CliRun.Invoke("escalation", "--ladder", "default", "--format", "mermaid");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.StartsWith("flowchart BT", output);
        Assert.Contains("L4 -->|escalate 升级| L5", output);
    }

    [Fact]
    public void Escalation_UnknownLadder_ExitsTwoWithOneLine()
    {
        var (code, _, error) = CliRun.Invoke("escalation", "--ladder", "nine");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("nine", error);
        Assert.DoesNotContain("   at ", error);
    }
}
