using Fengqiao.Cases.InMemory;

namespace Fengqiao.Testing.Tests;

/// <summary>The conformance checks on the in-memory store (the SQLite store runs them in its own test project).</summary>
public class InMemoryCaseStoreConformanceTests
{
    public static TheoryData<string> Checks() => new(CaseStoreConformance.CheckNames);

    [Theory]
    [MemberData(nameof(Checks))]
    public Task InMemoryCaseStore_Check_Passes(string check) =>
        CaseStoreConformance.RunAsync(check, _ => new InMemoryCaseStore());

    [Fact]
    public void CheckNames_CoverTheWholeContract()
    {
        Assert.Equal(17, CaseStoreConformance.CheckNames.Count);
        Assert.Contains("erase-reporter-keeps-history", CaseStoreConformance.CheckNames);
        Assert.Contains("query-code-found-by-presented-form", CaseStoreConformance.CheckNames);
    }
}
