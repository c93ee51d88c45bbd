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
        var inMemory = new SimulationOptions(365, 2_000, 1);
        var onFile = inMemory with { Database = "/tmp/x.db" };

        Assert.True(SimulationBudget.Estimate(onFile).Bytes * 5 < SimulationBudget.Estimate(inMemory).Bytes);
        SimulationBudget.Check(onFile, 4 * Gigabyte);
        Assert.Throws<CliException>(() => SimulationBudget.Check(inMemory, 4 * Gigabyte));
    }

    [Fact]
    public void Estimate_AFileStore_CountsTheWritersPageCache()
    {
        var onFile = new SimulationOptions(1, 1, 1) { Database = "/tmp/x.db" };
        var inMemory = onFile with { Database = null };

        var extra = SimulationBudget.Estimate(onFile).Bytes - SimulationBudget.Estimate(inMemory).Bytes;

        Assert.True(extra >= CountySimulation.FilePageCacheKiB * 1024L, $"{extra:N0} B counted for the file store's caches");
    }
}
