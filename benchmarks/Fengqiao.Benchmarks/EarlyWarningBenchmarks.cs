using System.Reflection;
using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.EarlyWarning;
using Fengqiao.Profiles;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// Incremental cost of one registration fed to a long-lived early-warning session (Yumen's five built-in rules) that
/// already holds <see cref="OpenCases"/> open cases spread over Yumen's 170 grids, 10 townships, one reporter each and
/// 50 employers. The setup prints the session's retained memory per open case. Goal (issue 19): at most 1 ms per event
/// at 20,000 open cases. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*EarlyWarning*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class EarlyWarningBenchmarks
{
    private CountyProfile profile = null!;
    private CaseEvent template = null!;
    private EarlyWarningEngine engine = null!;
    private Instant at;
    private int next;

    /// <summary>Gets or sets how many open cases the session holds before the measured events.</summary>
    [Params(1_000, 20_000, 100_000)]
    public int OpenCases { get; set; }

    /// <summary>Registers one real case to copy its registration event, then loads the session.</summary>
    [GlobalSetup]
    public void Setup()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("yumen.yaml")
            ?? throw new InvalidOperationException("the benchmark assembly embeds samples/profiles/yumen.yaml as 'yumen.yaml'");
        using var reader = new StreamReader(stream);
        profile = CountyProfileLoader.Parse(reader.ReadToEnd(), "yumen.yaml");
        at = Instant.FromUtc(2025, 10, 1, 0, 0);
        var county = new CountyDeskBuilder(profile).UseStore(new InMemoryCaseStore()).UseClock(new FixedClock(at)).UseQueryCodeKey(BenchmarkKeys.QueryCodes).Build();
        CaseEvent? first = null;
        using (county.Desk.Events.Subscribe(e => first ??= e))
        {
            county.Desk.RegisterAsync(Report(0), CaseActor.Staff(new ActorId("centre-dispatcher"), new OrgUnitId("centre"))).GetAwaiter().GetResult();
        }

        template = first ?? throw new InvalidOperationException("the desk published no registration");
        var before = GC.GetTotalMemory(forceFullCollection: true);
        engine = new EarlyWarningEngine(profile);
        for (next = 1; next <= OpenCases; next++)
        {
            engine.Observe(Event(next));
        }

        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"// early-warning session: {OpenCases} open cases, {engine.Groups} groups, {(after - before) / OpenCases} bytes retained per open case");
    }

    /// <summary>One registration fed to the loaded session (fires the rules its groups touch).</summary>
    [Benchmark]
    public int ObserveRegistration() => engine.Observe(Event(++next)).Count;

    private CaseEvent Event(int n)
    {
        // About 40 registrations a day over the county: clusters form and age out as in a busy year.
        var registration = (CaseRegistration)template.Payload;
        return template with
        {
            CaseId = new CaseId($"c-{n}"),
            At = at + Duration.FromMinutes(36L * n),
            Payload = registration with { Report = Report(n) },
        };
    }

    private static CaseReport Report(int n)
    {
        var category = (n % 5) switch { 0 => "neighbour", 1 => "labour", 2 => "livelihood", 3 => "family", _ => "petition-remedy" };
        var text = n % 5 == 1 ? $"玉门第{n % 50}建筑公司拖欠工资" : n % 997 == 0 ? "对方扬言报复" : "邻里纠纷";
        return new CaseReport(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal,
            new CaseLocation(new OrgUnitId($"grid-{1 + (n % 170):000}")), new Reporter("居民", $"139{n:00000000}"), text);
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
