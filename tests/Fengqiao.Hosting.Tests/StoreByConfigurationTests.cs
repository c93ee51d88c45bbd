using Fengqiao.Cases.Ports;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;
using Npgsql;

namespace Fengqiao.Hosting.Tests;

/// <summary>AddFengqiao on the PostgreSQL store by configuration (against the CI server), and the overdue gauge over every case.</summary>
[Collection(PostgresTests.Name)]
public sealed class StoreByConfigurationTests(PostgresServer server)
{
    [Fact]
    public async Task AddFengqiao_PostgreSqlByConfiguration_TwoHostsShareTheCasesAndTheDuplicateDetector()
    {
        var db = await server.NewDatabaseAsync();
        (string, string?)[] settings = [("Fengqiao:Store", "PostgreSql"), ("Fengqiao:Connection", db)];
        await using var first = HostKit.Create(settings);
        await using var second = HostKit.Create(settings);

        var (dispatched, owner) = await first.DispatchedAsync();
        var seen = await second.County.Desk.FindAsync(dispatched.Id);
        var again = await second.County.Desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher);

        Assert.IsType<PostgreSqlCaseStore>(second.Services.GetRequiredService<ICaseStore>());
        Assert.Equal(dispatched.Version, seen?.Version);
        Assert.True(again.JoinedExisting);
        Assert.Equal(dispatched.Id, again.Case.Id);
        var held = await ((ICaseListing)second.Services.GetRequiredService<ICaseStore>()).CountAsync(new CaseListingQuery { HoldingUnit = owner }, default);
        Assert.Equal(1, held.Total);
    }

    [Fact]
    public async Task SweepAsync_TwoHostsOnOnePostgreSqlDatabase_ClaimAndActOnEachDueCaseExactlyOnce()
    {
        const int cases = 60;
        var db = await server.NewDatabaseAsync();
        await using var first = HostKit.Create(("Fengqiao:Store", "PostgreSql"), ("Fengqiao:Connection", db), ("Fengqiao:SweeperName", "node-1"));
        await using var second = HostKit.Create(("Fengqiao:Store", "PostgreSql"), ("Fengqiao:Connection", db), ("Fengqiao:SweeperName", "node-2"));
        var ids = new List<Fengqiao.Cases.CaseId>();
        for (var i = 0; i < cases; i++)
        {
            var report = new Fengqiao.Cases.CaseReport(Fengqiao.Cases.CaseChannel.QrCode, new Fengqiao.Cases.CaseCategory("livelihood"),
                Fengqiao.Cases.CasePriority.Normal, new Fengqiao.Cases.CaseLocation(new Fengqiao.Cases.Organisation.OrgUnitId("yashan-grid-02")),
                new Fengqiao.Cases.Reporter("张三", $"1381234{i:D4}"), "楼道灯坏了");
            ids.Add((await first.DispatchedAsync(report)).Case.Id);
        }

        first.Clock.Advance(Duration.FromDays(30));
        second.Clock.Advance(Duration.FromDays(30));
        var sweeps = await Task.WhenAll(new[] { first, second }.Select(
            kit => Task.Run(() => kit.Services.GetRequiredService<FengqiaoSweeper>().SweepAsync())));

        // Each due case is claimed by one host: the sweeps' counts add up to the cases, without a conflict (two desks
        // sweeping the plain due list both take every case and one of them loses on the case's version).
        Assert.Equal(cases, sweeps.Sum(r => r.CasesSwept));
        Assert.Empty(sweeps.SelectMany(r => r.Conflicts));
        var store = first.Services.GetRequiredService<ICaseStore>();
        var doubled = new List<string>();
        foreach (var id in ids)
        {
            var stages = (await store.ReadEventsAsync(id, default)).Select(e => e.Payload).OfType<Fengqiao.Cases.Events.CaseClockStageChanged>().ToList();
            if (stages.Count == 0 || stages.GroupBy(s => (s.Clock, s.Stage, s.Warning)).Any(g => g.Count() > 1))
            {
                doubled.Add($"{id}: {string.Join(",", stages.Select(s => $"{s.Clock}/{s.Stage}/{s.Warning}"))}");
            }
        }

        Assert.True(doubled.Count == 0, $"{doubled.Count} cases were not acted on exactly once; first: {string.Join(" | ", doubled.Take(3))}");
        Assert.Empty(await store.ListDueAsync(first.Clock.GetCurrentInstant(), default));
    }

    [Fact]
    public void Ctor_EnsureDefaultValues()
    {
        var options = new FengqiaoOptions();

        Assert.Equal(TimeSpan.FromMinutes(5), options.SweepLease);
        Assert.Equal(200, options.SweepBatchSize);
    }

    [Fact]
    public async Task SweepLeaseAndBatchSize_ByConfiguration_BoundTheClaimsAnotherNodeWaitsFor()
    {
        const int cases = 20;
        var db = await server.NewDatabaseAsync();
        (string, string?)[] shared = [("Fengqiao:Store", "PostgreSql"), ("Fengqiao:Connection", db), ("Fengqiao:SweepLease", "00:01:30"), ("Fengqiao:SweepBatchSize", "7")];
        await using var first = HostKit.Create([.. shared, ("Fengqiao:SweeperName", "node-1")]);
        await using var second = HostKit.Create([.. shared, ("Fengqiao:SweeperName", "node-2")]);
        for (var i = 0; i < cases; i++)
        {
            await first.DispatchedAsync(new Fengqiao.Cases.CaseReport(Fengqiao.Cases.CaseChannel.QrCode, new Fengqiao.Cases.CaseCategory("livelihood"),
                Fengqiao.Cases.CasePriority.Normal, new Fengqiao.Cases.CaseLocation(new Fengqiao.Cases.Organisation.OrgUnitId("yashan-grid-02")),
                new Fengqiao.Cases.Reporter("张三", $"1391234{i:D4}"), "楼道灯坏了"));
        }

        first.Clock.Advance(Duration.FromDays(30));
        second.Clock.Reset(first.Clock.GetCurrentInstant());
        var now = first.Clock.GetCurrentInstant();
        var firstView = first.Services.GetRequiredService<FengqiaoSweepTarget>().View!;
        var secondView = second.Services.GetRequiredService<FengqiaoSweepTarget>().View!;

        // node-1 claims one batch, then dies without releasing it.
        var held = await firstView.ListDueAsync(now, default);
        second.Clock.Advance(Duration.FromSeconds(89));
        var beforeExpiry = new List<Fengqiao.Cases.CaseId>();
        for (var batch = await secondView.ListDueAsync(now, default); batch.Count > 0; batch = await secondView.ListDueAsync(now, default))
        {
            beforeExpiry.AddRange(batch);
        }

        second.Clock.Advance(Duration.FromSeconds(1));
        var afterExpiry = await secondView.ListDueAsync(now, default);

        Assert.Equal((Duration.FromSeconds(90), 7), (secondView.Lease, secondView.BatchSize));
        Assert.Equal(7, held.Count);
        Assert.Equal(cases - 7, beforeExpiry.Count);
        Assert.Empty(beforeExpiry.Intersect(held));
        Assert.Equal(held.Select(i => i.Value).Order(), afterExpiry.Select(i => i.Value).Order());
    }

    [Fact]
    public async Task AddFengqiao_PostgreSqlDatabaseMissingAtStart_ResolvesWithoutOpeningUnhealthyUntilTheRetryOpensIt()
    {
        var name = $"fq_late_{Guid.NewGuid():N}"[..30];
        var connection = new NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ToString();
        await using var kit = HostKit.Create(("Fengqiao:Store", "PostgreSql"), ("Fengqiao:Connection", connection));
        var health = kit.Services.GetRequiredService<HealthCheckService>();

        // Resolving the desk does no I/O, so it succeeds while the database does not exist.
        var desk = kit.County.Desk;
        var store = Assert.IsType<PostgreSqlCaseStore>(kit.Services.GetRequiredService<ICaseStore>());
        var unopened = (await health.CheckHealthAsync()).Entries["fengqiao"];
        var refused = await Assert.ThrowsAsync<PostgreSqlCaseStoreException>(() => desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher));
        var stillClosed = store.IsOpen;

        await using (var admin = new NpgsqlConnection(server.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        var registered = await desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher);
        var opened = (await health.CheckHealthAsync()).Entries["fengqiao"];

        Assert.Equal(HealthStatus.Unhealthy, unopened.Status);
        Assert.Contains("does not exist", unopened.Description, StringComparison.Ordinal);
        Assert.Equal(PostgreSqlCaseStoreOperation.Open, refused.Operation);
        Assert.False(stillClosed);
        Assert.True(store.IsOpen);
        Assert.Equal(1, registered.Case.Version);
        Assert.Equal(HealthStatus.Healthy, opened.Status);
    }

    [Fact]
    public async Task AddFengqiao_PostgreSqlWithoutAConnection_FailsNamingTheKey()
    {
        await using var kit = HostKit.Create(("Fengqiao:Store", "PostgreSql"));

        var e = Assert.Throws<FengqiaoConfigurationException>(() => kit.Services.GetRequiredService<ICaseStore>());

        Assert.Contains("Fengqiao:Connection", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("InMemory")]
    [InlineData("PostgreSql")]
    public async Task SweepAsync_CasesOverdueBeforeTheLastSweep_StayInTheOverdueGauge(string store)
    {
        (string, string?)[] settings = store == "PostgreSql"
            ? [("Fengqiao:Store", store), ("Fengqiao:Connection", await server.NewDatabaseAsync())]
            : [("Fengqiao:Store", store)];
        await using var kit = HostKit.Create(settings);
        await kit.County.Desk.RegisterAsync(HostKit.Report(), HostKit.Dispatcher);
        await kit.County.Desk.RegisterAsync(HostKit.Report(category: "dispute"), HostKit.Dispatcher);
        var sweeper = kit.Services.GetRequiredService<FengqiaoSweeper>();
        var telemetry = kit.Services.GetRequiredService<FengqiaoTelemetry>();
        kit.Clock.Advance(Duration.FromDays(30));
        await sweeper.SweepAsync();

        // A minute later nothing is due any more: a gauge fed by the due list would drop to zero.
        kit.Clock.Advance(Duration.FromMinutes(1));
        await sweeper.SweepAsync();

        var listing = (ICaseListing)kit.Services.GetRequiredService<ICaseStore>();
        var overdue = await listing.CountAsync(new CaseListingQuery { OverdueAt = kit.Clock.GetCurrentInstant() }, default);
        Assert.True(overdue.Total > 0, "the set-up should leave cases overdue");
        Assert.Equal(overdue.Total, telemetry.Overdue);
    }
}
