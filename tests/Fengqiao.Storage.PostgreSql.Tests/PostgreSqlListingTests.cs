using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL store's listing beyond the conformance checks: the migration that builds it, and two nodes on one database.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlListingTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task Open_ADatabaseOfSchemaVersion2_BuildsTheListingFromItsEvents()
    {
        var db = await stores.NewDatabaseAsync();
        Case registered, dispatched, claimed;
        await using (var first = await PostgreSqlCaseStore.OpenAsync(db, Calendar))
        {
            var kit = StoreFactory.Kit(first);
            registered = await kit.RegisterAsync(Report(phone: "13800000001"));
            dispatched = await kit.DispatchedAsync();
            var c = await kit.RegisterAsync(Report(phone: "13800000003", grid: OtherGrid));
            await kit.Desk.AcceptAsync(c.Id, Dispatcher);
            await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);
            claimed = await kit.Desk.ClaimAsync(c.Id, Worker);
        }

        await LegacyDatabases.ToSchemaThreeAsync(db);
        await ExecuteAsync(db, "DROP TABLE fengqiao_case_listing; DROP TABLE fengqiao_report_keys; DROP TABLE fengqiao_settings; DELETE FROM fengqiao_schema_versions WHERE version = 3");

        var reopened = await stores.OpenAsync(db);
        var page = await reopened.ListAsync(new CaseListingQuery(), default);
        Assert.Equal([CaseListingEntry.From(registered), CaseListingEntry.From(dispatched), CaseListingEntry.From(claimed)], page.Entries.ToArray());
        var counts = await reopened.CountAsync(new CaseListingQuery { Grid = OtherGrid }, default);
        Assert.Equal((1L, 1L), (counts.Total, counts.In(CaseState.Claimed)));
    }

    [Fact]
    public async Task ListAsync_AnotherNodesAppend_IsSeenAtOnce()
    {
        var db = await stores.NewDatabaseAsync();
        var node1 = await stores.OpenAsync(db);
        var node2 = await stores.OpenAsync(db);
        var c = await StoreFactory.Kit(node1).DispatchedAsync();

        var seen = await node2.ListAsync(new CaseListingQuery { HoldingUnit = Community, States = [CaseState.Dispatched] }, default);

        Assert.Equal([c.Id], seen.Entries.Select(e => e.Id));
    }
}
