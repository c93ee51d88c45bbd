using Fengqiao.Cases;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

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

    [Fact]
    public async Task EraseReporterAsync_AReportWhoseTextNamesTheReporter_LeavesTheTextNowhereInTheFileAndVerifies()
    {
        const string Text = "我是欧阳明华，电话13912345678，住人民路18号，楼上漏水";
        var path = stores.NewPath();
        var store = stores.OpenFile(path);
        var kit = StoreFactory.Kit(store);
        var c = await kit.RegisterAsync();
        await kit.Desk.RegisterAsync(new CaseReport(c.Report.Channel, c.Report.Category, c.Report.Priority, c.Report.Location, c.Report.Reporter, Text), Intake);
        Assert.Contains(Text, string.Join("\n", SqliteFile.PersonalDocuments(path)), StringComparison.Ordinal);
        Assert.DoesNotContain("13912345678", string.Join("\n", SqliteFile.Bodies(path)), StringComparison.Ordinal);

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        foreach (var rows in new[] { string.Join("\n", SqliteFile.Bodies(path)), string.Join("\n", SqliteFile.PersonalDocuments(path)) })
        {
            Assert.DoesNotContain("13912345678", rows, StringComparison.Ordinal);
            Assert.DoesNotContain("楼上漏水", rows, StringComparison.Ordinal);
        }

        var history = await store.ReadEventsAsync(c.Id, default);
        var loaded = Case.Replay(history, Calendar);
        Assert.All(loaded.JoinedReports.Prepend(loaded.Report), r => Assert.Equal(CaseReport.ErasedText, r.Text));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    private static long Count(string path, CaseId id)
    {
        using var connection = SqliteFile.Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM report_keys WHERE case_id = $id";
        command.Parameters.AddWithValue("$id", id.Value);
        return (long)command.ExecuteScalar()!;
    }
}
