using System.Collections.Immutable;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Tables;

namespace Fengqiao.Profiles;

/// <summary>
/// A county's overrides of the default escalation rules, as a decision table: rows that replace a default rule (same
/// id) or add one (new id), and default rules switched off.
/// </summary>
/// <param name="Rows">Decision-table rows over <see cref="EscalationTable.SchemaFor"/>'s fields, with targets from
/// <see cref="EscalationTable.Targets"/>.</param>
/// <param name="Disable">Ids of default rules the county switches off.</param>
/// <param name="Levels">The ladder levels the default rules aim at, by key: <c>must-start-high</c>,
/// <c>wage-arrears</c> and <c>repeat-complaint</c>; a level not named keeps its documented default (which fits the
/// default ladder only).</param>
/// <param name="RepeatThreshold">How many reports of the same matter make a repeat complaint, or <see langword="null"/>
/// for the default (3).</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record EscalationRulesProfile(
    ImmutableArray<DecisionRow> Rows,
    ImmutableArray<string> Disable,
    ImmutableDictionary<string, string> Levels,
    int? RepeatThreshold)
{
    /// <summary>Gets a profile that keeps the default rules unchanged.</summary>
    public static EscalationRulesProfile None { get; } = new([], [], ImmutableDictionary<string, string>.Empty, null);

    /// <summary>Gets the rule ids whose target level a profile may set under <c>levels</c>.</summary>
    public static ImmutableArray<string> LevelKeys { get; } = [EscalationRuleIds.MustStartHigh, EscalationRuleIds.WageArrears, EscalationRuleIds.RepeatComplaint];

    /// <summary>Builds the default rules' parameters with the county's levels and threshold.</summary>
    internal EscalationRuleOptions ToOptions()
    {
        var options = new EscalationRuleOptions();
        if (RepeatThreshold is { } threshold)
        {
            options.RepeatThreshold = threshold;
        }

        var levels = Levels ?? ImmutableDictionary<string, string>.Empty;
        if (levels.TryGetValue(EscalationRuleIds.MustStartHigh, out var high))
        {
            options.MustStartHighLevel = high;
        }

        if (levels.TryGetValue(EscalationRuleIds.WageArrears, out var wages))
        {
            options.WageArrearsLevel = wages;
        }

        if (levels.TryGetValue(EscalationRuleIds.RepeatComplaint, out var repeat))
        {
            options.RepeatTargetLevel = repeat;
        }

        return options;
    }

    /// <summary>The name of the county's escalation layer, as rule origins report it.</summary>
    public const string LayerName = "county escalation rules";

    /// <summary>Builds the county's escalation policy: the default rules for the ladder with this layer on top.</summary>
    /// <param name="ladder">The county's ladder.</param>
    /// <param name="county">The county's name, for rule origins.</param>
    /// <param name="options">The default rules' parameters; when null, <see cref="ToOptions"/>.</param>
    /// <returns>The policy; every rule reports whether it came from the defaults or from the county.</returns>
    /// <exception cref="Fengqiao.Escalation.EscalationException">The rows or the options do not fit the ladder (a loaded profile never has
    /// this problem).</exception>
    internal EscalationPolicy BuildPolicy(Ladder ladder, string county, EscalationRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        options ??= ToOptions();
        var defaults = DefaultEscalationRules.Create(options, ladder);
        if (Rows.IsDefaultOrEmpty && Disable.IsDefaultOrEmpty)
        {
            return new EscalationPolicy(defaults);
        }

        var origin = RuleOrigin.County(county);
        var layer = new RuleOverridesBuilder<EscalationSituation, EscalationDecision>(origin);
        if (!Rows.IsDefaultOrEmpty)
        {
            var table = ToTable(ladder);
            foreach (var entry in EscalationTable.ToRuleSet(table, ladder, options.RepeatWindow, origin).Rules)
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
            if (!IsDeskRule(id))
            {
                layer.Disable(id, $"switched off by {county}");
            }
        }

        return new EscalationPolicy(defaults.With(layer.Build()));
    }

    /// <summary>Builds the desk rules on tracked deadlines (<c>supervision-overdue</c>, <c>whistle-no-show</c>) with the
    /// ones <see cref="Disable"/> names switched off by the county; pass them as
    /// <see cref="Fengqiao.Escalation.Desk.EscalationCasePolicyOptions.DeskRules"/>.</summary>
    /// <param name="county">The county's name, recorded as the origin of the change.</param>
    /// <returns>The rule set; <see cref="DeskEscalationRules.Default"/> when nothing is switched off.</returns>
    /// <exception cref="ArgumentException"><paramref name="county"/> is empty.</exception>
    internal RuleSet<TrackedDeadline, LadderStep> BuildDeskRules(string county)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(county);
        var off = (Disable.IsDefault ? [] : Disable).Where(IsDeskRule).ToList();
        if (off.Count == 0)
        {
            return DeskEscalationRules.Default;
        }

        var layer = new RuleOverridesBuilder<TrackedDeadline, LadderStep>(RuleOrigin.County(county));
        foreach (var id in off)
        {
            layer.Disable(id, $"switched off by {county}");
        }

        return DeskEscalationRules.Default.With(layer.Build());
    }

    /// <summary>Whether a rule id names one of the desk rules rather than an escalation rule.</summary>
    internal static bool IsDeskRule(string id) => id is EscalationRuleIds.SupervisionOverdue or EscalationRuleIds.WhistleNoShow;

    /// <summary>Builds the rows as a decision table for <paramref name="ladder"/>, checked.</summary>
    /// <exception cref="DecisionTableException">A row names an unknown field, a wrong operator or an unknown target.</exception>
    internal DecisionTable ToTable(Ladder ladder)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        var builder = new DecisionTableBuilder(LayerName, EscalationTable.SchemaFor(ladder)) { HitPolicy = HitPolicy.Priority }
            .AddTargets([.. EscalationTable.Targets]);
        foreach (var row in Rows.IsDefault ? [] : Rows)
        {
            builder.AddRow(row);
        }

        return builder.Build();
    }
}
