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
    public void Deadline_Into2027_IsProvisionalByDefaultAndRefusedWhenStrict()
    {
        var (code, _, error) = CliRun.Invoke("deadline", "--start", "2026-12-30T16:00", "--limit", "3 working days", "--strict");
        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("2027-01-01", error);

        var (ok, output, _) = CliRun.Invoke("deadline", "--start", "2026-12-30T16:00", "--limit", "3 working days", "--allow-provisional", "--json");
        Assert.Equal(FengqiaoCli.Ok, ok);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("provisional").GetBoolean());
        Assert.Equal("2027-01-05 (Tue)", json.RootElement.GetProperty("due_date").GetString());
    }

    [Fact]
    public void Deadline_FiveWorkingDaysFrom28December2026_PrintsADeadlineMarkedProvisional()
    {
        var (code, output, _) = CliRun.Invoke("deadline", "--start", "2026-12-28T10:00", "--limit", "5 working days");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.StartsWith("deadline: 2027-01-05T17:30:00+08:00 (Asia/Shanghai) PROVISIONAL", output);
        Assert.Contains("due date: 2027-01-05 (Tue)", output);
        Assert.Contains("the 2027 notice is not yet published", output);
    }

    [Fact]
    public void Deadline_WithTheNoticeFile_IsNoLongerProvisional()
    {
        var file = Fengqiao.TestSupport.HypotheticalNotices.Write2027(Directory.CreateTempSubdirectory("fengqiao-cli-").FullName);

        var (code, output, _) = CliRun.Invoke("deadline", "--start", "2026-12-28T10:00", "--limit", "5 working days", "--notice-file", file);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.StartsWith("deadline: 2027-01-05T17:30:00+08:00 (Asia/Shanghai)\n", output.ReplaceLineEndings("\n"));
        Assert.DoesNotContain("PROVISIONAL", output);
    }

    [Fact]
    public void Deadline_UntilMidnight_PrintsTheDueDateBeforeTheInstantsDate()
    {
        var (code, output, _) = CliRun.Invoke("deadline", "--start", "2025-03-07T10:00", "--limit", "7日（至24时）");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("deadline: 2025-03-15T00:00:00+08:00", output);
        Assert.Contains("due date: 2025-03-14 (Fri)", output);
    }

    [Fact]
    public void Deadline_YearBeforeTheCommonEra_IsReportedAsAnIsoYear()
    {
        var (code, _, error) = CliRun.Invoke("deadline", "--start", "-0001-01-01T00:00", "--limit", "5 working days");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("-0001-01-01", error);
        Assert.DoesNotContain("0002", error);
    }

    [Fact]
    public void Deadline_StrictAndAllowProvisional_ExitTwoNamingBoth()
    {
        var (code, _, error) = CliRun.Invoke("deadline", "--start", "2026-12-28T10:00", "--limit", "5 working days", "--strict", "--allow-provisional");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("--strict and --allow-provisional", error);
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
