using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using static Fengqiao.Testing.BareCounty;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The SQLite store's listing projection beyond the conformance checks: the migration that builds it for
/// existing files, and the plans that keep it on its indexes.</summary>
public sealed class SqliteCaseStoreListingTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task Open_AVersionThreeFile_BuildsTheListingFromItsEvents()
    {
        var path = stores.NewPath();
        Case registered, dispatched, claimed;
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            var kit = StoreFactory.Kit(store);
            registered = await kit.RegisterAsync(Report(phone: "13800000001"));
            dispatched = await kit.DispatchedAsync();
            var c = await kit.RegisterAsync(Report(phone: "13800000003", grid: OtherGrid));
            await kit.Desk.AcceptAsync(c.Id, Dispatcher);
            await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);
            claimed = await kit.Desk.ClaimAsync(c.Id, Worker);
        }

        // What a file written before the listing existed looks like.
        LegacyFiles.ToSchemaFour(path);
        LegacyFiles.Downgrade(path, 3);

        await using var reopened = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed());
        var page = await reopened.ListAsync(new CaseListingQuery(), default);
        Assert.Equal([CaseListingEntry.From(registered), CaseListingEntry.From(dispatched), CaseListingEntry.From(claimed)], page.Entries.ToArray());
        var counts = await reopened.CountAsync(new CaseListingQuery { HoldingUnit = Community }, default);
        Assert.Equal((2L, 1L, 1L), (counts.Total, counts.In(CaseState.Dispatched), counts.In(CaseState.Claimed)));
    }

    [Theory]
    [InlineData(10_000)] // the case at the checked version is cached: only the listing columns that changed are written
    [InlineData(0)] // nothing cached: every row is written whole
    public async Task Append_StepsThatChangeEveryListedColumn_KeepEachRowEqualToItsCasesEntry(int cacheSize)
    {
        var store = stores.OpenFile(stores.NewPath(), new SqliteCaseStoreOptions { SnapshotCacheSize = cacheSize });
        var kit = StoreFactory.Kit(store);
        var rated = await kit.RatedAsync();
        var working = await kit.RegisterAsync(Report(phone: "13800000008"));
        await kit.Desk.AcceptAsync(working.Id, Dispatcher);
        await kit.Desk.DispatchAsync(working.Id, Dispatcher, Community);
        await kit.Desk.ClaimAsync(working.Id, Worker);
        await kit.Desk.StartAsync(working.Id, Worker);
        var other = await kit.RegisterAsync(Report(phone: "13800000009", grid: OtherGrid));
        await kit.Desk.AcceptAsync(other.Id, Dispatcher);
        await kit.Desk.DispatchAsync(other.Id, Dispatcher, Community);
        await kit.Desk.ClaimAsync(other.Id, Worker);

        // Sweeps move the clocks of the open cases to their warning and overdue stages.
        await kit.AdvanceAsync(NodaTime.Duration.FromDays(20));

        var page = await store.ListAsync(new CaseListingQuery(), default);
        var expected = new List<CaseListingEntry>();
        foreach (var id in new[] { rated.Id, working.Id, other.Id })
        {
            expected.Add(CaseListingEntry.From((await store.LoadAsync(id, default))!));
        }

        Assert.Equal(expected, page.Entries.ToArray());
        Assert.Contains(expected, e => e.Worker is not null);
        Assert.Contains(expected, e => e.OverdueFrom is not null);
    }

    [Fact]
    public async Task Open_ASchemaSevenFile_AddsTheGridStateIndexAndListsTheSamePages()
    {
        var path = stores.NewPath();
        var query = new CaseListingQuery { Grid = Grid, States = [CaseState.Registered], PageSize = 2 };
        CaseListingEntry[] before;
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            var kit = StoreFactory.Kit(store);
            for (var i = 0; i < 5; i++)
            {
                await kit.RegisterAsync(Report(phone: $"1380000000{i}", grid: i % 2 == 0 ? Grid : OtherGrid));
            }

            await kit.DispatchedAsync();
            before = await AllPagesAsync(store, query);
        }

        LegacyFiles.ToSchemaSeven(path);
        Assert.Equal(["7"], Rows(path, "PRAGMA user_version"));
        Assert.DoesNotContain("case_listing_grid_state", Rows(path, "SELECT name FROM sqlite_master WHERE type = 'index'"));

        await using (var migrated = SqliteCaseStore.Open(path, Calendar))
        {
            Assert.Equal(before, await AllPagesAsync(migrated, query));
            Assert.Equal(3, before.Length);
            Assert.All(before, e => Assert.Equal((Grid, CaseState.Registered), (e.Grid, e.State)));
        }

        SqliteConnection.ClearAllPools();
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Assert.Contains("8", Rows(path, "SELECT version FROM schema_versions"));
        Assert.Contains("case_listing_grid_state", Rows(path, "SELECT name FROM sqlite_master WHERE type = 'index'"));
    }

    [Theory]
    [InlineData("grid = 'grid-1' AND state IN (0)", "case_listing_grid_state")] // schema 8: one range scan, not the state index filtered by grid
    [InlineData("grid = 'grid-1' AND state IN (0) AND (registered_at, id) > (0, 'a')", "case_listing_grid_state")]
    public void ListingQuery_ByGridAndOneState_UsesTheGridStateIndex(string where, string index)
    {
        var path = stores.NewPath();
        stores.OpenFile(path).Dispose();
        var plan = string.Join(" | ", Rows(path, $"EXPLAIN QUERY PLAN SELECT id FROM case_listing WHERE {where} ORDER BY registered_at, id LIMIT 51", column: 3));
        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("holder = 'community-1'", "case_listing_holder")]
    [InlineData("worker = 'w1'", "case_listing_worker")]
    [InlineData("state IN (4)", "case_listing_state")]
    [InlineData("grid = 'grid-1'", "case_listing_grid")]
    [InlineData("category = 'dispute'", "case_listing_category")]
    [InlineData("(registered_at, id) > (0, 'a')", "case_listing_registered")]
    public void ListingQuery_ByEachFilter_UsesItsIndex(string where, string index)
    {
        var path = stores.NewPath();
        stores.OpenFile(path).Dispose();
        var plan = string.Join(" | ", Rows(path, $"EXPLAIN QUERY PLAN SELECT id FROM case_listing WHERE {where} ORDER BY registered_at, id LIMIT 51", column: 3));
        Assert.Contains(index, plan, StringComparison.Ordinal);
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal);
    }

    private static async Task<CaseListingEntry[]> AllPagesAsync(SqliteCaseStore store, CaseListingQuery query)
    {
        var entries = new List<CaseListingEntry>();
        var page = await store.ListAsync(query, default);
        entries.AddRange(page.Entries);
        while (page.Continuation is { } next)
        {
            page = await store.ListAsync(query with { After = next }, default);
            entries.AddRange(page.Entries);
        }

        return [.. entries];
    }
}
