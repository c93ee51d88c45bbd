using Fengqiao.Cases;
using Fengqiao.Testing;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>On-disk snapshots (schema 9), what only the SQLite file has: a file from before snapshots. The checks that
/// edit a snapshot, an event under it or the events themselves behind the store's back are the conformance suite's
/// snapshot checks (<see cref="CaseStoreConformance.SnapshotCheckNames"/>, through <see cref="SqliteSnapshotTamper"/>),
/// and what a reopened store loads its reopen checks (<see cref="CaseStoreConformance.ReopenCheckNames"/>); both stores
/// run them.</summary>
public sealed class SqliteCaseStoreSnapshotTests : IDisposable
{
    private static readonly SqliteCaseStoreOptions NoCache = new() { SnapshotCacheSize = 0 };
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task Open_ASchemaSevenFile_BuildsNoSnapshotUntilTheCaseIsAppendedToOrRepaired()
    {
        var path = stores.NewPath();
        Case a, b;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            var kit = StoreFactory.Kit(writer);
            a = await kit.DispatchedAsync();
            b = await kit.RegisterAsync(Report(phone: "13900000009", category: "noise"));
        }

        LegacyFiles.ToSchemaSeven(path);

        var store = stores.OpenFile(path, NoCache);
        Assert.Equal(["0"], Rows(path, "SELECT count(*) FROM snapshots"));
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Assert.Equal(a.Version, (await store.LoadAsync(a.Id, default))!.Version);
        Assert.Equal(b.Version, (await store.LoadManyAsync([b.Id], default))[0]!.Version);

        await StoreFactory.Kit(store).Desk.SuperviseAsync(a.Id, Leader, "快办", default);
        Assert.Equal([$"{a.Id}"], Rows(path, "SELECT case_id FROM snapshots"));

        var repaired = await store.RepairAsync(default);
        Assert.Equal(0, repaired.CasesRepaired);
        Assert.Equal([$"{a.Id} {a.Version + 1}", $"{b.Id} {b.Version}"], Rows(path, "SELECT case_id, version FROM snapshots ORDER BY case_id"));
    }
}
