using System.Diagnostics;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Benchmarks;

/// <summary>
/// <c>--load-figures [rounds] [events] [cases]</c>: the SQLite file store's load on a snapshot-cache miss, without
/// BenchmarkDotNet (so it fits in minutes on a shared machine). For each way of keeping snapshots — none (every load
/// replays the events, as before schema 9), one written by every append (the default), one every 4, 8 and 16 versions
/// (<see cref="SqliteCaseStoreOptions.SnapshotInterval"/>) — seeds
/// <c>cases</c> registered cases (<see cref="StoreBenchmarks.Registration"/>, 100,000 by default) into a new file and
/// appends <c>events − 1</c> Supervise events to each (one append each), timing the appends; prints the file's bytes
/// per case (and the snapshot bodies' share); then loads the cases cycling (the 10,000-case cache
/// misses every time), once per round, and prints the mean time and allocation per load of each round and their
/// median, and the same through <c>LoadManyAsync</c>, 256 a call.
/// </summary>
public static class LoadFigures
{
    private static readonly CaseActor Actor = CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre"));

    /// <summary>Runs the figures and prints one line each.</summary>
    /// <param name="rounds">How many rounds of loads.</param>
    /// <param name="events">Events per case (1: registered only, as the issue's figure).</param>
    /// <param name="cases">How many cases.</param>
    public static void Run(int rounds, int events = 1, int cases = 100_000)
    {
        var folder = Path.Combine(Path.GetTempPath(), "fengqiao-loads-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{cases:N0} cases of {events} events, SQLite file, FlushEachAppend off"));
            foreach (var (name, interval) in new[] { ("no snapshots (replay, as schema 7)", 0), ("snapshot every append", 1), ("snapshot every 4 versions", 4), ("snapshot every 8 versions", 8), ("snapshot every 16 versions", 16) })
            {
                var path = Path.Combine(folder, $"cases-{interval}.db");
                var options = new SqliteCaseStoreOptions { FlushEachAppend = false, SnapshotInterval = interval };
                var ids = new CaseId[cases];
                double registerMicros, appendMicros = 0;
                using (var seeding = SqliteCaseStore.Open(path, BusinessCalendar.ChinaNational, options))
                {
                    var current = new Case[cases];
                    var started = Stopwatch.GetTimestamp();
                    for (var i = 0; i < cases; i++)
                    {
                        var (registered, c) = StoreBenchmarks.Registration(i);
                        seeding.AppendAsync(0, [registered], c, default).AsTask().GetAwaiter().GetResult();
                        ids[i] = c.Id;
                        current[i] = c;
                    }

                    registerMicros = Stopwatch.GetElapsedTime(started).TotalMicroseconds / cases;
                    started = Stopwatch.GetTimestamp();
                    for (var k = 1; k < events; k++)
                    {
                        for (var i = 0; i < cases; i++)
                        {
                            var (e, after) = BenchStores.Supervise(current[i], Actor);
                            seeding.AppendAsync(current[i].Version, [e], after, default).AsTask().GetAwaiter().GetResult();
                            current[i] = after;
                        }
                    }

                    if (events > 1)
                    {
                        appendMicros = Stopwatch.GetElapsedTime(started).TotalMicroseconds / ((events - 1) * (double)cases);
                    }
                }

                var (fileBytes, snapshotBytes) = Bytes(path);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{name}: register {registerMicros:0.0} µs, append {appendMicros:0.0} µs; file {fileBytes / (double)cases:0} B a case (snapshot bodies {snapshotBytes / (double)cases:0} B)"));
                using var store = SqliteCaseStore.Open(path, BusinessCalendar.ChinaNational, options);
                Print($"  {name}: Load (cycling, cache misses)", cases, Measure(rounds, cases, () =>
                {
                    foreach (var id in ids)
                    {
                        _ = store.LoadAsync(id, default).AsTask().GetAwaiter().GetResult();
                    }
                }));
                Print($"  {name}: LoadManyAsync, 256 a call (per case)", cases, Measure(rounds, cases, () =>
                {
                    for (var i = 0; i < ids.Length; i += 256)
                    {
                        _ = store.LoadManyAsync(ids[i..Math.Min(ids.Length, i + 256)], default).AsTask().GetAwaiter().GetResult();
                    }
                }));
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>The file's size (after the store closed, so the WAL is checkpointed) and the snapshot bodies' bytes.</summary>
    private static (long File, long Snapshots) Bytes(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT coalesce(sum(length(body)), 0) FROM snapshots";
        var snapshots = Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
        return (new FileInfo(path).Length, snapshots);
    }

    private static List<(double Micros, double Bytes)> Measure(int rounds, int cases, Action round)
    {
        var results = new List<(double, double)>();
        for (var r = 0; r < rounds; r++)
        {
            var bytes = GC.GetAllocatedBytesForCurrentThread();
            var started = Stopwatch.GetTimestamp();
            round();
            results.Add((Stopwatch.GetElapsedTime(started).TotalMicroseconds / cases, (GC.GetAllocatedBytesForCurrentThread() - bytes) / (double)cases));
        }

        return results;
    }

    private static void Print(string what, int cases, List<(double Micros, double Bytes)> results)
    {
        var micros = results.Select(r => r.Micros).Order().ToArray();
        var bytes = results.Select(r => r.Bytes).Order().ToArray();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: rounds [{string.Join(", ", results.Select(r => r.Micros.ToString("0.0", CultureInfo.InvariantCulture)))}] µs, median {micros[micros.Length / 2]:0.0} µs, {bytes[bytes.Length / 2] / 1024:0.0} KB a load ({cases:N0} cases)"));
    }
}
