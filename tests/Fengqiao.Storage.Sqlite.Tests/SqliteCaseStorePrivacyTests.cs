using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using static Fengqiao.Testing.BareCounty;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Personal data at rest: query codes indexed by a keyed digest, reporters' data apart from the event log,
/// erasure that keeps the history verifiable, and the migration of older files.</summary>
public sealed class SqliteCaseStorePrivacyTests : IDisposable
{
    private const string Name = "欧阳明华";
    private const string Phone = "13912345678";
    private const string Address = "人民路18号3单元";

    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task AppendAsync_ANewCase_KeepsQueryCodeAndPersonalDataOutOfTheEventLogAndIndex()
    {
        var path = stores.NewPath();
        var c = await RegisterAsync(stores.OpenFile(path));

        var events = string.Join("\n", Rows(path, "SELECT body FROM events"));
        var index = string.Join("\n", Rows(path, "SELECT query_code FROM cases"));
        foreach (var secret in new[] { Name, Phone, Address, "39.12", c.QueryCode.ToString() })
        {
            Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, index, StringComparison.Ordinal);
        }

        Assert.Contains(Phone, string.Join("\n", Rows(path, "SELECT data FROM personal")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindByQueryCodeAsync_WithAQueryCodeKey_FindsByTheKeyedDigestOnly()
    {
        var path = stores.NewPath();
        var keyed = new SqliteCaseStoreOptions { QueryCodeKey = "county-441900-codes"u8.ToArray() };
        Case c;
        await using (var store = SqliteCaseStore.Open(path, Calendar, keyed))
        {
            c = await RegisterAsync(store);
            Assert.Equal(c.Id, (await store.FindByQueryCodeAsync(c.QueryCode, default))?.Id);
        }

        var unkeyedDigest = Internal.QueryCodeDigest.For(null)(c.QueryCode);
        Assert.NotEqual(unkeyedDigest, Assert.Single(Rows(path, "SELECT query_code FROM cases")));
        await using var unkeyed = SqliteCaseStore.Open(path, Calendar, new SqliteCaseStoreOptions { VerifyChainOnLoad = false });
        Assert.Null(await unkeyed.FindByQueryCodeAsync(c.QueryCode, default));
    }

    [Fact]
    public async Task EraseReporterAsync_ThroughTheDesk_DeletesThePersonalDataAndTheHistoryStillVerifies()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path);
        var kit = StoreFactory.Kit(store);
        var c = await kit.Desk.RegisterAsync(Report(), Dispatcher);
        await kit.Desk.RegisterAsync(Report(), Dispatcher); // joins the case: a second report with personal data

        var erased = await kit.Desk.EraseReporterAsync(c.Case.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        Assert.True(erased.Report.IsPersonalDataErased);
        var loaded = (await store.LoadAsync(c.Case.Id, default))!;
        Assert.Same(Reporter.Erased, loaded.Report.Reporter);
        Assert.Null(loaded.Report.Location.Address);
        Assert.All(loaded.JoinedReports, r => Assert.True(r.IsPersonalDataErased));
        Assert.Equal(c.Case.Id, (await store.FindByQueryCodeAsync(c.Case.QueryCode, default))?.Id);
        var history = await store.ReadEventsAsync(c.Case.Id, default);
        Assert.IsType<CaseReporterErased>(history[^1].Payload);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
        store.Dispose();
        foreach (var table in new[] { "SELECT body FROM events", "SELECT coalesce(data, '') FROM personal" })
        {
            var text = string.Join("\n", Rows(path, table));
            Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Name, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Address, text, StringComparison.Ordinal);
        }

        await using var reopened = SqliteCaseStore.Open(path, Calendar);
        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
        Assert.True((await reopened.LoadAsync(c.Case.Id, default))!.Report.IsPersonalDataErased);
    }

    [Fact]
    public async Task LoadAsync_PersonalDataEditedInTheFile_IsRefusedAndVerifyReportsIt()
    {
        var path = stores.NewPath();
        Case c;
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            c = await RegisterAsync(store);
        }

        Execute(path, $"UPDATE personal SET data = replace(data, '{Phone}', '13800000000')");

        await using var reopened = SqliteCaseStore.Open(path, Calendar);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => reopened.LoadAsync(c.Id, default).AsTask());
        Assert.Equal((c.Id, 1L), (e.CaseId, e.Version));
        Assert.DoesNotContain("13800000000", e.Message, StringComparison.Ordinal);
        Assert.Equal(c.Id, Assert.Single((await reopened.VerifyAsync(default)).Problems).CaseId);
    }

    [Fact]
    public async Task LoadAsync_PersonalDataDeletedOutsideTheStore_IsRefusedAndVerifyReportsIt()
    {
        var path = stores.NewPath();
        Case c;
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            c = await RegisterAsync(store);
        }

        Execute(path, "UPDATE personal SET data = NULL");

        await using var reopened = SqliteCaseStore.Open(path, Calendar);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => reopened.LoadAsync(c.Id, default).AsTask());
        Assert.Contains("no erasure event", e.Message, StringComparison.Ordinal);
        Assert.Contains("no erasure event", Assert.Single((await reopened.VerifyAsync(default)).Problems).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ASchemaFourFile_MovesPersonalDataApartHashesItsCodesAndStillVerifies()
    {
        var path = stores.NewPath();
        var chainKey = "county-441900"u8.ToArray();
        var options = new SqliteCaseStoreOptions { ChainKey = chainKey, QueryCodeKey = "codes"u8.ToArray() };
        Case c;
        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            c = await RegisterAsync(store);
        }

        LegacyFiles.ToSchemaFour(path, chainKey, "codes"u8.ToArray());
        Assert.Contains(c.QueryCode.ToString(), Rows(path, "SELECT query_code FROM cases"));
        Assert.Contains(Phone, string.Join("\n", Rows(path, "SELECT body FROM events")), StringComparison.Ordinal);

        await using (var migrated = SqliteCaseStore.Open(path, Calendar, options))
        {
            Assert.True((await migrated.VerifyAsync(default)).IsIntact);
            var found = (await migrated.FindByQueryCodeAsync(c.QueryCode, default))!;
            Assert.Equal(Fingerprint(c), Fingerprint(found));
            Assert.Equal(Phone, found.Report.Reporter.Phone);
        }

        Assert.DoesNotContain(c.QueryCode.ToString(), Rows(path, "SELECT query_code FROM cases"));
        Assert.DoesNotContain(Phone, string.Join("\n", Rows(path, "SELECT body FROM events")), StringComparison.Ordinal);
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
    }

    private static async Task<Case> RegisterAsync(SqliteCaseStore store) =>
        (await StoreFactory.Kit(store).Desk.RegisterAsync(Report(), Dispatcher)).Case;

    private static CaseReport Report() =>
        new(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid, Address, 39.123456, 116.654321),
            new Reporter(Name, Phone), "楼上漏水");
}
