using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Routing;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>The routing section (分拨) and the static proof that routing and the ladder resolve.</content>
public static partial class CountyProfileLoader
{
    private const string RefuseUnrouted = "refuse";

    private static RoutingTable? ReadRouting(
        Node node, HashSet<string> orgIds, Ladder? ladder, ImmutableArray<CategoryProfile> categories, List<Node> rowNodes)
    {
        if (node.IsMissing)
        {
            return null;
        }

        var map = node.Map();
        var categoryKeys = categories.Select(c => c.Key.Key).ToList();
        OrgUnitId? UnitAt(Node at, string what)
        {
            if (at.IsMissing || !at.TryRead("an org unit id", t => new OrgUnitId(t), out var id))
            {
                return null;
            }

            if (orgIds.Count > 0 && !orgIds.Contains(id.Value))
            {
                at.Problem($"{what} '{id}' is not an org unit{Suggest.DidYouMean(id.Value, orgIds)}");
            }

            return id;
        }

        OrgUnitId? fallback = null;
        var unroutedNode = map.Optional("unrouted");
        if (!unroutedNode.IsMissing && unroutedNode.Text() is { } unrouted && unrouted != RefuseUnrouted)
        {
            fallback = UnitAt(unroutedNode, "the fallback unit (routing.unrouted: refuse, or a unit id)");
        }

        var rows = ImmutableArray.CreateBuilder<RoutingRow>();
        var ok = true;
        foreach (var item in map.Required("rows", "the routing rows: category → unit, kind or level").Items())
        {
            var row = item.Map();
            var categoryNode = row.Required("category", "a category key or *");
            var category = categoryNode.RequiredText("the category");
            if (category is not null && category != RoutingRow.AnyCategory && categoryKeys.Count > 0 && !categoryKeys.Contains(category))
            {
                categoryNode.Problem($"category '{category}' is not listed under 'categories'{Suggest.DidYouMean(category, categoryKeys)}");
            }

            var unitNode = row.Optional("unit");
            var kindNode = row.Optional("kind");
            var levelNode = row.Optional("level");
            RoutingTarget? target = null;
            var given = new[] { unitNode, kindNode, levelNode }.Count(n => !n.IsMissing);
            if (given != 1)
            {
                item.Problem($"a routing row names exactly one owner: 'unit' (an org unit id), 'kind' (a unit kind within the reporting street) or 'level' (a ladder level); found {given}");
            }
            else if (!unitNode.IsMissing)
            {
                target = UnitAt(unitNode, "unit") is { } unit ? RoutingTarget.ToUnit(unit) : null;
            }
            else if (!kindNode.IsMissing)
            {
                target = kindNode.TryRead($"a unit kind ({string.Join("|", KebabNames.All<OrgUnitKind>())})", KebabNames.Parse<OrgUnitKind>, out var kind)
                    ? RoutingTarget.ToKind(kind)
                    : null;
            }
            else if (levelNode.RequiredText("a ladder level") is { } level)
            {
                var levels = ladder?.Levels.Select(l => l.Key).ToList() ?? [];
                if (ladder is not null && !levels.Contains(level))
                {
                    levelNode.Problem($"ladder '{ladder.Key}' has no level '{level}'{Suggest.DidYouMean(level, levels)}; its levels: {string.Join(", ", levels)}");
                }

                target = RoutingTarget.ToLevel(level);
            }

            var channels = ImmutableArray.CreateBuilder<CaseChannel>();
            foreach (var c in row.Optional("channels").Items())
            {
                if (c.TryRead("a channel", CaseChannels.Parse, out var channel))
                {
                    channels.Add(channel);
                }
            }

            var priorities = ImmutableArray.CreateBuilder<CasePriority>();
            foreach (var p in row.Optional("priorities").Items())
            {
                if (p.TryRead($"a priority ({string.Join("|", KebabNames.All<CasePriority>())})", KebabNames.Parse<CasePriority>, out var priority))
                {
                    priorities.Add(priority);
                }
            }

            var months = ReadRowMonths(row);
            var tiers = ReadTierList(row.Optional("tiers"));

            var area = UnitAt(row.Optional("area"), "area");
            var department = UnitAt(row.Optional("department"), "department");
            row.Provenance();
            row.Done();
            if (category is null || target is null)
            {
                ok = false;
                continue;
            }

            rows.Add(new RoutingRow(category, target)
            {
                Channels = channels.ToImmutable(),
                Priorities = priorities.ToImmutable(),
                Months = months,
                Tiers = tiers,
                Area = area,
                Department = department,
            });
            rowNodes.Add(item);
        }

        map.Done();
        return ok ? new RoutingTable(rows.ToImmutable(), fallback) : null;
    }

