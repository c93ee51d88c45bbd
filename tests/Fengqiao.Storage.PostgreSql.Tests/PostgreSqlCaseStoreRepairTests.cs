using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Repair on the PostgreSQL store: broken chains left and reported — the same contract as the SQLite store's
/// <c>RepairAsync</c>. Derived columns of a case row rebuilt from intact events are the conformance suite's case-row
/// checks (<see cref="Fengqiao.Testing.CaseStoreConformance.CaseRowCheckNames"/>), which both stores run.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreRepairTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task RepairAsync_AnEventEditedInTheDatabase_LeavesItAndReportsItAsNotRepairable()
    {
        var db = await stores.NewDatabaseAsync();
        var c = await StoreFactory.Kit(await stores.OpenAsync(db)).DispatchedAsync();
        await ExecuteAsync(db, $"UPDATE fengqiao_events SET body = replace(body, '\"f\":3', '\"f\": 3') WHERE case_id = '{c.Id}' AND version = 2");
        await ExecuteAsync(db, $"UPDATE fengqiao_cases SET next_due = NULL WHERE id = '{c.Id}'");
        var store = await stores.OpenAsync(db);

        var repaired = await store.RepairAsync(default);

        Assert.Equal(0, repaired.CasesRepaired);
        var problem = Assert.Single(repaired.Problems);
        Assert.Equal((c.Id, 2L, false), (problem.CaseId, problem.Version, problem.IsRepairable));
        Assert.Equal([""], await TextAsync(db, $"SELECT next_due FROM fengqiao_cases WHERE id = '{c.Id}'"));
    }

    [Fact]
    public async Task EraseReporterAsync_ThroughTheDesk_ErasesTheReportsTextAndTheHistoryStillVerifies()
    {
        const string Text = "我是欧阳明华，电话13912345678，楼上漏水";
        var db = await stores.NewDatabaseAsync();
        var kit = StoreFactory.Kit(await stores.OpenAsync(db));
        var c = (await kit.Desk.RegisterAsync(Report(), Dispatcher)).Case;
        var joined = new CaseReport(CaseChannel.QrCode, c.Report.Category, CasePriority.Normal, c.Report.Location, c.Report.Reporter, Text);
        c = await kit.Desk.FindAsync((await kit.Desk.RegisterAsync(joined, Dispatcher)).Case.Id) ?? throw new InvalidOperationException("no case");
        Assert.Contains(Text, string.Join("\n", await TextAsync(db, "SELECT coalesce(data, '') FROM fengqiao_personal")), StringComparison.Ordinal);

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        var fresh = await stores.OpenAsync(db);
        var loaded = (await fresh.LoadAsync(c.Id, default))!;
        Assert.All(loaded.JoinedReports.Prepend(loaded.Report), r => Assert.Equal(CaseReport.ErasedText, r.Text));
        Assert.True((await fresh.VerifyAsync(default)).IsIntact);
        var everything = string.Join("\n", (await TextAsync(db, "SELECT body FROM fengqiao_events")).Concat(await TextAsync(db, "SELECT coalesce(data, '') FROM fengqiao_personal")));
        Assert.DoesNotContain("13912345678", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("楼上漏水", everything, StringComparison.Ordinal);
        Assert.IsType<CaseReporterErased>((await fresh.ReadEventsAsync(c.Id, default))[^1].Payload);
    }
}
