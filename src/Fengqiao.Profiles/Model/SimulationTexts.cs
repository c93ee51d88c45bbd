using System.Collections.Immutable;

namespace Fengqiao.Profiles;

/// <summary>
/// What the simulated reports say (the <c>simulation.texts</c> section): which employers a report names, how often a
/// report carries a threat, and how often a reporter comes back with a new matter of the same kind, so that the county's
/// early-warning rules (<c>warnings:</c>) meet the words and people they look for.
/// </summary>
/// <remarks>
/// <para>Every share is keyed by a category of the profile and runs from 0 to 1. A report of category <c>c</c> names one
/// of <see cref="Employers"/> (chosen at random) with the share <c>employer-share[c]</c>, carries one of the
/// <c>warnings.violent-risk.keywords</c> with the share <c>threat-share[c]</c>, and is filed by an earlier reporter of
/// the same category (a new matter, not a repeat of the same one) with the share <c>returning[c]</c>.</para>
/// <para>The default (<see cref="None"/>) is the behaviour before the section existed: plain texts, no employers, no
/// threats, new reporters only.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record SimulationTexts
{
    /// <summary>Gets the texts of a county without the section: plain, no employers, no threats, no returning reporters.</summary>
    public static SimulationTexts None { get; } = new();

    /// <summary>Gets the employers reports may name, as the county's reports write them (so that <c>warnings.employer-cluster.employer-pattern</c> finds them).</summary>
    public ImmutableArray<string> Employers { get; init; } = [];

    /// <summary>Gets, by category key, the share of reports that name an employer.</summary>
    public ImmutableSortedDictionary<string, double> EmployerShare { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Gets, by category key, the share of reports that carry a threat word of <c>warnings.violent-risk.keywords</c>.</summary>
    public ImmutableSortedDictionary<string, double> ThreatShare { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Gets, by category key, the share of reports filed by an earlier reporter of the same category.</summary>
    public ImmutableSortedDictionary<string, double> Returning { get; init; } = ImmutableSortedDictionary<string, double>.Empty;

    /// <summary>Gets whether the section changes nothing (no shares above 0).</summary>
    public bool IsNone => EmployerShare.Values.All(v => v == 0) && ThreatShare.Values.All(v => v == 0) && Returning.Values.All(v => v == 0);

    /// <summary>The share of <paramref name="category"/> in <paramref name="shares"/>, or 0.</summary>
    /// <param name="shares">One of <see cref="EmployerShare"/>, <see cref="ThreatShare"/>, <see cref="Returning"/>.</param>
    /// <param name="category">The category key.</param>
    /// <returns>The share from 0 to 1.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    internal static double ShareOf(ImmutableSortedDictionary<string, double> shares, string category)
    {
        ArgumentNullException.ThrowIfNull(shares);
        ArgumentNullException.ThrowIfNull(category);
        return shares.TryGetValue(category, out var share) ? share : 0;
    }
}
