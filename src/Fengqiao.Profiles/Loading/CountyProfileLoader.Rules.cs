using System.Collections.Immutable;
using Fengqiao.Escalation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Profiles.Loading;
using Fengqiao.Rules.Tables;
using YamlDotNet.RepresentationModel;

namespace Fengqiao.Profiles;

/// <content>Rule overrides as decision tables.</content>
public static partial class CountyProfileLoader
{
    private static readonly ImmutableArray<(string Name, ConditionOperator Operator)> OperatorNames =
    [
        ("equals", ConditionOperator.Equal), ("in", ConditionOperator.In), ("not-in", ConditionOperator.NotIn),
        ("<", ConditionOperator.LessThan), ("<=", ConditionOperator.LessThanOrEqual), (">", ConditionOperator.GreaterThan),
        (">=", ConditionOperator.GreaterThanOrEqual), ("between", ConditionOperator.Between), ("contains-any", ConditionOperator.ContainsAny),
    ];

    private static readonly ImmutableDictionary<string, ConditionOperator> Operators =
        OperatorNames.ToImmutableDictionary(p => p.Name, p => p.Operator, StringComparer.Ordinal);

    private static readonly string OperatorList = string.Join(", ", OperatorNames.Select(p => p.Name));

    internal static string OperatorName(ConditionOperator op) => OperatorNames.First(p => p.Operator == op).Name;

    private static EscalationRulesProfile ReadRules(Node node, Ladder? ladder, string county, out Node handOffs)
    {
        handOffs = default;
        if (node.IsMissing)
        {
            return CheckRules(EscalationRulesProfile.None, node, ladder, county, []);
        }

        var map = node.Map();
        var escalationNode = map.Optional("escalation");
        handOffs = map.Optional("hand-offs");
        map.Done();
        if (escalationNode.IsMissing)
        {
            return CheckRules(EscalationRulesProfile.None, node, ladder, county, []);
        }

        var escalation = escalationNode.Map();
        var disable = ReadStrings(escalation.Optional("disable"));
        int? threshold = null;
        var thresholdNode = escalation.Optional("repeat-threshold");
        if (!thresholdNode.IsMissing && thresholdNode.TryRead("a count from 2 to 100", t => ParseInt(t, 2, 100), out var parsedThreshold))
        {
            threshold = parsedThreshold;
        }

        var levels = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        var levelsMap = escalation.Optional("levels").Map();
        foreach (var ruleId in EscalationRulesProfile.LevelKeys)
        {
            if (levelsMap.Optional(ruleId).Text() is { } level)
            {
                levels[ruleId] = level;
            }
        }

        levelsMap.Provenance();
        levelsMap.Done();
        var rows = ImmutableArray.CreateBuilder<DecisionRow>();
        var rowNodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        foreach (var item in escalation.Optional("rows").Items())
        {
            var row = item.Map();
            var id = row.Required("id", "the rule id (a default id replaces that rule)").RequiredText("the rule id");
            var description = row.Optional("description").Text() ?? "";
            var salience = 0;
            var salienceNode = row.Optional("salience");
            if (!salienceNode.IsMissing && !salienceNode.TryRead("a whole number from -1000 to 1000", t => ParseSigned(t), out salience))
            {
                salience = 0;
            }

            var condition = ReadCondition(row.Required("when", "the condition: field/op/values, or all:/any: lists"));
            var action = ReadAction(row.Required("then", "the action: target and its parameters"));
            row.Provenance();
            row.Done();
            if (id is not null && condition is not null && action is not null)
            {
                rows.Add(new DecisionRow(id, description, condition, action, salience));
                rowNodes.TryAdd(id, item);
            }
        }

        escalation.Done();
        return CheckRules(new EscalationRulesProfile(rows.ToImmutable(), disable, levels.ToImmutable(), threshold), escalationNode, ladder, county, rowNodes);
    }

    /// <summary>Reports each id in a <c>disable</c> list that names neither a default rule nor one of the county's rows,
    /// with "did you mean"; returns whether any was reported.</summary>
    private static bool ReportUnknownDisables(IEnumerable<(string Id, Node At)> disabled, IReadOnlyCollection<string> defaultIds, IEnumerable<string> rowIds, string what)
    {
        var rows = rowIds.ToHashSet(StringComparer.Ordinal);
        var reported = false;
        foreach (var (id, at) in disabled)
        {
            if (!defaultIds.Contains(id) && !rows.Contains(id))
            {
                reported = true;
                at.Problem($"cannot disable '{id}': no such {what}{Suggest.DidYouMean(id, defaultIds)}");
            }
        }

        return reported;
    }

