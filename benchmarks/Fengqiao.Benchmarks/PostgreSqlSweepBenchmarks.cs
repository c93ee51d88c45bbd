using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using NodaTime;
using Npgsql;

namespace Fengqiao.Benchmarks;

/// <summary>
/// Sweep throughput on PostgreSQL with 1, 2 and 4 sweepers, each on its own store (connection pool) as separate nodes
/// would be, over 100,000 or 1,000,000 open cases (<see cref="ScaleCases"/>): before each iteration 2,000 random cases are
/// made due; the sweepers claim them in batches of 100 (<c>FOR UPDATE SKIP LOCKED</c>), load each and append one event
/// (which releases the claim), until none is left. The figure is per case handled. Needs <c>FENGQIAO_POSTGRES</c>. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*PostgreSqlSweep*' --job short --invocationCount 1 --unrollFactor 1</c>.
/// </summary>
[MemoryDiagnoser]
public class PostgreSqlSweepBenchmarks : IDisposable
{
    private const int DuePerIteration = 2_000;
    private static readonly Instant DueBy = Instant.FromUtc(2026, 1, 1, 0, 0);
    private static readonly CaseActor Leader = CaseActor.Staff(new ActorId("leader"), new OrgUnitId("centre"));
    private readonly List<(PostgreSqlCaseStore Node, PostgreSqlSweepStore Sweep)> nodes = [];
    private string database = "";
    private int round;

    /// <summary>How many open cases the database holds (<see cref="ScaleCases"/>, seeded once with COPY).</summary>
    [ParamsSource(nameof(Sizes))]
    public int Cases { get; set; } = 100_000;

    /// <summary>The sizes to run (<see cref="ScaleCases.Sizes"/>).</summary>
    public static IEnumerable<int> Sizes => ScaleCases.Sizes();

    /// <summary>How many sweepers sweep at once.</summary>
    [Params(1, 2, 4)]
    public int Sweepers { get; set; } = 1;

    /// <summary>Copies the seeded database of the size and opens one store per sweeper.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var calendar = BusinessCalendar.ChinaNational;
        database = ScaleCases.PostgresCopy(Cases);
        for (var i = 0; i < Sweepers; i++)
        {
            var node = PostgreSqlCaseStore.OpenAsync(database, calendar).GetAwaiter().GetResult();
            nodes.Add((node, node.ForSweeper(new PostgreSqlSweepOptions { Sweeper = $"bench-{i}", Clock = new FixedClock(DueBy), BatchSize = 100 })));
        }
    }

    /// <summary>Makes 2,000 random open cases due (their next due instant set before <c>DueBy</c>).</summary>
    [IterationSetup]
    public void MakeDue()
    {
        using var connection = new NpgsqlConnection(database);
        connection.Open();
        using var command = new NpgsqlCommand(
            "UPDATE fengqiao_cases SET next_due = 0, claimed_by = NULL, claimed_until = NULL WHERE id IN (SELECT id FROM fengqiao_cases ORDER BY md5(id || $1) LIMIT $2)",
            connection);
        command.Parameters.Add(new NpgsqlParameter { Value = (round++).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        command.Parameters.Add(new NpgsqlParameter { Value = DuePerIteration });
        command.ExecuteNonQuery();
    }

    /// <summary>All sweepers at once until no due case is left; returns how many cases were handled.</summary>
    [Benchmark(OperationsPerInvoke = DuePerIteration)]
    public async Task<int> SweepDueCases()
    {
        var handled = await Task.WhenAll(nodes.Select(n => Task.Run(() => SweepAsync(n.Sweep))));
        var total = handled.Sum();
        return total == DuePerIteration ? total : throw new InvalidOperationException($"{total} cases handled, not {DuePerIteration}.");
    }

    /// <summary>Closes the stores and drops the copy.</summary>
    [GlobalCleanup]
    public void Dispose()
    {
        foreach (var (node, _) in nodes)
        {
            node.Dispose();
        }

        PostgresBench.Drop(database);
        GC.SuppressFinalize(this);
    }

    private static async Task<int> SweepAsync(PostgreSqlSweepStore sweep)
    {
        var handled = 0;
        while (await sweep.ListDueAsync(DueBy, default) is { Count: > 0 } ids)
        {
            foreach (var id in ids)
            {
                var c = (await sweep.LoadAsync(id, default))!;
                var e = new CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised("督办"));
                await sweep.AppendAsync(c.Version, [e], c.Apply(e), default);
                handled++;
            }
        }

        return handled;
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
