using Fengqiao.Cases;
using Fengqiao.Testing;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>On-disk snapshots (schema 9), what only the SQLite file has: a file from before snapshots. The checks that
/// edit a snapshot, an event under it or the events themselves behind the store's back are the conformance suite's
/// snapshot checks (<see cref="CaseStoreConformance.SnapshotCheckNames"/>, through <see cref="SqliteSnapshotTamper"/>),
/// and what a reopened store loads its reopen checks (<see cref="CaseStoreConformance.ReopenCheckNames"/>); both stores
/// run them. Here too: batched loads over snapshots older than their cases (a snapshot interval), read with one tail
/// statement a batch.</summary>
public sealed class SqliteCaseStoreSnapshotTests : IDisposable
{
    private static readonly SqliteCaseStoreOptions NoCache = new() { SnapshotCacheSize = 0 };

    /// <summary>A snapshot every fourth version, and no cache.</summary>
    private static readonly SqliteCaseStoreOptions EveryFourth = new() { SnapshotCacheSize = 0, SnapshotInterval = 4 };

    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task Open_ASchemaSevenFile_BuildsNoSnapshotUntilTheCaseIsAppendedToOrRepaired()
    {
        var path = stores.NewPath();
        var (a, b) = await LegacyFiles.DispatchedAndNoiseAsync(path, 7);

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

    [Fact]
    public async Task LoadManyAsync_SnapshotsOlderThanTheirCases_FoldsEachFromOneBatchedReadOfTheEventsAfterIt()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, EveryFourth);
        var kit = StoreFactory.Kit(store);
        Case[] cases = [await kit.RatedAsync(), await kit.RegisterAsync(Report(phone: "13800000002")), await DispatchedAsync(kit, "13800000003"), await StartedAsync(kit, "13800000004")];
        var snapshotAt = Rows(path, "SELECT case_id, version FROM snapshots").Select(r => r.Split(' ')).ToDictionary(r => r[0], r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
        var olderSnapshots = cases.Count(c => snapshotAt[c.Id.Value] < c.Version);
        Assert.True(olderSnapshots >= 2, $"{olderSnapshots} of {cases.Length} cases have a snapshot older than the case");

        var loaded = await store.LoadManyAsync([.. cases.Select(c => c.Id)], default);

        Assert.Equal(olderSnapshots, store.SnapshotTailsRead);
        Assert.Equal(0, store.CasesReplayed);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Null(CaseComparison.Difference(Case.Replay(await store.ReadEventsAsync(cases[i].Id, default), Calendar), loaded[i]));
        }
    }

    [Fact]
    public async Task LoadManyAsync_AnEventAfterAnOlderSnapshotEdited_RefusesTheBatchNamingTheCaseAndVersion()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, EveryFourth);
        var kit = StoreFactory.Kit(store);
        var bad = await kit.RatedAsync();
        var good = await DispatchedAsync(kit, "13800000002");
        Assert.Equal(1, EditBodies(path, $"WHERE case_id = '{bad.Id}' AND version = {bad.Version}", b => b + " "));

        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadManyAsync([good.Id, bad.Id], default).AsTask());

        Assert.Equal((bad.Id, bad.Version, SqliteCaseStoreOperation.Load), (e.CaseId, e.Version, e.Operation));
        Assert.Equal(good.Version, (await store.LoadManyAsync([good.Id], default))[0]?.Version);
    }

    [Fact]
    public void TailsQuery_ReadsEachCasesEventsByAPrimaryKeyRange()
    {
        var path = stores.NewPath();
        stores.OpenFile(path);

        var plan = string.Join(" | ", Rows(path, "EXPLAIN QUERY PLAN " + SqliteCaseStore.TailsQuery.Replace("$tails", "'[[\"a\",2],[\"b\",5]]'", StringComparison.Ordinal), column: 3));

        Assert.Contains("SEARCH e USING PRIMARY KEY (case_id=? AND version>?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN e", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepAsync_WithASnapshotInterval_FoldsEachDueCaseFromItsSnapshotAndTheEventsAfterIt()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, EveryFourth);
        var kit = StoreFactory.Kit(store);
        Case[] cases = [await DispatchedAsync(kit, "13800000001"), await StartedAsync(kit, "13800000002"), await DispatchedAsync(kit, "13800000003")];

        var result = await kit.Desk.SweepAsync(cases.Max(c => c.NextDueAt!.Value));

        Assert.Equal(cases.Length, result.CasesSwept);
        Assert.True(store.SnapshotTailsRead >= 2, $"{store.SnapshotTailsRead} cases folded from an older snapshot");
        Assert.Equal(0, store.CasesReplayed);
        foreach (var c in cases)
        {
            var history = await store.ReadEventsAsync(c.Id, default);
            Assert.True(history.Count > c.Version, $"case {c.Id}: {history.Count} events after the sweep, {c.Version} before");
            Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), (await store.LoadManyAsync([c.Id], default))[0]));
        }
    }

    /// <summary>A case of its own (a report with its own phone, so it is not joined to the kit's first case), dispatched.</summary>
    private static async Task<Case> DispatchedAsync(BareCounty kit, string phone)
    {
        var c = await kit.RegisterAsync(Report(phone: phone));
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        return await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);
    }

    /// <summary>A case of its own, dispatched, claimed and started by <see cref="BareCounty.Worker"/>.</summary>
    private static async Task<Case> StartedAsync(BareCounty kit, string phone)
    {
        var c = await DispatchedAsync(kit, phone);
        await kit.Desk.ClaimAsync(c.Id, Worker);
        return await kit.Desk.StartAsync(c.Id, Worker);
    }
}
