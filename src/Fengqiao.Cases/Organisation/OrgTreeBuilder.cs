using System.Collections.Immutable;

namespace Fengqiao.Cases.Organisation;

/// <summary>Collects units and members, then builds a validated <see cref="OrgTree"/>.</summary>
/// <remarks>
/// <see cref="Build"/> checks everything at once: duplicate unit ids, parents that are not defined, cycles,
/// members added to undefined units, a member listed twice in one unit, members without a role. Units may be
/// added in any order.
/// </remarks>
/// <threadsafety>Not thread-safe: build on one thread, then share the immutable tree.</threadsafety>
public sealed class OrgTreeBuilder
{
    private readonly List<(OrgUnitId Id, string Name, OrgUnitKind Kind, OrgUnitId? Parent, ImmutableArray<string> Tags)> units = [];
    private readonly List<(OrgUnitId Unit, OrgMember Member)> members = [];

    /// <summary>Adds a unit.</summary>
    /// <param name="id">The unit id, unique in the tree.</param>
    /// <param name="name">The display name.</param>
    /// <param name="kind">The kind of unit.</param>
    /// <param name="parent">The unit above it, or <see langword="null"/> for a root.</param>
    /// <param name="tags">Labels for the unit, e.g. the ladder level keys it serves at; none by default.</param>
    /// <returns>This builder.</returns>
    public OrgTreeBuilder AddUnit(OrgUnitId id, string name, OrgUnitKind kind, OrgUnitId? parent = null, IEnumerable<string>? tags = null)
    {
        units.Add((id, name ?? "", kind, parent, [.. tags ?? []]));
        return this;
    }

    /// <summary>Adds a member to a unit (the unit may be added later).</summary>
    /// <param name="unit">The unit.</param>
    /// <param name="id">The member's actor id.</param>
    /// <param name="name">The member's display name.</param>
    /// <param name="roles">The roles the member holds there; at least one.</param>
    /// <returns>This builder.</returns>
    public OrgTreeBuilder AddMember(OrgUnitId unit, ActorId id, string name, params MemberRole[] roles)
    {
        members.Add((unit, new OrgMember(id, name ?? "", [.. roles ?? []])));
        return this;
    }

    /// <summary>Validates and builds the tree.</summary>
    /// <exception cref="OrgTreeException">Any problem; the exception lists all of them.</exception>
    public OrgTree Build()
    {
        var problems = new List<string>();
        var byId = new Dictionary<OrgUnitId, (OrgUnitId Id, string Name, OrgUnitKind Kind, OrgUnitId? Parent, ImmutableArray<string> Tags)>();
        foreach (var unit in units)
        {
            if (!byId.TryAdd(unit.Id, unit))
            {
                problems.Add($"unit '{unit.Id}' is defined more than once");
            }

            if (unit.Name.Length == 0)
            {
                problems.Add($"unit '{unit.Id}' has no name");
            }

            foreach (var tag in unit.Tags.Where(string.IsNullOrWhiteSpace))
            {
                problems.Add($"unit '{unit.Id}' has an empty tag");
            }
        }

        foreach (var unit in byId.Values)
        {
            if (unit.Parent is { } parent && !byId.ContainsKey(parent))
            {
                problems.Add($"unit '{unit.Id}' names parent '{parent}', which is not defined");
            }
        }

        foreach (var cycle in FindCycles(byId))
        {
            problems.Add($"the org tree has a cycle: {string.Join(" → ", cycle)}");
        }

        var membersByUnit = new Dictionary<OrgUnitId, List<OrgMember>>();
        foreach (var (unit, member) in members)
        {
            if (!byId.ContainsKey(unit))
            {
                problems.Add($"member '{member.Id}' is added to unit '{unit}', which is not defined");
                continue;
            }

            if (member.Roles.IsEmpty)
            {
                problems.Add($"member '{member.Id}' of unit '{unit}' has no role");
            }

            var list = membersByUnit.TryGetValue(unit, out var l) ? l : membersByUnit[unit] = [];
            if (list.Any(m => m.Id == member.Id))
            {
                problems.Add($"member '{member.Id}' is listed twice in unit '{unit}'");
                continue;
            }

            list.Add(member);
        }

        if (problems.Count > 0)
        {
            throw new OrgTreeException(problems);
        }

        var ordered = units
            .Select(u => new OrgUnit(u.Id, u.Name, u.Kind, u.Parent, membersByUnit.TryGetValue(u.Id, out var m) ? [.. m] : [], u.Tags))
            .ToImmutableArray();
        return new OrgTree(ordered);
    }

    private static IEnumerable<List<OrgUnitId>> FindCycles(
        Dictionary<OrgUnitId, (OrgUnitId Id, string Name, OrgUnitKind Kind, OrgUnitId? Parent, ImmutableArray<string> Tags)> byId)
    {
        var reported = new HashSet<OrgUnitId>();
        foreach (var start in byId.Keys)
        {
            var seen = new List<OrgUnitId>();
            for (OrgUnitId? current = start; current is { } c && byId.TryGetValue(c, out var unit); current = unit.Parent)
            {
                var at = seen.IndexOf(c);
                if (at >= 0)
                {
                    var cycle = seen[at..];
                    if (!cycle.Any(reported.Contains))
                    {
                        reported.UnionWith(cycle);
                        cycle.Add(c);
                        yield return cycle;
                    }

                    break;
                }

                seen.Add(c);
            }
        }
    }
}
