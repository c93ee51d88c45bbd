using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The case stores with 100,000 registered cases: append one event, load a case (cycling through all of them, so the
/// SQLite store's 10,000-case snapshot cache mostly misses and replays), and list the cases due 60 hours after the
/// first registration (8,641 of them: those whose first warning falls by then; setup prints the number). In-memory vs
/// SQLite in memory vs SQLite file (WAL, <c>FlushEachAppend</c> off so seeding takes seconds) vs PostgreSQL (the server
/// <c>FENGQIAO_POSTGRES</c> names; the cases are seeded once into a template database and copied per run). Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*StoreBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class StoreBenchmarks : IDisposable
{
    // FENGQIAO_BENCH_CASES seeds fewer (the chain-cost run on a loaded machine: seeding 100,000 cases per store
    // outlasts BenchmarkDotNet's in-process time limit); the query codes are always drawn for 100,000 (SweepBenchmarks uses them).
    private static readonly int CaseCount = Environment.GetEnvironmentVariable("FENGQIAO_BENCH_CASES") is { Length: > 0 } cases
        ? Math.Clamp(int.Parse(cases, System.Globalization.CultureInfo.InvariantCulture), 1, 100_000)
        : 100_000;
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);
    private static readonly Instant DueBy = Start + Duration.FromHours(60);
    private static readonly OrgUnitId Grid = new("grid-1");
    private static readonly CaseActor Intake = CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre"));
    private static readonly CaseSlaTerms Terms = new(
        "bench", TimeLimit.WorkingDays(3), TimeLimit.WorkingHours(4), TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(2),
        [WarningThreshold.AfterFraction("yellow", 0.5), WarningThreshold.BeforeDeadline("red", Duration.FromHours(4))]);

    private readonly BusinessCalendar calendar = BusinessCalendar.ChinaNational;
    private ICaseStore store = null!;
    private Case[] current = null!;
    private string? folder;
    private string? postgres;
    private int next;

    /// <summary>Which store: <c>in-memory</c>, <c>sqlite-memory</c>, <c>sqlite-file</c> or <c>postgres</c>; an
    /// <c>-unchained</c> suffix turns the SQLite hash chain off, to measure what it costs in the same run (such a store
    /// does not verify); a <c>-plain</c> suffix stores bodies and personal documents as JSON, as schema 12 did, to
    /// measure what the schema-13 and schema-14 compression costs in the same run.</summary>
    /// <remarks><c>FENGQIAO_BENCH_STORES</c> (comma-separated) runs only those, for example
    /// <c>sqlite-memory,sqlite-memory-unchained,sqlite-file,sqlite-file-unchained</c> to measure the chain's cost.</remarks>
    [ParamsSource(nameof(Stores))]
    public string Store { get; set; } = "in-memory";

    /// <summary>The stores to run: every kind, or those <c>FENGQIAO_BENCH_STORES</c> names.</summary>
    public static IEnumerable<string> Stores =>
        Environment.GetEnvironmentVariable("FENGQIAO_BENCH_STORES") is { Length: > 0 } only
            ? only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            : ["in-memory", "sqlite-memory", "sqlite-file", "sqlite-memory-unchained", "sqlite-file-unchained", "postgres"];

    /// <summary>Opens the store and registers 100,000 cases, one every ten seconds from Monday 2 November 2026, 09:00 Beijing.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var unchained = Store.EndsWith("-unchained", StringComparison.Ordinal);
        var plain = Store.EndsWith("-plain", StringComparison.Ordinal);
        var options = new SqliteCaseStoreOptions { FlushEachAppend = false, ChainEvents = !unchained, VerifyChainOnLoad = !unchained, CompressBodies = !plain };
        var kind = unchained ? Store[..^"-unchained".Length] : plain ? Store[..^"-plain".Length] : Store;
        if (kind == "sqlite-file")
        {
            folder = BenchStores.NewFolder();
        }

        if (Store == "postgres")
        {
            postgres = PostgresBench.CopyOf($"fq_bench_store_{CaseCount}", db =>
            {
                using var seeding = PostgreSqlCaseStore.OpenAsync(db, calendar).GetAwaiter().GetResult();
                Parallel.For(0, CaseCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
                {
                    var (registered, c) = Registration(i);
                    seeding.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
                });
            });
        }

        store = kind switch
        {
            "postgres" => PostgreSqlCaseStore.OpenAsync(postgres!, calendar).GetAwaiter().GetResult(),
            "sqlite-memory" => SqliteCaseStore.OpenInMemory(calendar, options),
            "sqlite-file" => SqliteCaseStore.Open(Path.Combine(folder!, "cases.db"), calendar, options),
            _ => new InMemoryCaseStore(),
        };
        current = new Case[CaseCount];
        for (var i = 0; i < CaseCount; i++)
        {
            var (registered, c) = Registration(i);
            if (Store != "postgres")
            {
                store.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
            }

            current[i] = c;
        }

        var due = store.ListDueAsync(DueBy, default).AsTask().GetAwaiter().GetResult().Count;
        Console.WriteLine($"// {Store}: {due} of {CaseCount} cases due by {DueBy}");
    }

    /// <summary>Closes the store and deletes its file.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        BenchStores.Release(store, postgres, folder);
        GC.SuppressFinalize(this);
    }

    private static readonly QueryCode[] Codes = DistinctCodes();

    /// <summary>Case <paramref name="i"/>'s registration: the same case (and query code) on every run.</summary>
    internal static (CaseEvent Registered, Case Case) Registration(int i)
    {
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid),
            new Reporter("张三", $"138{i:00000000}"), "楼上漏水");
        var registered = new CaseEvent(new CaseId($"case-{i}"), 1, Start + Duration.FromSeconds(10L * i), Intake,
            CaseState.Registered, CaseState.Registered, new CaseRegistration(report, BenchmarkKeys.QueryCodes.Digest(Codes[i]), "fengqiao-default/1", Terms));
        return (registered, Case.Register(registered, BusinessCalendar.ChinaNational));
    }

    /// <summary>Appends one Supervise event (and its snapshot) to the next case in turn.</summary>
    [Benchmark]
    public async Task<long> AppendOne()
    {
        var i = next++ % CaseCount;
        var c = current[i];
        var (e, after) = BenchStores.Supervise(c, Intake);
        await store.AppendAsync(c.Version, ImmutableArray.Create(e), after, default);
        current[i] = after;
        return after.Version;
    }

    /// <summary>Loads the next case in turn.</summary>
    [Benchmark]
    public async Task<long> Load()
    {
        var c = await store.LoadAsync(current[next++ % CaseCount].Id, default);
        return c!.Version;
    }

    /// <summary>Lists the cases due 60 hours after the first registration.</summary>
    [Benchmark]
    public async Task<int> ListDue() => (await store.ListDueAsync(DueBy, default)).Count;

    private static QueryCode[] DistinctCodes()
    {
        var generator = new QueryCodeGenerator(new SeededRandom(20261102));
        var seen = new HashSet<QueryCode>();
        while (seen.Count < 100_000)
        {
            seen.Add(generator.Next());
        }

        return [.. seen];
    }

    /// <summary>A repeatable random source, so every run (and the seeded template database) draws the same codes.</summary>
    private sealed class SeededRandom(int seed) : System.Security.Cryptography.RandomNumberGenerator
    {
        private readonly Random random = new(seed);

        public override void GetBytes(byte[] data) => random.NextBytes(data);

        public override void GetBytes(Span<byte> data) => random.NextBytes(data);
    }
}
