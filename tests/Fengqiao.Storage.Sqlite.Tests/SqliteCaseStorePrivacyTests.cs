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
        var (c, code) = await RegisterWithCodeAsync(stores.OpenFile(path));

        var events = string.Join("\n", Bodies(path));
        var index = string.Join("\n", Rows(path, "SELECT query_code FROM cases"));
        foreach (var secret in new[] { Name, Phone, Address, "39.12", code })
        {
            Assert.DoesNotContain(secret, events, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, index, StringComparison.Ordinal);
        }

        Assert.Equal(c.QueryCodeDigest.ToString(), index);
        Assert.Contains(Phone, string.Join("\n", PersonalDocuments(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_ThroughTheDesk_TheFileHoldsNoPlainQueryCodeAnywhere()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path);
        var kit = StoreFactory.Kit(store);
        var codes = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var result = await kit.Desk.RegisterAsync(new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid),
                new Reporter(Name, $"1391234567{i}"), "楼上漏水"), Dispatcher);
            codes.Add(result.QueryCode!.Value.ToString());
            await kit.Desk.WithdrawAsync(result.Case.Id, kit.Desk.Citizen(result.QueryCode.Value));
            Assert.Equal(result.Case.Id, (await kit.Desk.FindByQueryCodeAsync(result.QueryCode.Value))?.Id);
        }

        store.Dispose();
        SqliteConnection.ClearAllPools();

        var bytes = System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path));
        Assert.True(bytes.Length > 4096, "the file is empty");
        foreach (var code in codes)
        {
            Assert.DoesNotContain(code, bytes, StringComparison.Ordinal);
            Assert.DoesNotContain(code.Replace("-", "", StringComparison.Ordinal), bytes, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("query_code", string.Join(",", Rows(path, "SELECT name FROM pragma_table_info('personal')")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FindByQueryCodeAsync_ADigestUnderAnotherKey_FindsNothing()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path);
        var (c, code) = await RegisterWithCodeAsync(store);

        var otherKey = new Fengqiao.Cases.QueryCodes.QueryCodeKey("another-county-query-code-key-32"u8);

        Assert.Equal(c.Id, (await store.FindByQueryCodeAsync(c.QueryCodeDigest, default))?.Id);
        Assert.Null(await store.FindByQueryCodeAsync(otherKey.Digest(Fengqiao.Cases.QueryCodes.QueryCode.Parse(code)), default));
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
        Assert.Equal(c.Case.Id, (await store.FindByQueryCodeAsync(c.Case.QueryCodeDigest, default))?.Id);
        var history = await store.ReadEventsAsync(c.Case.Id, default);
        Assert.IsType<CaseReporterErased>(history[^1].Payload);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
        store.Dispose();
        foreach (var text in new[] { string.Join("\n", Bodies(path)), string.Join("\n", PersonalDocuments(path)) })
        {
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

        Execute(path, $"UPDATE personal SET data = stored_blob(replace(stored_text(data), '{Phone}', '13800000000')) WHERE data IS NOT NULL");

        await using var reopened = SqliteCaseStore.Open(path, Calendar, StoreFactory.Replaying);
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

        await using var reopened = SqliteCaseStore.Open(path, Calendar, StoreFactory.Replaying);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => reopened.LoadAsync(c.Id, default).AsTask());
        Assert.Contains("no erasure event", e.Message, StringComparison.Ordinal);
        Assert.Contains("no erasure event", Assert.Single((await reopened.VerifyAsync(default)).Problems).Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_ASchemaFourFile_MovesPersonalDataApartHashesItsCodesAndStillVerifies()
    {
        var path = stores.NewPath();
        var chainKey = "county-441900"u8.ToArray();
        var options = LegacyFiles.Keyed(chainKey);
        Case c;
        string code;
        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            (c, code) = await RegisterWithCodeAsync(store);
        }

        LegacyFiles.ToSchemaFour(path, chainKey);
        Assert.Contains(code, Rows(path, "SELECT query_code FROM cases"));
        Assert.Contains(Phone, string.Join("\n", Bodies(path)), StringComparison.Ordinal);

        await using (var migrated = SqliteCaseStore.Open(path, Calendar, options))
        {
            Assert.True((await migrated.VerifyAsync(default)).IsIntact);
            var found = (await migrated.FindByQueryCodeAsync(c.QueryCodeDigest, default))!;
            Assert.Equal(Fingerprint(c), Fingerprint(found));
            Assert.Equal(Phone, found.Report.Reporter.Phone);
        }

        Assert.DoesNotContain(code, Rows(path, "SELECT query_code FROM cases"));
        Assert.DoesNotContain(Phone, string.Join("\n", Bodies(path)), StringComparison.Ordinal);
        Assert.DoesNotContain(code, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
    }

    [Theory]
    [InlineData(5, false)]
    [InlineData(5, true)]
    [InlineData(6, false)]
    [InlineData(6, true)]
    public async Task Open_ASchemaFiveOrSixFileWithPlainCodes_DigestsThemUnderTheCountyKeyDropsThemAndStillVerifies(int schema, bool oldKey)
    {
        var path = stores.NewPath();
        var chainKey = "county-441900"u8.ToArray();
        var options = LegacyFiles.Keyed(chainKey);
        Case c;
        string code;
        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            (c, code) = await RegisterWithCodeAsync(store);
            await StoreFactory.Kit(store).Desk.WithdrawAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest));
        }

        // Schemas 5 and 6 indexed and chained the digest under the store's key then (none, or another), and kept the
        // plain code; schema 5 also wrote its bodies with their case id and version (format 3) and had events.at.
        var oldCodeKey = oldKey ? "the-old-store-query-code-key-32b"u8.ToArray() : null;
        if (schema == 5)
        {
            LegacyFiles.ToSchemaFive(path, chainKey, oldCodeKey);
        }
        else
        {
            LegacyFiles.ToSchemaSix(path, chainKey, oldCodeKey);
        }

        Assert.Equal([$"{schema}"], Rows(path, "PRAGMA user_version"));
        Assert.Contains(code, Rows(path, "SELECT query_code FROM personal"));
        Assert.DoesNotContain(c.QueryCodeDigest.ToString(), string.Join("\n", Bodies(path)), StringComparison.Ordinal);

        await using (var migrated = SqliteCaseStore.Open(path, Calendar, options))
        {
            Assert.True((await migrated.VerifyAsync(default)).IsIntact);
            var kit = StoreFactory.Kit(migrated);
            var found = (await kit.Desk.FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCode.Parse(code)))!;
            Assert.Equal(c.Id, found.Id);
            Assert.Equal(c.QueryCodeDigest, found.QueryCodeDigest);
            var history = await migrated.ReadEventsAsync(c.Id, default);
            Assert.Equal(c.QueryCodeDigest, history[^1].Actor.QueryCodeDigest);
        }

        SqliteConnection.ClearAllPools();
        Assert.DoesNotContain("query_code", string.Join(",", Rows(path, "SELECT name FROM pragma_table_info('personal')")), StringComparison.Ordinal);
        Assert.DoesNotContain(code, System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
    }

    [Fact]
    public async Task Open_ASchemaFiveFileWithoutTheQueryCodeKey_IsRefusedNamingTheKeyAndChangesNothing()
    {
        var path = stores.NewPath();
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            await RegisterWithCodeAsync(store);
        }

        LegacyFiles.ToSchemaFive(path);
        var before = File.ReadAllBytes(path);

        var e = Assert.Throws<SqliteCaseStoreSchemaException>(() => SqliteCaseStore.Open(path, Calendar));

        Assert.Contains("QueryCodeKey", e.Message, StringComparison.Ordinal);
        Assert.Contains("plain query codes", e.Message, StringComparison.Ordinal);
        Assert.Equal(5L, e.FoundVersion);
        SqliteConnection.ClearAllPools();
        Assert.Equal(["5"], Rows(path, "PRAGMA user_version"));
        Assert.Equal(before.Length, File.ReadAllBytes(path).Length);
    }

    private static async Task<(Case Case, string Code)> RegisterWithCodeAsync(SqliteCaseStore store)
    {
        var result = await StoreFactory.Kit(store).Desk.RegisterAsync(Report(), Dispatcher);
        return (result.Case, result.QueryCode!.Value.ToString());
    }

    private static async Task<Case> RegisterAsync(SqliteCaseStore store) =>
        (await StoreFactory.Kit(store).Desk.RegisterAsync(Report(), Dispatcher)).Case;

    private static CaseReport Report() =>
        new(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid, Address, 39.123456, 116.654321),
            new Reporter(Name, Phone), "楼上漏水");
}
