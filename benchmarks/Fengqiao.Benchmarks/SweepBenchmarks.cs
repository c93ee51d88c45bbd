using System.Collections.Immutable;
using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// A sweep on a county with <see cref="OpenCases"/> open cases of which <see cref="DueCases"/> are due (the issue's
/// 10,000 due among 1,000,000 open, scaled down tenfold so a run fits in minutes on a shared machine; the sweep's cost
/// grows with the cases due, not the cases open). Each iteration starts from the same seeded store (the SQLite file is
/// copied from a template written once, then opened with the default options: <c>synchronous=FULL</c>), sweeps once
/// (one clock-stage event per due case, no policies), and reports the time. Also: one append alone (a portal request's
/// latency) and <see cref="Concurrent"/> appends to different cases started together. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*SweepBenchmarks*' --job short --invocationCount 1 --unrollFactor 1</c>.
/// </summary>
[MemoryDiagnoser]
public class SweepBenchmarks : IDisposable
{
    /// <summary>Appends started together in <see cref="ConcurrentAppends"/>.</summary>
    public const int Concurrent = 64;

    private static readonly CaseActor Intake = CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre"));
    private readonly BusinessCalendar calendar = BusinessCalendar.ChinaNational;
    private string folder = null!;
    private string template = null!;
    private ICaseStore store = null!;
    private CaseDesk desk = null!;
    private Case[] seeded = null!;
    private Case[] current = null!;
    private Instant sweepAt;
    private int next;

    /// <summary>Which store: <c>in-memory</c> or <c>sqlite-file</c> (WAL, <c>synchronous=FULL</c>, the defaults).</summary>
    [Params("in-memory", "sqlite-file")]
    public string Store { get; set; } = "in-memory";

    /// <summary>Gets or sets how many cases are open.</summary>
    [Params(100_000)]
    public int OpenCases { get; set; } = 100_000;

    /// <summary>Gets or sets how many of them are due at the sweep.</summary>
    [Params(1_000)]
    public int DueCases { get; set; } = 1_000;

    /// <summary>Seeds the template: the open cases, registered ten seconds apart; finds the instant at which exactly <see cref="DueCases"/> are due.</summary>
    [GlobalSetup]
    public void Setup()
    {
        folder = Path.Combine(Path.GetTempPath(), "fengqiao-sweep-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        template = Path.Combine(folder, "template.db");
        seeded = new Case[OpenCases];
        for (var i = 0; i < OpenCases; i++)
        {
            seeded[i] = StoreBenchmarks.Registration(i).Case;
        }

        var dues = seeded.Select(c => c.NextDueAt!.Value).Order().ToArray();
        sweepAt = dues[DueCases - 1];
        if (Store == "sqlite-file")
        {
            using var seeding = SqliteCaseStore.Open(template, calendar, new SqliteCaseStoreOptions { FlushEachAppend = false });
            for (var i = 0; i < OpenCases; i++)
            {
                var (registered, c) = StoreBenchmarks.Registration(i);
                seeding.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
            }
        }

        Console.WriteLine($"// {Store}: {dues.Count(d => d <= sweepAt)} of {OpenCases} due by {sweepAt}");
    }

    /// <summary>Opens a fresh copy of the seeded store and a desk on it.</summary>
    [IterationSetup]
    public void Fresh()
    {
        (store as IDisposable)?.Dispose();
        if (Store == "sqlite-file")
        {
            var path = Path.Combine(folder, "run.db");
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }

            File.Copy(template, path);
            store = SqliteCaseStore.Open(path, calendar, new SqliteCaseStoreOptions { CheckIntegrityOnOpen = false });
        }
        else
        {
            var memory = new InMemoryCaseStore();
            for (var i = 0; i < OpenCases; i++)
            {
                var (registered, c) = StoreBenchmarks.Registration(i);
                memory.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
            }

            store = memory;
        }

        current = (Case[])seeded.Clone();

        // The appends measured go to cases far from the ones the sweep moves on (the earliest registered).
        next = OpenCases / 2;
        desk = new CaseDesk(new CaseDeskOptions
        {
            SlaPolicy = SlaPolicies.Urumqi1351,
            Calendar = calendar,
            Store = store,
            Clock = new FixedClock(sweepAt),
            Directory = new OrgTreeBuilder().AddUnit(new OrgUnitId("centre"), "综治中心", OrgUnitKind.CommandCentre).Build(),
            QueryCodeKey = BenchmarkKeys.QueryCodes,
        });
    }

