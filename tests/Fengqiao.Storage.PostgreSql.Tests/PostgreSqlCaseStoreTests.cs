using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Serialization;
using Fengqiao.Testing;
using NodaTime;
using NodaTime.Testing;
using Npgsql;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    private static CaseEvent Supervise(Case c) =>
        new(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised("督办"));

    [Fact]
    public async Task Open_ADatabaseOfSchemaVersion1_MigratesItForwardKeepingTheCases()
    {
        var db = await stores.NewDatabaseAsync();
        Case c;
        await using (var first = await PostgreSqlCaseStore.OpenAsync(db, Calendar))
        {
            c = await StoreFactory.Kit(first).DispatchedAsync();
        }

        // Undo migrations 4, 3 and 2, as a database written by the first version of the store would be.
        await LegacyDatabases.ToSchemaThreeAsync(db);
        await ExecuteAsync(db, "DROP TABLE fengqiao_case_listing; DROP TABLE fengqiao_report_keys; DROP TABLE fengqiao_settings; ALTER TABLE fengqiao_cases DROP COLUMN claimed_by, DROP COLUMN claimed_until; DELETE FROM fengqiao_schema_versions WHERE version >= 2");

        var reopened = await stores.OpenAsync(db);

        Assert.Equal([.. Enumerable.Range(1, PostgreSqlCaseStore.SchemaVersion).Select(v => (long)v)], await ColumnAsync(db, "SELECT version::bigint FROM fengqiao_schema_versions ORDER BY version"));
        Assert.Equal(Fingerprint(c), Fingerprint((await reopened.LoadAsync(c.Id, default))!));
        Assert.Equal([c.Id], await reopened.ListDueAsync(c.NextDueAt!.Value, default));
        Assert.Equal(0, (await reopened.ForSweeper(Sweeper("a")).ReleaseAsync()));
    }

    [Fact]
    public async Task Create_FirstOperationOnANewerSchema_FailsTypedAndTheNextOperationOpensOnceFixed()
    {
        var db = await stores.NewDatabaseAsync();
        await using (var first = await PostgreSqlCaseStore.OpenAsync(db, Calendar))
        {
            await StoreFactory.Kit(first).RegisterAsync();
        }

        await ExecuteAsync(db, "INSERT INTO fengqiao_schema_versions (version, description) VALUES (99, 'from the future')");
        await using var store = PostgreSqlCaseStore.Create(db, Calendar);
        var openedByCreate = store.IsOpen;

        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreSchemaException>(() => store.LoadAsync(new CaseId("C1"), default).AsTask());
        var openedAfterFailure = store.IsOpen;
        await ExecuteAsync(db, "DELETE FROM fengqiao_schema_versions WHERE version = 99");
        var loaded = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => store.ListDueAsync(Instant.MaxValue, default).AsTask()));

        Assert.False(openedByCreate);
        Assert.Equal(PostgreSqlCaseStoreOperation.Open, e.Operation);
        Assert.False(openedAfterFailure);
        Assert.True(store.IsOpen);
        Assert.All(loaded, ids => Assert.Single(ids));
    }

    [Fact]
    public async Task Open_ADatabaseOfANewerSchemaVersion_IsRefusedUnchanged()
    {
        var db = await stores.NewDatabaseAsync();
        await using (var first = await PostgreSqlCaseStore.OpenAsync(db, Calendar))
        {
            await StoreFactory.Kit(first).RegisterAsync();
        }

        await ExecuteAsync(db, "INSERT INTO fengqiao_schema_versions (version, description) VALUES (99, 'from the future')");

        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreSchemaException>(() => PostgreSqlCaseStore.OpenAsync(db, Calendar));

        Assert.Equal((99L, PostgreSqlCaseStore.SchemaVersion, PostgreSqlCaseStoreOperation.Open), (e.FoundVersion, e.ExpectedVersion, e.Operation));
        Assert.Contains("schema version 99", e.Message, StringComparison.Ordinal);
        Assert.Equal([.. Enumerable.Range(1, PostgreSqlCaseStore.SchemaVersion).Select(v => (long)v), 99L], await ColumnAsync(db, "SELECT version::bigint FROM fengqiao_schema_versions ORDER BY version"));
        Assert.Equal([1L], await ColumnAsync(db, "SELECT count(*) FROM fengqiao_cases"));
    }

    [Fact]
    public async Task Open_ManyNodesAtOnceOnANewDatabase_MigrateItOnce()
    {
        var db = await stores.NewDatabaseAsync();

        var opened = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Task.Run(() => stores.OpenAsync(db))));

        Assert.Equal(6, opened.Length);
        Assert.Equal([.. Enumerable.Range(1, PostgreSqlCaseStore.SchemaVersion).Select(v => (long)v)], await ColumnAsync(db, "SELECT version::bigint FROM fengqiao_schema_versions ORDER BY version"));
    }

    [Fact]
    public async Task Open_AServerThatIsNotThere_ThrowsTheStoreExceptionNamingIt()
    {
        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreException>(
            () => PostgreSqlCaseStore.OpenAsync("Host=127.0.0.1;Port=1;Database=cases;Username=u;Password=secret;Timeout=5", Calendar));

        Assert.Equal(("127.0.0.1:1/cases", PostgreSqlCaseStoreOperation.Open, true), (e.DataSource, e.Operation, e.IsTransient));
        Assert.Contains("cannot be reached", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", e.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<NpgsqlException>(e.InnerException);
    }

    [Fact]
    public async Task Open_ADatabaseThatDoesNotExist_SaysSo()
    {
        var missing = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = "no_such_database" }.ToString();

        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreException>(() => PostgreSqlCaseStore.OpenAsync(missing, Calendar));

        Assert.Contains("the database does not exist", e.Message, StringComparison.Ordinal);
        Assert.False(e.IsTransient);
    }

    [Fact]
    public async Task Open_BadArguments_AreRefusedNamingWhat()
    {
        Assert.Equal("SnapshotCacheSize", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => PostgreSqlCaseStore.OpenAsync("Host=x", Calendar, new PostgreSqlCaseStoreOptions { SnapshotCacheSize = -1 }))).ParamName);
        Assert.Equal("CommandTimeout", (await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => PostgreSqlCaseStore.OpenAsync("Host=x", Calendar, new PostgreSqlCaseStoreOptions { CommandTimeout = Duration.Zero }))).ParamName);
        var bad = await Assert.ThrowsAsync<ArgumentException>(() => PostgreSqlCaseStore.OpenAsync("Hots=x;Nonsense", Calendar));
        Assert.Equal("connectionString", bad.ParamName);
        await Assert.ThrowsAsync<ArgumentException>(() => PostgreSqlCaseStore.OpenAsync(" ", Calendar));
    }

    [Fact]
    public async Task ListDueAsync_QueriesTheNextDueIndex()
    {
        var db = await stores.NewDatabaseAsync();
        await stores.OpenAsync(db);

        var plan = string.Join(" | ", await TextAsync(db,
            "SET enable_seqscan = off; EXPLAIN " + PostgreSqlCaseStore.DueQuery.Replace("$1", "0", StringComparison.Ordinal)));

        Assert.Contains("fengqiao_cases_next_due", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_AfterAnotherNodeAppended_DoesNotReturnTheStaleCachedCase()
    {
        var db = await stores.NewDatabaseAsync();
        var mine = await stores.OpenAsync(db);
        var theirs = await stores.OpenAsync(db);
        var c = await StoreFactory.Kit(mine).RegisterAsync();
        Assert.Same(c, await mine.LoadAsync(c.Id, default));

        var e = Supervise(c);
        await theirs.AppendAsync(1, [e], c.Apply(e), default);

        var loaded = (await mine.LoadAsync(c.Id, default))!;
        Assert.Equal((2L, 1), (loaded.Version, loaded.SupervisionCount));
    }

    [Fact]
    public async Task LoadAsync_WithoutACache_ReplaysFromTheEvents()
    {
        var store = await stores.OpenAsync(await stores.NewDatabaseAsync(), new PostgreSqlCaseStoreOptions { SnapshotCacheSize = 0 });
        var c = await StoreFactory.Kit(store).InProgressAsync();

        var first = (await store.LoadAsync(c.Id, default))!;
        var second = (await store.LoadAsync(c.Id, default))!;

        Assert.NotSame(first, second);
        Assert.Equal(Fingerprint(c), Fingerprint(first));
    }

    [Fact]
    public async Task ReadEventsAsync_ACorruptedRow_NamesTheCaseVersionAndField()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { VerifyChainOnLoad = false });
        var c = await StoreFactory.Kit(store).RegisterAsync();
        await ExecuteAsync(db, "UPDATE fengqiao_events SET body = replace(body, '\"s\":0,', '\"s\":42,')");

        var e = await Assert.ThrowsAsync<CaseEventFormatException>(async () => await store.ReadEventsAsync(c.Id, default));

        Assert.Contains("Event 1 of case 'case-1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'$.from'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AppendAsync_RowLockedLongerThanTheCommandTimeout_FailsTransientlyAndWritesNothing()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { CommandTimeout = Duration.FromSeconds(1) });
        var c = await StoreFactory.Kit(store).RegisterAsync();
        await using var holder = await LockCaseAsync(db, c.Id);

        var e = Supervise(c);
        var failure = await Assert.ThrowsAsync<PostgreSqlCaseStoreException>(async () => await store.AppendAsync(1, [e], c.Apply(e), default));

        Assert.Equal((PostgreSqlCaseStoreOperation.Append, true), (failure.Operation, failure.IsTransient));
        await holder.DisposeAsync();
        Assert.Single(await store.ReadEventsAsync(c.Id, default));
    }

    [Fact]
    public async Task AppendAsync_CancelledWhileWaitingForTheRow_ThrowsCancelledAndWritesNothing()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var c = await StoreFactory.Kit(store).RegisterAsync();
        await using var holder = await LockCaseAsync(db, c.Id);
        using var cancel = new CancellationTokenSource();

        var e = Supervise(c);
        var append = store.AppendAsync(1, [e], c.Apply(e), cancel.Token).AsTask();
        while (await ColumnAsync(db, "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()") is [0L])
        {
            Assert.False(append.IsCompleted, "the append should wait for the locked row");
        }

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => append);
        await holder.DisposeAsync();
        Assert.Single(await store.ReadEventsAsync(c.Id, default));
    }

    [Fact]
    public async Task Members_AfterDispose_ThrowObjectDisposed()
    {
        var store = await PostgreSqlCaseStore.OpenAsync(await stores.NewDatabaseAsync(), Calendar);
        store.Dispose();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.LoadAsync(new CaseId("case-1"), default));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await store.ListDueAsync(Start, default));
        Assert.Throws<ObjectDisposedException>(() => store.ForSweeper(Sweeper("a")));
    }

    internal static PostgreSqlSweepOptions Sweeper(string name, IClock? clock = null) => new() { Sweeper = name, Clock = clock ?? new FakeClock(Start) };

    internal static async Task ExecuteAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    internal static async Task<List<long>> ColumnAsync(string db, string sql) =>
        (await TextAsync(db, sql)).Select(long.Parse).ToList();

    internal static async Task<List<string>> TextAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(Convert.ToString(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)!);
        }

        return rows;
    }

    /// <summary>Another node holding a case's row in an open transaction until disposed.</summary>
    private static async Task<NpgsqlConnection> LockCaseAsync(string db, CaseId id)
    {
        var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using (var open = new NpgsqlCommand("BEGIN", connection))
        {
            await open.ExecuteNonQueryAsync();
        }

        await using (var begin = new NpgsqlCommand("SELECT 1 FROM fengqiao_cases WHERE id = $1 FOR UPDATE", connection))
        {
            begin.Parameters.Add(new NpgsqlParameter { Value = id.Value });
            await begin.ExecuteNonQueryAsync();
        }

        return connection;
    }
}
