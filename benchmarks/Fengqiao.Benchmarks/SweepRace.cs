using System.Diagnostics;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;
using Npgsql;

namespace Fengqiao.Benchmarks;

/// <summary>
/// Sweep throughput with N sweeper <em>processes</em> over one database, outside BenchmarkDotNet (whose in-process
/// set-up limit stopped the durable-server run, and whose one process cannot show nodes that share nothing but the
/// database). Each run copies the seeded template of <c>cases</c> open cases (<see cref="ScaleCases"/>), makes
/// <c>due</c> random cases due, starts N child processes of this program (<c>sweep-node</c>), lets each open its store,
/// then tells them all to go at once and times them until the last has finished. Afterwards it counts the events in the
/// database: every due case must hold exactly one event more (0 missed, 0 double actions) and no other case any.
/// </summary>
/// <remarks>
/// <para>A sweeper node claims (PostgreSQL: <see cref="PostgreSqlSweepStore.ListDueAsync"/>, <c>FOR UPDATE SKIP LOCKED</c>,
/// 100 a claim) or lists (SQLite: the whole due list; the file store has no claims), loads the batch in one call
/// (<see cref="ICaseBatchLoad.LoadManyAsync"/>), and appends one supervision (督办) event to each through group commit
/// (<see cref="ICaseGroupCommit.AppendGroupAsync"/>), which moves the case's due instant on and releases its claim —
/// the store's side of a desk sweep, without the desk's clock and policy work (the same for every store).</para>
/// <para>Run: <c>Fengqiao.Benchmarks sweep-race postgres|sqlite CASES DUE SWEEPERS RUNS</c> (PostgreSQL needs
/// <c>FENGQIAO_POSTGRES</c>; seed the templates ahead with <c>seed-scale</c>). One line per run, then the median.</para>
/// </remarks>
internal static class SweepRace
{
    private static readonly Instant DueBy = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly CaseActor Leader = CaseActor.Staff(new ActorId("leader"), new OrgUnitId("centre"));

