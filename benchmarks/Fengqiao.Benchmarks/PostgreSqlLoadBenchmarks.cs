using System.Globalization;
using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The PostgreSQL store's load on a cache miss, with and without on-disk snapshots (schema 8): cases of 8 events (a
/// registration and 7 Supervise appends, one append each), loaded cycling with the in-memory cache off
/// (<c>SnapshotCacheSize = 0</c>), one at a time and 256 a batch. <c>replay</c> writes no snapshots and loads by
/// replaying every event, as schema 7 did (the case row, then the events and the personal rows: three round trips);
/// <c>snapshot</c> writes one with every append and loads with one statement. The cases are seeded once per server into
/// a template database (<c>FENGQIAO_BENCH_LOAD_CASES</c>, 2,000 by default) and copied per run. Needs
/// <c>FENGQIAO_POSTGRES</c>. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*PostgreSqlLoadBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlLoadBenchmarks : IDisposable
{
    private const int Events = 8;
    private static readonly int CaseCount = Environment.GetEnvironmentVariable("FENGQIAO_BENCH_LOAD_CASES") is { Length: > 0 } cases
        ? Math.Clamp(int.Parse(cases, CultureInfo.InvariantCulture), 256, 100_000)
        : 2_000;

    private static readonly CaseActor Actor = CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre"));
    private PostgreSqlCaseStore store = null!;
    private string? database;
    private CaseId[] ids = null!;
    private int next;

    /// <summary>How the cases keep their fold: <c>replay</c> (no snapshots, as schema 7) or <c>snapshot</c> (one written by every append).</summary>
    [Params("replay", "snapshot")]
    public string Snapshots { get; set; } = "snapshot";

    /// <summary>Seeds (once per server) and copies the database, and opens the store with the cache off.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var interval = Snapshots == "snapshot" ? 1 : 0;
        database = PostgresBench.CopyOf($"fq_bench_load{Events}_{Snapshots}_{CaseCount}", db =>
        {
            using var seeding = PostgreSqlCaseStore.OpenAsync(db, BusinessCalendar.ChinaNational, new PostgreSqlCaseStoreOptions { SnapshotInterval = interval }).GetAwaiter().GetResult();
            Parallel.For(0, CaseCount, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            {
                var (registered, c) = StoreBenchmarks.Registration(i);
                seeding.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
                for (var k = 1; k < Events; k++)
                {
                    var (e, after) = BenchStores.Supervise(c, Actor);
                    seeding.AppendAsync(c.Version, [e], after, default).AsTask().GetAwaiter().GetResult();
                    c = after;
                }
            });
        });

        store = PostgreSqlCaseStore.OpenAsync(database, BusinessCalendar.ChinaNational, new PostgreSqlCaseStoreOptions { SnapshotCacheSize = 0, SnapshotInterval = interval })
            .GetAwaiter().GetResult();
        ids = [.. Enumerable.Range(0, CaseCount).Select(i => new CaseId($"case-{i}"))];
        var loaded = store.LoadAsync(ids[^1], default).AsTask().GetAwaiter().GetResult();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"// {Snapshots}: {CaseCount} cases, the last at version {loaded?.Version}"));
    }

    /// <summary>Closes the store and drops its copy of the database.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        BenchStores.Release(store, database, folder: null);
        GC.SuppressFinalize(this);
    }

    /// <summary>Loads the next case in turn (a cache miss: the cache is off).</summary>
    [Benchmark]
    public async Task<long> Load()
    {
        var c = await store.LoadAsync(ids[next++ % CaseCount], default);
        return c!.Version;
    }

    /// <summary>Loads the next 256 cases in one batch (a sweep's batch), all cache misses.</summary>
    [Benchmark(OperationsPerInvoke = 256)]
    public async Task<int> LoadMany256()
    {
        var start = next;
        next += 256;
        var batch = new CaseId[256];
        for (var i = 0; i < batch.Length; i++)
        {
            batch[i] = ids[(start + i) % CaseCount];
        }

        return (await store.LoadManyAsync(batch, default)).Count;
    }
}
