using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Profiles;

/// <summary>The county's 平安指数 (safety index) per township (<c>warnings.index</c>): window, weights, level thresholds and populations.</summary>
/// <remarks>
/// A township's daily value runs from 0 to 100; it is <c>Yellow</c> from <see cref="Yellow"/>, <c>Orange</c> from
/// <see cref="Orange"/> and <c>Red</c> from <see cref="Red"/> (0 &lt; yellow &lt; orange &lt; red ≤ 100), else green.
/// <see cref="Populations"/> must name every township when <see cref="IndexIndicator.DisputesPerThousand"/> is weighted.
/// </remarks>
/// <param name="WindowDays">How many days back the counted indicators look (1 to 366).</param>
/// <param name="Yellow">The value from which a township is yellow.</param>
/// <param name="Orange">The value from which it is orange.</param>
/// <param name="Red">The value from which it is red, and a warning letter (工作提示函) goes out.</param>
/// <param name="Indicators">The weighted indicators.</param>
/// <param name="Populations">Residents per township.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record SafetyIndexProfile(
    int WindowDays, double Yellow, double Orange, double Red, ImmutableArray<IndexIndicatorProfile> Indicators, ImmutableSortedDictionary<string, int> Populations)
{
    /// <summary>Gets the population of a township.</summary>
    /// <param name="township">The township's unit id.</param>
    /// <returns>The residents, or <see langword="null"/> when the profile gives none.</returns>
    internal int? PopulationOf(OrgUnitId township) => Populations.TryGetValue(township.Value, out var n) ? n : null;
}
