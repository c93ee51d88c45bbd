using Fengqiao.Cases;
using Microsoft.Data.Sqlite;
using static Fengqiao.Cases.Tests.Desk.DeskKit;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>What an erasure clears besides the personal documents: the duplicate detector's keys, which are digests of
/// the reporter's phone or name.</summary>
public sealed class SqliteCaseStoreErasureTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task EraseReporterAsync_ACaseWithReportKeys_DeletesItsKeysAndKeepsTheOthers()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path);
        var kit = StoreFactory.Kit(store);
        var erased = await kit.RegisterAsync(Report(phone: "13900000001"));
        var kept = await kit.RegisterAsync(Report(phone: "13900000002"));
        Assert.True(Count(path, erased.Id) > 0);

        await kit.Desk.EraseReporterAsync(erased.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        Assert.Equal(0, Count(path, erased.Id));
        Assert.True(Count(path, kept.Id) > 0);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    private static long Count(string path, CaseId id)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM report_keys WHERE case_id = $id";
        command.Parameters.AddWithValue("$id", id.Value);
        return (long)command.ExecuteScalar()!;
    }
}
