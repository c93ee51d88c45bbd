using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Routing;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// A county's self-checks in one call: calendar laws, ladder laws, routing resolves, and the profile round-trips
/// through YAML. Each problem is one line naming what and where (date, grid, category and channel).
/// </summary>
/// <remarks>
/// <para>Calendar laws, for every day of <c>year</c> at 09:00 local time: a limit of one working day ends after the
/// start and on a working day; two working days end no earlier than one. Ladder laws, for every grid: the ladder
/// resolves (through each department the routing names), and each step's unit above the grid is the previous step's unit or one of its ancestors (departments, which sit beside the tree's chain, excepted). Routing: the profile's
/// <c>routing:</c> table covers every category, channel and reporting unit (<c>RoutingTable.Verify</c>). Round trip:
/// the profile written, read back and written again gives the same YAML.</para>
/// </remarks>
/// <threadsafety>Stateless; safe from any thread.</threadsafety>
public static class CountySelfChecks
{
    /// <summary>Runs every check and returns the problems (empty when the county passes).</summary>
    /// <param name="profile">The county's profile.</param>
    /// <param name="year">The year the calendar laws are checked over (2025 by default).</param>
    /// <returns>The problems, one line each.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public static ImmutableArray<string> Run(CountyProfile profile, int year = 2025)
    {
        ArgumentNullException.ThrowIfNull(profile);
        var problems = ImmutableArray.CreateBuilder<string>();
        var calendar = profile.BuildCalendar();
        for (var date = new LocalDate(year, 1, 1); date.Year == year; date = date.PlusDays(1))
        {
            var start = date.At(new LocalTime(9, 0)).InZoneLeniently(calendar.Zone).ToInstant();
            var one = calendar.Deadline(start, TimeLimit.WorkingDays(1)).Deadline;
            var two = calendar.Deadline(start, TimeLimit.WorkingDays(2)).Deadline;
            if (one <= start)
            {
                problems.Add($"calendar: 1 working day from {date} 09:00 ends at {one}, not after the start");
            }

            if (!calendar.IsWorkingDay(one.InZone(calendar.Zone).Date))
            {
                problems.Add($"calendar: 1 working day from {date} 09:00 ends on {one.InZone(calendar.Zone).Date}, not a working day");
            }

            if (two < one)
            {
                problems.Add($"calendar: 2 working days from {date} 09:00 end before 1 working day does");
            }
        }

        var tree = profile.BuildOrgTree();
        // With routing, a case climbs through the department its row names; without, the ladder alone decides.
        var departments = profile.Routing is { } table
            ? table.Rows.Select(r => r.Department).Where(d => d is not null).Distinct().ToList()
            : [null];
        foreach (var grid in tree.Units.Where(u => u.Kind == OrgUnitKind.Grid))
        {
            foreach (var department in departments)
            {
                try
                {
                    var path = RoutingTable.PathOf(tree, profile.Ladder, grid.Id, department);
                    for (var i = 1; i < path.Steps.Length; i++)
                    {
                        var below = path.Steps[i - 1].Unit;
                        var above = path.Steps[i].Unit;
                        if (below.Kind != OrgUnitKind.Department && above.Kind != OrgUnitKind.Department && !tree.IsWithin(below.Id, above.Id))
                        {
                            problems.Add($"ladder: from grid '{grid.Id}', level '{path.Steps[i].Level.Key}' resolves to '{above.Id}', which is not above '{below.Id}'");
                        }
                    }
                }
                catch (LadderResolutionException e)
                {
                    problems.Add($"ladder: from grid '{grid.Id}'{(department is null ? "" : $" through '{department}'")}: {e.Message}");
                }
            }
        }

        if (profile.Routing is { } routing)
        {
            var categories = profile.Categories.IsDefaultOrEmpty ? [] : profile.Categories.Select(c => c.Key);
            foreach (var problem in routing.Verify(tree, profile.Ladder, categories, profile.Channels.IsDefault ? [] : profile.Channels))
            {
                problems.Add($"routing: {problem}");
            }
        }

        var written = CountyProfileWriter.Write(profile);
        try
        {
            var again = CountyProfileWriter.Write(CountyProfileLoader.Parse(written, $"<{profile.Name} written back>"));
            if (!string.Equals(written, again, StringComparison.Ordinal))
            {
                var line = written.Split('\n').Zip(again.Split('\n')).Select((p, i) => (p, i)).FirstOrDefault(x => x.p.First != x.p.Second);
                problems.Add($"round trip: the profile written and read back differs at line {line.i + 1}: '{line.p.First}' became '{line.p.Second}'");
            }
        }
        catch (ProfileLoadException e)
        {
            problems.Add($"round trip: the profile as written does not load again: {string.Join("; ", e.Problems)}");
        }

        return problems.ToImmutable();
    }

    /// <summary>Runs every check and throws when any fails (for a plain xunit fact).</summary>
    /// <param name="profile">The county's profile.</param>
    /// <param name="year">The year the calendar laws are checked over.</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="InvalidOperationException">A check failed; the message lists every problem.</exception>
    public static void Assert(CountyProfile profile, int year = 2025)
    {
        var problems = Run(profile, year);
        if (!problems.IsEmpty)
        {
            throw new InvalidOperationException($"County '{profile.Name}' fails {problems.Length} self-check(s):\n{string.Join('\n', problems)}");
        }
    }
}
