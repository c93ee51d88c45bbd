using System.Collections.Immutable;
using System.Reflection;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Rules;
using Fengqiao.Profiles.Loading;
using Fengqiao.Rules.Tables;
using YamlDotNet.RepresentationModel;

namespace Fengqiao.Profiles;

/// <content>Hand-off rule overrides (rules.hand-offs) as a decision table.</content>
public static partial class CountyProfileLoader
{
    private static readonly ImmutableArray<string> WellKnownDisputeTypes =
    [
        .. typeof(DisputeType).GetProperties(BindingFlags.Public | BindingFlags.Static)
            .Where(p => p.PropertyType == typeof(DisputeType))
            .Select(p => ((DisputeType)p.GetValue(null)!).Key)
            .Order(StringComparer.Ordinal),
    ];

    private static HandOffRulesProfile ReadHandOffs(Node node, MediationProfile mediation, ImmutableArray<CategoryProfile> categories, string county)
    {
        if (node.IsMissing)
        {
            return HandOffRulesProfile.None;
        }

        var map = node.Map();
        var disableNode = map.Optional("disable");
        var disable = ReadStrings(disableNode);
        var rows = ImmutableArray.CreateBuilder<DecisionRow>();
        var rowNodes = new Dictionary<string, Node>(StringComparer.Ordinal);
        var disputeTypes = WellKnownDisputeTypes
            .Concat(mediation.Bodies.IsDefault ? [] : mediation.Bodies.SelectMany(b => b.DisputeTypes.IsDefault ? [] : b.DisputeTypes.Select(t => t.Key)))
            .Concat(categories.IsDefault ? [] : categories.Select(c => c.Key.Key))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var item in map.Optional("rows").Items())
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

