using System.Collections.ObjectModel;

namespace Fengqiao.Sla;

/// <summary>The limits and warning thresholds of one case category (optionally narrowed to a channel and a priority)
/// in an <see cref="SlaPolicy"/>.</summary>
/// <remarks>
/// <para>Category <c>"*"</c> matches every category (the "everything else" rule). A null channel, priority or
/// <see cref="Tier"/> matches any, and empty <see cref="Months"/> match the whole year.</para>
/// <para>The most specific matching rule wins. A complexity tier counts most (a tier chooses the limits, e.g. Baiyin's
/// 即时/限时/会诊), then the category, then months, then the channel, then the priority: <c>* tier simple</c> beats
/// <c>dispute</c>, and <c>dispute tier simple</c> beats both.</para>
/// </remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class SlaRule
{
    /// <summary>Initializes a new instance of the <see cref="SlaRule"/> class.</summary>
    /// <param name="category">The case category, e.g. "dispute", or "*" for any.</param>
    /// <param name="limits">Named limits, e.g. <see cref="SlaLimitNames.Handle"/> → 3 working days; at least one.</param>
    /// <param name="thresholds">The warning thresholds; null or empty for none (no hidden default).</param>
    /// <param name="channel">The intake channel (e.g. "hotline"), or null for any.</param>
    /// <param name="priority">The priority (e.g. "urgent"), or null for any.</param>
    /// <param name="source">The rule's source, cited in explanations (law and article, local notice).</param>
    /// <exception cref="ArgumentException"><paramref name="category"/> is blank, or <paramref name="limits"/> is empty or has a blank name.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="limits"/> is null or holds a null limit.</exception>
    public SlaRule(
        string category,
        IReadOnlyDictionary<string, TimeLimit> limits,
        IEnumerable<WarningThreshold>? thresholds = null,
        string? channel = null,
        string? priority = null,
        string? source = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentNullException.ThrowIfNull(limits);
        if (limits.Count == 0)
        {
            throw new ArgumentException($"The rule for category '{category}' names no limits.", nameof(limits));
        }

        foreach (var (name, limit) in limits)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(name, nameof(limits));
            ArgumentNullException.ThrowIfNull(limit, nameof(limits));
        }

        Category = category;
        Limits = new ReadOnlyDictionary<string, TimeLimit>(new Dictionary<string, TimeLimit>(limits, StringComparer.Ordinal));
        Thresholds = Array.AsReadOnly(thresholds?.ToArray() ?? []);
        Channel = channel;
        Priority = priority;
        Source = source;
    }

    /// <summary>Gets the case category, or "*" for any.</summary>
    public string Category { get; }

    /// <summary>Gets the intake channel, or null for any.</summary>
    public string? Channel { get; }

    /// <summary>Gets the priority, or null for any.</summary>
    public string? Priority { get; }

    /// <summary>Gets the named limits.</summary>
    public IReadOnlyDictionary<string, TimeLimit> Limits { get; }

    /// <summary>Gets the warning thresholds (empty when the policy sets none).</summary>
    public IReadOnlyList<WarningThreshold> Thresholds { get; }

    /// <summary>Gets the rule's source, or null.</summary>
    public string? Source { get; }

    /// <summary>Gets or initialises the complexity tier the rule covers (e.g. <c>simple</c>, <c>complex</c>, <c>difficult</c>), or null for any.</summary>
    /// <value>Default null. A case with no tier matches only rules without one.</value>
    /// <exception cref="ArgumentException">The value is empty or white space.</exception>
    public string? Tier
    {
        get => tier;
        init => tier = value is null || !string.IsNullOrWhiteSpace(value)
            ? value
            : throw new ArgumentException($"The rule for category '{Category}' names an empty tier; leave it null for any tier.", nameof(value));
    }

    /// <summary>Gets or initialises the months (1–12) of registration the rule covers, in the county's time zone, e.g. the heating season.</summary>
    /// <value>Default empty: the whole year. A case whose month is not known (0) matches only rules without months.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A month is outside 1–12.</exception>
    public IReadOnlyList<int> Months
    {
        get => months;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            foreach (var month in value)
            {
                if (month is < 1 or > 12)
                {
                    throw new ArgumentOutOfRangeException(nameof(value), month, $"The rule for category '{Category}' names month {month}; months are 1–12.");
                }
            }

            months = Array.AsReadOnly(value.Distinct().Order().ToArray());
        }
    }

    private readonly string? tier;
    private readonly IReadOnlyList<int> months = [];

    internal int Specificity => (Tier is null ? 0 : 16) + (Category == "*" ? 0 : 8) + (Months.Count == 0 ? 0 : 4) + (Channel is null ? 0 : 2) + (Priority is null ? 0 : 1);

    internal string MonthKey => string.Join(",", Months);

    internal bool Matches(string category, string? channel, string? priority, string? caseTier = null, int month = 0) =>
        (Category == "*" || Category == category)
        && (Channel is null || Channel == channel)
        && (Priority is null || Priority == priority)
        && (Tier is null || string.Equals(Tier, caseTier, StringComparison.Ordinal))
        && (Months.Count == 0 || Months.Contains(month));
}