    /// <summary>
    /// The static proof (<see cref="RoutingTable.Verify"/>): every category × reporting unit × channel × priority × month
    /// routes, its ladder path resolves and its owner is on it; every department that may hold a case resolves. Without a
    /// routing section, the ladder alone is proved with the department each category's tag names.
    /// </summary>
    private static void CheckRouting(
        OrgProfile org, Ladder ladder, ImmutableArray<CaseChannel> channels, ImmutableArray<CategoryProfile> categories,
        RoutingTable? routing, Node routingNode, List<Node> rowNodes, Node categoriesNode, Node ladderNode)
    {
        OrgTree tree;
        try
        {
            tree = BuildTree(AllUnits(org));
        }
        catch (OrgTreeException)
        {
            return; // CheckOrg reported it.
        }

        var categoryItems = categoriesNode.Items().ToList();
        Node CategoryNode(CaseCategory? category)
        {
            var index = category is { } c ? categories.IndexOf(categories.FirstOrDefault(p => p.Key == c)!) : -1;
            return index >= 0 && index < categoryItems.Count ? categoryItems[index] : routingNode.IsMissing ? (categoriesNode.IsMissing ? ladderNode : categoriesNode) : routingNode;
        }

        var table = routing ?? TaggedDepartments(tree, ladder, categories);
        var problems = table.Verify(tree, ladder, categories.Select(c => c.Key), channels);
        foreach (var problem in problems)
        {
            var at = problem.Row is { } r && routing is not null && r < rowNodes.Count ? rowNodes[r] : CategoryNode(problem.Category);
            var advice = routing is null && problem.Category is not null
                ? " Add a 'routing:' section saying which unit (and department) owns each category (docs/profiles.md)."
                : "";
            var message = routing is null
                ? $"a '{problem.Category?.Key ?? "*"}' case: {System.Text.RegularExpressions.Regex.Replace(problem.Message, "^Routing row '[^']*': ", "")}"
                : $"routing: {problem.Message}";
            at.Problem(message + advice);
        }
    }

    /// <summary>The legacy department choice as a routing table: each category owned by the one department tagged with
    /// its key (the escalation policy's default), the owner being the reporting grid itself.</summary>
    private static RoutingTable TaggedDepartments(OrgTree tree, Ladder ladder, ImmutableArray<CategoryProfile> categories)
    {
        var level = ladder.IndexOf(RoutingTable.DefaultDepartmentLevel);
        var rows = new List<RoutingRow>();
        foreach (var category in categories)
        {
            var tagged = level < 0 ? [] : tree.Units.Where(u => u.HasTag(category.Key.Key) && ladder.Levels[level].IsServedBy(u)).Take(2).ToList();
            rows.Add(new RoutingRow(category.Key.Key, RoutingTarget.ToLevel(ladder.Levels[0].Key)) { Department = tagged.Count == 1 ? tagged[0].Id : null });
        }

        rows.Add(new RoutingRow(RoutingRow.AnyCategory, RoutingTarget.ToLevel(ladder.Levels[0].Key)));
        return new RoutingTable(rows);
    }
}
