using Fengqiao.Cases.Ports;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.PostgreSql.Tests;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

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
