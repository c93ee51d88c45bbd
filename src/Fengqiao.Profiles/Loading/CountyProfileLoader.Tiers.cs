using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>Complexity tiers (分类处置: 简单/复杂/疑难) and seasons (months by name) as rule fields.</content>
public static partial class CountyProfileLoader
{
    /// <summary>The seasons every profile may name without defining them (months of the northern year).</summary>
    internal static readonly ImmutableSortedDictionary<string, ImmutableArray<int>> BuiltInSeasons = new Dictionary<string, ImmutableArray<int>>
    {
        ["spring"] = [3, 4, 5],
        ["summer"] = [6, 7, 8],
        ["autumn"] = [9, 10, 11],
        ["winter"] = [12, 1, 2],
    }.ToImmutableSortedDictionary(StringComparer.Ordinal);

    /// <summary>Reads <c>seasons:</c>, the county's own named seasons (e.g. the heating season, 供暖季), each a list of months.</summary>
    private static ImmutableSortedDictionary<string, ImmutableArray<int>> ReadSeasons(Node node)
    {
        var result = ImmutableSortedDictionary.CreateBuilder<string, ImmutableArray<int>>(StringComparer.Ordinal);
        if (node.IsMissing)
        {
            node.Sink.Seasons = BuiltInSeasons;
            return result.ToImmutable();
        }

        if (node.Yaml is not YamlDotNet.RepresentationModel.YamlMappingNode mapping)
        {
            node.Problem("expected a mapping of season names to their months, e.g. heating: {months: [11, 12, 1, 2, 3]}");
            node.Sink.Seasons = BuiltInSeasons;
            return result.ToImmutable();
        }

        foreach (var (k, v) in mapping.Children)
        {
            var name = (k as YamlDotNet.RepresentationModel.YamlScalarNode)?.Value ?? "";
            var seasonNode = new Node(v, $"{node.Path}.{name}", node.Sink, v.Start);
            if (BuiltInSeasons.TryGetValue(name, out var builtIn))
            {
                new Node(k, seasonNode.Path, node.Sink, k.Start).Problem(
                    $"season '{name}' is built in ({string.Join(", ", builtIn)}); give the county's own season another name, e.g. heating");
                continue;
            }

            var season = seasonNode.Map();
            var months = ReadMonthList(season.Required("months", "the months (1–12) of the season"));
            season.Provenance();
            season.Done();
            if (!months.IsEmpty)
            {
                result[name] = months;
            }
        }

        var seasons = result.ToImmutable();
        node.Sink.Seasons = BuiltInSeasons.SetItems(seasons);
        return seasons;
    }

    private static ImmutableArray<int> ReadMonthList(Node node)
    {
        var months = new SortedSet<int>();
        foreach (var m in node.Items())
        {
            if (m.TryRead("a month from 1 to 12", t => ParseInt(t, 1, 12), out var month) && !months.Add(month))
            {
                m.Problem($"month {month} is listed twice");
            }
        }

        return [.. months];
    }

    /// <summary>Reads a row's <c>months:</c> and <c>season:</c> (a built-in season or one of <c>seasons:</c>) into one list of months; empty for the whole year.</summary>
    private static ImmutableArray<int> ReadRowMonths(MapReader row)
    {
        var months = new SortedSet<int>(ReadMonthList(row.Optional("months")));
        var seasonNode = row.Optional("season");
        if (!seasonNode.IsMissing && seasonNode.RequiredText("a season") is { } season)
        {
            var seasons = seasonNode.Sink.Seasons;
            if (seasons.TryGetValue(season, out var seasonMonths))
            {
                months.UnionWith(seasonMonths);
            }
            else
            {
                seasonNode.Problem($"'{season}' is not a season{Suggest.DidYouMean(season, seasons.Keys)}; the seasons are {string.Join(", ", seasons.Keys)} (define the county's own under 'seasons')");
            }
        }

        return [.. months];
    }

    /// <summary>Reads a <c>season</c> condition of a rule table as the <c>month</c> field: <c>season equals winter</c> is <c>month in [12, 1, 2]</c>.</summary>
    private static Fengqiao.Rules.Tables.TableCondition? SeasonCondition(Node at, Fengqiao.Rules.Tables.ConditionOperator op, IReadOnlyList<string> names)
    {
        if (op is not (Fengqiao.Rules.Tables.ConditionOperator.Equal or Fengqiao.Rules.Tables.ConditionOperator.In or Fengqiao.Rules.Tables.ConditionOperator.NotIn))
        {
            at.Problem($"a season condition takes equals, in or not-in, not {OperatorName(op)}");
            return null;
        }

        var seasons = at.Sink.Seasons;
        var months = new SortedSet<int>();
        foreach (var name in names)
        {
            if (seasons.TryGetValue(name, out var seasonMonths))
            {
                months.UnionWith(seasonMonths);
            }
            else
            {
                at.Problem($"'{name}' is not a season{Suggest.DidYouMean(name, seasons.Keys)}; the seasons are {string.Join(", ", seasons.Keys)} (define the county's own under 'seasons')");
                return null;
            }
        }

        var values = months.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return Fengqiao.Rules.Tables.TableCondition.Test("month", op == Fengqiao.Rules.Tables.ConditionOperator.NotIn ? Fengqiao.Rules.Tables.ConditionOperator.NotIn : Fengqiao.Rules.Tables.ConditionOperator.In, values);
    }

    /// <summary>Reads <c>tiers:</c>, the rules that give a report registered without a tier its tier from its category and channels.</summary>
    private static ImmutableArray<CaseTierRule> ReadTierRules(Node node, ImmutableArray<CategoryProfile> categories)
    {
        var result = ImmutableArray.CreateBuilder<CaseTierRule>();
        var known = categories.Select(c => c.Key.Key).ToList();
        foreach (var item in node.Items())
        {
            var rule = item.Map();
            var categoryNode = rule.Required("category", "a category key or *");
            var category = categoryNode.RequiredText("the category");
            if (category is not null && category != CaseTierRule.AnyCategory && known.Count > 0 && !known.Contains(category))
            {
                categoryNode.Problem($"category '{category}' is not listed under 'categories'{Suggest.DidYouMean(category, known)}");
            }

            var tierOk = rule.Required("tier", TierList).TryRead($"a tier ({TierList})", KebabNames.Parse<CaseTier>, out var tier);
            var channels = ImmutableArray.CreateBuilder<CaseChannel>();
            foreach (var c in rule.Optional("channels").Items())
            {
                if (c.TryRead("a channel", CaseChannels.Parse, out var channel))
                {
                    channels.Add(channel);
                }
            }

            var source = rule.Provenance()?.Source;
            rule.Done();
            if (category is not null && tierOk)
            {
                result.Add(new CaseTierRule(category, tier) { Channels = channels.ToImmutable(), Source = source });
            }
        }

        return result.ToImmutable();
    }

    private static string TierList => string.Join("|", KebabNames.All<CaseTier>());

    private static ImmutableArray<CaseTier> ReadTierList(Node node)
    {
        var tiers = ImmutableArray.CreateBuilder<CaseTier>();
        foreach (var t in node.Items())
        {
            if (t.TryRead($"a tier ({TierList})", KebabNames.Parse<CaseTier>, out var tier))
            {
                tiers.Add(tier);
            }
        }

        return tiers.ToImmutable();
    }
}
