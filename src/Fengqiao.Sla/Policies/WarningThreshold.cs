using System.Globalization;
using NodaTime;

namespace Fengqiao.Sla;

/// <summary>When an <see cref="SlaClock"/> turns to <see cref="SlaStage.Warning"/>: after a fraction of the allotted
/// working time, or a lead time before the deadline. Counties set these (黄牌/红牌); there is no national percentage and
/// no default.</summary>
/// <remarks>For clocks whose limit is <see cref="TimeLimitUnit.Elapsed"/>, times are plain durations; otherwise
/// they are working time.</remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class WarningThreshold : IEquatable<WarningThreshold>
{
    private WarningThreshold(string name, double? fraction, Duration? leadTime)
    {
        Name = name;
        FractionOfAllotted = fraction;
        LeadTime = leadTime;
    }

    /// <summary>Gets the name shown for the warning, e.g. "yellow" or "red".</summary>
    public string Name { get; }

    /// <summary>Gets the fraction of the allotted working time after which the warning fires, or null.</summary>
    public double? FractionOfAllotted { get; }

    /// <summary>Gets the working time before the deadline at which the warning fires, or null.</summary>
    public Duration? LeadTime { get; }

    /// <summary>Creates a threshold that fires once <paramref name="fraction"/> of the allotted working time is used.</summary>
    /// <param name="name">The warning's name, e.g. "yellow".</param>
    /// <param name="fraction">Strictly between 0 and 1, e.g. 0.8.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="fraction"/> is not strictly between 0 and 1.</exception>
    public static WarningThreshold AfterFraction(string name, double fraction)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!(fraction > 0 && fraction < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(fraction), fraction, "A warning fraction must be strictly between 0 and 1.");
        }

        return new WarningThreshold(name, fraction, null);
    }

    /// <summary>Creates a threshold that fires when <paramref name="leadTime"/> of working time is left.</summary>
    /// <param name="name">The warning's name, e.g. "red".</param>
    /// <param name="leadTime">Positive, e.g. four working hours.</param>
    /// <returns>The threshold.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leadTime"/> is not positive.</exception>
    public static WarningThreshold BeforeDeadline(string name, Duration leadTime)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (leadTime <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(leadTime), leadTime, "A warning lead time must be positive.");
        }

        return new WarningThreshold(name, null, leadTime);
    }

    /// <inheritdoc />
    public bool Equals(WarningThreshold? other) =>
        other is not null && Name == other.Name && FractionOfAllotted == other.FractionOfAllotted && LeadTime == other.LeadTime;

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as WarningThreshold);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, FractionOfAllotted, LeadTime);

    /// <summary>Returns e.g. "yellow at 80% of the allotted time" or "red 4:00:00 before the deadline".</summary>
    /// <returns>The threshold as text.</returns>
    public override string ToString() => FractionOfAllotted is { } f
        ? string.Create(CultureInfo.InvariantCulture, $"{Name} at {f:P0} of the allotted time")
        : string.Create(CultureInfo.InvariantCulture, $"{Name} {LeadTime:H:mm} before the deadline");

    /// <summary>The remaining time at or below which the threshold fires.</summary>
    internal Duration RemainingAtFiring(Duration allotted) => FractionOfAllotted is { } f
        ? Duration.FromTicks((long)(allotted.BclCompatibleTicks * (1 - f)))
        : LeadTime!.Value;
}
