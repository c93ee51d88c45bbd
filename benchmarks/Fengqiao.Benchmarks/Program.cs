using BenchmarkDotNet.Running;

namespace Fengqiao.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <remarks><c>--sweep-figures [runs]</c> runs <see cref="SweepBenchmarks.RunFigures"/> instead;
    /// <c>--load-figures [rounds]</c> runs <see cref="LoadFigures.Run"/>;
    /// <c>--scale-sweep-figures [runs]</c> runs <see cref="ScaleSweepFigures.Run"/>;
    /// <c>seed-scale all|postgres|sqlite N…</c> seeds the province-scale templates of those sizes (<see cref="ScaleCases.SeedTemplates"/>) and exits.</remarks>
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

        if (args is ["--load-figures", ..])
        {
            LoadFigures.Run(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 3);
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
