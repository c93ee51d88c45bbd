using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.TestSupport;

/// <summary>
/// Runs FsCheck properties inside xunit facts with a fixed, printed replay seed.
/// </summary>
/// <remarks>
/// Runs: <c>FENGQIAO_PROPERTY_RUNS</c> if set, else 300 under <c>CI=true</c>, else 100 (a call may scale it).
/// Seed: <c>FENGQIAO_SEED</c> if set (to replay a failure), else a fresh one; a failure names it.
/// </remarks>
public static class PropertyCheck
{
    /// <summary>Checks that <paramref name="property"/> holds for values drawn from <paramref name="generator"/>.</summary>
    public static void ForAll<T>(Gen<T> generator, Func<T, bool> property, double runsScale = 1.0) =>
        Run(Prop.ForAll(generator.ToArbitrary(), property), runsScale);

    /// <summary>Checks that <paramref name="assertion"/> does not throw for values drawn from <paramref name="generator"/>.</summary>
    public static void ForAll<T>(Gen<T> generator, Action<T> assertion, double runsScale = 1.0) =>
        Run(Prop.ForAll(generator.ToArbitrary(), assertion), runsScale);

    /// <summary>Checks a property over values with a custom shrinker.</summary>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> assertion, double runsScale = 1.0) =>
        Run(Prop.ForAll(arbitrary, assertion), runsScale);

    /// <summary>Gets the number of runs for a property at the given scale.</summary>
    public static int Runs(double scale = 1.0)
    {
        var configured = Environment.GetEnvironmentVariable("FENGQIAO_PROPERTY_RUNS");
        var baseRuns = int.TryParse(configured, out var n) && n > 0
            ? n
            : Environment.GetEnvironmentVariable("CI") == "true" ? 300 : 100;
        return Math.Max(1, (int)(baseRuns * scale));
    }

    private static void Run(Property property, double runsScale)
    {
        var seedText = Environment.GetEnvironmentVariable("FENGQIAO_SEED");
        var seed = ulong.TryParse(seedText, out var s) ? s : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(Runs(runsScale))
            .WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd(seed), null));
        try
        {
            Check.One(config, property);
        }
        catch (Exception e)
        {
            throw new PropertyFailedException(
                $"Property failed. Replay it with FENGQIAO_SEED={seed}.{Environment.NewLine}{e.Message}", e);
        }
    }
}
