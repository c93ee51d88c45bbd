using System.Collections.ObjectModel;

namespace Fengqiao.Sla;

/// <summary>A county's (or a law's) SLA policy: maps a case category, optionally a channel and a priority, to named
/// limits and warning thresholds.</summary>
/// <remarks>Build one with <see cref="SlaPolicyBuilder"/> or take a preset from <see cref="SlaPolicies"/>.</remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class SlaPolicy
{
    internal SlaPolicy(string name, IReadOnlyList<SlaRule> rules)
    {
        Name = name;
        Rules = new ReadOnlyCollection<SlaRule>([.. rules]);
    }

    /// <summary>Gets the policy's name, e.g. "Urumqi 1351".</summary>
    public string Name { get; }

    /// <summary>Gets the rules, in the order they were added.</summary>
    public IReadOnlyList<SlaRule> Rules { get; }

    /// <summary>Finds the most specific rule for a case.</summary>
    /// <param name="category">The case category.</param>
    /// <param name="channel">The intake channel, or null.</param>
    /// <param name="priority">The priority, or null.</param>
    /// <param name="tier">The case's complexity tier (e.g. <c>simple</c>), or null when it has none.</param>
    /// <param name="month">The month (1–12) the case was registered in, in the county's time zone, or 0 when not known.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="category"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No rule matches; the message names the policy and the case's keys.</exception>
    public SlaRule Resolve(string category, string? channel = null, string? priority = null, string? tier = null, int month = 0) =>
        TryResolve(category, channel, priority, tier, month)
        ?? throw new KeyNotFoundException(
            $"Policy '{Name}' has no rule for category '{category}', channel '{channel ?? "(any)"}', priority '{priority ?? "(any)"}'"
            + (tier is null ? "" : $", tier '{tier}'") + (month == 0 ? "" : $", month {month}") + ".");

    /// <summary>Finds the most specific rule for a case, or null.</summary>
    /// <param name="category">The case category.</param>
    /// <param name="channel">The intake channel, or null.</param>
    /// <param name="priority">The priority, or null.</param>
    /// <param name="tier">The case's complexity tier (e.g. <c>simple</c>), or null when it has none.</param>
    /// <param name="month">The month (1–12) the case was registered in, in the county's time zone, or 0 when not known.</param>
    /// <returns>The rule, or null if none matches.</returns>
    /// <remarks>Of the matching rules the most specific wins (see <see cref="SlaRule"/>); of equally specific ones, the first added.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="category"/> is null.</exception>
    public SlaRule? TryResolve(string category, string? channel = null, string? priority = null, string? tier = null, int month = 0)
    {
        ArgumentNullException.ThrowIfNull(category);
        SlaRule? best = null;
        foreach (var rule in Rules)
        {
            if (rule.Matches(category, channel, priority, tier, month) && (best is null || rule.Specificity > best.Specificity))
            {
                best = rule;
            }
        }

        return best;
    }

    /// <summary>Gets one named limit for a case, e.g. <see cref="SlaLimitNames.Handle"/>.</summary>
    /// <param name="limitName">The limit's name.</param>
    /// <param name="category">The case category.</param>
    /// <param name="channel">The intake channel, or null.</param>
    /// <param name="priority">The priority, or null.</param>
    /// <param name="tier">The case's complexity tier, or null when it has none.</param>
    /// <param name="month">The month (1–12) the case was registered in, or 0 when not known.</param>
    /// <returns>The limit.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="limitName"/> or <paramref name="category"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">No rule matches, or the rule has no such limit (the message names both).</exception>
    public TimeLimit Limit(string limitName, string category, string? channel = null, string? priority = null, string? tier = null, int month = 0)
    {
        ArgumentNullException.ThrowIfNull(limitName);
        var rule = Resolve(category, channel, priority, tier, month);
        return rule.Limits.TryGetValue(limitName, out var limit)
            ? limit
            : throw new KeyNotFoundException(
                $"Policy '{Name}', rule for category '{rule.Category}', has no limit named '{limitName}' (it has: {string.Join(", ", rule.Limits.Keys)}).");
    }
}
