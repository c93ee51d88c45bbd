using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Reports stored before the reporter's text moved into the personal document kept it inline in the chained
/// body: opening such a file moves it out (migration 10), so an erasure removes it and the chain still verifies.</summary>
public sealed class SqliteCaseStoreInlineTextTests : IDisposable
{
    private const string Text = "住在人民路18号的欧阳明华说楼上漏水";

    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Open_AFileWithReportTextInline_MovesItApartSoAnErasureRemovesItAndTheChainVerifies(bool keyed)
    {
        var chainKey = keyed ? "fengqiao-test-chain-key-32-bytes"u8.ToArray() : null;
        var path = stores.NewPath();
        var options = LegacyFiles.Keyed(chainKey);
        Case registered;
        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            var kit = StoreFactory.Kit(store);
            registered = (await kit.Desk.RegisterAsync(new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
                new CaseLocation(Grid, "人民路18号", 39.1, 116.6), new Reporter("欧阳明华", "13912345678"), Text), Intake)).Case;
            await kit.Desk.AcceptAsync(registered.Id, Dispatcher);
        }

        LegacyFiles.ToInlineText(path, chainKey);
        Assert.Single(Rows(path, $"SELECT body FROM events WHERE body LIKE '%{Text}%'"));
        Assert.Equal(["7"], Rows(path, "PRAGMA user_version"));

        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            Assert.Empty(Rows(path, $"SELECT body FROM events WHERE body LIKE '%{Text}%'"));
            Assert.Single(Rows(path, $"SELECT data FROM personal WHERE stored_text(data) LIKE '%{Text}%'"));
            Assert.True((await store.VerifyAsync(default)).IsIntact);
            Assert.Equal(Text, (await store.LoadAsync(registered.Id, default))!.Report.Text);

            var erased = await StoreFactory.Kit(store).Desk.EraseReporterAsync(registered.Id, Leader, "reporter", "个人信息保护法 第四十七条");

            Assert.Equal(CaseReport.ErasedText, erased.Report.Text);
            Assert.Equal(CaseReport.ErasedText, (await store.LoadAsync(registered.Id, default))!.Report.Text);
            Assert.True((await store.VerifyAsync(default)).IsIntact);
        }

        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var bytes = Encoding.UTF8.GetString(File.ReadAllBytes(path));
        Assert.DoesNotContain(Text, bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AFileWithReportTextInline_LeavesACaseWithABrokenChainAsItWas()
    {
        var path = stores.NewPath();
        Case registered;
        await using (var store = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            registered = await StoreFactory.Kit(store).DispatchedAsync();
        }

        LegacyFiles.ToInlineText(path);
        Execute(path, "UPDATE events SET body = replace(body, '\"k\":', '\"k\": ') WHERE version = 2");
        var before = Rows(path, "SELECT body FROM events ORDER BY version");

        await using (var store = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            var result = await store.VerifyAsync(default);
            Assert.False(result.IsIntact);
            Assert.Equal(registered.Id, result.Problems[0].CaseId);
        }

        Assert.Equal(before, Rows(path, "SELECT body FROM events ORDER BY version"));
    }
}
