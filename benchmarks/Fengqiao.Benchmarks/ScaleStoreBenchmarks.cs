using System.Globalization;
using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The SQLite file store beside the PostgreSQL store at province scale, 100,000 and 1,000,000 open cases
/// (<see cref="ScaleCases"/>), in one run: append one event, load a case (cycling through every case, so the snapshot
/// caches mostly miss), list the cases due 60 hours after the first registration (8,641, whatever the size: the due
/// list is an index range scan), one page of a grid's registered cases through <see cref="ICaseListing"/> (keyset from the
/// middle of the grid), and one sweeper handling 2,000 due cases (claim — or list — load, append one event). Needs
/// <c>FENGQIAO_POSTGRES</c>. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*ScaleStoreBenchmarks*' --job short --inProcess</c>.
/// </summary>
[MemoryDiagnoser]
public class ScaleStoreBenchmarks : IDisposable
{
    private const int DuePerSweep = 2_000;
    private const int AppendPool = 20_000;
    private static readonly Instant DueBy = ScaleCases.Start + Duration.FromHours(60);
    private static readonly Instant SweepBy = Instant.FromUtc(2026, 1, 1, 0, 0);
    private ICaseStore store = null!;
    private ICaseListing listing = null!;
    private PostgreSqlSweepStore? sweeper;
    private Case[] appendable = null!;
    private CaseListingToken[] middles = null!;
    private string? folder;
    private string? database;
    private string? sqlitePath;
    private int next;
    private int round;

    /// <summary>Which store: <c>sqlite-file</c> (WAL, <c>FlushEachAppend</c> off) or <c>postgres</c>.</summary>
    [Params("sqlite-file", "postgres")]
    public string Store { get; set; } = "postgres";

    /// <summary>How many open cases the store holds.</summary>
    [ParamsSource(nameof(Sizes))]
    public int Cases { get; set; } = 100_000;

    /// <summary>The sizes to run (<see cref="ScaleCases.Sizes"/>).</summary>
    public static IEnumerable<int> Sizes => ScaleCases.Sizes();

    /// <summary>Copies the seeded template of the size and opens the store.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var calendar = BusinessCalendar.ChinaNational;
        if (Store == "postgres")
        {
            database = ScaleCases.PostgresCopy(Cases);
            var postgres = PostgreSqlCaseStore.OpenAsync(database, calendar).GetAwaiter().GetResult();
            sweeper = postgres.ForSweeper(new PostgreSqlSweepOptions { Sweeper = "bench", Clock = new FixedClock(SweepBy), BatchSize = 100 });
            store = postgres;
        }
        else
        {
            folder = BenchStores.NewFolder();
            sqlitePath = ScaleCases.SqliteCopy(Cases, folder);
            store = SqliteCaseStore.Open(sqlitePath, calendar, new SqliteCaseStoreOptions { FlushEachAppend = false });
        }

        listing = (ICaseListing)store;

        // Appends cycle through the first 20,000 cases, kept in memory; loads cycle through every case by id.
        appendable = [.. ScaleCases.All(AppendPool).Select(c => c.Case)];

        // A page from the middle of each grid's cases: the continuation is the case registered in the middle of the run.
        var middle = Cases / 2;
        middles = [.. Enumerable.Range(0, ScaleCases.Grids).Select(g =>
        {
            var i = middle - (middle % ScaleCases.Grids) + g;
            return new CaseListingToken(ScaleCases.Start + Duration.FromSeconds(10L * i), new CaseId($"case-{i}"));
        })];
        var due = store.ListDueAsync(DueBy, default).AsTask().GetAwaiter().GetResult().Count;
        Console.WriteLine($"// {Store} {Cases}: {due} cases due by {DueBy}");
    }

    /// <summary>Closes the store and drops its copy.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        BenchStores.Release(store, database, folder);
        GC.SuppressFinalize(this);
    }

    /// <summary>Appends one Supervise event (and its snapshot) to the next of the first 20,000 cases.</summary>
    [Benchmark]
    public async Task<long> AppendOne()
    {
        var i = next++ % AppendPool;
        var c = appendable[i];
        var (e, after) = BenchStores.Supervise(c, ScaleCases.Intake);
        await store.AppendAsync(c.Version, [e], after, default);
        appendable[i] = after;
        return after.Version;
    }

    /// <summary>Loads the next case in turn, through every case (the snapshot caches mostly miss).</summary>
    [Benchmark]
    public async Task<long> Load()
    {
        var i = (int)((next++ * 7_919L) % Cases);
        return (await store.LoadAsync(new CaseId($"case-{i}"), default))!.Version;
    }

    /// <summary>Lists the cases due 60 hours after the first registration.</summary>
    [Benchmark]
    public async Task<int> ListDue() => (await store.ListDueAsync(DueBy, default)).Count;

    /// <summary>One page of 50 registered cases of a grid, from the middle of its cases.</summary>
    [Benchmark]
    public async Task<int> ListPage()
    {
        var g = next++ % ScaleCases.Grids;
        var query = new CaseListingQuery { Grid = new OrgUnitId($"grid-{g}"), States = [CaseState.Registered], PageSize = 50, After = middles[g] };
        return (await listing.ListAsync(query, default)).Entries.Length;
    }

    /// <summary>Makes 2,000 random open cases due before each sweep iteration.</summary>
    [IterationSetup(Target = nameof(SweepOne))]
    public void MakeDue()
    {
        var seed = (round++).ToString(CultureInfo.InvariantCulture);
        if (database is not null)
        {
            using var connection = new Npgsql.NpgsqlConnection(database);
            connection.Open();
            using var command = new Npgsql.NpgsqlCommand(
                "UPDATE fengqiao_cases SET next_due = 0, claimed_by = NULL, claimed_until = NULL WHERE id IN (SELECT id FROM fengqiao_cases ORDER BY md5(id || $1) LIMIT $2)",
                connection);
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = seed });
            command.Parameters.Add(new Npgsql.NpgsqlParameter { Value = DuePerSweep });
            command.ExecuteNonQuery();
        }
        else
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={sqlitePath};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE cases SET next_due = 0 WHERE id IN (SELECT id FROM cases ORDER BY random() LIMIT $n)";
            command.Parameters.AddWithValue("$n", DuePerSweep);
            command.ExecuteNonQuery();
        }
    }

    /// <summary>One sweeper handles every due case: claims (PostgreSQL, batches of 100) or lists (SQLite) them, loads
    /// each and appends one event. Reported per case handled (2,000 an iteration).</summary>
    [Benchmark(OperationsPerInvoke = DuePerSweep)]
    public async Task<int> SweepOne()
    {
        var handled = 0;
        ICaseStore through = (ICaseStore?)sweeper ?? store;
        while (await through.ListDueAsync(SweepBy, default) is { Count: > 0 } ids)
        {
            foreach (var id in ids)
            {
                var c = (await through.LoadAsync(id, default))!;
                var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, ScaleCases.Intake, c.State, c.State, new CaseSupervised("督办"));
                await through.AppendAsync(c.Version, [e], c.Apply(e), default);
                handled++;
            }
        }

        return handled == DuePerSweep ? handled : throw new InvalidOperationException($"{handled} cases handled, not {DuePerSweep}.");
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
