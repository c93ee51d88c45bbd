using System.Text.Json;

namespace Fengqiao.Cli.Tests;

public class ElapsedCommandTests
{
    [Fact]
    public void Elapsed_AcrossNationalDay_CountsOnlyWorkingMinutes()
    {
        // Sep 30 09:00–17:30 = 7h, Oct 1–8 off, Oct 9 09:00–10:00 = 1h.
        var (code, output, _) = CliRun.Invoke("elapsed", "--from", "2025-09-30T09:00", "--to", "2025-10-09T10:00", "--json");

        Assert.Equal(FengqiaoCli.Ok, code);
        using var json = JsonDocument.Parse(output);
        Assert.Equal(480, json.RootElement.GetProperty("working_minutes").GetInt64());
    }

    [Fact]
    public void Elapsed_AllowProvisionalAcrossTheEndOfTheData_MarksTheResultProvisional()
    {
        var (code, output, _) = CliRun.Invoke("elapsed", "--from", "2026-12-30T10:00", "--to", "2027-01-05T10:00", "--allow-provisional");
        var (_, json, _) = CliRun.Invoke("elapsed", "--from", "2026-12-30T10:00", "--to", "2027-01-05T10:00", "--json");
        var (_, verified, _) = CliRun.Invoke("elapsed", "--from", "2026-12-21T10:00", "--to", "2026-12-23T10:00", "--json");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("21h00m (1260 minutes) PROVISIONAL", output);
        Assert.True(JsonDocument.Parse(json).RootElement.GetProperty("provisional").GetBoolean());
        Assert.False(JsonDocument.Parse(verified).RootElement.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public void Elapsed_Text_PrintsHoursAndMinutes()
    {
        var (code, output, _) = CliRun.Invoke("elapsed", "--from", "2025-03-10T10:00+08:00", "--to", "2025-03-10T14:00+08:00");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("2h30m (150 minutes)", output);
    }

    [Fact]
    public void Elapsed_ToBeforeFrom_ExitsTwo()
    {
        var (code, _, error) = CliRun.Invoke("elapsed", "--from", "2025-03-10T10:00", "--to", "2025-03-09T10:00");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("before --from", error);
    }
}
