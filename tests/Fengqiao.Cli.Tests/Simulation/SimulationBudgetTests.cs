using Fengqiao.Cli.Simulation;

namespace Fengqiao.Cli.Tests.Simulation;

public class SimulationBudgetTests
{
    private const long Gigabyte = 1L << 30;

    [Fact]
    public void Check_TheReferenceRun_FitsInOneGigabyte()
    {
        SimulationBudget.Check(new SimulationOptions(60, 600, 1), Gigabyte);
    }

    [Fact]
    public void Check_TenYearsOfAMillionADayInMemory_IsRefusedWithTheEstimate()
    {
        var e = Assert.Throws<CliException>(() => SimulationBudget.Check(new SimulationOptions(3650, 1_000_000, 1), 32 * Gigabyte));

        Assert.Equal(FengqiaoCli.Usage, e.ExitCode);
        Assert.Contains("would need about 34 TB of memory", e.Message);
        Assert.Contains("3,650,000,000 reports", e.Message);
        Assert.Contains("32 GB is available", e.Message);
        Assert.Contains("--database FILE", e.Message);
    }

    [Fact]
    public void Estimate_AFileStore_GrowsFarSlowerThanAStoreInMemory()
    {
        var inMemory = SimulationBudget.Estimate(new SimulationOptions(365, 10_000, 1)).Bytes;
        var onFile = SimulationBudget.Estimate(new SimulationOptions(365, 10_000, 1) { Database = "/tmp/x.db" }).Bytes;

        Assert.True(onFile * 10 < inMemory, $"file {onFile}, memory {inMemory}");
        SimulationBudget.Check(new SimulationOptions(365, 10_000, 1) { Database = "/tmp/x.db" }, 4 * Gigabyte);
        Assert.Throws<CliException>(() => SimulationBudget.Check(new SimulationOptions(365, 10_000, 1), 4 * Gigabyte));
    }
}
