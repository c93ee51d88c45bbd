using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Profiles.Loading;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles;

/// <content>Categories and the SLA policy.</content>
public static partial class CountyProfileLoader
{
    private static ImmutableArray<CategoryProfile> ReadCategories(Node node)
    {
        var result = ImmutableArray.CreateBuilder<CategoryProfile>();
        foreach (var item in node.Items())
        {
            var map = item.Map();
            var keyOk = map.Required("key", "the category key").TryRead("a category key", t => new CaseCategory(t), out var key);
            var name = map.Required("name", "the display name").RequiredText("the category's name");
            var share = 1.0;
            var shareNode = map.Optional("share");
            if (!shareNode.IsMissing && !shareNode.TryRead("a share from 0 to 1", ParseShare, out share))
            {
                share = 1.0;
            }

            map.Provenance();
            map.Done();
            if (keyOk && name is not null)
            {
                if (result.Any(c => c.Key == key))
                {
                    item.Problem($"category '{key}' is listed twice");
                }

                result.Add(new CategoryProfile(key, name, share));
            }
        }

        return result.ToImmutable();
    }

    private static SlaProfile? ReadSla(Node node, ImmutableArray<CategoryProfile> categories, string countyName, Fengqiao.Escalation.Ladders.Ladder? ladder)
    {
        if (node.IsMissing)
        {
            return new SlaProfile($"{countyName} (Urumqi 1351 preset)", "urumqi-1351", []);
        }

        var map = node.Map();
        var name = map.Optional("name").Text() ?? countyName;
        string? preset = null;
        var presetNode = map.Optional("preset");
        if (!presetNode.IsMissing)
        {
            presetNode.TryRead($"a preset ({string.Join(", ", SlaProfile.Presets.Keys.Order(StringComparer.Ordinal))})", t =>
                SlaProfile.Presets.ContainsKey(t) ? t : throw new FormatException(
                    $"'{t}' is not an SLA preset{Suggest.DidYouMean(t, SlaProfile.Presets.Keys)}; the presets are {string.Join(", ", SlaProfile.Presets.Keys.Order(StringComparer.Ordinal))}"), out preset);
        }

        var known = categories.Select(c => c.Key.Key).ToHashSet(StringComparer.Ordinal);
        var rules = ImmutableArray.CreateBuilder<SlaRule>();
        var seen = new HashSet<(string, string?, string?, string?, string)>();
        foreach (var item in map.Optional("rules").Items())
        {
            var rule = item.Map();
            var category = rule.Required("category", "a category key, or * for any").RequiredText("the category");
            if (category is not null && category != "*" && categories.Length > 0 && !known.Contains(category))
            {
                rule.Optional("category").Problem($"unknown category '{category}'{Suggest.DidYouMean(category, known)}; define it under 'categories'");
            }

            string? channel = null;
            var channelNode = rule.Optional("channel");
            if (!channelNode.IsMissing && channelNode.TryRead("a channel", CaseChannels.Parse, out var parsedChannel))
            {
                channel = parsedChannel.Key();
            }

            string? priority = null;
            var priorityNode = rule.Optional("priority");
            if (!priorityNode.IsMissing && priorityNode.TryRead("a priority", KebabNames.Parse<CasePriority>, out var parsedPriority))
            {
                priority = KebabNames.Of(parsedPriority);
            }

            string? tier = null;
            var tierNode = rule.Optional("tier");
            if (!tierNode.IsMissing && tierNode.TryRead($"a tier ({TierList})", KebabNames.Parse<CaseTier>, out var parsedTier))
            {
                tier = KebabNames.Of(parsedTier);
            }

            var months = ReadRowMonths(rule);
            var monthKey = string.Join(",", months);
            var narrowing = (tier is null ? "" : $", tier '{tier}'") + (months.IsEmpty ? "" : $", months {monthKey}");
            var limits = new Dictionary<string, TimeLimit>(StringComparer.Ordinal);
            var limitsNode = rule.Required("limits", "named limits such as handle: 3 working days");
            if (limitsNode.Yaml is YamlDotNet.RepresentationModel.YamlMappingNode limitMap)
            {
                foreach (var (k, v) in limitMap.Children)
                {
                    var limitName = (k as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "";
                    var limitNode = new Node(v, $"{limitsNode.Path}.{limitName}", limitsNode.Sink, v.Start);
                    if (limitName.StartsWith(SlaLimitNames.RelayPrefix, StringComparison.Ordinal)
                        && ladder is not null && ladder.IndexOf(limitName[SlaLimitNames.RelayPrefix.Length..]) < 0)
                    {
                        var level = limitName[SlaLimitNames.RelayPrefix.Length..];
                        new Node(k, $"{limitsNode.Path}.{limitName}", limitsNode.Sink, k.Start).Problem(
                            $"relay budget '{limitName}' names no level of ladder '{ladder.Key}'{Suggest.DidYouMean(level, ladder.Levels.Select(l => l.Key))}; "
                            + $"a relay budget is relay.<level> with one of {string.Join(", ", ladder.Levels.Select(l => l.Key))}");
                        continue;
                    }

                    if (limitNode.TryRead("a time limit such as \"3 working days\" or \"15日\"", TimeLimit.Parse, out var limit))
                    {
                        limits[limitName] = limit;
                    }
                }
            }
            else if (!limitsNode.IsMissing)
            {
                limitsNode.Problem("expected a mapping of named limits such as handle: 3 working days");
            }

            var thresholds = new List<WarningThreshold>();
            foreach (var warningNode in rule.Optional("warnings").Items())
            {
                if (ReadWarning(warningNode) is { } threshold)
                {
                    thresholds.Add(threshold);
                }
            }

            var source = rule.Provenance()?.Source;
            rule.Done();
            if (category is null || limits.Count == 0)
            {
                if (category is not null && !limitsNode.IsMissing && limitsNode.Yaml is YamlDotNet.RepresentationModel.YamlMappingNode { Children.Count: 0 })
                {
                    limitsNode.Problem("a rule needs at least one limit");
                }

                continue;
            }

            if (!seen.Add((category, channel, priority, tier, monthKey)))
            {
                item.Problem($"a second rule for category '{category}'{(channel is null ? "" : $", channel '{channel}'")}{(priority is null ? "" : $", priority '{priority}'")}{narrowing}");
                continue;
            }

            if (preset is not null && tier is null && months.IsEmpty && SlaProfile.Presets[preset].Rules.Any(r => r.Category == category && r.Channel == channel && r.Priority == priority))
            {
                // The policy builder refuses two rules for one category, channel and priority: say so here, where it was written.
                item.Problem($"preset '{preset}' already has a rule for category '{category}'{(channel is null ? "" : $", channel '{channel}'")}{(priority is null ? "" : $", priority '{priority}'")}; "
                    + "a county rule cannot restate it: drop the preset and list every rule, or narrow this rule with a channel or priority");
                continue;
            }

            rules.Add(new SlaRule(category, limits, thresholds, channel, priority, source) { Tier = tier, Months = months });
        }

        map.Provenance();
        map.Done();
        if (preset is null && rules.Count == 0)
        {
            node.Problem("the SLA policy has no rules: name a 'preset' or add 'rules'");
        }

        return new SlaProfile(name, preset, rules.ToImmutable());
    }

    private static WarningThreshold? ReadWarning(Node node)
    {
        var map = node.Map();
        var name = map.Required("name", "the warning's name, e.g. yellow or red").RequiredText("the warning's name");
        var fractionNode = map.Optional("after-fraction");
        var leadNode = map.Optional("before-deadline");
        map.Done();
        if (name is null)
        {
            return null;
        }

        if (fractionNode.IsMissing == leadNode.IsMissing)
        {
            node.Problem("a warning needs exactly one of 'after-fraction' (e.g. 0.8) and 'before-deadline' (e.g. \"4 working hours\")");
            return null;
        }

        if (!fractionNode.IsMissing)
        {
            return fractionNode.TryRead("a fraction strictly between 0 and 1", t => WarningThreshold.AfterFraction(name, ParseFraction(t)), out var byFraction)
                ? byFraction
                : null;
        }

        return leadNode.TryRead("a working-time lead such as \"4 working hours\"", t => WarningThreshold.BeforeDeadline(name, WorkingLead(t)), out var byLead)
            ? byLead
            : null;
    }

    private static Duration WorkingLead(string text)
    {
        var limit = TimeLimit.Parse(text);
        return limit.Unit == TimeLimitUnit.WorkingTime
            ? limit.Duration
            : throw new FormatException($"'{text}' is not working time: use working hours or minutes, e.g. \"4 working hours\"");
    }

    private static double ParseFraction(string text) =>
        double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException("expected a decimal number such as 0.8");

    private static double ParseShare(string text)
    {
        var value = ParseFraction(text);
        return value is >= 0 and <= 1 ? value : throw new FormatException("expected a share from 0 to 1");
    }
}
