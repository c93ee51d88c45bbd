using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Storage.Sqlite.Internal;
using Fengqiao.Testing;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

public sealed class SqliteCaseStoreGroupCommitTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task AppendAsync_ConcurrentCallersWithOneConflicting_OnlyItFailsAndTheOthersAreDurableAfterReopen()
    {
        var path = stores.NewPath();
        var cases = new List<Case>();
        await using (var store = stores.OpenFile(path))
        {
            var kit = StoreFactory.Kit(store);
            for (var i = 0; i < 24; i++)
            {
                cases.Add(await kit.RegisterAsync(Report(phone: $"1380000{i:0000}")));
            }

            // Case 7 is appended twice from version 1: whichever runs second is stale.
            var appends = cases.Select(c => Supervise(c)).Append(Supervise(cases[7])).ToArray();
            using var start = new ManualResetEventSlim();
            var tasks = appends.Select(a => Task.Run(async () =>
            {
                start.Wait();
                await store.AppendAsync(a.ExpectedVersion, a.Events, a.Snapshot, default);
            })).ToArray();
            start.Set();
            var outcomes = new List<Exception?>();
            foreach (var task in tasks)
            {
                try
                {
                    await task;
                    outcomes.Add(null);
                }
                catch (ConcurrencyConflictException e)
                {
                    outcomes.Add(e);
                }
            }

            var conflict = Assert.IsType<ConcurrencyConflictException>(Assert.Single(outcomes, o => o is not null));
            Assert.Equal(cases[7].Id, conflict.CaseId);
        }

        await using var reopened = stores.OpenFile(path);
        foreach (var c in cases)
        {
            var loaded = (await reopened.LoadAsync(c.Id, default))!;
            Assert.Equal((2L, 1), (loaded.Version, loaded.SupervisionCount));
            Assert.Equal(2, (await reopened.ReadEventsAsync(c.Id, default)).Count);
        }

        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_OneStaleAppendAmongMany_RefusesOnlyItAndTheOthersSurviveReopen()
    {
        var path = stores.NewPath();
        var cases = new List<Case>();
        await using (var store = stores.OpenFile(path))
        {
            var kit = StoreFactory.Kit(store);
            for (var i = 0; i < 5; i++)
            {
                cases.Add(await kit.RegisterAsync(Report(phone: $"1390000{i:0000}")));
            }

            // Another desk moved case 2 on after this group was decided.
            var moved = Supervise(cases[2]);
            await store.AppendAsync(moved.ExpectedVersion, moved.Events, moved.Snapshot, default);
            var stale = Supervise(cases[2]);
            var outcomes = await store.AppendGroupAsync([Supervise(cases[0]), Supervise(cases[1]), stale, Supervise(cases[3]), Supervise(cases[4])], default);

            Assert.Equal(new[] { false, false, true, false, false }, outcomes.Select(o => o is ConcurrencyConflictException));
            Assert.Equal(4, outcomes.Count(o => o is null));
        }

        await using var reopened = stores.OpenFile(path);
        var versions = await Task.WhenAll(cases.Select(async c => (await reopened.LoadAsync(c.Id, default))!.Version));
        Assert.Equal(new[] { 2L, 2L, 2L, 2L, 2L }, versions);
        Assert.Equal(2, (await reopened.ReadEventsAsync(cases[2].Id, default)).Count);
        Assert.Equal(1, (await reopened.LoadAsync(cases[2].Id, default))!.SupervisionCount);
        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_RefusedAppendsAmongMany_WritesTheGroupWithoutSavepoints()
    {
        await using var store = stores.OpenInMemory();
        var kit = StoreFactory.Kit(store);
        var a = await kit.RegisterAsync(Report(phone: "13600000001"));
        var b = await kit.RegisterAsync(Report(phone: "13600000002"));
        var first = Supervise(a);

        // The second append to a is stale by the time it is checked (the first is written before it); b is fine.
        var outcomes = await store.AppendGroupAsync([first, Supervise(a), Supervise(b), Supervise(first.Snapshot)], default);

        Assert.Equal(new[] { false, true, false, false }, outcomes.Select(o => o is ConcurrencyConflictException));
        Assert.Equal(0, store.SavepointGroups);
        Assert.Equal((3L, 2L), ((await store.LoadAsync(a.Id, default))!.Version, (await store.LoadAsync(b.Id, default))!.Version));
        Assert.Equal(3, (await store.ReadEventsAsync(a.Id, default)).Count);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_AnAppendFailingHalfWritten_FallsBackToSavepointsAndRollsBackOnlyIt()
    {
        var path = stores.NewPath();
        var cases = new List<Case>();
        await using (var store = stores.OpenFile(path))
        {
            var kit = StoreFactory.Kit(store);
            for (var i = 0; i < 4; i++)
            {
                cases.Add(await kit.RegisterAsync(Report(phone: $"1350000{i:0000}")));
            }

            // Case 1's append fails after its event rows are written, before its case row: a fault no check foresaw.
            var faulty = cases[1].Id;
            store.WhileWriting = id =>
            {
                if (id == faulty)
                {
                    throw new ArgumentException($"Injected fault writing case '{id}'.");
                }
            };
            var outcomes = await store.AppendGroupAsync(cases.Select(Supervise).ToList(), default);
            store.WhileWriting = null;

            Assert.Null(outcomes[0]);
            Assert.Contains("Injected fault", Assert.IsType<ArgumentException>(outcomes[1]).Message);
            Assert.Null(outcomes[2]);
            Assert.Null(outcomes[3]);
            Assert.Equal(1, store.SavepointGroups);
        }

        await using var reopened = stores.OpenFile(path);
        var versions = await Task.WhenAll(cases.Select(async c => (await reopened.LoadAsync(c.Id, default))!.Version));
        Assert.Equal(new[] { 2L, 1L, 2L, 2L }, versions);
        Assert.Single(await reopened.ReadEventsAsync(cases[1].Id, default));
        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_ChainedAppendsToOneCase_LeaveTheSnapshotAndListingRowAsTheLastOneWrites()
    {
        // The history a desk makes (accepted, dispatched, supervised), appended to the file in one group with another
        // case's append between: only the last append of the case writes its snapshot and listing row.
        var memory = new Fengqiao.Cases.InMemory.InMemoryCaseStore();
        var desk = StoreFactory.Kit(memory);
        var c = await desk.RegisterAsync(Report(phone: "13400000001"));
        var other = await desk.RegisterAsync(Report(phone: "13400000002"));
        await desk.Desk.AcceptAsync(c.Id, Dispatcher);
        var dispatched = await desk.Desk.DispatchAsync(c.Id, Dispatcher, Community);
        var history = await memory.ReadEventsAsync(c.Id, default);
        var path = stores.NewPath();
        await using (var store = stores.OpenFile(path))
        {
            await store.AppendAsync(0, [history[0]], c, default);
            await store.AppendAsync(0, [(await memory.ReadEventsAsync(other.Id, default))[0]], other, default);
            var accepted = Case.Replay(history.Take(2).ToList(), Calendar);
            var supervised = Supervise(dispatched);

            var outcomes = await store.AppendGroupAsync(
                [new CaseAppend(1, [history[1]], accepted), Supervise(other), new CaseAppend(2, [history[2]], dispatched), supervised], default);

            Assert.All(outcomes, Assert.Null);
            Assert.Equal((0, 2L), (store.SavepointGroups, store.LeftToTheNextAppend));
            Assert.Equal([$"{c.Id} 4", $"{other.Id} 2"], Rows(path, "SELECT case_id, version FROM snapshots ORDER BY case_id"));
            Assert.Equal(
                [CaseListingEntry.From(supervised.Snapshot), CaseListingEntry.From(other) with { Version = 2 }],
                (await store.ListAsync(new CaseListingQuery(), default)).Entries.ToArray());
        }

        await using var reopened = stores.OpenFile(path, new SqliteCaseStoreOptions { SnapshotCacheSize = 0 });
        var loaded = (await reopened.LoadAsync(c.Id, default))!;
        Assert.Equal((4L, CaseState.Dispatched, Community), (loaded.Version, loaded.State, loaded.HoldingUnit));
        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public async Task AppendGroupAsync_TwoAppendsToOneCase_WriteOneSnapshotAndItIsTheLastVersions(int interval)
    {
        // The sweep's clock step and a policy's note, or two portal requests, as two appends of one case in one group:
        // one snapshot is written, at the last version, whatever the interval (version 1 → 3 crosses no multiple of 8,
        // but a new case's first append always writes one, and the append after it takes that write over).
        var memory = new Fengqiao.Cases.InMemory.InMemoryCaseStore();
        var c = await StoreFactory.Kit(memory).RegisterAsync(Report(phone: "13400000011"));
        var registered = (await memory.ReadEventsAsync(c.Id, default))[0];
        var path = stores.NewPath();
        await using var store = stores.OpenFile(path, new SqliteCaseStoreOptions { SnapshotInterval = interval, SnapshotCacheSize = 0 });
        var first = Supervise(c);
        var second = Supervise(first.Snapshot);

        var outcomes = await store.AppendGroupAsync([new CaseAppend(0, [registered], c), first, second], default);

        Assert.All(outcomes, Assert.Null);
        Assert.Equal(2L, store.LeftToTheNextAppend);
        Assert.Equal([$"{c.Id} 3"], Rows(path, "SELECT case_id, version FROM snapshots"));
        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(Fengqiao.Cases.Serialization.CaseSnapshotJson.SerializeToUtf8Bytes(second.Snapshot)),
            Assert.Single(SnapshotBodies(path)));
        Assert.Equal(2, (await store.LoadAsync(c.Id, default))!.SupervisionCount);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_TheSecondAppendToACaseRefused_LeavesTheFirstsSnapshotAndListingRow()
    {
        // The second append continues from the first's version, so only its joined report's code (held by another
        // case) refuses it: the first, written, must still leave its own snapshot and listing row (state Accepted).
        var memory = new Fengqiao.Cases.InMemory.InMemoryCaseStore();
        var desk = StoreFactory.Kit(memory);
        var c = await desk.RegisterAsync(Report(phone: "13400000021"));
        var holder = await desk.RegisterAsync(Report(phone: "13400000022"));
        await desk.Desk.AcceptAsync(c.Id, Dispatcher);
        var history = await memory.ReadEventsAsync(c.Id, default);
        var accepted = Case.Replay(history.Take(2).ToList(), Calendar);
        var join = new CaseEvent(c.Id, 3, accepted.UpdatedAt, Dispatcher, accepted.State, accepted.State,
            new CaseReportJoined(Report(phone: "13400000023")) { QueryCodeDigest = holder.QueryCodeDigest });
        var path = stores.NewPath();
        await using var store = stores.OpenFile(path, new SqliteCaseStoreOptions { SnapshotCacheSize = 0 });
        await store.AppendAsync(0, [history[0]], c, default);
        await store.AppendAsync(0, [(await memory.ReadEventsAsync(holder.Id, default))[0]], holder, default);

        var outcomes = await store.AppendGroupAsync([new CaseAppend(1, [history[1]], accepted), new CaseAppend(2, [join], accepted.Apply(join))], default);

        Assert.Null(outcomes[0]);
        Assert.IsType<QueryCodeConflictException>(outcomes[1]);
        Assert.Equal(0L, store.LeftToTheNextAppend);
        Assert.Equal($"{c.Id} 2", Assert.Single(Rows(path, $"SELECT case_id, version FROM snapshots WHERE case_id = '{c.Id}'")));
        Assert.Equal(
            System.Text.Encoding.UTF8.GetString(Fengqiao.Cases.Serialization.CaseSnapshotJson.SerializeToUtf8Bytes(accepted)),
            Assert.Single(SnapshotBodies(path, $"WHERE case_id = '{c.Id}'")));
        var listed = (await store.ListAsync(new CaseListingQuery(), default)).Entries.Single(e => e.Id == c.Id);
        Assert.Equal((CaseState.Accepted, 2L), (listed.State, listed.Version));
        Assert.Equal(2, (await store.LoadAsync(c.Id, default))!.Version);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task AppendGroupAsync_TheSecondAppendToACaseStale_LeavesTheFirstsSnapshot()
    {
        await using var store = stores.OpenInMemory(new SqliteCaseStoreOptions { SnapshotCacheSize = 0 });
        var c = await StoreFactory.Kit(store).RegisterAsync(Report(phone: "13400000031"));
        var first = Supervise(c);
        var stale = Supervise(c);

        var outcomes = await store.AppendGroupAsync([first, stale], default);

        Assert.Null(outcomes[0]);
        Assert.IsType<ConcurrencyConflictException>(outcomes[1]);
        // A batched load counts a case folded from an older snapshot or replayed: neither, so the snapshot is at version 2.
        var loaded = Assert.Single(await store.LoadManyAsync([c.Id], default))!;
        Assert.Equal((2L, 1), (loaded.Version, loaded.SupervisionCount));
        Assert.Equal(0, store.CasesReplayed);
        Assert.Equal(0, store.SnapshotTailsRead);
    }

    [Fact]
    public async Task AppendGroupAsync_TwoAppendsToOneCase_TheSecondSeesTheFirst()
    {
        await using var store = stores.OpenInMemory();
        var c = await StoreFactory.Kit(store).RegisterAsync();
        var first = Supervise(c);
        var chained = Supervise(first.Snapshot);
        var again = Supervise(c);

        var outcomes = await store.AppendGroupAsync([first, chained, again], default);

        Assert.Null(outcomes[0]);
        Assert.Null(outcomes[1]);
        var conflict = Assert.IsType<ConcurrencyConflictException>(outcomes[2]);
        Assert.Equal(3, conflict.ActualVersion);
        Assert.Equal(3, (await store.LoadAsync(c.Id, default))!.Version);
    }

    [Fact]
    public async Task AppendGroupAsync_AnAppendThatDoesNotFitItsSnapshot_IsRefusedAloneWithArgumentException()
    {
        await using var store = stores.OpenInMemory();
        var kit = StoreFactory.Kit(store);
        var a = await kit.RegisterAsync(Report(phone: "1"));
        var b = await kit.RegisterAsync(Report(phone: "2"));
        var misfit = Supervise(a) with { Snapshot = b };

        var outcomes = await store.AppendGroupAsync([misfit, Supervise(b)], default);

        Assert.IsAssignableFrom<ArgumentException>(outcomes[0]);
        Assert.Null(outcomes[1]);
        Assert.Equal((1L, 2L), ((await store.LoadAsync(a.Id, default))!.Version, (await store.LoadAsync(b.Id, default))!.Version));
    }

    [Fact]
    public async Task AppendGroupAsync_Cancelled_WritesNothing()
    {
        await using var store = stores.OpenInMemory();
        var c = await StoreFactory.Kit(store).RegisterAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AppendGroupAsync([Supervise(c)], cancelled.Token));

        Assert.Equal(1, (await store.LoadAsync(c.Id, default))!.Version);
    }

    [Fact]
    public async Task AppendGroupAsync_AfterDispose_ThrowsObjectDisposed()
    {
        var store = stores.OpenInMemory();
        var c = await StoreFactory.Kit(store).RegisterAsync();
        store.Dispose();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.AppendGroupAsync([Supervise(c)], default));
    }

    [Fact]
    public async Task SweepAsync_OnTheGroupCommitStore_AppendsThePublishedEventsOfEveryDueCase()
    {
        await using var store = stores.OpenInMemory(new SqliteCaseStoreOptions { SnapshotCacheSize = 0 });
        var kit = StoreFactory.Kit(store);
        var published = new List<CaseEvent>();
        kit.Desk.Events.Subscribe(published.Add);
        var cases = new List<Case>();
        for (var i = 0; i < 300; i++)
        {
            cases.Add(await kit.RegisterAsync(Report(phone: $"1370000{i:0000}")));
        }

        var at = cases.Max(c => c.NextDueAt!.Value);
        published.Clear();
        var result = await kit.Desk.SweepAsync(at);

        Assert.Equal(300, result.CasesSwept);
        Assert.True(result.EventsAppended >= 300, $"{result.EventsAppended} events for 300 due cases");
        Assert.Equal(result.EventsAppended, published.Count);
        foreach (var c in cases)
        {
            var history = await store.ReadEventsAsync(c.Id, default);
            Assert.Equal(history.Skip(1).Select(e => (e.Version, e.Payload.GetType())), published.Where(e => e.CaseId == c.Id).Select(e => (e.Version, e.Payload.GetType())));
        }

        Assert.True((await store.VerifyAsync(default)).IsIntact);
        Assert.Equal(0, (await kit.Desk.SweepAsync(at)).EventsAppended);
    }

    [Fact]
    public async Task SweepAsync_ABatchPolicyActingOnEveryDueCase_CommitsItsStepsInTheSweepsGroupsNotOneACase()
    {
        var store = stores.OpenFile(stores.NewPath(), new SqliteCaseStoreOptions { SnapshotCacheSize = 0 });
        var kit = new BareCounty(wrap: _ => store, configure: o =>
        {
            o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(1);
            o.Policies.Insert(0, new SuperviseOnStagePolicy());
        });
        var cases = new List<Case>();
        for (var i = 0; i < 300; i++)
        {
            cases.Add(await kit.RegisterAsync(Report(phone: $"1390000{i:0000}")));
        }

        var before = store.Commits;
        var result = await kit.Desk.SweepAsync(cases.Max(c => c.NextDueAt!.Value));

        Assert.Equal(300, result.CasesSwept);
        Assert.Empty(result.PolicyFailures);
        Assert.Equal(0, store.CasesReplayed);
        // 300 due cases are one batch (up to 512), committed as one group with the policy's notes in it.
        Assert.Equal(1, store.Commits - before);
        foreach (var c in cases)
        {
            var loaded = (await store.LoadAsync(c.Id, default))!;
            Assert.Equal(1, loaded.SupervisionCount);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(8)]
    public async Task AppendPreparedAsync_GroupPreparedOnAnotherThread_StoresTheSameRowsAsAppendGroupAsync(int interval)
    {
        var options = new SqliteCaseStoreOptions { SnapshotInterval = interval };
        var (direct, prepared) = (stores.NewPath(), stores.NewPath());
        await using (var a = stores.OpenFile(direct, options))
        await using (var b = stores.OpenFile(prepared, options))
        {
            // The same county and seed on both files: the same cases, codes and events.
            var (kitA, kitB) = (StoreFactory.Kit(a), StoreFactory.Kit(b));
            var cases = new List<Case>();
            for (var i = 0; i < 6; i++)
            {
                cases.Add(await kitA.RegisterAsync(Report(phone: $"1370000{i:0000}")));
                Assert.Equal(cases[^1].Id, (await kitB.RegisterAsync(Report(phone: $"1370000{i:0000}"))).Id);
            }

            // Case 0 twice in the first group (the first leaves its snapshot to the second), then each case once a group:
            // case 0 ends at version 11, the others at 10.
            var first = Supervise(cases[0]);
            var group = new List<CaseAppend> { first, Supervise(first.Snapshot) };
            group.AddRange(cases.Skip(1).Select(c => Supervise(c)));
            for (var round = 0; round < 9; round++)
            {
                var outcomesA = await a.AppendGroupAsync(group, default);
                var ready = await Task.Run(() => b.PrepareGroup(group));
                var outcomesB = await b.AppendPreparedAsync(ready, default);
                Assert.All(outcomesA, o => Assert.Null(o));
                Assert.All(outcomesB, o => Assert.Null(o));
                group = [.. group.GroupBy(x => x.Snapshot.Id).Select(g => g.Last().Snapshot).Select(c => Supervise(c))];
            }

            Assert.True((await b.VerifyAsync(default)).IsIntact);
        }

        // Registration differs between the files (each has its own salt and random codes), so the chain links and the
        // snapshots' text do too: the rows the groups wrote are compared where they depend on the group alone.
        foreach (var sql in new[]
        {
            "SELECT case_id, version, hex(body) FROM events WHERE version > 1 ORDER BY case_id, version",
            "SELECT case_id, version, format, calendar FROM snapshots ORDER BY case_id",
            "SELECT case_id, version, typeof(data) FROM personal ORDER BY case_id, version",
            "SELECT id, version, next_due FROM cases ORDER BY id",
            "SELECT id, version, state, holder, worker, overdue_from FROM case_listing ORDER BY id",
        })
        {
            var expected = Rows(direct, sql);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, Rows(prepared, sql));
        }

        // Each snapshot the prepared path wrote is stored as the commit encodes it (the seal and the fold are checked by VerifyAsync).
        var snapshots = RawColumn(prepared, "SELECT body FROM snapshots").Cast<byte[]>().ToList();
        Assert.Equal(6, snapshots.Count);
        Assert.All(snapshots, stored => Assert.Equal(stored, StoredBodies.Encode(StoredBodies.ReadSnapshot(stored))));
        Assert.Equal(interval == 1 ? 11L : 8L, long.Parse(Rows(prepared, "SELECT max(version) FROM snapshots")[0], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task AppendPreparedAsync_StaleAndMalformedAppendsInTheGroup_RefusesOnlyThemInPlace()
    {
        await using var store = stores.OpenInMemory();
        var kit = StoreFactory.Kit(store);
        var a = await kit.RegisterAsync(Report(phone: "13500000001"));
        var b = await kit.RegisterAsync(Report(phone: "13500000002"));
        var moved = Supervise(a);
        await store.AppendAsync(moved.ExpectedVersion, moved.Events, moved.Snapshot, default);
        var good = Supervise(b);

        // A stale append of a, a well-formed one of b, and one whose snapshot is not the case after its event.
        var ready = store.PrepareGroup([Supervise(a), good, new CaseAppend(good.Snapshot.Version, Supervise(good.Snapshot).Events, good.Snapshot)]);
        var outcomes = await store.AppendPreparedAsync(ready, default);

        Assert.IsType<ConcurrencyConflictException>(outcomes[0]);
        Assert.Null(outcomes[1]);
        Assert.IsAssignableFrom<ArgumentException>(outcomes[2]);
        Assert.Equal((2L, 2L), ((await store.LoadAsync(a.Id, default))!.Version, (await store.LoadAsync(b.Id, default))!.Version));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    private static CaseAppend Supervise(Case c)
    {
        var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised());
        return new CaseAppend(c.Version, [e], c.Apply(e));
    }
}
