using Fengqiao.Testing;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>On-disk snapshots (schema 9), what only the PostgreSQL store has: a database from before snapshots, and a
/// load statement that leaves out the snapshot of a case this node caches at the stored version. The checks that edit a
/// snapshot, an event under it or the events themselves behind the store's back are the conformance suite's snapshot
/// checks (<see cref="CaseStoreConformance.SnapshotCheckNames"/>, through <see cref="PostgreSqlSnapshotTamper"/>), and
/// what a reopened store loads its reopen checks; both stores run them.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreSnapshotTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly PostgreSqlCaseStoreOptions NoCache = new() { SnapshotCacheSize = 0, QueryCodeKey = QueryCodeKeyBytes };
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task Open_ASchemaEightDatabase_BuildsNoSnapshotUntilTheCaseIsAppendedToOrRepaired()
    {
        var db = await stores.NewDatabaseAsync();
        var kit = StoreFactory.Kit(await stores.OpenAsync(db));
        var a = await kit.DispatchedAsync();
        var b = await kit.RegisterAsync(Report(phone: "13900000009", category: "noise"));
        await LegacyDatabases.ToSchemaEightAsync(db);

        var store = await stores.OpenAsync(db, NoCache);

        Assert.Equal([(long)PostgreSqlCaseStore.SchemaVersion], await ColumnAsync(db, "SELECT max(version)::bigint FROM fengqiao_schema_versions"));
        Assert.Equal([0L], await ColumnAsync(db, "SELECT count(*) FROM fengqiao_snapshots"));
        Assert.Null(CaseComparison.Difference(a, await store.LoadAsync(a.Id, default)));
        Assert.Null(CaseComparison.Difference(b, (await store.LoadManyAsync([b.Id], default))[0]));
        Assert.True((await store.VerifyAsync(default)).IsIntact);

        await StoreFactory.Kit(store).Desk.SuperviseAsync(a.Id, Leader, "快办", default);
        Assert.Equal([a.Id.Value], await TextAsync(db, "SELECT case_id FROM fengqiao_snapshots"));

        var repaired = await store.RepairAsync(default);
        Assert.Equal(0, repaired.CasesRepaired);
        Assert.True(repaired.IsIntact);
        Assert.Equal([$"{a.Id} {a.Version + 1}", $"{b.Id} {b.Version}"], await TextAsync(db, "SELECT case_id || ' ' || version FROM fengqiao_snapshots ORDER BY case_id"));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task LoadAsync_ACaseHeldAtTheStoredVersion_IsTheCachedFoldWithoutReadingTheSnapshot()
    {
        // The statement leaves the snapshot out for a case this node holds at the stored version: a snapshot that would
        // be refused (edited) is never read, and the cached fold is returned as it is.
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var c = await StoreFactory.Kit(store).DispatchedAsync();
        await ExecuteAsync(db, "UPDATE fengqiao_snapshots SET seal = '\\x00'::bytea");

        Assert.Same(await store.LoadAsync(c.Id, default), await store.LoadAsync(c.Id, default));
        Assert.Same(await store.LoadAsync(c.Id, default), (await store.LoadManyAsync([c.Id], default))[0]);
        Assert.Same(await store.LoadAsync(c.Id, default), await store.FindByQueryCodeAsync(c.QueryCodeDigest, default));
        await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(async () => await (await stores.OpenAsync(db, NoCache)).LoadAsync(c.Id, default));
    }
}
