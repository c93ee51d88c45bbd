using System.Collections.ObjectModel;

namespace Fengqiao.Sla;

/// <summary>The limits and warning thresholds of one case category (optionally narrowed to a channel and a priority)
/// in an <see cref="SlaPolicy"/>.</summary>
/// <remarks>Category <c>"*"</c> matches every category (the "everything else" rule). A null channel or priority
/// matches any; the most specific matching rule wins (category, then channel, then priority).</remarks>
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

    internal int Specificity => (Category == "*" ? 0 : 4) + (Channel is null ? 0 : 2) + (Priority is null ? 0 : 1);

    internal bool Matches(string category, string? channel, string? priority) =>
        (Category == "*" || Category == category)
        && (Channel is null || Channel == channel)
        && (Priority is null || Priority == priority);
}