    /// <summary>Builds a county's rule table and layers it on the defaults, reporting a row's problems at that row and
    /// a layering failure at the section (shared by the escalation and hand-off sections).</summary>
    private static void ReportBuildProblems(Action build, Node where, Dictionary<string, Node> rowNodes, string what)
    {
        try
        {
            build();
        }
        catch (DecisionTableException e)
        {
            foreach (var problem in e.Problems)
            {
                var at = problem.RuleId is { } id && rowNodes.TryGetValue(id, out var rowNode) ? rowNode : where;
                at.Problem(problem.Message);
            }
        }
        catch (Fengqiao.Rules.RuleSetException e)
        {
            where.Problem($"the {what} cannot be layered: {e.Message.ReplaceLineEndings(" ")}");
        }
    }

    private static EscalationRulesProfile CheckRules(EscalationRulesProfile rules, Node where, Ladder? ladder, string county, Dictionary<string, Node> rowNodes)
    {
        if (ladder is null)
        {
            return rules;
        }

        var defaultIds = new[]
        {
            EscalationRuleIds.LeaderInstruction, EscalationRuleIds.MustStartHigh, EscalationRuleIds.WageArrears, EscalationRuleIds.ReopenAboveCloser,
            EscalationRuleIds.RepeatComplaint, EscalationRuleIds.Overdue, EscalationRuleIds.CannotResolve,
            EscalationRuleIds.SupervisionOverdue, EscalationRuleIds.WhistleNoShow,
        };
        var disabled = (rules.Disable.IsDefault ? [] : rules.Disable).Select(id => (id, where));
        if (ReportUnknownDisables(disabled, defaultIds, (rules.Rows.IsDefault ? [] : rules.Rows).Select(r => r.Id), "escalation rule"))
        {
            return rules;
        }

        try
        {
            ReportBuildProblems(() =>
            {
                if (!rules.Rows.IsDefaultOrEmpty)
                {
                    _ = rules.ToTable(ladder);
                }

                _ = rules.BuildPolicy(ladder, county);
            }, where, rowNodes, "escalation rules");
        }
        catch (EscalationException e)
        {
            var at = e.RuleId is { } id && rowNodes.TryGetValue(id, out var rowNode) ? rowNode : where;
            at.Problem($"the escalation rules do not fit ladder '{ladder.Key}': {e.Message.ReplaceLineEndings(" ")}"
                + (where.IsMissing ? " — set rules.escalation.levels for this ladder" : ""));
        }

        return rules;
    }

    private static TableCondition? ReadCondition(Node node)
    {
        if (node.IsMissing)
        {
            return null;
        }

        var map = node.Map();
        var all = map.Optional("all");
        var any = map.Optional("any");
        if (!all.IsMissing || !any.IsMissing)
        {
            map.Done();
            var children = (all.IsMissing ? any : all).Items().Select(ReadCondition).ToList();
            if (children.Count == 0 || children.Any(c => c is null))
            {
                if (children.Count == 0)
                {
                    node.Problem("an all:/any: group needs at least one condition");
                }

                return null;
            }

            return all.IsMissing ? TableCondition.Any([.. children!]) : TableCondition.All([.. children!]);
        }

        var field = map.Required("field", "a fact field such as category or handling_stage").RequiredText("the field");
        var opNode = map.Required("op", OperatorList);
        var opOk = opNode.TryRead("an operator", t => Operators.TryGetValue(t, out var op)
            ? op
            : throw new FormatException($"'{t}' is not an operator{Suggest.DidYouMean(t, OperatorNames.Select(p => p.Name))}; use one of {OperatorList}"), out var parsedOp);
        var valueNode = map.Optional("value");
        var values = valueNode.IsMissing ? ReadStrings(map.Optional("values")) : [.. new[] { valueNode.Text() ?? "" }];
        map.Done();
        if (values.IsEmpty)
        {
            node.Problem("a condition needs 'value' or 'values'");
            return null;
        }

        if (field == "season" && opOk)
        {
            return SeasonCondition(node, parsedOp, values);
        }

        return field is not null && opOk ? TableCondition.Test(field, parsedOp, [.. values]) : null;
    }

    private static TableAction? ReadAction(Node node, IReadOnlyList<string>? targets = null)
    {
        if (node.Yaml is not YamlMappingNode mapping)
        {
            if (!node.IsMissing)
            {
                node.Problem("expected a mapping: target and its parameters");
            }

            return null;
        }

        string? target = null;
        var parameters = new List<KeyValuePair<string, string>>();
        foreach (var (k, v) in mapping.Children)
        {
            var key = (k as YamlScalarNode)?.Value ?? "";
            var value = new Node(v, $"{node.Path}.{key}", node.Sink, v.Start).RequiredText(key);
            if (value is null)
            {
                continue;
            }

            if (key == "target")
            {
                target = value;
            }
            else
            {
                parameters.Add(new(key, value));
            }
        }

        if (target is null)
        {
            node.Problem($"missing field 'target' (one of {string.Join(", ", targets ?? EscalationTable.Targets)})");
            return null;
        }

        return new TableAction(target, parameters);
    }

    private static int ParseSigned(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var value) && value is >= -1000 and <= 1000
            ? value
            : throw new FormatException("expected a whole number from -1000 to 1000");
}
