using System.Diagnostics;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using Fengqiao.Testing;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// <c>--scale-sweep-figures [runs]</c>: the issue's sweep figure at full size, without BenchmarkDotNet (its in-process
/// runner gives up on a set-up that copies a 1,000,000-case file). For each size in <c>FENGQIAO_BENCH_CASES</c>
/// (<see cref="ScaleCases.Sizes"/>: 100,000 and 1,000,000 by default) it takes the province-scale cases
/// (<see cref="ScaleCases"/>), seeded once into a template file of its own (<c>fengqiao-bench-sweep-N.db</c>, so a
/// template another branch's schema wrote is never opened), finds the instant by which 1 % of them are due, and then,
/// each run: copies the template, opens it with the store's defaults (WAL, <c>synchronous=FULL</c>; integrity check off),
/// builds a desk with the escalation policy installed (evaluated on every due case; a registered case that nobody holds
/// gives it nothing to do) and times one <see cref="CaseDesk.SweepAsync"/>. Prints each run and the median.
/// With <c>FENGQIAO_SWEEP_POLICY=act</c> a policy that decides from the case alone (Fengqiao.Testing's <see cref="SuperviseOnStagePolicy"/>)
/// also acts on every due case: one 督办 note each, so each due case gets two events. With
/// <c>FENGQIAO_SWEEP_SYNC=normal</c> the store is opened with <c>FlushEachAppend</c> off (<c>synchronous=NORMAL</c>: a
/// commit waits for no fsync, a checkpoint still does), to tell the commits' flushes from the rest.
/// <c>FENGQIAO_SWEEP_WAL_PAGES=N</c> sets <see cref="SqliteCaseStoreOptions.WalCheckpointPages"/> (1000: SQLite's own
/// default, as before it was an option), <c>FENGQIAO_SWEEP_CACHE_KIB=N</c> the writing connection's page cache and
/// <c>FENGQIAO_SWEEP_SNAPSHOT_INTERVAL=N</c> the store's snapshot interval (the sweep's steps then write a snapshot only
/// when a case's version reaches a multiple of N).
/// Each run prints its wall time and the process's CPU time (user + system, every thread) over the sweep, the store's
/// commits and the time in their <c>COMMIT</c> statements, and how many due cases were replayed from events (none on a
/// template whose cases all have a current snapshot). <c>FENGQIAO_SWEEP_PHASES=1</c> also times the sweep's calls on
/// the store (<see cref="PhaseTimedStore"/>: due list, batch loads, group commits; the rest is the desk's own steps and
/// the policies). Each copy is flushed to the disk before the sweep is timed (<c>FENGQIAO_SWEEP_COPY_AT_REST=0</c>: not,
/// as before session 10), so the sweep's first checkpoint does not wait for the operating system to write the copy.
/// </summary>
public static class ScaleSweepFigures
{
    /// <summary>Runs the figures and prints one line per size.</summary>
    /// <param name="runs">Sweeps per size, each on a fresh copy.</param>
    public static void Run(int runs)
    {
        var acting = Environment.GetEnvironmentVariable("FENGQIAO_SWEEP_POLICY") == "act";
        var phases = Environment.GetEnvironmentVariable("FENGQIAO_SWEEP_PHASES") == "1";
        var atRest = Environment.GetEnvironmentVariable("FENGQIAO_SWEEP_COPY_AT_REST") != "0";
        var flush = Environment.GetEnvironmentVariable("FENGQIAO_SWEEP_SYNC") != "normal";
        var options = new SqliteCaseStoreOptions { CheckIntegrityOnOpen = false, FlushEachAppend = flush };
        if (int.TryParse(Environment.GetEnvironmentVariable("FENGQIAO_SWEEP_WAL_PAGES"), CultureInfo.InvariantCulture, out var walPages))
        {
            options = new SqliteCaseStoreOptions { CheckIntegrityOnOpen = false, FlushEachAppend = flush, WalCheckpointPages = walPages, WriteCacheKiB = options.WriteCacheKiB };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("FENGQIAO_SWEEP_CACHE_KIB"), CultureInfo.InvariantCulture, out var cacheKiB))
        {
            options = new SqliteCaseStoreOptions { CheckIntegrityOnOpen = false, FlushEachAppend = flush, WalCheckpointPages = options.WalCheckpointPages, WriteCacheKiB = cacheKiB };
        }

        if (int.TryParse(Environment.GetEnvironmentVariable("FENGQIAO_SWEEP_SNAPSHOT_INTERVAL"), CultureInfo.InvariantCulture, out var interval))
        {
            options = new SqliteCaseStoreOptions
            {
                CheckIntegrityOnOpen = false, FlushEachAppend = flush, WalCheckpointPages = options.WalCheckpointPages, WriteCacheKiB = options.WriteCacheKiB,
                SnapshotInterval = interval,
            };
        }

