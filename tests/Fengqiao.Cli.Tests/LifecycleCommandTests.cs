using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests;

public class LifecycleCommandTests
{
    [Fact]
    public void Lifecycle_Default_PrintsMermaid()
    {
        var (code, output, error) = CliRun.Invoke("lifecycle");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Empty(error);
        Snapshot.Match(output);
    }

    [Fact]
    public void Lifecycle_FormatDot_PrintsDot()
    {
        var (code, output, error) = CliRun.Invoke("lifecycle", "--format", "dot");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Empty(error);
        Snapshot.Match(output);
    }

    [Fact]
    public void Lifecycle_FormatMermaid_SameAsDefault()
    {
        Assert.Equal(CliRun.Invoke("lifecycle").Output, CliRun.Invoke("lifecycle", "--format", "mermaid").Output);
    }

    [Fact]
    public void Lifecycle_EveryStateWithChineseName()
    {
        var output = CliRun.Invoke("lifecycle").Output;

        foreach (var label in new[]
                 {
                     "Registered 登记", "Accepted 受理", "Declined 不予受理", "Dispatched 转办/派单", "Claimed 签收", "InProgress 办理",
                     "Resolved 办结", "UnderReview 审核", "CallbackPending 回访", "Rated 评价", "Closed 归档", "Returned 退回",
                     "Suspended 挂起", "Escalated 升级", "Reopened 重办", "Merged 合并", "Withdrawn 撤回", "HandedOff 移交",
                 })
        {
            Assert.Contains($"\"{label}\"", output);
        }
    }

    [Fact]
    public void Lifecycle_UnknownFormat_ExitsWithUsageAndOneClearLine()
    {
        var (code, output, error) = CliRun.Invoke("lifecycle", "--format", "svg");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Empty(output);
        Assert.Equal("fengqiao lifecycle: unknown --format 'svg': use mermaid or dot.", error.TrimEnd());
        Assert.DoesNotContain("   at ", error);
    }
}