            var whenNode = row.Required("when", "the condition: field/op/values, or all:/any: lists");
            var condition = ReadCondition(whenNode);
            var fieldsOk = CheckHandOffFields(whenNode, disputeTypes);
            var thenNode = row.Required("then", $"the action: target (a hand-off purpose) and optionally {string.Join(", ", HandOffTable.Parameters)}");
            var action = ReadAction(thenNode, HandOffTable.Targets);
            var actionOk = action is not null && CheckHandOffAction(thenNode, action, mediation);
            row.Provenance();
            row.Done();
            if (id is not null && condition is not null && action is not null && fieldsOk && actionOk)
            {
                rows.Add(new DecisionRow(id, description, condition, action, salience));
                rowNodes.TryAdd(id, item);
            }
        }

        map.Done();
        var profile = new HandOffRulesProfile(rows.ToImmutable(), disable);
        var defaultIds = HandOffRules.Default.Rules.Select(r => r.Id).ToList();
        if (ReportUnknownDisables(disable.Zip(disableNode.Items()), defaultIds, profile.Rows.Select(r => r.Id), "hand-off rule"))
        {
            return profile;
        }

        ReportBuildProblems(() => _ = profile.Build(county), node, rowNodes, "hand-off rules");

        return profile;
    }

    /// <summary>Checks every field a condition names, and the dispute types it compares with, where they are written.</summary>
    private static bool CheckHandOffFields(Node node, HashSet<string> disputeTypes)
    {
        if (node.Yaml is not YamlMappingNode mapping)
        {
            return true;
        }

        var ok = true;
        foreach (var (k, v) in mapping.Children)
        {
            var key = (k as YamlScalarNode)?.Value;
            var child = new Node(v, $"{node.Path}.{key}", node.Sink, v.Start);
            if (key is "all" or "any")
            {
                foreach (var item in child.Items())
                {
                    ok &= CheckHandOffFields(item, disputeTypes);
                }
            }
        }

        if (mapping.Children.TryGetValue(new YamlScalarNode("field"), out var fieldYaml) && fieldYaml is YamlScalarNode { Value: { } field })
        {
            var fieldNode = new Node(fieldYaml, $"{node.Path}.field", node.Sink, fieldYaml.Start);
            if (!HandOffTable.Schema.TryGetField(field, out _))
            {
                fieldNode.Problem($"'{field}' is not a hand-off fact field{Suggest.DidYouMean(field, HandOffTable.Schema.Fields.Select(f => f.Name))}; fields: {string.Join(", ", HandOffTable.Schema.Fields.Select(f => f.Name))}");
                return false;
            }

            if (field == "dispute_type")
            {
                foreach (var (valueYaml, path) in ValueNodes(mapping, node.Path))
                {
                    if (valueYaml is YamlScalarNode { Value: { } value } && !disputeTypes.Contains(value))
                    {
                        new Node(valueYaml, path, node.Sink, valueYaml.Start).Problem(
                            $"dispute type '{value}' is neither a well-known dispute type, a mediation body's dispute type nor a category{Suggest.DidYouMean(value, disputeTypes)}");
                        ok = false;
                    }
                }
            }
        }

        return ok;
    }

    private static IEnumerable<(YamlNode Node, string Path)> ValueNodes(YamlMappingNode condition, string path)
    {
        if (condition.Children.TryGetValue(new YamlScalarNode("value"), out var single))
        {
            yield return (single, $"{path}.value");
        }

        if (condition.Children.TryGetValue(new YamlScalarNode("values"), out var many) && many is YamlSequenceNode list)
        {
            var i = 0;
            foreach (var item in list)
            {
                yield return (item, $"{path}.values[{i++}]");
            }
        }
    }

    /// <summary>Checks a row's action where it is written: the purpose, the kind of receiving body, and that a county
    /// sending matters to mediation has a mediation body to send them to.</summary>
    private static bool CheckHandOffAction(Node node, TableAction action, MediationProfile mediation)
    {
        var mapping = (YamlMappingNode)node.Yaml!;
        Node At(string key) => mapping.Children.TryGetValue(new YamlScalarNode(key), out var v) ? new Node(v, $"{node.Path}.{key}", node.Sink, v.Start) : node;
        var ok = true;
        var purposeIndex = HandOffTable.Targets.ToList().IndexOf(action.Target);
        if (purposeIndex < 0)
        {
            At("target").Problem($"'{action.Target}' is not a hand-off purpose{Suggest.DidYouMean(action.Target, HandOffTable.Targets)}; use one of {string.Join(", ", HandOffTable.Targets)}");
            ok = false;
        }

        foreach (var key in action.Parameters.Keys.Where(k => !HandOffTable.Parameters.Contains(k)))
        {
            At(key).Problem($"unknown field '{key}'{Suggest.DidYouMean(key, ["target", .. HandOffTable.Parameters])}; an action has target, {string.Join(", ", HandOffTable.Parameters)}");
            ok = false;
        }

        if (action.Parameters.TryGetValue("to", out var to) && !HandOffTable.TargetKinds.Contains(to))
        {
            At("to").Problem($"'{to}' is not a kind of receiving body{Suggest.DidYouMean(to, HandOffTable.TargetKinds)}; use one of {string.Join(", ", HandOffTable.TargetKinds)}");
            ok = false;
        }

        if (action.Parameters.TryGetValue("body", out var body) && !mediation.Bodies.IsDefault && !mediation.Bodies.Any(b => b.Id.Value == body))
        {
            var ids = mediation.Bodies.IsDefault ? [] : mediation.Bodies.Select(b => b.Id.Value);
            At("body").Problem($"body '{body}' is not defined under mediation.bodies{Suggest.DidYouMean(body, ids)}");
            ok = false;
        }

        if (ok && purposeIndex >= 0)
        {
            var purpose = Enum.GetValues<Fengqiao.Mediation.HandOffs.HandOffPurpose>()[purposeIndex];
            var target = to is null ? HandOffTable.DefaultTargetFor(purpose) : Enum.GetValues<HandOffTarget>()[HandOffTable.TargetKinds.ToList().IndexOf(to)];
            if (target == HandOffTarget.MediationBody && mediation.Bodies.IsDefaultOrEmpty)
            {
                At("target").Problem($"'{action.Target}' sends matters to a mediation body, but no body is defined under mediation.bodies");
                ok = false;
            }
        }

        return ok;
    }
}
