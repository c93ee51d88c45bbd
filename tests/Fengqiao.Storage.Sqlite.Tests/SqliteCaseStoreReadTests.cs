using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The read path: look-ups on their own WAL connection (a writer's open transaction does not hold them up)
/// and batched loads (<see cref="SqliteCaseStore.LoadManyAsync"/>).</summary>
public sealed class SqliteCaseStoreReadTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task LoadAsync_WhileAGroupCommitHoldsItsTransactionOpen_CompletesWithTheLastCommittedCase()
    {
        var store = stores.OpenFile(stores.NewPath());
        var kit = StoreFactory.Kit(store);
        var other = await kit.RegisterAsync(Report(phone: "13800000001"));
        var c = await kit.DispatchedAsync();
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        store.WhileCommitting = () =>
        {
            inside.TrySetResult();
            release.Task.Wait();
        };

        var claim = Task.Run(() => kit.Desk.ClaimAsync(c.Id, Worker));
        await inside.Task;
        try
        {
            // The writer holds the connection and an open write transaction until released; before reads had their
            // own connection these waited for it (the wait below would then fail rather than hang the run).
            var during = await Task.Run(() => store.LoadAsync(c.Id, default).AsTask()).WaitAsync(TimeSpan.FromMinutes(2));
            var otherDuring = await Task.Run(() => store.FindByQueryCodeAsync(other.QueryCodeDigest, default).AsTask()).WaitAsync(TimeSpan.FromMinutes(2));
            var dueDuring = await Task.Run(() => store.ListDueAsync(Start + NodaTime.Duration.FromDays(365), default).AsTask()).WaitAsync(TimeSpan.FromMinutes(2));

            Assert.Equal((c.Version, CaseState.Dispatched), (during!.Version, during.State));
            Assert.Equal(other.Id, otherDuring?.Id);
            Assert.Contains(c.Id, dueDuring);
            Assert.False(claim.IsCompleted);
        }
        finally
        {
            store.WhileCommitting = null;
            release.SetResult();
        }

        await claim;
        var after = await store.LoadAsync(c.Id, default);
        Assert.Equal((c.Version + 1, CaseState.Claimed), (after!.Version, after.State));
    }

    [Theory]
    [InlineData(true, 0)]
    [InlineData(true, 10_000)]
    [InlineData(false, 0)]
    [InlineData(false, 10_000)]
    public async Task LoadManyAsync_CachedUncachedUnknownAndRepeatedIds_GivesWhatLoadAsyncGivesEach(bool file, int cacheSize)
    {
        var options = new SqliteCaseStoreOptions { SnapshotCacheSize = cacheSize };
        var path = stores.NewPath();
        List<Case> cases;
        await using (var writer = SqliteCaseStore.Open(path, Calendar, options))
        {
            cases = await SeedAsync(StoreFactory.Kit(writer));
        }

        var store = file ? stores.OpenFile(path, options) : stores.OpenInMemory(options);
        if (!file)
        {
            cases = await SeedAsync(StoreFactory.Kit(store));
        }

        // One case loaded (and cached, when there is a cache) before the batch.
        await store.LoadAsync(cases[1].Id, default);
        CaseId[] ids = [cases[0].Id, new("no-such-case"), cases[1].Id, cases[2].Id, cases[0].Id, cases[3].Id];

        var batch = await store.LoadManyAsync(ids, default);

        Assert.Equal(ids.Length, batch.Count);
        for (var i = 0; i < ids.Length; i++)
        {
            var one = await store.LoadAsync(ids[i], default);
            Assert.Equal(one is null ? null : Fingerprint(one), batch[i] is null ? null : Fingerprint(batch[i]!));
        }

        Assert.Null(batch[1]);
        Assert.Equal(Fingerprint(cases[2]), Fingerprint(batch[3]!));
        Assert.Equal(Fingerprint(cases[3]), Fingerprint(batch[5]!));
        Assert.Empty(await store.LoadManyAsync([], default));
    }

    [Fact]
    public async Task LoadManyAsync_ACaseWhoseEventWasEditedInTheFile_IsRefusedAsTampered()
    {
        var path = stores.NewPath();
        Case good, bad;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            var kit = StoreFactory.Kit(writer);
            good = await kit.RegisterAsync(Report(phone: "13800000001"));
            bad = await kit.DispatchedAsync();
        }

        Assert.Equal(1, SqliteFile.EditBodies(path, $"WHERE case_id = '{bad.Id}' AND version = 1", b => b.Replace("\"d1\"", "\"d9\"", StringComparison.Ordinal)));

        var store = stores.OpenFile(path, StoreFactory.Replaying);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadManyAsync([good.Id, bad.Id], default).AsTask());

        Assert.Equal((bad.Id, 1L, SqliteCaseStoreOperation.Load), (e.CaseId, e.Version, e.Operation));
        Assert.Equal(good.Id, (await store.LoadManyAsync([good.Id], default))[0]?.Id);
    }

    [Fact]
    public async Task SweepAsync_OnAFileStore_SweepsTheDueCasesItReadsInBatchesAsTheyStand()
    {
        var store = stores.OpenFile(stores.NewPath(), new SqliteCaseStoreOptions { SnapshotCacheSize = 0 });
        var kit = StoreFactory.Kit(store);
        var registered = new List<Case>();
        for (var i = 0; i < 300; i++)
        {
            registered.Add(await kit.RegisterAsync(Report(phone: $"138{i:00000000}")));
        }

        var moved = await kit.AdvanceAsync(NodaTime.Duration.FromDays(30));

        Assert.All(registered, c => Assert.Contains(moved, e => e.CaseId == c.Id));
        foreach (var c in registered)
        {
            var loaded = (await store.LoadAsync(c.Id, default))!;
            Assert.NotEqual(CaseRecordedStageOf(c), CaseRecordedStageOf(loaded));
        }
    }

    /// <summary>Four cases in three states: registered, dispatched, claimed (three events more), registered.</summary>
    private static async Task<List<Case>> SeedAsync(BareCounty kit)
    {
        var registered = await kit.RegisterAsync(Report(phone: "13800000001"));
        var dispatched = await kit.DispatchedAsync();
        var c = await kit.RegisterAsync(Report(phone: "13800000003", grid: OtherGrid));
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);
        var claimed = await kit.Desk.ClaimAsync(c.Id, Worker);
        return [registered, dispatched, claimed, await kit.RegisterAsync(Report(phone: "13800000004", grid: OtherGrid))];
    }

    private static string CaseRecordedStageOf(Case c) => string.Join(",", c.Clocks.Keys.Order().Select(k => $"{k}:{c.RecordedStage(k)}"));
}