        var setting = string.Create(CultureInfo.InvariantCulture, $"wal {options.WalCheckpointPages} pages, write cache {options.WriteCacheKiB} KiB, snapshot interval {options.SnapshotInterval}");
        foreach (var size in ScaleCases.Sizes())
        {
            var dueCount = size / 100;
            var dues = ScaleCases.All(size).Select(c => c.Case.NextDueAt!.Value).Order().ToArray();
            var sweepAt = dues[dueCount - 1];
            var expected = dues.Count(d => d <= sweepAt);
            var folder = BenchStores.NewFolder();
            try
            {
                var times = new List<double>();
                var cpus = new List<double>();
                for (var r = 0; r < runs; r++)
                {
                    var path = ScaleCases.SqliteCopy(size, folder, $"fengqiao-bench-sweep-{size}.db");
                    if (atRest)
                    {
                        // The copy's pages reach the disk before the clock starts: otherwise the sweep's first checkpoint
                        // (its fsync of the file) waits for the operating system to write the whole copy, a cost of the
                        // set-up that a store at rest does not pay.
                        using var copy = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
                        copy.Flush(flushToDisk: true);
                    }

                    using (var store = SqliteCaseStore.Open(path, BusinessCalendar.ChinaNational, options))
                    {
                        var timed = phases ? new PhaseTimedStore(store) : null;
                        var desk = Desk(timed ?? (ICaseStore)store, sweepAt, acting);
                        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
                        var started = Stopwatch.GetTimestamp();
                        var result = desk.SweepAsync(sweepAt).GetAwaiter().GetResult();
                        times.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                        cpus.Add((Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds);
                        if (result.CasesSwept != expected || !result.Conflicts.IsEmpty || !result.PolicyFailures.IsEmpty)
                        {
                            throw new InvalidOperationException(
                                $"swept {result.CasesSwept} (expected {expected}), {result.Conflicts.Length} conflicts, {result.PolicyFailures.Length} policy failures");
                        }

                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"//   run {r + 1}: {times[^1]:0} ms (process CPU {cpus[^1]:0} ms), {result.CasesSwept} cases, {result.EventsAppended} events, {store.Commits} commits ({Stopwatch.GetElapsedTime(0, store.CommitTicks).TotalMilliseconds:0} ms in COMMIT), {store.CasesReplayed} cases replayed, {store.SnapshotTailsRead} folded from an older snapshot, {store.ListingRowsSkipped} listing rows left as they were, wal {WalBytes(path)} B after the sweep"));
                        if (timed is not null)
                        {
                            Console.WriteLine("//     " + timed.Report(times[^1]));
                        }
                    }

                    foreach (var suffix in new[] { "", "-wal", "-shm" })
                    {
                        File.Delete(path + suffix);
                    }
                }

                var sorted = times.Order().ToArray();
                var median = sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
                var sortedCpu = cpus.Order().ToArray();
                var medianCpu = sortedCpu.Length % 2 == 1 ? sortedCpu[sortedCpu.Length / 2] : (sortedCpu[(sortedCpu.Length / 2) - 1] + sortedCpu[sortedCpu.Length / 2]) / 2;
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"sqlite-file{(flush ? "" : " (synchronous=NORMAL)")}{(acting ? ", a policy acting on each" : "")} ({setting}): sweep {expected} due of {size}: [{string.Join(", ", times.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}] ms, median {median:0} ms; process CPU [{string.Join(", ", cpus.Select(t => t.ToString("0", CultureInfo.InvariantCulture)))}] ms, median {medianCpu:0} ms"));
            }
            finally
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static long WalBytes(string path) => File.Exists(path + "-wal") ? new FileInfo(path + "-wal").Length : 0;

    private static CaseDesk Desk(ICaseStore store, Instant now, bool acting)
    {
        var tree = new OrgTreeBuilder().AddUnit(new OrgUnitId("centre"), "综治中心", OrgUnitKind.CommandCentre).Build();
        var options = new CaseDeskOptions
        {
            SlaPolicy = SlaPolicies.Urumqi1351,
            Calendar = BusinessCalendar.ChinaNational,
            Store = store,
            Clock = new FixedClock(now),
            Directory = tree,
            QueryCodeKey = BenchmarkKeys.QueryCodes,
        };
        if (acting)
        {
            options.Policies.Add(new SuperviseOnStagePolicy());
        }

        options.Policies.Add(new EscalationCasePolicy(tree, BuiltInLadders.Default));
        return new CaseDesk(options);
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