    /// <summary>Sweeps once: lists the due cases, loads each, appends its clock-stage event.</summary>
    [Benchmark]
    public async Task<int> Sweep()
    {
        var result = await desk.SweepAsync(sweepAt);
        if (result.CasesSwept != DueCases)
        {
            throw new InvalidOperationException($"swept {result.CasesSwept}, expected {DueCases}");
        }

        return result.EventsAppended;
    }

    /// <summary>One Supervise event appended alone, as a lone portal request would.</summary>
    [Benchmark]
    public async Task<long> LoneAppend()
    {
        var i = next++ % OpenCases;
        var c = current[i];
        var (e, after) = BenchStores.Supervise(c, Intake);
        await store.AppendAsync(c.Version, ImmutableArray.Create(e), after, default);
        current[i] = after;
        return after.Version;
    }

    /// <summary><see cref="Concurrent"/> appends to different cases, started together from the thread pool.</summary>
    [Benchmark(OperationsPerInvoke = Concurrent)]
    public async Task<int> ConcurrentAppends()
    {
        var tasks = new Task[Concurrent];
        for (var k = 0; k < Concurrent; k++)
        {
            var i = next++ % OpenCases;
            var c = current[i];
            var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Intake, c.State, c.State, new CaseSupervised("督办"));
            var after = c.Apply(e);
            current[i] = after;
            tasks[k] = Task.Run(async () => await store.AppendAsync(c.Version, ImmutableArray.Create(e), after, default));
        }

        await Task.WhenAll(tasks);
        return tasks.Length;
    }

    /// <summary>
    /// The same measurements with a stopwatch, for a shared machine where BenchmarkDotNet's in-process runner gives up on
    /// the slow per-iteration setup: <c>Fengqiao.Benchmarks --sweep-figures [runs]</c> prints, per store, each sweep's
    /// time, the median, and the median latency of lone and of <see cref="Concurrent"/> concurrent appends.
    /// </summary>
    /// <param name="runs">Sweeps per store (each on a fresh copy).</param>
    public static void RunFigures(int runs)
    {
        foreach (var kind in new[] { "in-memory", "sqlite-file" })
        {
            using var bench = new SweepBenchmarks { Store = kind };
            bench.Setup();
            var sweeps = new List<double>();
            var lone = new List<double>();
            var concurrent = new List<double>();
            for (var r = 0; r < runs; r++)
            {
                bench.Fresh();
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                bench.Sweep().GetAwaiter().GetResult();
                sweeps.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                for (var k = 0; k < 50; k++)
                {
                    started = System.Diagnostics.Stopwatch.GetTimestamp();
                    bench.LoneAppend().GetAwaiter().GetResult();
                    lone.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds);
                }

                for (var k = 0; k < 5; k++)
                {
                    started = System.Diagnostics.Stopwatch.GetTimestamp();
                    bench.ConcurrentAppends().GetAwaiter().GetResult();
                    concurrent.Add(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMicroseconds / Concurrent);
                }
            }

            Console.WriteLine(System.FormattableString.Invariant(
                $"{kind}: sweep {bench.DueCases} due of {bench.OpenCases}: [{string.Join(", ", sweeps.Select(t => t.ToString("0", System.Globalization.CultureInfo.InvariantCulture)))}] ms, median {Median(sweeps):0} ms; lone append median {Median(lone):0.0} µs; {Concurrent} concurrent appends median {Median(concurrent):0.0} µs each"));
        }

        static double Median(List<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }
    }

    /// <summary>Closes the store and deletes the files.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        BenchStores.Release(store, null, folder);
        GC.SuppressFinalize(this);
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
