using Fengqiao.Testing;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The ICaseStore contract (Fengqiao.Testing's conformance checks) on the SQLite store, in memory and on file.</summary>
public sealed class CaseStoreConformanceTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public static TheoryData<string, string> Checks()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in new[] { "sqlite-memory", "sqlite-file" })
        {
            foreach (var check in CaseStoreConformance.CheckNames.Concat(CaseStoreConformance.ListingCheckNames).Concat(CaseStoreConformance.GroupCommitCheckNames).Concat(CaseStoreConformance.BatchLoadCheckNames))
            {
                data.Add(kind, check);
            }
        }

        return data;
    }

    public static TheoryData<string> ReopenChecks() => [.. CaseStoreConformance.ReopenCheckNames];

    public static TheoryData<string> SnapshotChecks() => [.. CaseStoreConformance.SnapshotCheckNames];

    public static TheoryData<string> CaseRowChecks() => [.. CaseStoreConformance.CaseRowCheckNames];

    public void Dispose() => stores.Dispose();

    [Theory]
    [MemberData(nameof(Checks))]
    public Task SqliteCaseStore_Check_Passes(string kind, string check) =>
        CaseStoreConformance.RunAsync(check, calendar => kind == "sqlite-memory"
            ? SqliteCaseStore.OpenInMemory(calendar)
            : SqliteCaseStore.Open(stores.NewPath(), calendar));

    [Theory]
    [MemberData(nameof(ReopenChecks))]
    public Task SqliteCaseStore_ReopenCheck_Passes(string check) =>
        CaseStoreConformance.RunReopenAsync(check,
            calendar => SqliteCaseStore.Open(stores.NewPath(), calendar),
            (store, calendar) => SqliteCaseStore.Open(((SqliteCaseStore)store).DataSource, calendar, new SqliteCaseStoreOptions { SnapshotCacheSize = 0 }));

    [Theory]
    [MemberData(nameof(SnapshotChecks))]
    public Task SqliteCaseStore_SnapshotCheck_Passes(string check) =>
        CaseStoreConformance.RunSnapshotAsync(check, new SqliteSnapshotTamper(stores));

    [Theory]
    [MemberData(nameof(CaseRowChecks))]
    public Task SqliteCaseStore_CaseRowCheck_Passes(string check) =>
        CaseStoreConformance.RunCaseRowAsync(check, new SqliteSnapshotTamper(stores));
}
