using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.Testing;

/// <summary>
/// Runs FsCheck properties from a plain test method (an xunit <c>[Fact]</c>, an NUnit <c>[Test]</c>, …) with run counts
/// that follow the environment and a printed seed to replay a failure — for generators composed in the test (LINQ
/// <c>from</c> chains, dependent values), where an attribute's parameters do not fit.
/// </summary>
/// <remarks>
/// <para>Runs: <c>FENGQIAO_PROPERTY_RUNS</c> when set to a positive number, else 300 under <c>CI=true</c>, else 100;
/// a call scales it (<c>runsScale</c>), never below one run.</para>
/// <para>Seed: <c>FENGQIAO_SEED</c> when set to a number (to replay a failure), else a fresh one; a failure names it as
/// <c>FENGQIAO_SEED=&lt;n&gt;</c> and carries FsCheck's report (the original and the shrunk value) in its message.</para>
/// </remarks>
/// <threadsafety>Stateless; properties may run in parallel.</threadsafety>
public static class PropertyCheck
{
    /// <summary>Checks that <paramref name="property"/> holds for values drawn from <paramref name="generator"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="generator">The generator (no shrinking; use an <see cref="Arbitrary{T}"/> for that).</param>
    /// <param name="property">The property.</param>
    /// <param name="runsScale">Scales the run count (0.3 for a slow property); positive.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="PropertyCheckFailedException">The property failed; the message names the seed and the value.</exception>
    public static void ForAll<T>(Gen<T> generator, Func<T, bool> property, double runsScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(property);
        Run(Prop.ForAll(generator.ToArbitrary(), property), runsScale);
    }

    /// <summary>Checks that <paramref name="assertion"/> does not throw for values drawn from <paramref name="generator"/>.</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="generator">The generator (no shrinking; use an <see cref="Arbitrary{T}"/> for that).</param>
    /// <param name="assertion">The assertion (any exception fails the property).</param>
    /// <param name="runsScale">Scales the run count; positive.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="PropertyCheckFailedException">The assertion threw; the message names the seed and the value.</exception>
    public static void ForAll<T>(Gen<T> generator, Action<T> assertion, double runsScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(generator);
        ArgumentNullException.ThrowIfNull(assertion);
        Run(Prop.ForAll(generator.ToArbitrary(), assertion), runsScale);
    }

    /// <summary>Checks an assertion over values from an arbitrary, shrinking a failure with its shrinker (such as <see cref="FengqiaoArbitraries.DeskScripts"/>).</summary>
    /// <typeparam name="T">The value type.</typeparam>
    /// <param name="arbitrary">The arbitrary.</param>
    /// <param name="assertion">The assertion (any exception fails the property).</param>
    /// <param name="runsScale">Scales the run count; positive.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="PropertyCheckFailedException">The assertion threw; the message names the seed, the value and the shrunk value.</exception>
    public static void ForAll<T>(Arbitrary<T> arbitrary, Action<T> assertion, double runsScale = 1.0)
    {
        ArgumentNullException.ThrowIfNull(arbitrary);
        ArgumentNullException.ThrowIfNull(assertion);
        Run(Prop.ForAll(arbitrary, assertion), runsScale);
    }

    /// <summary>Gets the number of runs for a property at the given scale (see the remarks).</summary>
    /// <param name="scale">The scale; positive.</param>
    /// <returns>The run count, at least one.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="scale"/> is not positive.</exception>
    public static int Runs(double scale = 1.0)
    {
        if (!(scale > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(scale), scale, "A run scale must be positive.");
        }

        var configured = Environment.GetEnvironmentVariable("FENGQIAO_PROPERTY_RUNS");
        var baseRuns = int.TryParse(configured, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : Environment.GetEnvironmentVariable("CI") == "true" ? 300 : 100;
        return Math.Max(1, (int)(baseRuns * scale));
    }

    private static void Run(Property property, double runsScale)
    {
        var runs = Runs(runsScale);
        var seedText = Environment.GetEnvironmentVariable("FENGQIAO_SEED");
        var seed = ulong.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : (ulong)Random.Shared.NextInt64(1, long.MaxValue);
        var config = Config.QuickThrowOnFailure
            .WithMaxTest(runs)
            .WithQuietOnSuccess(true)
            .WithReplay(new Replay(new Rnd(seed), null));
        try
        {
            Check.One(config, property);
        }
        catch (Exception e)
        {
            throw new PropertyCheckFailedException(seed, e);
        }
    }
}
