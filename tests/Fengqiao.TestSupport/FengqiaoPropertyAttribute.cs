using Fengqiao.Testing;
using FsCheck;
using FsCheck.Xunit;

namespace Fengqiao.TestSupport;

/// <summary>
/// FsCheck.Xunit's <c>[Property]</c> with our run count and replay: 100 runs locally, 300 under <c>CI=true</c>, or
/// <c>FENGQIAO_PROPERTY_RUNS</c>; <c>FENGQIAO_SEED</c> replays a failure.
/// </summary>
/// <remarks>
/// A failure prints FsCheck's <c>Falsifiable, after N tests (…) (seed,gamma)</c>; set <c>FENGQIAO_SEED</c> to that
/// pair (with or without brackets), or to the <c>(seed,gamma,size)</c> it offers, to replay it. A plain number (as <see cref="PropertyCheck"/> prints) works too. Scale the run
/// count of a slow property with <see cref="RunsScale"/>.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class FengqiaoPropertyAttribute : PropertyAttribute
{
    private double runsScale = 1.0;

    /// <summary>Creates the attribute with the configured run count and replay seed.</summary>
    public FengqiaoPropertyAttribute()
    {
        MaxTest = PropertyCheck.Runs();
        QuietOnSuccess = true;
        if (ReplayText() is { } replay)
        {
            Replay = replay;
        }
    }

    /// <summary>Gets or sets the share of the configured run count this property runs (0.5 runs half as many).</summary>
    public double RunsScale
    {
        get => runsScale;
        set
        {
            runsScale = value;
            MaxTest = PropertyCheck.Runs(value);
        }
    }

    /// <summary>Gets FENGQIAO_SEED as FsCheck.Xunit's replay text, or null when it is not set.</summary>
    internal static string? ReplayText()
    {
        var text = Environment.GetEnvironmentVariable("FENGQIAO_SEED")?.Trim().Trim('(', ')');
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        if (ulong.TryParse(text, out var seed))
        {
            var rnd = new Rnd(seed);
            return $"({rnd.Seed},{rnd.Gamma})";
        }

        return $"({text})";
    }
}
