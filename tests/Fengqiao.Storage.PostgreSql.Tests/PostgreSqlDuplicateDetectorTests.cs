using Fengqiao.Cases;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>The PostgreSQL store as the durable duplicate detector (#12's cross-desk duplicate race on many nodes).</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlDuplicateDetectorTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    private static BareCounty Node(PostgreSqlCaseStore store, string name, int seed) =>
        new(wrap: _ => store, configure: o =>
        {
            o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(seed);
            o.NewCaseId = () => new CaseId($"{name}-{Guid.NewGuid():N}");
            o.DuplicateDetector = store;
        });

    [Fact]
    public async Task RegisterAsync_SameMatterFromTwoNodesOnOneDatabase_MakesOneCase()
    {
        var db = await stores.NewDatabaseAsync();
        var east = Node(await stores.OpenAsync(db), "east", 1);
        var west = Node(await stores.OpenAsync(db), "west", 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            (i % 2 == 0 ? east : west).Desk.RegisterAsync(Report(), Intake))));

        var ids = results.Select(r => r.Case.Id).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(15, results.Count(r => r.JoinedExisting));
        Assert.Equal(1, (await ((ICaseListing)east.Store).CountAsync(new CaseListingQuery(), default)).Total);
        Assert.Equal(15, (await west.Store.LoadAsync(ids[0], default))!.JoinedReports.Length);
    }

    [Fact]
    public async Task AppendAsync_ANewCaseOfAnOpenMatter_IsRefusedNamingTheCase()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var first = await Node(store, "a", 1).RegisterAsync();
        var other = Node(await stores.OpenAsync(db), "b", 2);
        other.Clock.Advance(NodaTime.Duration.FromHours(1));

        // A desk whose own detector never matches: the store still settles it in the append.
        var blind = new BareCounty(wrap: _ => store, configure: o =>
        {
            o.QueryCodes = FengqiaoArbitraries.SeededQueryCodes(3);
            o.NewCaseId = () => new CaseId("blind-1");
            o.DuplicateDetector = new Fengqiao.Cases.InMemory.RecentReportDuplicateDetector(NodaTime.Duration.FromTicks(1));
        });
        var joined = await blind.Desk.RegisterAsync(Report(), Intake);

        Assert.True(joined.JoinedExisting);
        Assert.Equal(first.Id, joined.Case.Id);
        Assert.Null(await store.LoadAsync(new CaseId("blind-1"), default));
        Assert.Equal(first.Id, await store.FindDuplicateAsync(Report(), first.RegisteredAt, default));
        Assert.Null(await store.FindDuplicateAsync(Report(phone: "13900000000"), first.RegisteredAt, default));
    }
}
