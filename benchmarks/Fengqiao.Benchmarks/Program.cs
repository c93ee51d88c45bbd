using BenchmarkDotNet.Running;

namespace Fengqiao.Benchmarks;

/// <summary>Runs the benchmarks: <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*'</c>.</summary>
public static class Program
{
    /// <summary>Entry point.</summary>
    /// <remarks><c>--sweep-figures [runs]</c> runs <see cref="SweepBenchmarks.RunFigures"/> instead.</remarks>
    public static void Main(string[] args)
    {
        if (args is ["--sweep-figures", ..])
        {
            SweepBenchmarks.RunFigures(args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 5);
            return;
        }

        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
