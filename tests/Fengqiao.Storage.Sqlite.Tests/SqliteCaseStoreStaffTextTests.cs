using System.Text;
using Fengqiao.Cases;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Staff free texts stored before they moved into the personal document kept them inline in the chained body:
/// opening such a file moves them out (migration 11), so an erasure removes them and the chain still verifies.</summary>
public sealed class SqliteCaseStoreStaffTextTests : IDisposable
{
    private const string Quoted = "联系人欧阳明华13912345678";

    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Open_AFileWithStaffTextInline_MovesItApartSoAnErasureRemovesItAndTheChainVerifies(bool keyed)
    {
        var chainKey = keyed ? "fengqiao-test-chain-key-32-bytes"u8.ToArray() : null;
        var path = stores.NewPath();
        var options = LegacyFiles.Keyed(chainKey);
        Case resolved;
        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            resolved = await HandledAsync(StoreFactory.Kit(store));
        }

        LegacyFiles.ToInlineStaffText(path, chainKey);
        Assert.Equal(3, Rows(path, $"SELECT body FROM events WHERE body LIKE '%{Quoted}%'").Count);
        Assert.Equal(["10"], Rows(path, "PRAGMA user_version"));

        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            Assert.Empty(Rows(path, $"SELECT body FROM events WHERE body LIKE '%{Quoted}%'"));
            Assert.Equal(3, Rows(path, $"SELECT data FROM personal WHERE stored_text(data) LIKE '%{Quoted}%'").Count);
            Assert.True((await store.VerifyAsync(default)).IsIntact);
            var loaded = (await store.LoadAsync(resolved.Id, default))!;
            Assert.Equal("已维修，" + Quoted, loaded.Reply);
            Assert.Null(CaseComparison.Difference(resolved, loaded));

            var erased = await StoreFactory.Kit(store).Desk.EraseReporterAsync(resolved.Id, Leader, "reporter", "个人信息保护法 第四十七条");

            Assert.Equal(CaseReport.ErasedText, erased.Reply);
            Assert.Equal(CaseReport.ErasedText, (await store.LoadAsync(resolved.Id, default))!.Reply);
            Assert.True((await store.VerifyAsync(default)).IsIntact);
        }

        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(Quoted, Encoding.UTF8.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AFileErasedBeforeStaffTextMovedApart_DropsTheTextsWrittenBeforeTheErasureAndKeepsLaterOnes()
    {
        var path = stores.NewPath();
        Case resolved;
        Dictionary<(string Case, long Version), string> documents;
        await using (var store = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            var kit = StoreFactory.Kit(store);
            resolved = await HandledAsync(kit);
            documents = LegacyFiles.PersonalDocuments(path);
            await kit.Desk.EraseReporterAsync(resolved.Id, Leader, "reporter", "个人信息保护法 第四十七条");
            await kit.Desk.SuperviseAsync(resolved.Id, Leader, "擦除后督办");
        }

        // The version before this one erased the reporter's data but kept the staff's texts inline.
        LegacyFiles.ToInlineStaffText(path, null, documents);
        Assert.Equal(3, Rows(path, $"SELECT body FROM events WHERE body LIKE '%{Quoted}%'").Count);

        await using (var store = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            Assert.Empty(Rows(path, $"SELECT body FROM events WHERE body LIKE '%{Quoted}%'"));
            Assert.Empty(Rows(path, $"SELECT data FROM personal WHERE stored_text(data) LIKE '%{Quoted}%'"));
            Assert.Single(Rows(path, "SELECT data FROM personal WHERE stored_text(data) LIKE '%擦除后督办%'"));
            Assert.True((await store.VerifyAsync(default)).IsIntact);
            var loaded = (await store.LoadAsync(resolved.Id, default))!;
            Assert.Equal(CaseReport.ErasedText, loaded.Reply);
            var history = await store.ReadEventsAsync(resolved.Id, default);
            Assert.Equal("擦除后督办", ((Cases.Events.CaseSupervised)history[^1].Payload).Note);
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Assert.DoesNotContain(Quoted, Encoding.UTF8.GetString(File.ReadAllBytes(path)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoadAsync_AStaffTextDeletedOutsideTheStore_IsRefusedAndVerifyReportsIt()
    {
        var path = stores.NewPath();
        Case resolved;
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            resolved = await HandledAsync(StoreFactory.Kit(store));
        }

        Execute(path, $"UPDATE personal SET data = NULL WHERE stored_text(data) LIKE '%{Quoted}%'");

        await using var reopened = SqliteCaseStore.Open(path, Calendar, StoreFactory.Replaying);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => reopened.LoadAsync(resolved.Id, default).AsTask());
        Assert.Contains("no erasure event", e.Message, StringComparison.Ordinal);
        Assert.Contains("no erasure event", Assert.Single((await reopened.VerifyAsync(default)).Problems).Description, StringComparison.Ordinal);
    }

    // Three staff texts quoting the reporter: a return's reason, a supervision's note and the reply.
    private static async Task<Case> HandledAsync(BareCounty kit)
    {
        var c = await kit.DispatchedAsync();
        await kit.Desk.ReturnAsync(c.Id, Worker, "非本社区，" + Quoted);
        await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);
        await kit.Desk.ClaimAsync(c.Id, Worker);
        await kit.Desk.StartAsync(c.Id, Worker);
        await kit.Desk.SuperviseAsync(c.Id, Leader, "督办：" + Quoted);
        return await kit.Desk.ResolveAsync(c.Id, Worker, "已维修，" + Quoted);
    }
}
