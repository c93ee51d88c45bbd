using System.Collections.Immutable;

namespace Fengqiao.Cases;

/// <summary>A county's rule that gives a report its complexity tier (<see cref="CaseTier"/>) at registration, from its category and channel.</summary>
/// <param name="Category">The category key the rule covers, or <c>*</c> for every category.</param>
/// <param name="Tier">The tier it gives.</param>
/// <remarks>
/// <para>The desk applies the first rule that covers a report registered without a tier (<see cref="Desk.CaseDeskOptions.TierRules"/>);
/// a tier the registering acceptor gave (<see cref="CaseReport.Tier"/>) is never overridden. The tier a rule gave is
/// recorded with the report in the registration event, so replay never asks the rules again.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseTierRule(string Category, CaseTier Tier)
{
    /// <summary>The category key that stands for every category.</summary>
    public const string AnyCategory = "*";

    /// <summary>Gets the channels the rule covers; empty (the default) for every channel.</summary>
    public ImmutableArray<CaseChannel> Channels { get; init; } = [];

    /// <summary>Gets where the rule comes from (a quote of the county's article), or <see langword="null"/>.</summary>
    public string? Source { get; init; }

    /// <summary>Gets whether the rule covers a report.</summary>
    /// <param name="report">The report.</param>
    /// <returns>Whether its category and channel match.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public bool Covers(CaseReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return (Category == AnyCategory || string.Equals(Category, report.Category.Key, StringComparison.Ordinal))
            && (Channels.IsDefaultOrEmpty || Channels.Contains(report.Channel));
    }

    /// <summary>Compares rules by value: category, tier, channels (in order) and source.</summary>
    /// <param name="other">The other rule.</param>
    /// <returns>Whether both say the same.</returns>
    public bool Equals(CaseTierRule? other) =>
        other is not null && string.Equals(Category, other.Category, StringComparison.Ordinal) && Tier == other.Tier
        && (Channels.IsDefaultOrEmpty ? other.Channels.IsDefaultOrEmpty : !other.Channels.IsDefaultOrEmpty && Channels.SequenceEqual(other.Channels))
        && string.Equals(Source, other.Source, StringComparison.Ordinal);

    /// <summary>Gets a hash code from the category and the tier.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Category, Tier);
}
