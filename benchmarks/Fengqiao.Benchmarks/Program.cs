using BenchmarkDotNet.Running;

namespace Fengqiao.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <remarks><c>--sweep-figures [runs]</c> runs <see cref="SweepBenchmarks.RunFigures"/> instead;
    /// <c>--load-figures [rounds] [events] [cases]</c> runs <see cref="LoadFigures.Run"/>;
    /// <c>seed-scale all|postgres|sqlite N…</c> seeds the province-scale templates of those sizes (<see cref="ScaleCases.SeedTemplates"/>) and exits.</remarks>
    public static void Main(string[] args)
    {
        if (args is ["--sweep-figures", ..])
        {
            SweepBenchmarks.RunFigures(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
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

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
