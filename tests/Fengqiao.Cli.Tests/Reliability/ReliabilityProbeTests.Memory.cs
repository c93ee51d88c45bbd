namespace Fengqiao.Cli.Tests.Reliability;

/// <summary>Probes: runs too large to fit are refused before they start.</summary>
public partial class ReliabilityProbeTests
{
    [Theory]
    [InlineData("--store", "sqlite")]
    [InlineData("--store", "memory")]
    public void Simulate_TenYearsOfAMillionReportsADay_IsRefusedBeforeStartingWithTheEstimate(string option, string value)
    {
        // Once 20.6 GB after 120 s with nothing written; the refusal must come before any work.
        var (code, output, error) = CliRun.Invoke("simulate", "--days", "3650", "--cases-per-day", "1000000", option, value);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Equal("", output);
        Assert.Contains("this run would need about", error);
        Assert.Contains("Nothing was run.", error);
        AssertOneLine(error);
    }

    [Fact]
    public void Simulate_TenYearsOfAMillionReportsADayOnFile_IsRefusedAndNoFileIsCreated()
    {
        var path = Path.Combine(Folder(), "s.db");

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "3650", "--cases-per-day", "1000000", "--database", path);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("in a SQLite file", error);
        Assert.False(File.Exists(path));
    }
}
