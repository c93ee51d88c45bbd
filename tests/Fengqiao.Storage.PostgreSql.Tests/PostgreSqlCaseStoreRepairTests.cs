using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Repair on the PostgreSQL store: derived columns rebuilt from intact events, broken chains left and reported —
/// the same contract as the SQLite store's <c>RepairAsync</c>.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreRepairTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task RepairAsync_NextDueSetToNull_VerifyReportsItAndRepairRestoresTheSweep()
    {
        var db = await stores.NewDatabaseAsync();
        var c = await StoreFactory.Kit(await stores.OpenAsync(db)).DispatchedAsync();
        Assert.NotNull(c.NextDueAt);
        await ExecuteAsync(db, $"UPDATE fengqiao_cases SET next_due = NULL WHERE id = '{c.Id}'");
        var store = await stores.OpenAsync(db);
        Assert.Empty(await store.ListDueAsync(c.NextDueAt!.Value, default));
        var problem = Assert.Single((await store.VerifyAsync(default)).Problems);
        Assert.True(problem.IsRepairable);
        Assert.Contains("next due", problem.Description, StringComparison.Ordinal);

        var repaired = await store.RepairAsync(default);

        Assert.Equal(1, repaired.CasesRepaired);
        Assert.True(repaired.IsIntact);
        Assert.Equal([c.Id], await store.ListDueAsync(c.NextDueAt!.Value, default));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task RepairAsync_VersionAndQueryCodeDamaged_RebuildsThemFromTheEvents()
    {
        var db = await stores.NewDatabaseAsync();
        var c = await StoreFactory.Kit(await stores.OpenAsync(db)).DispatchedAsync();
        await ExecuteAsync(db, $"UPDATE fengqiao_cases SET query_code = 'XXXX-XXXX', version = version + 5 WHERE id = '{c.Id}'");
        var store = await stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { VerifyChainOnLoad = false });
        Assert.Null(await store.FindByQueryCodeAsync(c.QueryCodeDigest, default));
        var problem = Assert.Single((await store.VerifyAsync(default)).Problems);
        Assert.Contains("query-code", problem.Description, StringComparison.Ordinal);
        Assert.Contains("stored version", problem.Description, StringComparison.Ordinal);

        Assert.Equal(1, (await store.RepairAsync(default)).CasesRepaired);

        var fresh = await stores.OpenAsync(db);
        Assert.Equal(c.Id, (await fresh.FindByQueryCodeAsync(c.QueryCodeDigest, default))!.Id);
        Assert.Equal(c.Version, (await fresh.LoadAsync(c.Id, default))!.Version);
        Assert.True((await fresh.VerifyAsync(default)).IsIntact);
    }

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
