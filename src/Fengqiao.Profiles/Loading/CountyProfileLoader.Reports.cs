using System.Collections.Immutable;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles.Loading;

namespace Fengqiao.Profiles;

/// <content>People's deputies (<c>deputies:</c>) and written reports (<c>written-reports:</c>).</content>
public static partial class CountyProfileLoader
{
    private static (DeputyScope Scope, bool Supervise) ReadDeputies(Node node)
    {
        if (node.IsMissing)
        {
            return (DeputyScope.AssignedOrArea, false);
        }

        var map = node.Map();
        var scope = DeputyScope.AssignedOrArea;
        var scopeNode = map.Optional("scope");
        if (!scopeNode.IsMissing && scopeNode.TryRead($"a deputy scope ({string.Join("|", KebabNames.All<DeputyScope>())})", KebabNames.Parse<DeputyScope>, out var parsed))
        {
            scope = parsed;
        }

        var supervise = false;
        var superviseNode = map.Optional("supervise");
        if (!superviseNode.IsMissing && superviseNode.TryRead("true or false", ParseBoolean, out var parsedSupervise))
        {
            supervise = parsedSupervise;
        }

        map.Provenance();
        map.Done();
        return (scope, supervise);
    }

    private static bool ParseBoolean(string text) => text switch
    {
        "true" => true,
        "false" => false,
        _ => throw new FormatException($"'{text}' is not true or false"),
    };

    /// <summary>Reads <c>written-reports:</c>: each a unit whose cases need a written report (书面报送) to an addressee before they close.</summary>
    private static ImmutableArray<WrittenReportRequirement> ReadWrittenReports(Node node, HashSet<string> orgIds)
    {
        var result = ImmutableArray.CreateBuilder<WrittenReportRequirement>();
        foreach (var item in node.Items())
        {
            var map = item.Map();
            var unitNode = map.Required("unit", "the org unit whose cases need the report (a task force)");
            var toNode = map.Required("to", "the org unit the report goes to (a secretary)");
            map.Provenance();
            map.Done();
            if (!unitNode.TryRead("an org unit id", t => new OrgUnitId(t), out var unit) | !toNode.TryRead("an org unit id", t => new OrgUnitId(t), out var to))
            {
                continue;
            }

            var ok = true;
            foreach (var (id, where) in new[] { (unit, unitNode), (to, toNode) })
            {
                if (!orgIds.Contains(id.Value))
                {
                    where.Problem($"unknown org unit '{id}'{Suggest.DidYouMean(id.Value, orgIds)}");
                    ok = false;
                }
            }

            if (ok && unit == to)
            {
                toNode.Problem($"unit '{unit}' cannot report to itself");
                ok = false;
            }

            if (ok && result.Any(r => r.Unit == unit && r.Addressee == to))
            {
                item.Problem($"the written report of '{unit}' to '{to}' is required twice");
                ok = false;
            }

            if (ok)
            {
                result.Add(new WrittenReportRequirement(unit, to));
            }
        }

        return result.ToImmutable();
    }
}
