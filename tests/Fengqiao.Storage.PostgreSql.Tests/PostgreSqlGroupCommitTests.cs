using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Group commit on PostgreSQL beyond the conformance checks: what one node commits another node reads, and
/// groups on two nodes over the same cases in opposite orders neither deadlock nor both win.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlGroupCommitTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task AppendAsync_ConcurrentCallersWithOneConflicting_OnlyItFailsAndAnotherNodeReadsTheRest()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var kit = StoreFactory.Kit(store);
        var cases = new List<Case>();
        for (var i = 0; i < 24; i++)
        {
            cases.Add(await kit.RegisterAsync(Report(phone: $"1380000{i:0000}")));
        }

        // Case 7 is appended twice from version 1: whichever runs second is stale.
        var appends = cases.Select(Supervise).Append(Supervise(cases[7])).ToArray();
        using var start = new ManualResetEventSlim();
        var tasks = appends.Select(a => Task.Run(async () =>
        {
            start.Wait();
            await store.AppendAsync(a.ExpectedVersion, a.Events, a.Snapshot, default);
        })).ToArray();
        start.Set();
        var conflicts = new List<ConcurrencyConflictException>();
        foreach (var task in tasks)
        {
            try
            {
                await task;
            }
            catch (ConcurrencyConflictException e)
            {
                conflicts.Add(e);
            }
        }

        Assert.Equal(cases[7].Id, Assert.Single(conflicts).CaseId);
        var other = await stores.OpenAsync(db);
        foreach (var c in cases)
        {
            var loaded = (await other.LoadAsync(c.Id, default))!;
            Assert.Equal((2L, 1), (loaded.Version, loaded.SupervisionCount));
        }

        Assert.True((await other.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_TwoNodesOverTheSameCasesInOppositeOrders_ExactlyOneWinsEachCaseAndNeitherFails()
    {
        var db = await stores.NewDatabaseAsync();
        var first = await stores.OpenAsync(db);
        var second = await stores.OpenAsync(db);
        var kit = StoreFactory.Kit(first);
        var cases = new List<Case>();
        for (var i = 0; i < 30; i++)
        {
            cases.Add(await kit.RegisterAsync(Report(phone: $"1390000{i:0000}")));
        }

        for (var round = 0; round < 5; round++)
        {
            var current = await Task.WhenAll(cases.Select(async c => (await first.LoadAsync(c.Id, default))!));
            using var start = new ManualResetEventSlim();
            var forward = Task.Run(async () =>
            {
                start.Wait();
                return await first.AppendGroupAsync([.. current.Select(Supervise)], default);
            });
            var backward = Task.Run(async () =>
            {
                start.Wait();
                return await second.AppendGroupAsync([.. current.Reverse().Select(Supervise)], default);
            });
            start.Set();
            var a = await forward;
            var b = (await backward).Reverse().ToArray();

            for (var i = 0; i < cases.Count; i++)
            {
                Assert.True(a[i] is null ^ b[i] is null, $"round {round}, case {cases[i].Id}: outcomes {a[i]?.GetType().Name ?? "ok"} and {b[i]?.GetType().Name ?? "ok"}; exactly one should win");
                Assert.IsType<ConcurrencyConflictException>(a[i] ?? b[i]);
            }
        }

        foreach (var c in cases)
        {
            Assert.Equal(6L, (await second.LoadAsync(c.Id, default))!.Version);
            Assert.Equal(6, (await first.ReadEventsAsync(c.Id, default)).Count);
        }

        Assert.True((await first.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_AGroupWithANewCaseRefusedAsADuplicate_KeepsTheOthersAndRollsBackOnlyIt()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var kit = StoreFactory.Kit(store);
        var existing = await kit.RegisterAsync(Report(phone: "13700000001"));

        // A registration of the same matter, decided on another desk that did not see the first (so not joined to it).
        // (Its first case takes the id the store's first case has, so the twin is its second.)
        var elsewhere = StoreFactory.Kit(new Fengqiao.Cases.InMemory.InMemoryCaseStore(), seed: 7);
        await elsewhere.RegisterAsync(Report(phone: "13700000009"));
        var twin = await elsewhere.RegisterAsync(Report(phone: "13700000001"));
        var twinEvents = await elsewhere.Store.ReadEventsAsync(twin.Id, default);
        var fresh = await elsewhere.RegisterAsync(Report(phone: "13700000002"));
        var freshEvents = await elsewhere.Store.ReadEventsAsync(fresh.Id, default);

        var outcomes = await store.AppendGroupAsync(
            [Supervise(existing), new CaseAppend(0, twinEvents, twin), new CaseAppend(0, freshEvents, fresh)], default);

        Assert.Null(outcomes[0]);
        var duplicate = Assert.IsType<DuplicateReportException>(outcomes[1]);
        Assert.Equal(existing.Id, duplicate.ExistingCaseId);
        Assert.Null(outcomes[2]);
        Assert.Equal(2L, (await store.LoadAsync(existing.Id, default))!.Version);
        Assert.Null(await store.LoadAsync(twin.Id, default));
        Assert.Equal(1L, (await store.LoadAsync(fresh.Id, default))!.Version);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_NewCasesBesideAStaleAppend_WritesTheNewCasesAndFailsOnlyTheStaleOne()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var kit = StoreFactory.Kit(store);
        var existing = await kit.RegisterAsync(Report(phone: "13700000001"));
        var other = await kit.RegisterAsync(Report(phone: "13700000003", category: "noise"));
        var elsewhere = StoreFactory.Kit(new Fengqiao.Cases.InMemory.InMemoryCaseStore(), seed: 7);
        await elsewhere.RegisterAsync(Report(phone: "13700000008"));
        await elsewhere.RegisterAsync(Report(phone: "13700000009"));
        var first = await elsewhere.RegisterAsync(Report(phone: "13700000002"));
        var second = await elsewhere.RegisterAsync(Report(phone: "13700000004", category: "noise"));
        var stale = Supervise(existing);
        Assert.Null((await store.AppendGroupAsync([stale], default))[0]);

        var outcomes = await store.AppendGroupAsync(
        [
            new CaseAppend(0, await elsewhere.Store.ReadEventsAsync(first.Id, default), first),
            stale,
            new CaseAppend(0, await elsewhere.Store.ReadEventsAsync(second.Id, default), second),
            Supervise(other),
        ], default);

        Assert.Null(outcomes[0]);
        var conflict = Assert.IsType<ConcurrencyConflictException>(outcomes[1]);
        Assert.Equal((existing.Id, existing.Version, existing.Version + 1), (conflict.CaseId, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Null(outcomes[2]);
        Assert.Null(outcomes[3]);
        var reopened = await stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { SnapshotCacheSize = 0, QueryCodeKey = QueryCodeKeyBytes });
        Assert.Null(CaseComparison.Difference(first, await reopened.LoadAsync(first.Id, default)));
        Assert.Null(CaseComparison.Difference(second, await reopened.FindByQueryCodeAsync(second.QueryCodeDigest, default)));
        Assert.Equal(first.Report, Assert.IsType<CaseRegistration>((await reopened.ReadEventsAsync(first.Id, default))[0].Payload).Report);
        Assert.Equal(existing.Version + 1, (await reopened.LoadAsync(existing.Id, default))!.Version);
        Assert.Equal(other.Version + 1, (await reopened.LoadAsync(other.Id, default))!.Version);
        Assert.Equal(second.Id, await reopened.FindDuplicateAsync(Report(phone: "13700000004", category: "noise"), second.RegisteredAt, default));
        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_TwoNewCasesOfOneMatterInAGroup_RefusesTheLaterAsADuplicateOfTheEarlier()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var one = StoreFactory.Kit(new Fengqiao.Cases.InMemory.InMemoryCaseStore(), seed: 7);
        var two = StoreFactory.Kit(new Fengqiao.Cases.InMemory.InMemoryCaseStore(), seed: 8);
        await two.RegisterAsync(Report(phone: "13700000009"));
        var a = await one.RegisterAsync(Report(phone: "13700000001"));
        var b = await two.RegisterAsync(Report(phone: "13700000001"));
        var c = await two.RegisterAsync(Report(phone: "13700000005", category: "noise"));

        var outcomes = await store.AppendGroupAsync(
        [
            new CaseAppend(0, await one.Store.ReadEventsAsync(a.Id, default), a),
            new CaseAppend(0, await two.Store.ReadEventsAsync(b.Id, default), b),
            new CaseAppend(0, await two.Store.ReadEventsAsync(c.Id, default), c),
        ], default);

        Assert.Null(outcomes[0]);
        Assert.Equal(a.Id, Assert.IsType<DuplicateReportException>(outcomes[1]).ExistingCaseId);
        Assert.Null(outcomes[2]);
        Assert.Null(await store.LoadAsync(b.Id, default));
        Assert.Equal(1L, (await store.LoadAsync(c.Id, default))!.Version);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_ANewCaseAppendedToAgainInItsGroup_StoresItsRowsAsItsLastAppendLeavesThem()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var other = await StoreFactory.Kit(store).RegisterAsync(Report(phone: "13700000003", category: "noise"));
        var elsewhere = StoreFactory.Kit(new Fengqiao.Cases.InMemory.InMemoryCaseStore(), seed: 7);
        await elsewhere.RegisterAsync(Report(phone: "13700000008"));
        var x = await elsewhere.RegisterAsync(Report(phone: "13700000002"));
        var once = Supervise(x);
        var twice = Supervise(once.Snapshot);
        var otherOnce = Supervise(other);

        var outcomes = await store.AppendGroupAsync(
            [new CaseAppend(0, await elsewhere.Store.ReadEventsAsync(x.Id, default), x), once, otherOnce, twice, Supervise(otherOnce.Snapshot)], default);

        Assert.All(outcomes, Assert.Null);
        var reopened = await stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { SnapshotCacheSize = 0, QueryCodeKey = QueryCodeKeyBytes });
        Assert.Null(CaseComparison.Difference(twice.Snapshot, await reopened.LoadAsync(x.Id, default)));
        Assert.Equal(x.Version + 2, (await reopened.ReadEventsAsync(x.Id, default)).Count);
        foreach (var table in new[] { "fengqiao_cases WHERE id", "fengqiao_case_listing WHERE id", "fengqiao_snapshots WHERE case_id" })
        {
            Assert.Equal([x.Version + 2, other.Version + 2], await ColumnAsync(db, $"SELECT version FROM {table} IN ('{x.Id}', '{other.Id}') ORDER BY {table.Split(' ')[^1]} = '{other.Id}'"));
        }

        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_ANewCaseOfAMatterOpenedEarlierInTheGroupAndAppendedToAfter_IsRefusedAsItsDuplicate()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var one = StoreFactory.Kit(new Fengqiao.Cases.InMemory.InMemoryCaseStore(), seed: 7);
        var two = StoreFactory.Kit(new Fengqiao.Cases.InMemory.InMemoryCaseStore(), seed: 8);
        await two.RegisterAsync(Report(phone: "13700000009"));
        var x = await one.RegisterAsync(Report(phone: "13700000001"));
        var y = await two.RegisterAsync(Report(phone: "13700000001"));

        var outcomes = await store.AppendGroupAsync(
            [new CaseAppend(0, await one.Store.ReadEventsAsync(x.Id, default), x), new CaseAppend(0, await two.Store.ReadEventsAsync(y.Id, default), y), Supervise(x)], default);

        Assert.Null(outcomes[0]);
        Assert.Equal(x.Id, Assert.IsType<DuplicateReportException>(outcomes[1]).ExistingCaseId);
        Assert.Null(outcomes[2]);
        Assert.Null(await store.LoadAsync(y.Id, default));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    private static CaseAppend Supervise(Case c)
    {
        var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised());
        return new CaseAppend(c.Version, [e], c.Apply(e));
    }
}
