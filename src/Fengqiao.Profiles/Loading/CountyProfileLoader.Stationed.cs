using System.Collections.Immutable;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles.Loading;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Profiles;

/// <content>Departments stationed at a centre (<c>stationed:</c>, 常驻/轮驻).</content>
public static partial class CountyProfileLoader
{
    /// <summary>Reads <c>stationed:</c>: each a department with a desk at a centre, present every day or on a rota.</summary>
    private static ImmutableArray<StationedDepartment> ReadStationed(Node node, OrgProfile? org)
    {
        if (node.IsMissing)
        {
            return [];
        }

        var units = org is null ? new Dictionary<string, UnitProfile>() : AllUnits(org).GroupBy(u => u.Id.Value).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var result = ImmutableArray.CreateBuilder<StationedDepartment>();
        foreach (var item in node.Items())
        {
            var map = item.Map();
            var departmentNode = map.Required("department", "the department's org unit id");
            var deskNode = map.Required("desk", "the org unit of the department's desk at the centre");
            var days = ImmutableArray.CreateBuilder<IsoDayOfWeek>();
            foreach (var dayNode in map.Optional("rota").Items())
            {
                if (dayNode.TryRead("a weekday such as monday", KebabNames.Parse<IsoDayOfWeek>, out var day))
                {
                    days.Add(day);
                }
            }

            var dates = ImmutableArray.CreateBuilder<LocalDate>();
            foreach (var dateNode in map.Optional("rota-dates").Items())
            {
                if (dateNode.TryRead("a date such as 2026-11-03", t => LocalDatePattern.Iso.Parse(t).GetValueOrThrow(), out var date))
                {
                    dates.Add(date);
                }
            }

            var absence = StationedAbsence.Department;
            var absentNode = map.Optional("when-absent");
            if (!absentNode.IsMissing && absentNode.TryRead($"where a dispatch goes when the desk is not staffed ({string.Join("|", KebabNames.All<StationedAbsence>())})", KebabNames.Parse<StationedAbsence>, out var parsed))
            {
                absence = parsed;
            }

            map.Provenance();
            map.Done();
            if (!departmentNode.TryRead("an org unit id", t => new OrgUnitId(t), out var department) | !deskNode.TryRead("an org unit id", t => new OrgUnitId(t), out var desk))
            {
                continue;
            }

            var ok = true;
            if (org is not null)
            {
                if (!units.TryGetValue(department.Value, out var departmentUnit))
                {
                    departmentNode.Problem($"unknown org unit '{department}'{Suggest.DidYouMean(department.Value, units.Keys)}");
                    ok = false;
                }
                else if (departmentUnit.Kind != OrgUnitKind.Department)
                {
                    departmentNode.Problem($"unit '{department}' is a {KebabNames.Of(departmentUnit.Kind)}, not a department");
                    ok = false;
                }

                if (!units.TryGetValue(desk.Value, out var deskUnit))
                {
                    deskNode.Problem($"unknown org unit '{desk}'{Suggest.DidYouMean(desk.Value, units.Keys)}");
                    ok = false;
                }
                else if (deskUnit.Parent is not { } centre || !units.TryGetValue(centre.Value, out var centreUnit) || centreUnit.Kind != OrgUnitKind.CommandCentre)
                {
                    deskNode.Problem($"desk '{desk}' must sit under a centre (a command-centre unit as its parent), and its parent is '{deskUnit.Parent?.Value ?? "none"}'");
                    ok = false;
                }
            }

            if (ok && desk == department)
            {
                deskNode.Problem($"the desk of '{department}' at the centre is a unit of its own, not the department");
                ok = false;
            }

            if (ok && result.Any(d => d.Department == department))
            {
                departmentNode.Problem($"department '{department}' is stationed twice");
                ok = false;
            }

            if (ok && days.Count == 0 && dates.Count == 0 && absence != StationedAbsence.Department)
            {
                absentNode.Problem("a department stationed permanently (no 'rota' or 'rota-dates') is never absent; 'when-absent' applies to rotating ones");
                ok = false;
            }

            if (ok)
            {
                result.Add(new StationedDepartment(department, desk, days.ToImmutable(), dates.ToImmutable(), absence));
            }
        }

        return result.ToImmutable();
    }
}
