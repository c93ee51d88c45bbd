using System.Text.Json;

namespace Fengqiao.Cli.Tests;

public class DeadlineCommandTests
{
    [Fact]
    public void Deadline_ThreeWorkingDaysBeforeNationalDay_PrintsTheMakeUpSaturdayAndExplains()
    {
        var (code, output, error) = CliRun.Invoke("deadline", "--start", "2025-09-30T16:00", "--limit", "3 working days");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Equal(string.Empty, error);
        Assert.StartsWith("deadline: 2025-10-11T17:30:00+08:00", output);
        Assert.Contains("National Day", output);
        Assert.Contains("调休", output);
    }

    [Fact]
    public void Deadline_Json_HasDeadlineProvisionalAndExplanation()
    {
        var (code, output, _) = CliRun.Invoke("deadline", "--start", "2025-09-30T16:00", "--limit", "3个工作日", "--json");

        Assert.Equal(FengqiaoCli.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("2025-10-11T17:30:00+08:00", json.RootElement.GetProperty("deadline").GetString());
        Assert.False(json.RootElement.GetProperty("provisional").GetBoolean());
        Assert.Contains("start day not counted", json.RootElement.GetProperty("explanation").GetString());
    }

    [Fact]
    public void Deadline_XinjiangInUrumqiTime_SkipsCorban()
    {
        var (code, output, _) = CliRun.Invoke("deadline", "--start", "2025-06-05T11:00", "--limit", "1 working day",
            "--zone", "Asia/Urumqi", "--hours", "10:00-14:00,16:00-19:30", "--region", "xinjiang", "--json");

        Assert.Equal(FengqiaoCli.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("2025-06-11T19:30:00+06:00", json.RootElement.GetProperty("deadline").GetString());
    }

    [Fact]
    public void Deadline_Into2027_FailsUnlessProvisionalIsAllowed()
    {
        var (code, _, error) = CliRun.Invoke("deadline", "--start", "2026-12-30T16:00", "--limit", "3 working days");
        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("2027-01-01", error);

        var (ok, output, _) = CliRun.Invoke("deadline", "--start", "2026-12-30T16:00", "--limit", "3 working days", "--allow-provisional", "--json");
        Assert.Equal(FengqiaoCli.Ok, ok);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("provisional").GetBoolean());
    }

    [Theory]
    [InlineData("--start", "2025-02-30T16:00", "2025-02-30T16:00")]
    [InlineData("--limit", "3 wrking days", "position 2")]
    [InlineData("--zone", "Mars/Olympus", "Mars/Olympus")]
    [InlineData("--hours", "9-12", "9-12")]
    public void Deadline_BadArgument_ExitsTwoWithOneLine(string option, string value, string named)
    {
        var args = new List<string> { "deadline", "--start", "2025-09-30T16:00", "--limit", "3 days" };
        var i = args.IndexOf(option);
        if (i >= 0)
        {
            args[i + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var (code, _, error) = CliRun.Invoke([.. args]);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains(named, error);
        Assert.Single(error.TrimEnd().Split('\n'));
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void DeadlineHelp_DocumentsTheDefaults()
    {
        var (code, output, _) = CliRun.Invoke("deadline", "--help");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("Asia/Shanghai", output);
        Assert.Contains("09:00-12:00,13:30-17:30", output);
    }
}
