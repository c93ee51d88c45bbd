using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using Fengqiao.Storage.PostgreSql;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// The open cases of the province-scale store benchmarks: case <c>i</c> is registered <c>10 × i</c> seconds after Monday
/// 2 November 2026, 09:00 Beijing, in grid <c>grid-(i mod 200)</c>, with its own phone number and a query code drawn
/// from a seeded generator, so every run (and every seeded template) holds the same cases. Seeded templates are kept
/// per size (PostgreSQL: a template database; SQLite: a file under the temporary folder) and copied for each run.
/// </summary>
internal static class ScaleCases
{
    public const int Grids = 200;
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);
    public static readonly CaseActor Intake = CaseActor.Staff(new ActorId("d1"), new OrgUnitId("centre"));
    private static readonly CaseSlaTerms Terms = new(
        "bench", TimeLimit.WorkingDays(3), TimeLimit.WorkingHours(4), TimeLimit.WorkingDays(1), TimeLimit.WorkingDays(2),
        [WarningThreshold.AfterFraction("yellow", 0.5), WarningThreshold.BeforeDeadline("red", Duration.FromHours(4))]);

    /// <summary>The sizes to run: 100,000 and 1,000,000 open cases, or the comma-separated list in
    /// <c>FENGQIAO_BENCH_CASES</c> (for example <c>100000</c>, to run one size per process).</summary>
    public static IEnumerable<int> Sizes() =>
        Environment.GetEnvironmentVariable("FENGQIAO_BENCH_CASES") is { Length: > 0 } sizes
            ? sizes.Split(',').Select(s => int.Parse(s, System.Globalization.CultureInfo.InvariantCulture))
            : [100_000, 1_000_000];

    public static OrgUnitId Grid(int i) => new($"grid-{i % Grids}");

    /// <summary>Cases 0 to <paramref name="count"/> − 1, each as its registration event and the case after it.</summary>
    public static IEnumerable<(CaseEvent Registered, Case Case)> All(int count)
    {
        var codes = new QueryCodeGenerator(new SeededRandom(20261102));
        for (var i = 0; i < count; i++)
        {
            var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid(i)),
                new Reporter("张三", $"13{i:000000000}"), "楼上漏水");
            var registered = new CaseEvent(new CaseId($"case-{i}"), 1, Start + Duration.FromSeconds(10L * i), Intake,
                CaseState.Registered, CaseState.Registered, new CaseRegistration(report, BenchmarkKeys.QueryCodes.Digest(codes.Next()), "fengqiao-default/1", Terms));
            yield return (registered, Case.Register(registered, BusinessCalendar.ChinaNational));
        }
    }

    /// <summary>Seeds the PostgreSQL and SQLite templates of a size ahead of a run: BenchmarkDotNet's in-process
    /// toolchain stops a benchmark whose set-up runs past its time limit, and a million cases take longer than that to
    /// seed on a loaded machine. Run: <c>… Fengqiao.Benchmarks -- seed-scale all|postgres|sqlite 1000000</c>.</summary>
    public static void SeedTemplates(string stores, int count)
    {
        if (stores is "all" or "postgres")
        {
            PostgresBench.Drop(PostgresCopy(count));
        }

        if (stores is not ("all" or "sqlite"))
        {
            return;
        }

        var folder = Path.Combine(Path.GetTempPath(), "fengqiao-bench-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        SqliteCopy(count, folder);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>A fresh PostgreSQL database holding <paramref name="count"/> open cases (seeded once with COPY).</summary>
    public static string PostgresCopy(int count) => PostgresBench.CopyOf($"fq_bench_scale_{count}", db =>
    {
        using var seeding = PostgreSqlCaseStore.OpenAsync(db, BusinessCalendar.ChinaNational).GetAwaiter().GetResult();
        seeding.ImportAsync(All(count).Select(c => ((IReadOnlyList<CaseEvent>)[c.Registered], c.Case)), 20_000, default).GetAwaiter().GetResult();
        using var connection = new Npgsql.NpgsqlConnection(db);
        connection.Open();
        using var analyze = new Npgsql.NpgsqlCommand("ANALYZE", connection);
        analyze.ExecuteNonQuery();
    });

    /// <summary>A fresh SQLite file (in <paramref name="folder"/>) holding <paramref name="count"/> open cases; the template
    /// is seeded once through the store's group commit (WAL, <c>FlushEachAppend</c> off; 500 registrations a transaction) and copied.
    /// <paramref name="templateName"/> names the template file under the temporary folder (default <c>fengqiao-bench-scale-N.db</c>).</summary>
    public static string SqliteCopy(int count, string folder, string? templateName = null)
    {
        var template = Path.Combine(Path.GetTempPath(), templateName ?? $"fengqiao-bench-scale-{count}.db");
        if (!File.Exists(template))
        {
            var partial = template + ".partial";
            File.Delete(partial);
            using (var seeding = SqliteCaseStore.Open(partial, BusinessCalendar.ChinaNational, new SqliteCaseStoreOptions { FlushEachAppend = false }))
            {
                // Group commit, 500 registrations a transaction: the rows an append writes, in a fraction of the time.
                foreach (var chunk in All(count).Chunk(500))
                {
                    var outcomes = seeding.AppendGroupAsync([.. chunk.Select(c => new CaseAppend(0, [c.Registered], c.Case))], default).AsTask().GetAwaiter().GetResult();
                    if (outcomes.FirstOrDefault(o => o is not null) is { } refused)
                    {
                        throw new InvalidOperationException($"Seeding the {count}-case template refused a case: {refused.Message}", refused);
                    }
                }
            }

            File.Move(partial, template);
        }

        var copy = Path.Combine(folder, "cases.db");
        File.Copy(template, copy);
        return copy;
    }

    /// <summary>A repeatable random source, so every run (and every seeded template) draws the same codes.</summary>
    private sealed class SeededRandom(int seed) : System.Security.Cryptography.RandomNumberGenerator
    {
        private readonly Random random = new(seed);

        public override void GetBytes(byte[] data) => random.NextBytes(data);

        public override void GetBytes(Span<byte> data) => random.NextBytes(data);
    }
}
