using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles;

/// <summary>
/// Everything a county customises without recompiling (县级配置): time zone, working hours, calendar, channels, org
/// tree and escalation ladder. Load one with <see cref="CountyProfileLoader"/>, write it back with
/// <see cref="CountyProfileWriter"/>, and turn it into the packages' objects with the <c>Build…</c> methods.
/// </summary>
/// <param name="Name">The county's display name, e.g. "乌鲁木齐市沙依巴克区".</param>
/// <param name="Zone">The time zone deadlines are computed in (NodaTime TZDB id in the file).</param>
/// <param name="Hours">Working hours, with seasonal and per-weekday variants.</param>
/// <param name="Calendar">Which holiday tables apply and the county's own overrides.</param>
/// <param name="Channels">The intake channels the county runs.</param>
/// <param name="Org">The org tree: units, members and generated grids.</param>
/// <param name="Ladder">The escalation ladder.</param>
/// <param name="Categories">The case categories, with display names and intake shares.</param>
/// <param name="Sla">The SLA policy: limits and warnings per category, channel and priority.</param>
/// <param name="Mediation">Mediation bodies and mediators.</param>
/// <param name="EscalationRules">The county's overrides of the default escalation rules.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CountyProfile(
    string Name,
    DateTimeZone Zone,
    HoursProfile Hours,
    CalendarProfile Calendar,
    ImmutableArray<CaseChannel> Channels,
    OrgProfile Org,
    Ladder Ladder,
    ImmutableArray<CategoryProfile> Categories,
    SlaProfile Sla,
    MediationProfile Mediation,
    EscalationRulesProfile EscalationRules)
{
    /// <summary>Gets the county's early-warning section (<c>warnings:</c>): the warning actor and the built-in rules; <see cref="WarningsProfile.None"/> by default.</summary>
    /// <remarks>Fengqiao.EarlyWarning builds its session from it; the other packages ignore it.</remarks>
    public WarningsProfile Warnings { get; init; } = WarningsProfile.None;

    /// <summary>Gets the county's overrides of the default hand-off rules (<c>rules.hand-offs</c>); none by default.</summary>
    /// <remarks>Set it with an object initialiser or a <c>with</c> expression; <see cref="BuildHandOffRules"/> applies it.</remarks>
    public HandOffRulesProfile HandOffRules { get; init; } = HandOffRulesProfile.None;

    /// <summary>Gets the county's routing (<c>routing:</c>): which unit owns a case, and which department answers for it at the
    /// ladder's department level; <see langword="null"/> when the profile has no routing section.</summary>
    /// <remarks>Without routing, the escalation policy binds the department level to the one department tagged with the
    /// category's key, and the desk routes nothing (it still refuses channels and categories the profile does not list).</remarks>
    public Fengqiao.Escalation.Routing.RoutingTable? Routing { get; init; }

    /// <summary>Gets which cases a people's deputy (人大代表, an org member with the <c>deputy</c> role) may rate and reopen (<c>deputies: { scope: … }</c>);
    /// <see cref="DeputyScope.AssignedOrArea"/> by default: the cases assigned to them and the cases in their unit's area.</summary>
    /// <remarks>The composition root (<see cref="CountyDeskBuilder"/>) gives it to the desk's authoriser; a deputy id that is no member's is always refused.</remarks>
    public DeputyScope DeputyScope { get; init; }

    /// <summary>Gets whether a people's deputy may also supervise (监督调度) the cases their scope lets them rate (<c>deputies: { supervise: true }</c>); <see langword="false"/> by default.</summary>
    /// <remarks>The composition root gives it to the desk's authoriser (<see cref="Fengqiao.Cases.InMemory.OrgCaseAuthorizer.DeputiesSupervise"/>).
    /// Deputies exist only where the org tree has members with the <c>deputy</c> role; they score closed cases (测评打分) wherever they exist.</remarks>
    public bool DeputiesSupervise { get; init; }

    /// <summary>Gets the units whose cases must carry a written report (书面报送) to an addressee before they close (<c>written-reports:</c>); empty by default.</summary>
    /// <remarks>The composition root gives them to the desk (<see cref="Fengqiao.Cases.Desk.CaseDeskOptions.WrittenReports"/>).</remarks>
    public ImmutableArray<Fengqiao.Cases.Desk.WrittenReportRequirement> WrittenReports { get; init; } = [];

    /// <summary>Gets the posts the county's units have (<c>posts:</c>, 岗位): roles whose holders pass work between them, each with
    /// its own limit and the post a case goes to when that limit passes; empty by default.</summary>
    /// <remarks>The composition root gives them to the desk (<see cref="Fengqiao.Cases.Desk.CaseDeskOptions.Posts"/>). A unit has a
    /// post when one of its members holds the role.</remarks>
    public ImmutableArray<Fengqiao.Cases.Desk.UnitPost> Posts { get; init; } = [];

    /// <summary>Gets the departments with a desk at a centre (<c>stationed:</c>): stationed permanently (常驻) or by rotation (轮驻); empty by default.</summary>
    /// <remarks>The composition root gives them to the desk (<see cref="Fengqiao.Cases.Desk.CaseDeskOptions.StationedDepartments"/>): a dispatch
    /// to such a department reaches its desk when the desk is staffed that day.</remarks>
    public ImmutableArray<Fengqiao.Cases.Desk.StationedDepartment> Stationed { get; init; } = [];
    /// <summary>Gets how the county's people behave in a simulation (<c>simulation:</c>); <see cref="SimulationProfile.Default"/>
    /// when the profile has no such section.</summary>
    public SimulationProfile Simulation { get; init; } = SimulationProfile.Default;

    /// <summary>Gets the figures the county publishes (<c>published:</c>), in file order; empty when it has none.</summary>
    public System.Collections.Immutable.ImmutableArray<PublishedFigure> Published { get; init; } = [];

    /// <summary>
    /// Where each element comes from: one entry per element that carries <c>source:</c> or <c>assumption:</c>, in file
    /// order (see <see cref="ProvenanceEntry"/>); empty for a profile built in code without them.
    /// </summary>
    /// <remarks>The writer puts each entry back on the element its <see cref="ProvenanceEntry.Element"/> path names.</remarks>
    public System.Collections.Immutable.ImmutableArray<ProvenanceEntry> Provenance { get; init; } = [];

    /// <summary>The elements this profile marks as assumptions, in file order.</summary>
    public IEnumerable<ProvenanceEntry> Assumptions => (Provenance.IsDefault ? [] : Provenance).Where(p => p.IsAssumption);

    /// <summary>The provenance recorded for the element at <paramref name="element"/> (a path such as <c>routing.rows[0]</c>), or null.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="element"/> is null.</exception>
    public ProvenanceEntry? ProvenanceOf(string element)
    {
        ArgumentNullException.ThrowIfNull(element);
        return (Provenance.IsDefault ? [] : Provenance).FirstOrDefault(p => p.Element == element);
    }

    /// <summary>Builds the county's hand-off rules (移交规则): <see cref="Fengqiao.Mediation.Rules.HandOffRules.Default"/> with
    /// the county's <see cref="HandOffRules"/> on top.</summary>
    /// <returns>A new, immutable rule set for <c>HandOffCasePolicy</c> and <c>MediationDesk</c>.</returns>
    /// <exception cref="Fengqiao.Rules.Tables.DecisionTableException">The overrides are invalid (a loaded profile's never are).</exception>
    public Fengqiao.Rules.RuleSet<Fengqiao.Mediation.Rules.HandOffFact, Fengqiao.Mediation.Rules.HandOffDecision> BuildHandOffRules() =>
        (HandOffRules ?? HandOffRulesProfile.None).Build(Name);

    /// <summary>Builds the county's escalation policy: the default rules for its ladder, with its overrides on top.</summary>
    /// <returns>A new, immutable policy.</returns>
    public Fengqiao.Escalation.Rules.EscalationPolicy BuildEscalationPolicy() => EscalationRules.BuildPolicy(Ladder, Name);

    /// <summary>Builds the escalation desk rules on tracked deadlines (supervision-overdue, whistle-no-show), with those
    /// the profile's <c>rules.escalation.disable</c> names switched off.</summary>
    /// <returns>The rule set to pass as <see cref="Fengqiao.Escalation.Desk.EscalationCasePolicyOptions.DeskRules"/>.</returns>
    public Fengqiao.Rules.RuleSet<Fengqiao.Escalation.Desk.TrackedDeadline, Fengqiao.Escalation.Ladders.LadderStep> BuildDeskEscalationRules() =>
        EscalationRules.BuildDeskRules(Name);

    /// <summary>Builds the county's SLA policy.</summary>
    /// <returns>A new, immutable policy.</returns>
    public SlaPolicy BuildSlaPolicy() => Sla.Build();

    /// <summary>Builds the county's mediation directory.</summary>
    /// <returns>A new, immutable directory.</returns>
    public Fengqiao.Mediation.Routing.MediationDirectory BuildMediationDirectory() => Mediation.Build();

    /// <summary>Builds the county's business calendar: national tables, the notice files, the regional overlay, the
    /// county's own days, its hours and time zone, and projection unless the calendar is strict.</summary>
    /// <returns>A new, immutable calendar; build it once and share it.</returns>
    public BusinessCalendar BuildCalendar()
    {
        var builder = new BusinessCalendarBuilder()
            .UseChinaNational()
            .UseRegion(Calendar.Region)
            .WithZone(Zone)
            .WithSchedule(Hours.Default);
        foreach (var season in Hours.Seasonal)
        {
            builder.WithSeasonalSchedule(season.From, season.Hours);
        }

        foreach (var (day, hours) in Hours.Weekdays)
        {
            builder.WithWeekdaySchedule(day, hours);
        }

        foreach (var rest in Calendar.ExtraRestDays)
        {
            builder.AddHoliday(rest.Date, rest.Reason);
        }

        foreach (var work in Calendar.ExtraWorkingDays)
        {
            builder.AddWorkingDay(work.Date, work.Reason);
        }

        foreach (var notice in Calendar.Notices.IsDefault ? [] : Calendar.Notices)
        {
            builder.AddNotice(notice);
        }

        if (Calendar.AllowProjection)
        {
            builder.AllowProjection(Calendar.ProjectionThrough);
        }

        return builder.Build();
    }

    /// <summary>Builds the org tree, generated units included.</summary>
    /// <returns>A new, immutable org tree.</returns>
    /// <exception cref="Fengqiao.Cases.Organisation.OrgTreeException">The tree is invalid (a loaded profile never is).</exception>
    public OrgTree BuildOrgTree() => CountyProfileLoader.BuildTree(CountyProfileLoader.AllUnits(Org));

    /// <summary>Builds the org tree with every mediation body as a unit, so a case desk can hand cases to the bodies and
    /// their mediators can answer.</summary>
    /// <returns>A new, immutable org tree: the units of <see cref="BuildOrgTree"/>; each mediation body that is not
    /// already an org unit, as a unit of kind <see cref="OrgUnitKind.MediationBody"/> under its
    /// <see cref="Fengqiao.Mediation.Bodies.MediationBody.Area"/> (or, without one, under the tree's first root); and each
    /// mediator as a member of their body with the <see cref="MemberRole.Worker"/> role (unless already a member
    /// there), which lets them resolve and hand back cases handed off to the body.</returns>
    /// <remarks>A body that is also an org unit keeps that unit's kind, parent and members.</remarks>
    /// <exception cref="Fengqiao.Cases.Organisation.OrgTreeException">The tree is invalid, or a mediator's id is
    /// already a member of another unit in a way the tree refuses (a loaded profile's tree is valid).</exception>
    public OrgTree BuildOrgTreeWithMediationBodies()
    {
        var units = CountyProfileLoader.AllUnits(Org).ToList();
        var known = units.ToDictionary(u => u.Id);
        var root = units.FirstOrDefault(u => u.Parent is null)?.Id;
        var bodies = Mediation?.Bodies.IsDefault == false ? Mediation.Bodies : [];
        var mediators = Mediation?.Mediators.IsDefault == false ? Mediation.Mediators : [];
        foreach (var body in bodies.Where(b => !known.ContainsKey(b.Id)))
        {
            var unit = new UnitProfile(body.Id, body.Name, OrgUnitKind.MediationBody, body.Area ?? root, [], []);
            units.Add(unit);
            known[body.Id] = unit;
        }

        for (var i = 0; i < units.Count; i++)
        {
            var unit = units[i];
            var members = unit.Members.IsDefault ? [] : unit.Members;
            var joining = mediators.Where(m => m.Body == unit.Id && !members.Any(x => x.Id == m.Id)).ToList();
            if (joining.Count > 0)
            {
                units[i] = unit with { Members = [.. members, .. joining.Select(m => new OrgMember(m.Id, m.Name, [MemberRole.Worker]))] };
            }
        }

        return CountyProfileLoader.BuildTree(units);
    }

    /// <summary>Gets the county's own named seasons (<c>seasons:</c>, e.g. the heating season 供暖季), each a list of months; rows may also name the built-in spring, summer, autumn and winter.</summary>
    /// <remarks>Rows are loaded with the season's months (<c>season: heating</c> on a row reads as its <c>months:</c>), so the seasons here only document them.</remarks>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, System.Collections.Immutable.ImmutableArray<int>> Seasons { get; init; } =
        System.Collections.Immutable.ImmutableSortedDictionary<string, System.Collections.Immutable.ImmutableArray<int>>.Empty;

    /// <summary>Gets the rules that give a report registered without a complexity tier its tier (<c>tiers:</c>), first match wins.</summary>
    public System.Collections.Immutable.ImmutableArray<Fengqiao.Cases.CaseTierRule> TierRules { get; init; } = [];
}
