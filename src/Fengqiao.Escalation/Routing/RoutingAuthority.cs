using System.Collections.Concurrent;
using System.Collections.Frozen;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Escalation.Ladders;
using NodaTime;

namespace Fengqiao.Escalation.Routing;

/// <summary>
/// A county's routing as the case desk enforces it (<see cref="ICaseRouting"/>): reports by a channel or of a category
/// the county does not list, or that no unit owns, are refused at registration; people send cases only to units they
/// may send to.
/// </summary>
/// <remarks>
/// <para>A report is taken in when its channel is one of the county's channels, its category one of its categories (or
/// the routing table has a fallback unit for what it does not cover), its grid an org unit, and — with a routing table —
/// the table routes it (<see cref="RoutingTable.Route"/>).</para>
/// <para>A staff member may dispatch or escalate a case to a unit within their own unit's subtree, to a unit the county's
/// routing names (<see cref="RoutingTable.NamedUnits"/>, and this case's owner and department), or to the next level
/// above the case's holder on its ladder path. Citizens, deputies and the system are left to the authoriser and the
/// policies.</para>
/// </remarks>
/// <threadsafety>Immutable apart from concurrent caches; safe to call concurrently.</threadsafety>
public sealed class RoutingAuthority : ICaseRouting
{
    private readonly OrgTree tree;
    private readonly Ladder ladder;
    private readonly DateTimeZone zone;
    private readonly FrozenSet<CaseChannel>? channels;
    private readonly FrozenSet<string>? categories;
    private readonly FrozenSet<OrgUnitId> named;
    private readonly string departmentLevel;
    private readonly ConcurrentDictionary<(OrgUnitId Grid, OrgUnitId? Department), LadderPath?> paths = new();

    /// <summary>Creates the authority for one county.</summary>
    /// <param name="tree">The county's org tree.</param>
    /// <param name="ladder">The county's ladder.</param>
    /// <param name="zone">The county's time zone (for month rows).</param>
    /// <param name="routing">The routing table, or <see langword="null"/> when the county has none (only channels, categories and areas are checked).</param>
    /// <param name="channels">The channels the county runs, or <see langword="null"/> or empty for any.</param>
    /// <param name="categories">The categories the county receives, or <see langword="null"/> or empty for any.</param>
    /// <param name="departmentLevel">The key of the ladder level functional departments serve at.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/>, <paramref name="ladder"/> or <paramref name="zone"/> is null.</exception>
    public RoutingAuthority(
        OrgTree tree, Ladder ladder, DateTimeZone zone, RoutingTable? routing,
        IEnumerable<CaseChannel>? channels = null, IEnumerable<CaseCategory>? categories = null, string departmentLevel = RoutingTable.DefaultDepartmentLevel)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(zone);
        this.tree = tree;
        this.ladder = ladder;
        this.zone = zone;
        Routing = routing;
        var channelList = channels?.ToList();
        this.channels = channelList is { Count: > 0 } ? channelList.ToFrozenSet() : null;
        var categoryList = categories?.Select(c => c.Key).ToList();
        this.categories = categoryList is { Count: > 0 } ? categoryList.ToFrozenSet(StringComparer.Ordinal) : null;
        named = (routing?.NamedUnits ?? []).ToFrozenSet();
        this.departmentLevel = string.IsNullOrWhiteSpace(departmentLevel) ? RoutingTable.DefaultDepartmentLevel : departmentLevel;
    }

    /// <summary>Gets the routing table, or <see langword="null"/> when the county has none.</summary>
    public RoutingTable? Routing { get; }

    /// <summary>Routes a report registered at an instant (see <see cref="RoutingTable.Route"/>).</summary>
    /// <param name="report">The report.</param>
    /// <param name="at">When it is (or was) registered.</param>
    /// <returns>The route, or <see langword="null"/> when the county has no routing table.</returns>
    /// <exception cref="RoutingException">The table cannot route it.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public CaseRoute? Route(CaseReport report, Instant at)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Routing?.Route(tree, ladder, report, at.InZone(zone).Date, departmentLevel);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    public CaseAuthorization CheckReport(CaseReport report, Instant at)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (channels is not null && !channels.Contains(report.Channel))
        {
            return CaseAuthorization.Deny(
                $"the county does not run channel '{report.Channel.Key()}' (its channels: {string.Join(", ", channels.Select(c => c.Key()).Order(StringComparer.Ordinal))})");
        }

        if (categories is not null && !categories.Contains(report.Category.Key) && Routing?.Fallback is null)
        {
            return CaseAuthorization.Deny(
                $"the county does not list category '{report.Category.Key}' (its categories: {string.Join(", ", categories.Order(StringComparer.Ordinal))})");
        }

        if (tree.Find(report.Location.Grid) is null)
        {
            return CaseAuthorization.Deny($"grid '{report.Location.Grid}' is not one of the county's org units");
        }

        try
        {
            Route(report, at);
            return CaseAuthorization.Allow;
        }
        catch (RoutingException e)
        {
            return CaseAuthorization.Deny(e.Message.TrimEnd('.'));
        }
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="current"/> is null.</exception>
    public CaseAuthorization CheckTarget(CaseActor actor, CaseTrigger trigger, Case current, OrgUnitId target)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(current);
        if (actor.Kind != CaseActorKind.Staff || actor.Unit is not { } from)
        {
            return CaseAuthorization.Allow;
        }

        if (tree.Find(target) is null || tree.IsWithin(target, from) || named.Contains(target))
        {
            // An unknown unit is the desk's own refusal to make (it names the missing unit).
            return CaseAuthorization.Allow;
        }

        CaseRoute? route = null;
        try
        {
            route = Route(current.Report, current.RegisteredAt);
        }
        catch (RoutingException)
        {
            // Registered before the routing changed: only the area and the ladder speak for it.
        }

        if (route is not null && (route.Owner == target || route.Department == target))
        {
            return CaseAuthorization.Allow;
        }

        var grid = current.Report.Location.Grid;
        var holder = current.HoldingUnit ?? grid;
        var level = ladder.IndexOf(departmentLevel);
        OrgUnitId? department = level >= 0 && tree.Find(holder) is { } held && ladder.Levels[level].IsServedBy(held) ? holder : route?.Department;
        var path = paths.GetOrAdd((grid, department), key =>
        {
            try
            {
                return RoutingTable.PathOf(tree, ladder, key.Grid, key.Department, departmentLevel);
            }
            catch (Exception e) when (e is LadderResolutionException or UnknownOrgUnitException)
            {
                return null;
            }
        });
        var next = path?.StepOf(holder) is null ? path?.Steps[0] : path.Above(holder);
        if (next is not null && next.Unit.Id == target)
        {
            return CaseAuthorization.Allow;
        }

        // A level may accept cases straight from named lower levels (直报): Saybagh's street to its task force.
        if (path?.StepOf(target) is { } targetStep && path.StepOf(holder) is { } holderStep && holderStep.Index < targetStep.Index
            && targetStep.Level.ReachableFrom.Contains(holderStep.Level.Key, StringComparer.Ordinal))
        {
            return CaseAuthorization.Allow;
        }

        return CaseAuthorization.Deny(
            $"'{actor.Id}' of '{from}' may not {(trigger == CaseTrigger.Escalate ? "escalate" : "dispatch")} to '{target}': it is outside '{from}', not one of the county's routing targets for this case"
            + (next is null ? "" : $", and not the next ladder level above '{holder}' ('{next.Unit.Id}')"));
    }
}
