using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Hosting.Tests;

// A service provider as a host builds it, on Saybagh's profile and a fake clock (a Wednesday morning in Urumqi).
internal sealed class HostKit : IAsyncDisposable
{
    public static readonly Instant Start = Instant.FromUtc(2026, 3, 4, 3, 0);

    private HostKit(ServiceProvider services, FakeClock clock)
    {
        Services = services;
        Clock = clock;
    }

    public ServiceProvider Services { get; }

    public FakeClock Clock { get; }

    public CountyDesk County => Services.GetRequiredService<CountyDesk>();

    /// <summary>The test county's query-code key, base64 (the bytes of <c>BareCounty.QueryCodeKey</c>).</summary>
    public static readonly string TestQueryCodeKey = Convert.ToBase64String("fengqiao-test-query-code-key-32b"u8);

    /// <summary>Gets the query code the last <see cref="DispatchedAsync"/> registration returned for the citizen's receipt.</summary>
    public Fengqiao.Cases.QueryCodes.QueryCode LastQueryCode { get; private set; }

    public static HostKit Create(params (string Key, string? Value)[] settings) => Create(logs: null, settings);

    /// <summary>Builds the host with <paramref name="logs"/> added to its logging (to read what it logs).</summary>
    public static HostKit Create(ILoggerProvider? logs, params (string Key, string? Value)[] settings)
    {
        var values = new Dictionary<string, string?>
        {
            ["Fengqiao:ProfilePath"] = RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"),
            ["Fengqiao:Store"] = "InMemory",
            ["Fengqiao:QueryCodeKey"] = TestQueryCodeKey,
        };
        foreach (var (key, value) in settings)
        {
            values[key] = value;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(values).Build();
        var clock = new FakeClock(Start);
        var services = new ServiceCollection();
        services.AddLogging(builder =>
        {
            if (logs is not null)
            {
                builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs);
            }
        });
        services.AddSingleton<IClock>(clock);
        services.AddFengqiao(configuration);
        return new HostKit(services.BuildServiceProvider(validateScopes: true), clock);
    }

    public static CaseReport Report(string category = "livelihood", string grid = "yashan-grid-02") =>
        new(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(new OrgUnitId(grid)),
            new Reporter("张三", "13812345678"), "楼道灯坏了");

    public static CaseActor Dispatcher => CaseActor.Staff(new ActorId("yashan-dispatcher"), new OrgUnitId("street-yashan"));

    // Registers, accepts and dispatches a report to the unit the county's routing names; returns the case and that unit.
    public async Task<(Case Case, OrgUnitId Owner)> DispatchedAsync(CaseReport? report = null)
    {
        report ??= Report();
        var desk = County.Desk;
        var result = await desk.RegisterAsync(report, Dispatcher);
        var registered = result.Case;
        LastQueryCode = result.QueryCode!.Value;
        await desk.AcceptAsync(registered.Id, Dispatcher);
        var owner = County.Routing.Route(report, registered.RegisteredAt)!.Owner;
        return (await desk.DispatchAsync(registered.Id, Dispatcher, owner), owner);
    }

    public ValueTask DisposeAsync() => Services.DisposeAsync();
}
