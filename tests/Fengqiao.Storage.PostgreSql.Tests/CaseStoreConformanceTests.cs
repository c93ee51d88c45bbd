using Fengqiao.Testing;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>The ICaseStore contract (Fengqiao.Testing's conformance checks) on the PostgreSQL store, each check on a database of its own.</summary>
[Collection(PostgresTests.Name)]
public sealed class CaseStoreConformanceTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public static TheoryData<string> Checks()
    {
        var data = new TheoryData<string>();
        foreach (var check in CaseStoreConformance.CheckNames.Concat(CaseStoreConformance.ListingCheckNames).Concat(CaseStoreConformance.GroupCommitCheckNames).Concat(CaseStoreConformance.BatchLoadCheckNames))
        {
            data.Add(check);
        }

        return data;
    }

    public static TheoryData<string> ReopenChecks() => [.. CaseStoreConformance.ReopenCheckNames];

    public static TheoryData<string> SnapshotChecks() => [.. CaseStoreConformance.SnapshotCheckNames];

    public static TheoryData<string> CaseRowChecks() => [.. CaseStoreConformance.CaseRowCheckNames];

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Theory]
    [MemberData(nameof(Checks))]
    public async Task PostgreSqlCaseStore_Check_Passes(string check)
    {
        var db = await stores.NewDatabaseAsync();
        await CaseStoreConformance.RunAsync(check, calendar => PostgreSqlCaseStore.OpenAsync(db, calendar).GetAwaiter().GetResult());
    }

    [Theory]
    [MemberData(nameof(ReopenChecks))]
    public async Task PostgreSqlCaseStore_ReopenCheck_Passes(string check)
    {
        // Each store the check makes gets a database of its own; a reopened store is a second pool on it, caching nothing.
        var databases = new System.Collections.Concurrent.ConcurrentDictionary<Fengqiao.Cases.Ports.ICaseStore, string>();
        await CaseStoreConformance.RunReopenAsync(check,
            calendar =>
            {
                var db = stores.NewDatabaseAsync().GetAwaiter().GetResult();
                var store = PostgreSqlCaseStore.OpenAsync(db, calendar).GetAwaiter().GetResult();
                databases[store] = db;
                return store;
            },
            (store, calendar) => PostgreSqlCaseStore.OpenAsync(databases[store], calendar, new PostgreSqlCaseStoreOptions { SnapshotCacheSize = 0 }).GetAwaiter().GetResult());
    }

    [Theory]
    [MemberData(nameof(SnapshotChecks))]
    public Task PostgreSqlCaseStore_SnapshotCheck_Passes(string check) =>
        CaseStoreConformance.RunSnapshotAsync(check, new PostgreSqlSnapshotTamper(stores));

    [Theory]
    [MemberData(nameof(CaseRowChecks))]
    public Task PostgreSqlCaseStore_CaseRowCheck_Passes(string check) =>
        CaseStoreConformance.RunCaseRowAsync(check, new PostgreSqlSnapshotTamper(stores));
}
