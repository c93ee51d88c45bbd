using Fengqiao.Cases.InMemory;

namespace Fengqiao.Testing.Tests;

/// <summary>The conformance checks on the in-memory store (the SQLite store runs them in its own test project).</summary>
public class InMemoryCaseStoreConformanceTests
{
    public static TheoryData<string> Checks() => new(CaseStoreConformance.CheckNames);

    public static TheoryData<string> ListingChecks() => new(CaseStoreConformance.ListingCheckNames);

    [Theory]
    [MemberData(nameof(Checks))]
    public Task InMemoryCaseStore_Check_Passes(string check) =>
        CaseStoreConformance.RunAsync(check, _ => new InMemoryCaseStore());

    [Theory]
    [MemberData(nameof(ListingChecks))]
    public Task InMemoryCaseStore_ListingCheck_Passes(string check) =>
        CaseStoreConformance.RunAsync(check, _ => new InMemoryCaseStore());

    [Fact]
    public void CheckNames_CoverTheWholeContract()
    {
        Assert.Equal(19, CaseStoreConformance.CheckNames.Count);
        Assert.Contains("erase-reporter-keeps-history", CaseStoreConformance.CheckNames);
        Assert.Contains("erase-reporter-erases-staff-text", CaseStoreConformance.CheckNames);
        Assert.Contains("query-code-found-by-presented-form", CaseStoreConformance.CheckNames);
        Assert.Contains("query-code-found-under-retired-key", CaseStoreConformance.CheckNames);
        Assert.Equal(6, CaseStoreConformance.ListingCheckNames.Count);
        Assert.Equal(6, CaseStoreConformance.GroupCommitCheckNames.Count);
        Assert.Equal(4, CaseStoreConformance.BatchLoadCheckNames.Count);
    }

    [Fact]
    public async Task RunAsync_BatchLoadCheckOnAStoreWithoutBatchLoads_FailsNamingThePort()
    {
        var failure = await Assert.ThrowsAsync<CaseStoreConformanceException>(() =>
            CaseStoreConformance.RunAsync("batch-load-stored-versions", _ => new InMemoryCaseStore()));
        Assert.Contains("ICaseBatchLoad", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ListingCheckOnAStoreWithoutListing_FailsNamingThePort()
    {
        var failure = await Assert.ThrowsAsync<CaseStoreConformanceException>(() =>
            CaseStoreConformance.RunAsync("listing-counts", _ => new FaultyCaseStore(new InMemoryCaseStore())));
        Assert.Contains("ICaseListing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_GroupCommitCheckOnAStoreWithoutGroupCommit_FailsNamingThePort()
    {
        var failure = await Assert.ThrowsAsync<CaseStoreConformanceException>(() =>
            CaseStoreConformance.RunAsync("group-commit-second-append-sees-first", _ => new InMemoryCaseStore()));
        Assert.Contains("ICaseGroupCommit", failure.Message, StringComparison.Ordinal);
    }
}
