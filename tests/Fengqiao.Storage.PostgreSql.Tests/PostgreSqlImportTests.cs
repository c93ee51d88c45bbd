using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>The benchmarks' COPY seeding writes what an append writes: the cases load, verify, list and fall due alike.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlImportTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task ImportAsync_CasesWrittenElsewhere_LoadVerifyListAndFallDueAsAppendedOnes()
    {
        var source = new InMemoryCaseStore();
        var kit = StoreFactory.Kit(source);
        var registered = await kit.RegisterAsync(Report(phone: "13800000001"));
        var dispatched = await kit.DispatchedAsync();
        var cases = new List<(IReadOnlyList<CaseEvent> Events, Case Snapshot)>();
        foreach (var id in new[] { registered.Id, dispatched.Id })
        {
            cases.Add((await source.ReadEventsAsync(id, default), (await source.LoadAsync(id, default))!));
        }

        var store = await stores.OpenAsync(await stores.NewDatabaseAsync());
        await store.ImportAsync(cases, chunk: 1, default);

        foreach (var (events, snapshot) in cases)
        {
            var loaded = await store.LoadAsync(snapshot.Id, default);
            Assert.Equal((snapshot.Version, snapshot.State, snapshot.NextDueAt), (loaded?.Version, loaded?.State, loaded?.NextDueAt));
            Assert.Equal(snapshot.Id, (await store.FindByQueryCodeAsync(snapshot.QueryCodeDigest, default))?.Id);
            Assert.Equal(events.Count, (await store.ReadEventsAsync(snapshot.Id, default)).Count);
        }

        Assert.True((await store.VerifyAsync(default)).IsIntact);
        Assert.Equal(cases.Select(c => CaseListingEntry.From(c.Snapshot)), (await store.ListAsync(new CaseListingQuery(), default)).Entries);
        var far = registered.RegisteredAt + NodaTime.Duration.FromDays(365);
        Assert.Equal((await source.ListDueAsync(far, default)).Select(i => i.Value).Order(), (await store.ListDueAsync(far, default)).Select(i => i.Value).Order());
        Assert.Equal(2, (await store.ListDueAsync(far, default)).Count);
    }
}
