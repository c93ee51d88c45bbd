using System.Diagnostics;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;

namespace Fengqiao.Benchmarks;

/// <summary>
/// <c>--load-figures [rounds]</c>: the SQLite file store's load on a snapshot-cache miss, without BenchmarkDotNet (so
/// it fits in a minute on a shared machine). Seeds 100,000 registered cases (<see cref="StoreBenchmarks.Registration"/>)
/// into a new file, then loads them cycling (the 10,000-case cache misses every time), once per round, and prints the
/// mean time and allocation per load of each round and their median; then the same cases loaded 256 at a time through
/// <c>LoadManyAsync</c> (issue 20, item 4).
/// </summary>
public static class LoadFigures
{
    private const int CaseCount = 100_000;

    /// <summary>Runs the figures and prints one line each.</summary>
    /// <param name="rounds">How many rounds of 100,000 loads.</param>
    public static void Run(int rounds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fengqiao-loads-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var ids = new CaseId[CaseCount];
            using (var seeding = SqliteCaseStore.Open(Path.Combine(folder, "cases.db"), BusinessCalendar.ChinaNational, new SqliteCaseStoreOptions { FlushEachAppend = false }))
            {
                for (var i = 0; i < CaseCount; i++)
                {
                    var (registered, c) = StoreBenchmarks.Registration(i);
                    seeding.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
                    ids[i] = c.Id;
                }
            }

            using var store = SqliteCaseStore.Open(Path.Combine(folder, "cases.db"), BusinessCalendar.ChinaNational, new SqliteCaseStoreOptions { FlushEachAppend = false });
            Print("Load (cycling, cache misses)", Measure(rounds, () =>
            {
                foreach (var id in ids)
                {
                    _ = store.LoadAsync(id, default).AsTask().GetAwaiter().GetResult();
                }
            }));
            Print("LoadManyAsync, 256 a call (per case)", Measure(rounds, () =>
            {
                for (var i = 0; i < ids.Length; i += 256)
                {
                    _ = store.LoadManyAsync(ids[i..Math.Min(ids.Length, i + 256)], default).AsTask().GetAwaiter().GetResult();
                }
            }));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<(double Micros, double Bytes)> Measure(int rounds, Action round)
    {
        var results = new List<(double, double)>();
        for (var r = 0; r < rounds; r++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            round();
            results.Add((Stopwatch.GetElapsedTime(started).TotalMicroseconds / CaseCount, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)CaseCount));
        }

        return results;
    }

    private static void Print(string what, List<(double Micros, double Bytes)> results)
    {
        var micros = results.Select(r => r.Micros).Order().ToArray();
        var bytes = results.Select(r => r.Bytes).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: rounds [{string.Join(", ", results.Select(r => r.Micros.ToString("0.0", CultureInfo.InvariantCulture)))}] µs, median {micros[micros.Length / 2]:0.0} µs, {bytes[bytes.Length / 2] / 1024:0.0} KB a load"));
    }
}
