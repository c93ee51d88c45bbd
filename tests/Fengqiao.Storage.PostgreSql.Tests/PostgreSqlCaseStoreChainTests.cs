using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Testing;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>The hash chain, tamper refusal, verification, keyed query-code digests, personal data apart and erasure on
/// the PostgreSQL store: the same contract as the SQLite store's.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreChainTests(PostgresServer server) : IAsyncLifetime
{
    private const string Name = "欧阳明华";
    private const string Phone = "13912345678";
    private const string Address = "人民路18号3单元";

    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task AppendAsync_ANewCase_KeepsQueryCodeAndPersonalDataOutOfTheEventLogAndIndex()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var result = await StoreFactory.Kit(store).Desk.RegisterAsync(Report(), Dispatcher);
        var c = result.Case;
        var code = result.QueryCode!.Value.ToString();

        var events = string.Join("\n", await TextAsync(db, "SELECT body FROM fengqiao_events"));
        var index = string.Join("\n", await TextAsync(db, "SELECT query_code FROM fengqiao_cases"));
        var everything = string.Join("\n", await TextAsync(db,
            "SELECT string_agg(t::text, ' ') FROM (SELECT c::text AS t FROM fengqiao_cases c UNION ALL SELECT e::text FROM fengqiao_events e UNION ALL SELECT p::text FROM fengqiao_personal p UNION ALL SELECT l::text FROM fengqiao_case_listing l) rows"));
        foreach (var secret in new[] { Name, Phone, Address, "39.12", code })
        {
            Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, index, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(code, everything, StringComparison.Ordinal);
        Assert.Equal(c.QueryCodeDigest.ToString(), index);

        Assert.Contains(Phone, string.Join("\n", await TextAsync(db, "SELECT data FROM fengqiao_personal")), StringComparison.Ordinal);
        Assert.Equal(c.Id, (await store.FindByQueryCodeAsync(c.QueryCodeDigest, default))?.Id);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task LoadManyAsync_ACaseWhoseEventWasEditedInTheDatabase_IsRefusedNamingItAndTheOthersStillLoad()
    {
        var db = await stores.NewDatabaseAsync();
        var kit = StoreFactory.Kit(await stores.OpenAsync(db));
        var good = await kit.RegisterAsync(BareCounty.Report(phone: "13800000001"));
        var bad = await kit.DispatchedAsync();
        await ExecuteAsync(db, $"UPDATE fengqiao_events SET body = replace(body, '\"d1\"', '\"d9\"') WHERE case_id = '{bad.Id}' AND version = 1");
        var store = await stores.OpenAsync(db, StoreFactory.Replaying);

        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.LoadManyAsync([good.Id, bad.Id], default).AsTask());

        Assert.Equal((bad.Id, 1L, PostgreSqlCaseStoreOperation.Load), (e.CaseId, e.Version, e.Operation));
        Assert.Equal(good.Id, (await store.LoadManyAsync([good.Id], default))[0]?.Id);
    }

    [Fact]
    public async Task VerifyAsync_TheLastEventDeleted_ReportsTheMissingVersion()
    {
        var (db, c) = await ClosedCaseAsync();
        await ExecuteAsync(db, $"DELETE FROM fengqiao_events WHERE version = {c.Version}; UPDATE fengqiao_cases SET version = {c.Version - 1}");

        var store = await stores.OpenAsync(db);

        Assert.Equal(c.Version, Assert.Single((await store.VerifyAsync(default)).Problems).Version);
        await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.ReadEventsAsync(c.Id, default).AsTask());
    }

    [Fact]
    public async Task VerifyAsync_WithAnotherChainKey_FailsAndWithTheSameKeyPasses()
    {
        var db = await stores.NewDatabaseAsync();
        var keyed = new PostgreSqlCaseStoreOptions { ChainKey = "county-441900"u8.ToArray() };
        var c = await StoreFactory.Kit(await stores.OpenAsync(db, keyed)).DispatchedAsync();

        var unkeyed = await stores.OpenAsync(db);
        Assert.Equal(1, Assert.Single((await unkeyed.VerifyAsync(default)).Problems).Version);
        var same = await stores.OpenAsync(db, keyed);
        Assert.True((await same.VerifyAsync(default)).IsIntact);
        Assert.Equal(c.Version, (await same.LoadAsync(c.Id, default))!.Version);
    }

    [Fact]
    public async Task FindByQueryCodeAsync_WithAnotherQueryCodeKey_FindsNothing()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var result = await StoreFactory.Kit(store).Desk.RegisterAsync(Report(), Dispatcher);
        var otherKey = new Fengqiao.Cases.QueryCodes.QueryCodeKey("another-county-query-code-key-32"u8);

        Assert.Equal(result.Case.Id, (await store.FindByQueryCodeAsync(result.Case.QueryCodeDigest, default))?.Id);
        Assert.Null(await store.FindByQueryCodeAsync(otherKey.Digest(result.QueryCode!.Value), default));
    }

    [Fact]
    public async Task EraseReporterAsync_ThroughTheDesk_DeletesThePersonalDataAndTheHistoryStillVerifies()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var kit = StoreFactory.Kit(store);
        var c = (await kit.Desk.RegisterAsync(Report(), Dispatcher)).Case;

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        var fresh = await stores.OpenAsync(db);
        var loaded = (await fresh.FindByQueryCodeAsync(c.QueryCodeDigest, default))!;
        Assert.Same(Reporter.Erased, loaded.Report.Reporter);
        Assert.Null(loaded.Report.Location.Address);
        Assert.IsType<CaseReporterErased>((await fresh.ReadEventsAsync(c.Id, default))[^1].Payload);
        Assert.True((await fresh.VerifyAsync(default)).IsIntact);
        var everything = string.Join("\n", (await TextAsync(db, "SELECT body FROM fengqiao_events")).Concat(await TextAsync(db, "SELECT coalesce(data, '') FROM fengqiao_personal")));
        Assert.DoesNotContain(Phone, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Name, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Address, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_PersonalDataEditedOrDeletedInTheDatabase_IsRefused()
    {
        var db = await stores.NewDatabaseAsync();
        var c = await RegisterAsync(await stores.OpenAsync(db));

        await ExecuteAsync(db, $"UPDATE fengqiao_personal SET data = replace(data, '{Phone}', '13800000000')");
        var afterEdit = await stores.OpenAsync(db, StoreFactory.Replaying);
        var edited = await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => afterEdit.LoadAsync(c.Id, default).AsTask());
        await ExecuteAsync(db, "UPDATE fengqiao_personal SET data = NULL");
        var afterDelete = await stores.OpenAsync(db, StoreFactory.Replaying);
        var deleted = await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => afterDelete.LoadAsync(c.Id, default).AsTask());

        Assert.DoesNotContain("13800000000", edited.Message, StringComparison.Ordinal);
        Assert.Contains("no erasure event", deleted.Message, StringComparison.Ordinal);
        Assert.Contains("no erasure event", Assert.Single((await (await stores.OpenAsync(db)).VerifyAsync(default)).Problems).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ASchemaThreeDatabase_ChainsItMovesPersonalDataApartAndHashesItsCodes()
    {
        var db = await stores.NewDatabaseAsync();
        var options = StoreFactory.Keyed("county"u8.ToArray());
        var c = await RegisterAsync(await stores.OpenAsync(db, options));
        var code = LegacyDatabases.PlainCode(c.QueryCodeDigest.ToString());
        await stores.CloseAsync();
        await LegacyDatabases.ToSchemaThreeAsync(db);
        Assert.Contains(code, await TextAsync(db, "SELECT query_code FROM fengqiao_cases"));
        Assert.Contains(Phone, string.Join("\n", await TextAsync(db, "SELECT body FROM fengqiao_events")), StringComparison.Ordinal);

        var migrated = await stores.OpenAsync(db, options);

        Assert.True((await migrated.VerifyAsync(default)).IsIntact);
        var found = (await migrated.FindByQueryCodeAsync(c.QueryCodeDigest, default))!;
        Assert.Equal(Fingerprint(c), Fingerprint(found));
        Assert.Equal(Phone, found.Report.Reporter.Phone);
        Assert.DoesNotContain(code, await TextAsync(db, "SELECT query_code FROM fengqiao_cases"));
        Assert.DoesNotContain(code, string.Join("\n", await TextAsync(db, "SELECT body FROM fengqiao_events")), StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, string.Join("\n", await TextAsync(db, "SELECT body FROM fengqiao_events")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ASchemaFourDatabaseWithPlainCodes_DigestsThemUnderTheCountyKeyDropsThemAndStillVerifies()
    {
        var db = await stores.NewDatabaseAsync();
        var options = StoreFactory.Keyed("county"u8.ToArray());
        var kit = StoreFactory.Kit(await stores.OpenAsync(db, options));
        var result = await kit.Desk.RegisterAsync(Report(), Dispatcher);
        var c = await kit.Desk.WithdrawAsync(result.Case.Id, kit.Desk.Citizen(result.QueryCode!.Value));
        var code = result.QueryCode.Value.ToString();
        await stores.CloseAsync();
        await LegacyDatabases.ToSchemaFourAsync(db, "county"u8.ToArray());
        Assert.Contains(code, await TextAsync(db, "SELECT query_code FROM fengqiao_personal"));

        var refused = await Assert.ThrowsAsync<PostgreSqlCaseStoreSchemaException>(() => stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { ChainKey = "county"u8.ToArray() }));
        var migrated = await stores.OpenAsync(db, options);

        Assert.Contains("QueryCodeKey", refused.Message, StringComparison.Ordinal);
        Assert.True((await migrated.VerifyAsync(default)).IsIntact);
        var found = (await StoreFactory.Kit(migrated).Desk.FindByQueryCodeAsync(result.QueryCode.Value))!;
        Assert.Equal(Fingerprint(c), Fingerprint(found));
        Assert.Equal(c.QueryCodeDigest, (await migrated.ReadEventsAsync(c.Id, default))[^1].Actor.QueryCodeDigest);
        Assert.Empty(await TextAsync(db, "SELECT column_name::text FROM information_schema.columns WHERE table_name = 'fengqiao_personal' AND column_name = 'query_code'"));
        Assert.DoesNotContain(code, string.Join("\n", await TextAsync(db, "SELECT body FROM fengqiao_events")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ASchemaFiveDatabaseWithReportTextInline_MovesItApartSoAnErasureRemovesItAndTheChainVerifies()
    {
        const string Text = "住在人民路18号的欧阳明华说楼上漏水";
        var db = await stores.NewDatabaseAsync();
        var options = StoreFactory.Keyed("county"u8.ToArray());
        var kit = StoreFactory.Kit(await stores.OpenAsync(db, options));
        var registered = (await kit.Desk.RegisterAsync(new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, "人民路18号", 39.1, 116.6), new Reporter("欧阳明华", "13912345678"), Text), Dispatcher)).Case;
        await kit.Desk.AcceptAsync(registered.Id, Dispatcher);
        await stores.CloseAsync();
        await LegacyDatabases.ToInlineTextAsync(db, "county"u8.ToArray());
        Assert.Single(await TextAsync(db, $"SELECT body FROM fengqiao_events WHERE body LIKE '%{Text}%'"));

        var migrated = await stores.OpenAsync(db, options);

        Assert.Empty(await TextAsync(db, $"SELECT body FROM fengqiao_events WHERE body LIKE '%{Text}%'"));
        Assert.True((await migrated.VerifyAsync(default)).IsIntact);
        Assert.Equal(Text, (await migrated.LoadAsync(registered.Id, default))!.Report.Text);
        await StoreFactory.Kit(migrated).Desk.EraseReporterAsync(registered.Id, Leader, "reporter", "个人信息保护法 第四十七条");
        Assert.Equal(CaseReport.ErasedText, (await migrated.LoadAsync(registered.Id, default))!.Report.Text);
        Assert.True((await migrated.VerifyAsync(default)).IsIntact);
        Assert.Empty(await TextAsync(db, $"SELECT coalesce(data, '') FROM fengqiao_personal WHERE data LIKE '%{Text}%' UNION ALL SELECT body FROM fengqiao_events WHERE body LIKE '%{Text}%'"));
    }

    [Fact]
    public async Task Open_ASchemaSixDatabaseWithStaffTextInline_MovesItApartSoAnErasureRemovesItAndTheChainVerifies()
    {
        const string Quoted = "联系人欧阳明华13912345678";
        var db = await stores.NewDatabaseAsync();
        var options = StoreFactory.Keyed("county"u8.ToArray());
        var kit = StoreFactory.Kit(await stores.OpenAsync(db, options));
        var c = await kit.DispatchedAsync();
        await kit.Desk.ReturnAsync(c.Id, Worker, "非本社区，" + Quoted);
        await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);
        await kit.Desk.ClaimAsync(c.Id, Worker);
        await kit.Desk.StartAsync(c.Id, Worker);
        await kit.Desk.SuperviseAsync(c.Id, Leader, "督办：" + Quoted);
        var resolved = await kit.Desk.ResolveAsync(c.Id, Worker, "已维修，" + Quoted);
        await stores.CloseAsync();
        await LegacyDatabases.ToInlineStaffTextAsync(db, "county"u8.ToArray());
        Assert.Equal(3, (await TextAsync(db, $"SELECT body FROM fengqiao_events WHERE body LIKE '%{Quoted}%'")).Count);

        var migrated = await stores.OpenAsync(db, options);

        Assert.Empty(await TextAsync(db, $"SELECT body FROM fengqiao_events WHERE body LIKE '%{Quoted}%'"));
        Assert.Equal(3, (await TextAsync(db, $"SELECT data FROM fengqiao_personal WHERE data LIKE '%{Quoted}%'")).Count);
        Assert.True((await migrated.VerifyAsync(default)).IsIntact);
        Assert.Equal(resolved.Reply, (await migrated.LoadAsync(c.Id, default))!.Reply);
        await StoreFactory.Kit(migrated).Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");
        Assert.Equal(CaseReport.ErasedText, (await migrated.LoadAsync(c.Id, default))!.Reply);
        Assert.True((await migrated.VerifyAsync(default)).IsIntact);
        Assert.Empty(await TextAsync(db, $"SELECT coalesce(data, '') FROM fengqiao_personal WHERE data LIKE '%{Quoted}%' UNION ALL SELECT body FROM fengqiao_events WHERE body LIKE '%{Quoted}%'"));
    }

    private async Task<(string Db, Case Case)> ClosedCaseAsync()
    {
        var db = await stores.NewDatabaseAsync();
        return (db, await StoreFactory.Kit(await stores.OpenAsync(db)).ClosedAsync());
    }

    private static async Task<Case> RegisterAsync(PostgreSqlCaseStore store) =>
        (await StoreFactory.Kit(store).Desk.RegisterAsync(Report(), Dispatcher)).Case;

    private static CaseReport Report() =>
        new(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid, Address, 39.123456, 116.654321),
            new Reporter(Name, Phone), "楼上漏水");
}
