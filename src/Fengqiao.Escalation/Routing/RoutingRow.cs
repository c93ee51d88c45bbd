using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Routing;

/// <summary>One row of a <see cref="RoutingTable"/>: which cases it covers and which unit owns them.</summary>
/// <param name="Category">The category key the row covers, or <c>*</c> for every category.</param>
/// <param name="Target">The owning unit: a unit id, a unit kind within the reporting street, or a ladder level.</param>
/// <remarks>
/// <para>The optional conditions narrow the row; an empty list or <see langword="null"/> means "any". A case matches
/// when its category, channel, priority, complexity tier (<see cref="Tiers"/>), reporting grid (within <see cref="Area"/>)
/// and the month it was registered in (in the county's time zone) all match.</para>
/// <para><see cref="Department"/> names the functional department that answers for the matter at the ladder's
/// department level (the level off the grid's chain). Without it, a row whose owner is off the reporting grid's chain
/// (a department) binds that level to the owner itself.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record RoutingRow(string Category, RoutingTarget Target)
{
    /// <summary>The category key that stands for every category.</summary>
    public const string AnyCategory = "*";

    /// <summary>Gets the channels the row covers; empty (the default) for every channel.</summary>
    public ImmutableArray<CaseChannel> Channels { get; init; } = [];

    /// <summary>Gets the priorities the row covers; empty (the default) for every priority.</summary>
    public ImmutableArray<CasePriority> Priorities { get; init; } = [];

    /// <summary>Gets the unit whose subtree the reporting grid must lie in; <see langword="null"/> (the default) for anywhere.</summary>
    public OrgUnitId? Area { get; init; }

    /// <summary>Gets the months (1–12) of registration the row covers, e.g. the heating season; empty (the default) for the whole year.</summary>
    public ImmutableArray<int> Months { get; init; } = [];

    /// <summary>Gets the complexity tiers the row covers (e.g. only simple matters, 即时); empty (the default) for every case, tiered or not.</summary>
    /// <remarks>A row that names tiers never covers a case without a tier.</remarks>
    public ImmutableArray<CaseTier> Tiers { get; init; } = [];

    /// <summary>Gets the department that answers for the matter at the ladder's department level, or <see langword="null"/>
    /// (the default) for the owner when the owner is off the reporting grid's chain.</summary>
    public OrgUnitId? Department { get; init; }

    /// <summary>Compares rows by value: category, target, every condition (lists in order) and department.</summary>
    /// <param name="other">The other row.</param>
    /// <returns><see langword="true"/> when both rows say the same (so a written and re-read row equals the original).</returns>
    public bool Equals(RoutingRow? other) =>
        other is not null
        && string.Equals(Category, other.Category, StringComparison.Ordinal) && Equals(Target, other.Target)
        && Same(Channels, other.Channels) && Same(Priorities, other.Priorities) && Same(Months, other.Months) && Same(Tiers, other.Tiers)
        && Area == other.Area && Department == other.Department;

    /// <summary>Gets a hash code from the category and the target.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Category, Target);

    /// <summary>Gets whether the row covers every category.</summary>
    public bool CoversEveryCategory => Category == AnyCategory;

    /// <summary>Gets whether the row's conditions other than the area hold for a case.</summary>
    /// <param name="category">The case's category.</param>
    /// <param name="channel">The channel it came in by.</param>
    /// <param name="priority">Its priority.</param>
    /// <param name="month">The month (1–12) it was registered in, in the county's time zone.</param>
    /// <param name="tier">Its complexity tier, or <see langword="null"/> when it has none.</param>
    /// <returns>Whether category, channel, priority, month and tier match.</returns>
    public bool Covers(CaseCategory category, CaseChannel channel, CasePriority priority, int month, CaseTier? tier = null) =>
        (CoversEveryCategory || string.Equals(category.Key, Category, StringComparison.Ordinal))
        && (Channels.IsDefaultOrEmpty || Channels.Contains(channel))
        && (Priorities.IsDefaultOrEmpty || Priorities.Contains(priority))
        && (Months.IsDefaultOrEmpty || Months.Contains(month))
        && (Tiers.IsDefaultOrEmpty || (tier is { } t && Tiers.Contains(t)));

    private static bool Same<T>(ImmutableArray<T> a, ImmutableArray<T> b) =>
        a.IsDefaultOrEmpty ? b.IsDefaultOrEmpty : !b.IsDefaultOrEmpty && a.SequenceEqual(b);

    /// <summary>Describes the row for messages, e.g. <c>dispute [hotline-12345] → kind Community</c>.</summary>
    /// <returns>The description.</returns>
    public override string ToString()
    {
        var parts = new List<string> { Category };
        if (!Channels.IsDefaultOrEmpty)
        {
            parts.Add($"channels {string.Join("/", Channels.Select(c => c.Key()))}");
        }

        if (!Priorities.IsDefaultOrEmpty)
        {
            parts.Add($"priorities {string.Join("/", Priorities)}");
        }

        if (!Tiers.IsDefaultOrEmpty)
        {
            parts.Add($"tiers {string.Join("/", Tiers.Select(t => t.ToString().ToLowerInvariant()))}");
        }

        if (Area is { } area)
        {
            parts.Add($"area {area}");
        }

        if (!Months.IsDefaultOrEmpty)
        {
            parts.Add($"months {string.Join(",", Months)}");
        }

        return $"{string.Join(", ", parts)} → {Target}" + (Department is { } d ? $" (department {d})" : "");
    }
}
