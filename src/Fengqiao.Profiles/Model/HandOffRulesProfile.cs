using System.Collections.Immutable;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Tables;

namespace Fengqiao.Profiles;

/// <summary>
/// A county's overrides of the default hand-off rules (移交规则, <see cref="Fengqiao.Mediation.Rules.HandOffRules.Default"/>)
/// as a decision table: rows that replace a default rule (same id) or add one (new id), and default rules switched off.
/// </summary>
/// <param name="Rows">Decision-table rows over <see cref="HandOffTable.Schema"/>'s fields, with targets from
/// <see cref="HandOffTable.Targets"/> (the hand-off purposes) and the parameters <c>to</c> and <c>note</c>.</param>
/// <param name="Disable">Ids of default rules the county switches off.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record HandOffRulesProfile(ImmutableArray<DecisionRow> Rows, ImmutableArray<string> Disable)
{
    /// <summary>The name of the county's hand-off layer, as rule origins and the table report it.</summary>
    public const string LayerName = "county hand-off rules";

    /// <summary>Gets a profile that keeps the default rules unchanged.</summary>
    public static HandOffRulesProfile None { get; } = new([], []);

    /// <summary>Gets whether the profile changes nothing.</summary>
    public bool IsEmpty => Rows.IsDefaultOrEmpty && Disable.IsDefaultOrEmpty;

    /// <summary>Builds the county's hand-off rules: <see cref="Fengqiao.Mediation.Rules.HandOffRules.Default"/> with this layer on top.</summary>
    /// <param name="county">The county's name, for rule origins.</param>
    /// <returns>The rule set (named <see cref="Fengqiao.Mediation.Rules.HandOffRules.RuleSetName"/>, collect hit policy); every rule
    /// reports whether it came from the defaults or from the county. Pass it to <c>HandOffCasePolicy</c> and
    /// <c>MediationDesk</c>.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="county"/> is null.</exception>
    /// <exception cref="DecisionTableException">A row names an unknown field, a wrong operator, an unknown purpose or
    /// parameter (a loaded profile never has this problem).</exception>
    /// <exception cref="RuleSetException">A disabled id is no rule (a loaded profile never has this problem).</exception>
    public RuleSet<HandOffFact, HandOffDecision> Build(string county)
    {
        ArgumentNullException.ThrowIfNull(county);
        var defaults = Fengqiao.Mediation.Rules.HandOffRules.Default;
        if (IsEmpty)
        {
            return defaults;
        }

        var origin = RuleOrigin.County(county);
        var layer = new RuleOverridesBuilder<HandOffFact, HandOffDecision>(origin);
        if (!Rows.IsDefaultOrEmpty)
        {
            foreach (var entry in HandOffTable.ToRuleSet(ToTable(), origin).Rules)
            {
                if (defaults.TryGetRule(entry.Id, out _))
                {
                    layer.Replace(entry.Rule);
                }
                else
                {
                    layer.Add(entry.Rule);
                }
            }
        }

        foreach (var id in Disable.IsDefault ? [] : Disable)
        {
            layer.Disable(id, $"switched off by {county}");
        }

        return defaults.With(layer.Build());
    }

    /// <summary>Builds the rows as a decision table over <see cref="HandOffTable.Schema"/>, checked.</summary>
    /// <returns>The table, named <see cref="LayerName"/>, with the collect hit policy.</returns>
    /// <exception cref="DecisionTableException">A row names an unknown field, a wrong operator or value, or an unknown purpose.</exception>
    internal DecisionTable ToTable()
    {
        var builder = new DecisionTableBuilder(LayerName, HandOffTable.Schema) { HitPolicy = HitPolicy.Collect }
            .AddTargets([.. HandOffTable.Targets]);
        foreach (var row in Rows.IsDefault ? [] : Rows)
        {
            builder.AddRow(row);
        }

        return builder.Build();
    }
}
