using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using NodaTime;

namespace Fengqiao.Escalation.Routing;

/// <summary>
/// A county's routing (分拨): which unit owns a case, by category and optionally by channel, priority, area and month,
/// and what happens to a case no row covers. Load one from a profile's <c>routing:</c> section or build one with
/// <see cref="RoutingTableBuilder"/>.
/// </summary>
/// <remarks>
/// <para>Rows are tried in order; the first that covers the case decides (<see cref="Route"/>). A case no row covers
/// goes to <see cref="Fallback"/>, or — without one — is refused (<see cref="RoutingException"/>; the case desk refuses the
/// registration).</para>
/// <para>The route also answers "which department owns this matter": the unit that binds the ladder's department level
/// on the case's path (<see cref="CaseRoute.Department"/>), so that an escalation from a grid finds its department
/// when the county has several.</para>
/// <para><see cref="Verify"/> proves statically, for every category × reporting unit × channel × priority × month and
/// for every department that may hold a case, that routing and every ladder step resolve.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class RoutingTable
{
    /// <summary>The default key of the ladder level served by functional departments.</summary>
    public const string DefaultDepartmentLevel = "department";

    /// <summary>Creates a routing table.</summary>
    /// <param name="rows">The rows, tried in order.</param>
    /// <param name="fallback">The unit that takes a case no row covers, or <see langword="null"/> to refuse such cases.</param>
    /// <exception cref="ArgumentException">A row is null, has a blank category, or a month outside 1–12; or the fallback is an empty id.</exception>
    public RoutingTable(IEnumerable<RoutingRow> rows, OrgUnitId? fallback = null)
    {
        ArgumentNullException.ThrowIfNull(rows);
        Rows = [.. rows];
        for (var i = 0; i < Rows.Length; i++)
        {
            var row = Rows[i] ?? throw new ArgumentException($"Routing row {i + 1} is null.", nameof(rows));
            if (string.IsNullOrWhiteSpace(row.Category) || row.Target is null)
            {
                throw new ArgumentException($"Routing row {i + 1} needs a category (or '*') and a target.", nameof(rows));
            }

            if (!row.Months.IsDefaultOrEmpty && row.Months.Any(m => m is < 1 or > 12))
            {
                throw new ArgumentException($"Routing row {i + 1} ({row.Category}) names a month outside 1–12.", nameof(rows));
            }
        }

        if (fallback is { } f && string.IsNullOrWhiteSpace(f.Value))
        {
            throw new ArgumentException("The fallback unit id is empty; pass null to refuse unrouted cases.", nameof(fallback));
        }

        Fallback = fallback;
    }

    /// <summary>Gets the rows, tried in order.</summary>
    public ImmutableArray<RoutingRow> Rows { get; }

    /// <summary>Gets the unit that takes a case no row covers, or <see langword="null"/> when such a case is refused.</summary>
    public OrgUnitId? Fallback { get; }

    /// <summary>Gets the units the table names directly (row units, row departments, the fallback): "the county's routing targets".</summary>
    public IEnumerable<OrgUnitId> NamedUnits =>
        Rows.SelectMany(r => new[] { r.Target.Unit, r.Department })
            .Append(Fallback)
            .Where(u => u is not null)
            .Select(u => u!.Value)
            .Distinct();

    /// <summary>Gets the index of the first row that covers a case, or -1.</summary>
    /// <param name="tree">The county's org tree (for the rows' areas).</param>
    /// <param name="report">The case's report.</param>
    /// <param name="month">The month (1–12) it is registered in, in the county's time zone.</param>
    /// <returns>The row's index in <see cref="Rows"/>, or -1 when none covers it.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> or <paramref name="report"/> is null.</exception>
    public int Match(OrgTree tree, CaseReport report, int month)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(report);
        for (var i = 0; i < Rows.Length; i++)
        {
            var row = Rows[i];
            if (row.Covers(report.Category, report.Channel, report.Priority, month, report.Tier)
                && (row.Area is not { } area || tree.IsWithin(report.Location.Grid, area)))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Routes a case: the owning unit, the department that answers for it, and the deciding row.</summary>
    /// <param name="tree">The county's org tree.</param>
    /// <param name="ladder">The county's ladder (for level targets and the department level).</param>
    /// <param name="report">The case's report; its grid is the reporting unit.</param>
    /// <param name="registeredOn">The day the case is (or was) registered, in the county's time zone (for month rows).</param>
    /// <param name="departmentLevel">The key of the ladder level functional departments serve at.</param>
    /// <returns>The route.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/>, <paramref name="ladder"/> or <paramref name="report"/> is null.</exception>
    /// <exception cref="RoutingException">No row covers the case and there is no fallback; or the matching row's unit is not in
    /// the tree, no single unit of its kind lies on the grid's chain or in its street, or its level is not on the ladder or
    /// does not resolve. The message names the category, channel, grid and row.</exception>
    public CaseRoute Route(OrgTree tree, Ladder ladder, CaseReport report, LocalDate registeredOn, string departmentLevel = DefaultDepartmentLevel)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        var index = Match(tree, report, registeredOn.Month);
        var grid = report.Location.Grid;
        var category = report.Category;
        if (tree.Find(grid) is null)
        {
            throw new RoutingException($"Cannot route a '{category}' case: its grid '{grid}' is not an org unit.", category, grid);
        }

        if (index < 0)
        {
            if (Fallback is not { } fallback)
            {
                throw new RoutingException(
                    $"No routing row covers a '{category}' case by {report.Channel.Key()} ({report.Priority}{(report.Tier is { } tier ? $", tier {tier.ToString().ToLowerInvariant()}" : "")}) from '{grid}' in month {registeredOn.Month}, and the county refuses unrouted cases (routing.unrouted: refuse).",
                    category, grid);
            }

            var fallbackUnit = tree.Find(fallback)
                ?? throw new RoutingException($"The routing fallback unit '{fallback}' is not an org unit.", category, grid);
            return new CaseRoute(fallback, ServesAt(ladder, departmentLevel, fallbackUnit) ? fallback : null, null);
        }

        var row = Rows[index];
        var owner = Resolve(tree, ladder, row, grid, category, departmentLevel);
        var department = row.Department ?? (ServesAt(ladder, departmentLevel, tree.Get(owner)) ? owner : null);
        if (department is { } d && tree.Find(d) is null)
        {
            throw new RoutingException($"Routing row '{row}': department '{d}' is not an org unit.", category, grid, row);
        }

        return new CaseRoute(owner, department, row);
    }

    /// <summary>Resolves a case's ladder path the way the escalation policy does: from its grid, with the department level bound to <paramref name="department"/>.</summary>
    /// <param name="tree">The county's org tree.</param>
    /// <param name="ladder">The county's ladder.</param>
    /// <param name="grid">The reporting grid.</param>
    /// <param name="department">The unit for the department level, or <see langword="null"/> to let the ladder bind it.</param>
    /// <param name="departmentLevel">The key of the ladder level functional departments serve at.</param>
    /// <returns>The path.</returns>
    /// <exception cref="LadderResolutionException">A level does not resolve (see <see cref="Ladder.Resolve"/>).</exception>
    /// <exception cref="UnknownOrgUnitException"><paramref name="grid"/> or <paramref name="department"/> is not in the tree.</exception>
    public static LadderPath PathOf(OrgTree tree, Ladder ladder, OrgUnitId grid, OrgUnitId? department, string departmentLevel = DefaultDepartmentLevel)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        return ladder.Resolve(tree, grid, level => level.Key == departmentLevel ? department : null);
    }

    /// <summary>
    /// Proves statically that routing and every ladder step resolve for the cases a county can receive: for every
    /// category × every reporting unit (the units serving at the ladder's bottom level) × channel × priority × month,
    /// the route resolves, its ladder path resolves, and its owner is on that path (so the case can escalate from
    /// there); and for every unit serving at the department level (which may hold a case) × every reporting unit, the
    /// path through that department resolves.
    /// </summary>
    /// <param name="tree">The county's org tree.</param>
    /// <param name="ladder">The county's ladder.</param>
    /// <param name="categories">The categories the county receives (the rows' own categories are checked too).</param>
    /// <param name="channels">The channels the county runs.</param>
    /// <param name="departmentLevel">The key of the ladder level functional departments serve at.</param>
    /// <returns>Every problem found, at most one per row and category (with a count of the cases like it); empty when the county cannot fail.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public ImmutableArray<RoutingProblem> Verify(
        OrgTree tree, Ladder ladder, IEnumerable<CaseCategory> categories, IEnumerable<CaseChannel> channels, string departmentLevel = DefaultDepartmentLevel)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(channels);
        var found = new Dictionary<(int? Row, string? Category), (RoutingProblem First, int More)>();
        void Add(int? row, CaseCategory? category, string message)
        {
            var key = (row, category?.Key);
            found[key] = found.TryGetValue(key, out var seen) ? (seen.First, seen.More + 1) : (new RoutingProblem(row, category, message), 0);
        }

        var cats = categories.Select(c => c.Key).Concat(Rows.Where(r => !r.CoversEveryCategory).Select(r => r.Category))
            .Distinct(StringComparer.Ordinal).Select(k => new CaseCategory(k)).ToList();
        var channelList = channels.Distinct().ToList();
        if (channelList.Count == 0 || Rows.All(r => r.Channels.IsDefaultOrEmpty))
        {
            channelList = [channelList.Count == 0 ? CaseChannel.Hotline12345 : channelList[0]];
        }

        var priorities = Rows.All(r => r.Priorities.IsDefaultOrEmpty) ? [CasePriority.Normal] : Enum.GetValues<CasePriority>().ToList();
        var months = Rows.All(r => r.Months.IsDefaultOrEmpty) ? [1] : Enumerable.Range(1, 12).ToList();
        // With tier rows, every tier and no tier at all must route: an acceptor may give any tier, or none.
        List<CaseTier?> tiers = Rows.All(r => r.Tiers.IsDefaultOrEmpty) ? [null] : [null, .. Enum.GetValues<CaseTier>().Cast<CaseTier?>()];
        var reporting = tree.Units.Where(u => ladder.Levels[0].IsServedBy(u)).ToList();
        var paths = new Dictionary<(OrgUnitId, OrgUnitId?), (LadderPath? Path, string? Error)>();
        (LadderPath? Path, string? Error) PathFor(OrgUnitId grid, OrgUnitId? department)
        {
            if (!paths.TryGetValue((grid, department), out var result))
            {
                try
                {
                    result = (PathOf(tree, ladder, grid, department, departmentLevel), null);
                }
                catch (Exception e) when (e is LadderResolutionException or UnknownOrgUnitException)
                {
                    result = (null, e.Message);
                }

                paths[(grid, department)] = result;
            }

            return result;
        }

        foreach (var category in cats)
        {
            foreach (var grid in reporting)
            {
                foreach (var channel in channelList)
                {
                    foreach (var priority in priorities)
                    {
                        foreach (var (month, tier) in months.SelectMany(m => tiers.Select(t => (m, t))))
                        {
                            var report = new CaseReport(channel, category, priority, new CaseLocation(grid.Id), new Reporter("check", null), "check") { Tier = tier };
                            CaseRoute route;
                            try
                            {
                                route = Route(tree, ladder, report, new LocalDate(2026, month, 1), departmentLevel);
                            }
                            catch (RoutingException e)
                            {
                                Add(e.Row is { } r ? Rows.IndexOf(r) : null, category, e.Message);
                                continue;
                            }

                            var rowIndex = route.Row is { } matched ? Rows.IndexOf(matched) : (int?)null;
                            var (path, error) = PathFor(grid.Id, route.Department);
                            if (path is null)
                            {
                                Add(rowIndex, category,
                                    $"a '{category}' case from '{grid.Id}' routed to '{route.Owner}' cannot escalate: {error}"
                                    + (route.Department is null ? " Name the department that answers for it ('department:' on the row, or route it to a department)." : ""));
                            }
                            else if (path.StepOf(route.Owner) is null)
                            {
                                Add(rowIndex, category,
                                    $"a '{category}' case from '{grid.Id}' is routed to '{route.Owner}', which is not on its ladder path ({path.Describe()}), so it could never escalate from there.");
                            }
                        }
                    }
                }
            }
        }

        var level = ladder.IndexOf(departmentLevel);
        if (level >= 0)
        {
            foreach (var department in tree.Units.Where(u => ladder.Levels[level].IsServedBy(u)))
            {
                foreach (var grid in reporting)
                {
                    if (PathFor(grid.Id, department.Id) is { Path: null, Error: { } error })
                    {
                        Add(null, null, $"a case from '{grid.Id}' held by department '{department.Id}' cannot escalate: {error}");
                    }
                }
            }
        }

        return [.. found.Values.Select(v => v.More == 0 ? v.First : v.First with { Message = $"{v.First.Message} (and {v.More} more case shape(s) like it)" })];
    }

    private static bool ServesAt(Ladder ladder, string departmentLevel, OrgUnit unit)
    {
        var index = ladder.IndexOf(departmentLevel);
        return index >= 0 && ladder.Levels[index].IsServedBy(unit);
    }

    private static OrgUnitId Resolve(OrgTree tree, Ladder ladder, RoutingRow row, OrgUnitId grid, CaseCategory category, string departmentLevel)
    {
        switch (row.Target.Kind)
        {
            case RoutingTargetKind.Unit:
                var unit = row.Target.Unit!.Value;
                return tree.Find(unit) is not null
                    ? unit
                    : throw new RoutingException($"Routing row '{row}': unit '{unit}' is not an org unit.", category, grid, row);
            case RoutingTargetKind.UnitKind:
                var kind = row.Target.UnitKind!.Value;
                var chain = tree.PathToRoot(grid);
                foreach (var u in chain)
                {
                    if (u.Kind == kind)
                    {
                        return u.Id;
                    }
                }

                var street = chain.FirstOrDefault(u => u.Kind == OrgUnitKind.Street) ?? chain[^1];
                var candidates = tree.Units.Where(u => u.Kind == kind && tree.IsWithin(u.Id, street.Id)).Take(2).ToList();
                return candidates.Count == 1
                    ? candidates[0].Id
                    : throw new RoutingException(
                        $"Routing row '{row}': {(candidates.Count == 0 ? "no" : "more than one")} unit of kind {kind} lies on the chain of '{grid}' or under its street '{street.Id}'.",
                        category, grid, row);
            default:
                var key = row.Target.Level!;
                if (ladder.IndexOf(key) < 0)
                {
                    throw new RoutingException(
                        $"Routing row '{row}': ladder '{ladder.Key}' has no level '{key}' (levels: {string.Join(", ", ladder.Levels.Select(l => l.Key))}).", category, grid, row);
                }

                try
                {
                    return PathOf(tree, ladder, grid, row.Department, departmentLevel).StepAt(key).Unit.Id;
                }
                catch (Exception e) when (e is LadderResolutionException or UnknownOrgUnitException)
                {
                    throw new RoutingException($"Routing row '{row}': level '{key}' does not resolve for '{grid}': {e.Message}", category, grid, row, e);
                }
        }
    }
}
