using System.Globalization;
using System.Text;
using Fengqiao.Rules.Tables;

namespace Fengqiao.Rules.Rendering;

/// <summary>Renders rule sets and decision tables as readable text: ids, descriptions, salience, conditions as an
/// indented tree, origins and disabled rules (what <c>fengqiao rules --format text</c> prints).</summary>
/// <remarks>The output is stable (invariant culture, <c>\n</c> line ends) so that it can be snapshot-tested and
/// diffed between profile versions.</remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
internal static class RuleSetRenderer
{
    /// <summary>Renders a rule set.</summary>
    /// <typeparam name="TFact">The fact type.</typeparam>
    /// <typeparam name="TDecision">The decision type.</typeparam>
    /// <param name="ruleSet">The rule set.</param>
    /// <returns>Multi-line text, one block per rule in declaration order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ruleSet"/> is null.</exception>
    public static string RenderText<TFact, TDecision>(RuleSet<TFact, TDecision> ruleSet)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Rule set '{ruleSet.Name}' (hit policy {ruleSet.HitPolicy}, {ruleSet.Rules.Count} rules)\n");
        foreach (var entry in ruleSet.Rules)
        {
            var rule = entry.Rule;
            sb.Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"{entry.Position}. {rule.Id}  [salience {rule.Salience}; from {entry.Origin}");
            if (entry.Previous is { } previous && previous.Rule != rule)
            {
                sb.Append(CultureInfo.InvariantCulture, $", replaces the definition from {previous.Origin}");
            }

            if (!entry.IsEnabled)
            {
                sb.Append(CultureInfo.InvariantCulture, $"; DISABLED by {entry.DisabledBy}");
                if (!string.IsNullOrEmpty(entry.DisabledReason))
                {
                    sb.Append(": ").Append(entry.DisabledReason);
                }
            }

            sb.Append("]\n");
            if (rule.Description.Length > 0)
            {
                sb.Append("   ").Append(rule.Description).Append('\n');
            }

            sb.Append("   when ");
            AppendCondition(sb, rule.Condition, 3);
        }

        return sb.ToString();
    }

    /// <summary>Renders a decision table: schema, targets and rows with their conditions and actions.</summary>
    /// <param name="table">The table.</param>
    /// <returns>Multi-line text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    public static string RenderText(DecisionTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"Decision table '{table.Name}' (hit policy {table.HitPolicy}, {table.Rows.Count} rows)\n");
        sb.Append("Fields:\n");
        foreach (var field in table.Schema.Fields)
        {
            sb.Append("  ").Append(field).Append('\n');
        }

        sb.Append("Targets: ").Append(string.Join(", ", table.Targets)).Append('\n');
        for (var i = 0; i < table.Rows.Count; i++)
        {
            var row = table.Rows[i];
            sb.Append('\n');
            sb.Append(CultureInfo.InvariantCulture, $"{i + 1}. {row.Id}  [salience {row.Salience}]\n");
            if (row.Description.Length > 0)
            {
                sb.Append("   ").Append(row.Description).Append('\n');
            }

            sb.Append("   when ");
            AppendTableCondition(sb, row.Condition, 3);
            sb.Append("   then ").Append(row.Action).Append('\n');
        }

        return sb.ToString();
    }

    private static void AppendCondition<TFact>(StringBuilder sb, Condition<TFact> condition, int indent)
        where TFact : notnull
    {
        switch (condition.Kind)
        {
            case ConditionKind.Part:
                sb.Append(condition.Name).Append('\n');
                return;
            case ConditionKind.All when condition.Children.Count == 0:
                sb.Append("always\n");
                return;
            case ConditionKind.Any when condition.Children.Count == 0:
                sb.Append("never\n");
                return;
        }

        sb.Append(condition.Kind switch { ConditionKind.All => "all of:", ConditionKind.Any => "any of:", _ => "not:" }).Append('\n');
        foreach (var child in condition.Children)
        {
            sb.Append(' ', indent + 2).Append("- ");
            AppendCondition(sb, child, indent + 4);
        }
    }

    private static void AppendTableCondition(StringBuilder sb, TableCondition condition, int indent)
    {
        if (condition.Kind == TableConditionKind.Test)
        {
            sb.Append(condition).Append('\n');
            return;
        }

        if (condition.Children.Count == 0)
        {
            sb.Append(condition.Kind == TableConditionKind.All ? "always\n" : "never\n");
            return;
        }

        sb.Append(condition.Kind == TableConditionKind.All ? "all of:" : "any of:").Append('\n');
        foreach (var child in condition.Children)
        {
            sb.Append(' ', indent + 2).Append("- ");
            AppendTableCondition(sb, child, indent + 4);
        }
    }
}
