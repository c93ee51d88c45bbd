using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using NodaTime;
using NodaTime.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Sweepers on many nodes sharing one database: every due case acted on exactly once, none missed.</summary>
[Collection(PostgresTests.Name)]
public sealed class SweepTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly Duration Overdue = Duration.FromDays(14);
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task SweepAsync_FourSweepersOnTenThousandDueCases_ActOnEachExactlyOnce()
    {
        const int cases = 10_000;
        var (db, reference) = await SeedAsync(cases);
        var wall = new FakeClock(Start);
        var nodes = await Task.WhenAll(Enumerable.Range(1, 4).Select(n => NodeAsync(db, $"node-{n}", wall)));

        var results = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Sweep.SweepAsync(node.Kit.Desk, node.Kit.Clock.GetCurrentInstant()))));

        await AssertEachSweptOnceAsync(db, cases, reference);
        Assert.Empty(results.SelectMany(r => r).SelectMany(r => r.Conflicts));
        Assert.Equal(cases, results.SelectMany(r => r).Sum(r => r.CasesSwept));
        Assert.All(nodes, node => Assert.True(node.Sweep.ClaimedCount > 0, $"{node.Sweep.Sweeper} claimed nothing: the work was not shared"));
    }

    [Fact]
    public async Task SweepAsync_ASweeperKilledHoldingClaims_LosesNothingOnceItsLeaseEnds()
    {
        const int cases = 600;
        var (db, reference) = await SeedAsync(cases);
        var wall = new FakeClock(Start);
        var doomed = await NodeAsync(db, "doomed", wall, batch: 150);
        var survivors = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => NodeAsync(db, $"node-{n}", wall)));

        // The doomed node claims a batch, acts on part of it, and dies without releasing anything.
        var claimed = await doomed.Sweep.ListDueAsync(doomed.Kit.Clock.GetCurrentInstant(), default);
        var now = doomed.Kit.Clock.GetCurrentInstant();
        foreach (var id in claimed.Take(40))
        {
            await ActAsync(doomed.Sweep, doomed.Kit, id, now);
        }

        await doomed.Store.DisposeAsync();

        await Task.WhenAll(survivors.Select(node => Task.Run(() => node.Sweep.SweepAsync(node.Kit.Desk, now))));
        Assert.Equal(claimed.Count - 40, (await survivors[0].Store.ListDueAsync(now, default)).Count);

        wall.Advance(new PostgreSqlSweepOptions { Sweeper = "defaults", Clock = wall }.Lease + Duration.FromSeconds(1));
        await Task.WhenAll(survivors.Select(node => Task.Run(() => node.Sweep.SweepAsync(node.Kit.Desk, now))));

        await AssertEachSweptOnceAsync(db, cases, reference);
    }

    [Fact]
    public async Task SweepAsync_StaleDueIndexTheDeskFindsNothingToDo_LeavesNoHandledCaseDueAndActsOnNoneTwice()
    {
        const int cases = 120;
        var (db, reference) = await SeedAsync(cases);
        var wall = new FakeClock(Start);
        var nodes = await Task.WhenAll(Enumerable.Range(1, 2).Select(n => NodeAsync(db, $"node-{n}", wall, batch: 25)));
        var now = nodes[0].Kit.Clock.GetCurrentInstant();
        await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Sweep.SweepAsync(node.Kit.Desk, now))));
        Assert.Empty(await nodes[0].Store.ListDueAsync(now, default));

        // A third of the index rows say "due" though the cases' stage is recorded (written under another calendar,
        // say): the desk loads each, finds nothing to do and appends nothing.
        var stale = await PostgreSqlCaseStoreTests.TextAsync(db, "SELECT id FROM fengqiao_cases ORDER BY id LIMIT 40");
        await PostgreSqlCaseStoreTests.ColumnAsync(db,
            $"WITH u AS (UPDATE fengqiao_cases SET next_due = {(now - Duration.FromHours(1)).ToUnixTimeTicks()} WHERE id IN (SELECT id FROM fengqiao_cases ORDER BY id LIMIT 40) RETURNING 1) SELECT count(*) FROM u");
        Assert.Equal(40, (await nodes[0].Store.ListDueAsync(now, default)).Count);

        var round = await Task.WhenAll(nodes.Select(node => Task.Run(() => node.Sweep.SweepAsync(node.Kit.Desk, now))));

        Assert.Empty(await nodes[0].Store.ListDueAsync(now, default));
        Assert.Equal(0, round.SelectMany(r => r).Sum(r => r.EventsAppended));
        foreach (var id in stale)
        {
            var loaded = (await nodes[1].Store.LoadAsync(new CaseId(id), default))!;
            var stored = await PostgreSqlCaseStoreTests.TextAsync(db, $"SELECT coalesce(next_due::text, 'none') FROM fengqiao_cases WHERE id = '{id}'");
            Assert.Equal(loaded.NextDueAt?.ToUnixTimeTicks().ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none", Assert.Single(stored));
        }

        await AssertEachSweptOnceAsync(db, cases, reference);
    }

    [Fact]
    public async Task ListDueAsync_ClaimedByOneSweeper_IsNotListedToAnotherUntilReleased()
    {
        var (db, _) = await SeedAsync(5);
        var wall = new FakeClock(Start);
        var a = await NodeAsync(db, "a", wall);
        var b = await NodeAsync(db, "b", wall);
        var now = a.Kit.Clock.GetCurrentInstant();

        var first = await a.Sweep.ListDueAsync(now, default);
        var second = await b.Sweep.ListDueAsync(now, default);
        var released = await a.Sweep.ReleaseAsync();
        var third = await b.Sweep.ListDueAsync(now, default);

        Assert.Equal((5, 0, 5), (first.Count, second.Count, released));
        Assert.Equal(first.Select(id => id.Value).Order(), third.Select(id => id.Value).Order());
    }

    [Fact]
    public async Task Open_ASchemaNineDatabaseWithClaimsHeld_IndexesTheClaimsAndKeepsThem()
    {
        var (db, _) = await SeedAsync(5);
        var wall = new FakeClock(Start);
        var a = await NodeAsync(db, "a", wall);
        var now = a.Kit.Clock.GetCurrentInstant();
        var claimed = await a.Sweep.ListDueAsync(now, default);
        await a.Store.DisposeAsync();
        await LegacyDatabases.ToSchemaNineAsync(db);
        Assert.Equal([0L], await PostgreSqlCaseStoreTests.ColumnAsync(db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'fengqiao_cases_claimed_by'"));

        var reopened = await NodeAsync(db, "a", wall);
        var b = await NodeAsync(db, "b", wall);

        Assert.Equal([(long)PostgreSqlCaseStore.SchemaVersion], await PostgreSqlCaseStoreTests.ColumnAsync(db, "SELECT max(version)::bigint FROM fengqiao_schema_versions"));
        Assert.Equal(
            ["CREATE INDEX fengqiao_cases_claimed_by ON public.fengqiao_cases USING btree (claimed_by) WHERE (claimed_by IS NOT NULL)"],
            await PostgreSqlCaseStoreTests.TextAsync(db, "SELECT indexdef FROM pg_indexes WHERE indexname = 'fengqiao_cases_claimed_by'"));
        Assert.Empty(await b.Sweep.ListDueAsync(now, default));
        Assert.Equal((5, 5), (claimed.Count, await reopened.Sweep.ReleaseAsync()));
        Assert.Equal(claimed.Select(id => id.Value).Order(), (await b.Sweep.ListDueAsync(now, default)).Select(id => id.Value).Order());
    }

    [Fact]
    public async Task ReleaseAsync_ClaimsAmongManyCases_ReadsThemThroughTheClaimIndex()
    {
        var (db, _) = await SeedAsync(40);
        var wall = new FakeClock(Start);
        var a = await NodeAsync(db, "a", wall, batch: 3);
        await a.Sweep.ListDueAsync(a.Kit.Clock.GetCurrentInstant(), default);
        await PostgreSqlCaseStoreTests.ExecuteAsync(db, "ANALYZE fengqiao_cases");

        // The plans of the sweeper's two reads of its own claims (release, settle), as the server picks them with
        // sequential scans priced out: only an index on claimed_by can serve them without one.
        var plans = new List<string>();
        foreach (var statement in new[]
        {
            "UPDATE fengqiao_cases SET claimed_by = NULL, claimed_until = NULL WHERE claimed_by = 'a'",
            "SELECT id FROM fengqiao_cases WHERE claimed_by = 'a'",
        })
        {
            await using var connection = new Npgsql.NpgsqlConnection(db);
            await connection.OpenAsync();
            await using (var off = new Npgsql.NpgsqlCommand("SET enable_seqscan = off", connection))
            {
                await off.ExecuteNonQueryAsync();
            }

            await using var explain = new Npgsql.NpgsqlCommand($"EXPLAIN {statement}", connection);
            await using var reader = await explain.ExecuteReaderAsync();
            var lines = new List<string>();
            while (await reader.ReadAsync())
            {
                lines.Add(reader.GetString(0));
            }

            plans.Add(string.Join("\n", lines));
        }

        Assert.All(plans, plan => Assert.Contains("fengqiao_cases_claimed_by", plan, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppendAsync_TwoNodesOnOneCase_ExactlyOneWinsEachRound()
    {
        var db = await stores.NewDatabaseAsync();
        var one = await stores.OpenAsync(db);
        var two = await stores.OpenAsync(db);
        var c = await StoreFactory.Kit(one).RegisterAsync();

        for (var round = 0; round < 20; round++)
        {
            var current = (await one.LoadAsync(c.Id, default))!;
            var outcomes = await Task.WhenAll(new[] { one, two }.Select(store => Task.Run(async () =>
            {
                var e = new CaseEvent(current.Id, current.Version + 1, current.UpdatedAt, Leader, current.State, current.State, new CaseSupervised("督办"));
                try
                {
                    await store.AppendAsync(current.Version, [e], current.Apply(e), default);
                    return true;
                }
                catch (ConcurrencyConflictException conflict) when (conflict.CaseId == c.Id)
                {
                    return false;
                }
            })));

            Assert.Single(outcomes, won => won);
        }

        Assert.Equal(21, (await two.ReadEventsAsync(c.Id, default)).Count);
        Assert.Equal(20, (await two.LoadAsync(c.Id, default))!.SupervisionCount);
    }

    [Fact]
    public async Task ForSweeper_BadOptions_AreRefusedNamingWhat()
    {
        var store = await stores.OpenAsync(await stores.NewDatabaseAsync());
        var clock = new FakeClock(Start);

        Assert.Throws<ArgumentException>(() => store.ForSweeper(new PostgreSqlSweepOptions { Sweeper = " ", Clock = clock }));
        Assert.Equal("Lease", Assert.Throws<ArgumentOutOfRangeException>(
            () => store.ForSweeper(new PostgreSqlSweepOptions { Sweeper = "a", Clock = clock, Lease = Duration.Zero })).ParamName);
        Assert.Equal("BatchSize", Assert.Throws<ArgumentOutOfRangeException>(
            () => store.ForSweeper(new PostgreSqlSweepOptions { Sweeper = "a", Clock = clock, BatchSize = 0 })).ParamName);
    }

    /// <summary>Makes <paramref name="count"/> dispatched cases, all due once the clock has moved on 14 days, on a new
    /// database; returns it and the event kinds one sweep on a single in-memory desk gives each case.</summary>
    private async Task<(string Db, string[] Reference)> SeedAsync(int count)
    {
        var memory = new InMemoryCaseStore();
        var kit = new BareCounty(memory);
        var ids = new List<CaseId>(count);
        for (var i = 0; i < count; i++)
        {
            var c = await kit.RegisterAsync(Report(phone: $"1380{i:D7}"));
            await kit.Desk.AcceptAsync(c.Id, Dispatcher);
            ids.Add((await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community)).Id);
        }

        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, token) =>
            await store.AppendAsync(0, await memory.ReadEventsAsync(id, token), (await memory.LoadAsync(id, token))!, token));

        // The reference: one desk sweeping an in-memory copy of the first case alone.
        var single = new BareCounty();
        await single.InMemory.AppendAsync(0, await memory.ReadEventsAsync(ids[0], default), (await memory.LoadAsync(ids[0], default))!, default);
        single.Clock.Advance(Overdue);
        await single.Desk.SweepAsync(single.Clock.GetCurrentInstant());
        var reference = (await single.InMemory.ReadEventsAsync(ids[0], default)).Select(e => e.Payload.GetType().Name).ToArray();
        Assert.True(reference.Length > 3, "the reference sweep appended nothing: the seeded cases are not due");
        return (db, reference);
    }

    private async Task<Node> NodeAsync(string db, string name, FakeClock wall, int batch = 100)
    {
        var store = await PostgreSqlCaseStore.OpenAsync(db, Calendar);
        var sweep = store.ForSweeper(new PostgreSqlSweepOptions { Sweeper = name, Clock = wall, BatchSize = batch });
        var kit = new BareCounty(wrap: _ => sweep);
        kit.Clock.Advance(Overdue);
        return new Node(store, sweep, kit);
    }

    /// <summary>What the desk's sweep does to one case, done by hand for a node that dies part way.</summary>
    private static async Task ActAsync(PostgreSqlSweepStore sweep, BareCounty kit, CaseId id, Instant now)
    {
        var one = new BareCounty(wrap: _ => new OneCase(sweep, id));
        one.Clock.Advance(now - one.Clock.GetCurrentInstant());
        var result = await one.Desk.SweepAsync(now);
        Assert.Equal(1, result.CasesSwept);
        GC.KeepAlive(kit);
    }

    private async Task AssertEachSweptOnceAsync(string db, int count, string[] reference)
    {
        var store = await stores.OpenAsync(db);
        var ids = await PostgreSqlCaseStoreTests.TextAsync(db, "SELECT id FROM fengqiao_cases");
        Assert.Equal(count, ids.Count);
        var wrong = new List<string>();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, token) =>
        {
            var kinds = (await store.ReadEventsAsync(new CaseId(id), token)).Select(e => e.Payload.GetType().Name).ToArray();
            if (!kinds.SequenceEqual(reference))
            {
                lock (wrong)
                {
                    wrong.Add($"{id}: {string.Join(",", kinds)}");
                }
            }
        });

        Assert.True(wrong.Count == 0, $"{wrong.Count} cases were not acted on exactly once (expected {string.Join(",", reference)}); first: {string.Join(" | ", wrong.Take(3))}");
        Assert.Equal([0L], await PostgreSqlCaseStoreTests.ColumnAsync(db, "SELECT count(*) FROM fengqiao_cases WHERE claimed_by IS NOT NULL AND next_due IS NOT NULL AND next_due <= " + (Start + Overdue).ToUnixTimeTicks()));
    }

    private sealed record Node(PostgreSqlCaseStore Store, PostgreSqlSweepStore Sweep, BareCounty Kit);

    /// <summary>A store that lists one case as due, so a desk sweeps exactly that case.</summary>
    private sealed class OneCase(ICaseStore inner, CaseId id) : ICaseStore
    {
        public ValueTask<Case?> LoadAsync(CaseId caseId, CancellationToken cancellationToken) => inner.LoadAsync(caseId, cancellationToken);

        public ValueTask<Case?> FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCodeDigest digest, CancellationToken cancellationToken) => inner.FindByQueryCodeAsync(digest, cancellationToken);

        public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId caseId, CancellationToken cancellationToken) => inner.ReadEventsAsync(caseId, cancellationToken);

        public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken) =>
            inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);

        public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) => ValueTask.FromResult<IReadOnlyList<CaseId>>([id]);
    }
}