    public static void Run(string store, int cases, int due, int sweepers, int runs)
    {
        var walls = new List<double>();
        for (var run = 0; run < runs; run++)
        {
            var folder = store == "sqlite" ? BenchStores.NewFolder() : null;
            var target = store == "postgres" ? ScaleCases.PostgresCopy(cases) : ScaleCases.SqliteCopy(cases, folder!);
            try
            {
                var dueIds = MakeDue(store, target, due, run);
                var (wall, handled, conflicts, costs) = Race(store, target, sweepers);
                var (once, twice, missed, strays) = Count(store, target, dueIds);
                walls.Add(wall);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{store} cases={cases} due={due} sweepers={sweepers} run={run + 1}: {wall:F0} ms, {due / wall * 1000:F0} cases/s; " +
                    $"handled {handled}, conflicts {conflicts}; acted once {once}, double actions {twice + strays}, missed {missed}; {costs}; load {Load()}"));
                if (twice + strays + missed > 0 || once != due)
                {
                    throw new InvalidOperationException($"The sweep was not exactly once: {once} once, {twice} twice or more, {strays} events on cases not due, {missed} missed.");
                }
            }
            finally
            {
                if (store == "postgres")
                {
                    PostgresBench.Drop(target);
                }
                else
                {
                    SqliteConnection.ClearAllPools();
                    Directory.Delete(folder!, recursive: true);
                }
            }
        }

        var median = walls.Order().ElementAt(walls.Count / 2);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"MEDIAN {store} cases={cases} due={due} sweepers={sweepers}: {median:F0} ms, {due / median * 1000:F0} cases/s (runs: {string.Join(", ", walls.Select(w => w.ToString("F0", CultureInfo.InvariantCulture)))} ms)"));
    }

    /// <summary>One sweeper node: opens its store, says <c>ready</c>, waits for a line on standard input, sweeps until
    /// nothing is left to claim, and prints <c>done HANDLED CONFLICTS</c>.</summary>
    public static void Node(string store, string target, string name)
    {
        var calendar = BusinessCalendar.ChinaNational;
        ICaseStore opened;
        ICaseStore sweep;
        if (store == "postgres")
        {
            var postgres = PostgreSqlCaseStore.OpenAsync(target, calendar).GetAwaiter().GetResult();
            opened = postgres;
            sweep = postgres.ForSweeper(new PostgreSqlSweepOptions { Sweeper = name, Clock = new FixedClock(DueBy), BatchSize = 100 });
        }
        else
        {
            // The defaults (WAL, synchronous=FULL: every commit waits for its fsync), but no integrity check at open.
            opened = sweep = SqliteCaseStore.Open(target, calendar, new SqliteCaseStoreOptions { CheckIntegrityOnOpen = false });
        }

        Console.WriteLine("ready");
        _ = Console.ReadLine();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var (handled, conflicts) = SweepAsync(sweep).GetAwaiter().GetResult();
        cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        if (sweep is PostgreSqlSweepStore claims)
        {
            claims.ReleaseAsync().GetAwaiter().GetResult();
        }

        (opened as IDisposable)?.Dispose();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done {handled} {conflicts} {cpu.TotalMilliseconds:F0}"));
    }

    private static async Task<(int Handled, int Conflicts)> SweepAsync(ICaseStore sweep)
    {
        var batches = (ICaseBatchLoad)sweep;
        var grouping = (ICaseGroupCommit)sweep;
        var handled = 0;
        var conflicts = 0;
        while (await sweep.ListDueAsync(DueBy, default) is { Count: > 0 } ids)
        {
            foreach (var chunk in ids.Chunk(256))
            {
                var loaded = await batches.LoadManyAsync(chunk, default);
                var appends = new List<CaseAppend>(chunk.Length);
                foreach (var c in loaded)
                {
                    if (c is null || c.Version > 1)
                    {
                        // Acted on by another node since it was listed (every seeded case is at version 1; the due
                        // instant forced into the column is not the one the case's own clocks give, so it cannot tell).
                        continue;
                    }

                    var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised("督办"));
                    appends.Add(new CaseAppend(c.Version, [e], c.Apply(e)));
                }

                var outcomes = await grouping.AppendGroupAsync(appends, default);
                foreach (var outcome in outcomes)
                {
                    switch (outcome)
                    {
                        case null:
                            handled++;
                            break;
                        case ConcurrencyConflictException:
                            conflicts++;
                            break;
                        default:
                            throw outcome;
                    }
                }
            }
        }

        return (handled, conflicts);
    }

    private static (double WallMs, int Handled, int Conflicts, string Costs) Race(string store, string target, int sweepers)
    {
        var nodes = new List<Process>();
        try
        {
            for (var i = 0; i < sweepers; i++)
            {
                var start = new ProcessStartInfo(Environment.ProcessPath!)
                {
                    RedirectStandardInput = true,
                    RedirectStandardOutput = true,
                    UseShellExecute = false,
                };
                foreach (var arg in new[] { "sweep-node", store, target, $"node-{i}" })
                {
                    start.ArgumentList.Add(arg);
                }

                var node = Process.Start(start)!;
                nodes.Add(node);
            }

            foreach (var node in nodes)
            {
                Expect(node.StandardOutput.ReadLine(), "ready", node);
            }

            var server = Server.Read(store, target);
            var clock = Stopwatch.StartNew();
            foreach (var node in nodes)
            {
                node.StandardInput.WriteLine("go");
                node.StandardInput.Flush();
            }

            var handled = 0;
            var conflicts = 0;
            var clientCpu = 0.0;
            foreach (var node in nodes)
            {
                var done = (node.StandardOutput.ReadLine() ?? "").Split(' ');
                Expect(done[0], "done", node);
                handled += int.Parse(done[1], CultureInfo.InvariantCulture);
                conflicts += int.Parse(done[2], CultureInfo.InvariantCulture);
                clientCpu += double.Parse(done[3], CultureInfo.InvariantCulture);
            }

            var wall = clock.Elapsed.TotalMilliseconds;
            foreach (var node in nodes)
            {
                node.WaitForExit();
            }

            var costs = string.Create(CultureInfo.InvariantCulture, $"sweepers' cpu {clientCpu:F0} ms") + (Server.Read(store, target)?.Since(server) ?? "");
            return (wall, handled, conflicts, costs);
        }
        finally
        {
            foreach (var node in nodes)
            {
                if (!node.HasExited)
                {
                    node.Kill();
                }

                node.Dispose();
            }
        }
    }

    private static void Expect(string? line, string expected, Process node)
    {
        if (line != expected)
        {
            throw new InvalidOperationException($"Sweeper process {node.Id} said '{line}', not '{expected}' (its error output is on the console above).");
        }
    }

    private static string[] MakeDue(string store, string target, int due, int run)
    {
        var ids = new List<string>();
        if (store == "postgres")
        {
            using var connection = new NpgsqlConnection(target);
            connection.Open();
            using var command = new NpgsqlCommand(
                "UPDATE fengqiao_cases SET next_due = 0 WHERE id IN (SELECT id FROM fengqiao_cases ORDER BY md5(id || $1) LIMIT $2) RETURNING id", connection)
            {
                CommandTimeout = 600,
            };
            command.Parameters.Add(new NpgsqlParameter { Value = run.ToString(CultureInfo.InvariantCulture) });
            command.Parameters.Add(new NpgsqlParameter { Value = due });
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }
        else
        {
            using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE cases SET next_due = 0 WHERE id IN (SELECT id FROM cases ORDER BY random() LIMIT $due) RETURNING id";
            command.Parameters.AddWithValue("$due", due);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                ids.Add(reader.GetString(0));
            }
        }

        return ids.Count == due ? [.. ids] : throw new InvalidOperationException($"{ids.Count} cases made due, not {due}.");
    }

    /// <summary>Counts, among the due cases, those with exactly one event more than their registration, those with more,
    /// and those with none; and the cases not due that gained an event.</summary>
    private static (long Once, long Twice, long Missed, long Strays) Count(string store, string target, string[] dueIds)
    {
        if (store == "postgres")
        {
            using var connection = new NpgsqlConnection(target);
            connection.Open();
            using var command = new NpgsqlCommand(
                "SELECT count(*) FILTER (WHERE d AND n = 2), count(*) FILTER (WHERE d AND n > 2), count(*) FILTER (WHERE d AND n < 2), count(*) FILTER (WHERE NOT d AND n > 1) " +
                "FROM (SELECT c.id = ANY($1) AS d, (SELECT count(*) FROM fengqiao_events e WHERE e.case_id = c.id) AS n FROM fengqiao_cases c " +
                "WHERE c.version > 1 OR c.id = ANY($1)) x", connection)
            {
                CommandTimeout = 600,
            };
            command.Parameters.Add(new NpgsqlParameter { Value = dueIds });
            using var reader = command.ExecuteReader();
            reader.Read();
            return (reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        using var file = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString());
        file.Open();
        using var query = file.CreateCommand();
        query.CommandText =
            "SELECT count(*) FILTER (WHERE d AND n = 2), count(*) FILTER (WHERE d AND n > 2), count(*) FILTER (WHERE d AND n < 2), count(*) FILTER (WHERE NOT d AND n > 1) " +
            "FROM (SELECT c.id IN (SELECT value FROM json_each($due)) AS d, (SELECT count(*) FROM events e WHERE e.case_id = c.id) AS n FROM cases c " +
            "WHERE c.version > 1 OR c.id IN (SELECT value FROM json_each($due)))";
        query.Parameters.AddWithValue("$due", System.Text.Json.JsonSerializer.Serialize(dueIds));
        using var rows = query.ExecuteReader();
        rows.Read();
        return (rows.GetInt64(0), rows.GetInt64(1), rows.GetInt64(2), rows.GetInt64(3));
    }

    private static string Load() =>
        File.Exists("/proc/loadavg") ? string.Join(" ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The server's side, read before and after a PostgreSQL race: the CPU of the server's processes (with
    /// <c>FENGQIAO_BENCH_SERVER_PID</c>, the postmaster's id: its own, its live children's and its reaped children's
    /// time, from <c>/proc</c>), the WAL flushes (<c>pg_stat_wal</c>; their time needs <c>track_wal_io_timing</c>) and the commits.</summary>
    private sealed record Server(double CpuMs, long WalSyncs, double WalSyncMs, long WalBytes, long Commits)
    {
        public static Server? Read(string store, string target)
        {
            if (store != "postgres")
            {
                return null;
            }

            using var connection = new NpgsqlConnection(target);
            connection.Open();
            using var command = new NpgsqlCommand(
                "SELECT wal_sync, wal_sync_time, wal_bytes::bigint, (SELECT sum(xact_commit)::bigint FROM pg_stat_database) FROM pg_stat_wal", connection);
            using var reader = command.ExecuteReader();
            reader.Read();
            return new Server(ServerCpuMs(), reader.GetInt64(0), reader.GetDouble(1), reader.GetInt64(2), reader.GetInt64(3));
        }

        public string Since(Server? before) => this is { } after && before is not null
            ? string.Create(CultureInfo.InvariantCulture,
                $", server cpu {after.CpuMs - before.CpuMs:F0} ms, WAL flushes {after.WalSyncs - before.WalSyncs} ({after.WalSyncMs - before.WalSyncMs:F0} ms), WAL {(after.WalBytes - before.WalBytes) / 1024 / 1024} MB, commits {after.Commits - before.Commits}")
            : "";

        private static double ServerCpuMs()
        {
            if (!int.TryParse(Environment.GetEnvironmentVariable("FENGQIAO_BENCH_SERVER_PID"), CultureInfo.InvariantCulture, out var postmaster))
            {
                return double.NaN;
            }

            long ticks = 0;
            foreach (var dir in Directory.EnumerateDirectories("/proc"))
            {
                if (!int.TryParse(Path.GetFileName(dir), CultureInfo.InvariantCulture, out var pid))
                {
                    continue;
                }

                try
                {
                    // Fields after the command's closing parenthesis: state ppid … utime(14) stime(15) cutime(16) cstime(17).
                    var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    var f = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    var ppid = int.Parse(f[1], CultureInfo.InvariantCulture);
                    if (pid == postmaster)
                    {
                        ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
                            + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
                    }
                    else if (ppid == postmaster)
                    {
                        ticks += long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture);
                    }
                }
                catch (IOException)
                {
                    // The process ended meanwhile: its time is in the postmaster's reaped children's.
                }
            }

            return ticks * 10.0; // USER_HZ = 100
        }
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
