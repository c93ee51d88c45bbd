using BenchmarkDotNet.Running;

namespace Fengqiao.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <remarks><c>--sweep-figures [runs]</c> runs <see cref="SweepBenchmarks.RunFigures"/> instead;
    /// <c>--load-figures [rounds] [events] [cases]</c> runs <see cref="LoadFigures.Run"/>;
    /// <c>--scale-sweep-figures [runs]</c> runs <see cref="ScaleSweepFigures.Run"/>;
    /// <c>--append-breakdown [cases] [rounds]</c> runs <see cref="AppendBreakdown.Run"/>;
    /// <c>seed-scale all|postgres|sqlite N…</c> seeds the province-scale templates of those sizes (<see cref="ScaleCases.SeedTemplates"/>) and exits;
    /// <c>sweep-race postgres|sqlite CASES DUE SWEEPERS RUNS</c> times N sweeper processes over one database (<see cref="SweepRace"/>),
    /// each of them this program started as <c>sweep-node</c>;
    /// <c>open-sqlite FILE</c> opens a SQLite case store with the store's defaults (migrating an older template to the
    /// current schema once, so the timed runs that copy it do not) and closes it.</remarks>
    public static void Main(string[] args)
    {
        if (args is ["--sweep-figures", ..])
        {
            SweepBenchmarks.RunFigures(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }

        if (args is ["--scale-sweep-figures", ..])
        {
            ScaleSweepFigures.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
            return;
        }

        if (args is ["--append-breakdown", ..])
        {
            AppendBreakdown.Run(args.Length > 1 ? Number(args[1]) : 10_000, args.Length > 2 ? Number(args[2]) : 3);
            return;
        }

        if (args is ["--load-figures", ..])
        {
            int Arg(int i, int absent) => args.Length > i ? int.Parse(args[i], System.Globalization.CultureInfo.InvariantCulture) : absent;
            LoadFigures.Run(Arg(1, 3), Arg(2, 1), Arg(3, 100_000));
            return;
        }

        if (args is ["seed-scale", var stores, .. var sizes])
        {
            foreach (var size in sizes)
            {
                ScaleCases.SeedTemplates(stores, int.Parse(size, System.Globalization.CultureInfo.InvariantCulture));
            }

            return;
        }

        if (args is ["open-sqlite", var file])
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            Fengqiao.Storage.Sqlite.SqliteCaseStore.Open(file, Fengqiao.Sla.BusinessCalendar.ChinaNational).Dispose();
            Console.WriteLine($"opened and closed {file} in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s");
            return;
        }

        if (args is ["sweep-race", var store, var cases, var due, var sweepers, var runs])
        {
            SweepRace.Run(store, Number(cases), Number(due), Number(sweepers), Number(runs));
            return;
        }

        if (args is ["sweep-node", var nodeStore, var target, var name])
        {
            SweepRace.Node(nodeStore, target, name);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }

    private static int Number(string text) => int.Parse(text, System.Globalization.CultureInfo.InvariantCulture);
}
