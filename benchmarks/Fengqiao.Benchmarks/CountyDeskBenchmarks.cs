using System.Reflection;
using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Routing;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The Saybagh sample desk as the composition root builds it (routing, escalation and hand-off policies, the org
/// authoriser): register (routing check, duplicate check) + accept + dispatch to the routed owner (send authority) +
/// claim, each followed by the policies. Beside <see cref="DeskBenchmarks"/> (the bare desk) it shows what routing and
/// the policies add per case; <see cref="Route"/> is one routing decision. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*CountyDesk*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class CountyDeskBenchmarks
{
    private static readonly CaseActor Dispatcher = CaseActor.Staff(new ActorId("yashan-dispatcher"), new OrgUnitId("street-yashan"));
    private CountyDesk county = null!;
    private CaseDesk desk = null!;
    private CaseReport sample = null!;
    private int reporter;

    /// <summary>Loads the embedded sample profile and builds the desk.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("saybagh.yaml")
            ?? throw new InvalidOperationException("the benchmark assembly embeds samples/profiles/saybagh.yaml as 'saybagh.yaml'");
        using var reader = new StreamReader(stream);
        var profile = CountyProfileLoader.Parse(reader.ReadToEnd(), "saybagh.yaml");
        county = new CountyDeskBuilder(profile)
            .UseStore(new InMemoryCaseStore())
            .UseClock(new FixedClock(Instant.FromUtc(2026, 11, 2, 2, 0)))
            .UseQueryCodeKey(BenchmarkKeys.QueryCodes)
            .Build();
        desk = county.Desk;
        desk.Events.Subscribe(_ => { });
        sample = Report(0);
    }

    /// <summary>Register + accept + dispatch to the routed owner + claim one case (4 events, policies after each).</summary>
    [Benchmark]
    public async Task<long> RegisterRouteDispatchClaim()
    {
        var report = Report(++reporter);
        var c = (await desk.RegisterAsync(report, Dispatcher)).Case;
        await desk.AcceptAsync(c.Id, Dispatcher);
        var owner = county.Routing.Route(report, c.RegisteredAt)!.Owner;
        await desk.DispatchAsync(c.Id, Dispatcher, owner);
        return (await desk.ClaimAsync(c.Id, CaseActor.Staff(new ActorId($"{owner}-worker"), owner))).Version;
    }

    /// <summary>One routing decision: the first matching row, its kind resolved on the grid's chain.</summary>
    [Benchmark]
    public CaseRoute Route() => county.Routing.Routing!.Route(county.Tree, county.Profile.Ladder, sample, new LocalDate(2026, 11, 2));

    private static CaseReport Report(int n) =>
        new(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(new OrgUnitId("yashan-grid-02")),
            new Reporter("张三", $"138{n:00000000}"), "楼上漏水");

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
