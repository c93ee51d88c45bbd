namespace Fengqiao.Sla;

/// <summary>Builds an immutable <see cref="SlaPolicy"/> from rules.</summary>
/// <threadsafety>Mutable: use a builder from one thread at a time.</threadsafety>
public sealed class SlaPolicyBuilder
{
    private readonly string name;
    private readonly List<SlaRule> rules = [];

    /// <summary>Initializes a new instance of the <see cref="SlaPolicyBuilder"/> class.</summary>
    /// <param name="name">The policy's name.</param>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    public SlaPolicyBuilder(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        this.name = name;
    }

    /// <summary>Adds a rule.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public SlaPolicyBuilder Add(SlaRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        rules.Add(rule);
        return this;
    }

    /// <summary>Builds the policy.</summary>
    /// <returns>The policy.</returns>
    /// <exception cref="InvalidOperationException">No rules, or two rules with the same category, channel,
    /// priority, tier and months (all duplicates are named together).</exception>
    public SlaPolicy Build()
    {
        if (rules.Count == 0)
        {
            throw new InvalidOperationException($"Policy '{name}' has no rules.");
        }

        var duplicates = rules.GroupBy(r => (r.Category, r.Channel, r.Priority, r.Tier, r.MonthKey)).Where(g => g.Count() > 1)
            .Select(g => $"category '{g.Key.Category}', channel '{g.Key.Channel ?? "(any)"}', priority '{g.Key.Priority ?? "(any)"}'"
                + (g.Key.Tier is null ? "" : $", tier '{g.Key.Tier}'") + (g.Key.MonthKey.Length == 0 ? "" : $", months {g.Key.MonthKey}"))
            .ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"Policy '{name}' has more than one rule for: {string.Join("; ", duplicates)}.");
        }

        return new SlaPolicy(name, rules);
    }
}
