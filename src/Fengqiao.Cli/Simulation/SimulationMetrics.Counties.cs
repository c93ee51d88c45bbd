using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <content>The indicators as counties define them (docs/indicators.md): work orders handled within their limit,
/// court filings diverted, 警调 counts, disputes resolved at village and township level, mediation success by body
/// and route, per-township and per-grid tables and week-over-week trends.</content>
internal sealed partial class SimulationMetrics
{
    private readonly Dictionary<CaseId, CountyFacts> county = [];
    private readonly Dictionary<string, Tally> townships = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Tally> gridTallies = new(StringComparer.Ordinal);
    private readonly SortedDictionary<int, Tally> weeks = [];
    private Func<CaseId, CaseCategory, string?> originOf = (_, _) => null;
    private Func<OrgUnitId, string> townshipOf = g => g.Value;
    private Func<OrgUnitId, string> gridName = g => g.Value;
    private Func<OrgUnitId, bool> isLocal = _ => false;
    private int workOrders;
    private int workOrdersOnTime;

    /// <summary>Tells the metrics how to read the county: each dispute's origin, each grid's township and name, and
    /// which units are village or township level (or a village or township mediation committee).</summary>
    public void Configure(Func<CaseId, CaseCategory, string?> origin, Func<OrgUnitId, string> township, Func<OrgUnitId, string> grid, Func<OrgUnitId, bool> local)
    {
        originOf = origin;
        townshipOf = township;
        gridName = grid;
        isLocal = local;
    }

    /// <summary>Whether the case's citizen clock has gone overdue (for satisfaction by handling time).</summary>
    public bool WasLate(CaseId id) => cases.TryGetValue(id, out var facts) && facts.Late;

    private void ObserveCounty(CaseEvent e)
    {
        switch (e.Payload)
        {
            case CaseRegistration registration:
                var c = new CountyFacts(
                    CountySimulation.IsDispute(registration.Report.Category),
                    originOf(e.CaseId, registration.Report.Category),
                    townshipOf(registration.Report.Location.Grid),
                    gridName(registration.Report.Location.Grid));
                county[e.CaseId] = c;
                Count(c, e.At, t => t.Received++);
                return;
            case CaseClockStageChanged { Clock: CaseClockKind.Unit, Stage: SlaStage.Overdue } when county.TryGetValue(e.CaseId, out var f):
                f.UnitLate = true;
                return;
            case CaseTransition when county.TryGetValue(e.CaseId, out var f):
                Transition(e, f);
                return;
        }
    }

    private void Transition(CaseEvent e, CountyFacts f)
    {
        switch (e.Trigger)
        {
            case CaseTrigger.Accept:
                f.Accepted = true;
                break;
            case CaseTrigger.Dispatch or CaseTrigger.Escalate:
                f.UnitLate = false;
                f.Unit = e.Payload switch { CaseDispatched d => d.Unit, CaseEscalated x => x.Unit, _ => f.Unit };
                break;
            case CaseTrigger.HandOff:
                f.Accepted = true;
                f.HandedOff = true;
                if (e.Payload is CaseHandedOff { Body: var body })
                {
                    f.Unit = body;
                }

                break;
            case CaseTrigger.Resolve when f.Unit is not null:
                // A work order (派工单) answered: on time unless the unit's clock went overdue while it held it.
                workOrders++;
                workOrdersOnTime += f.UnitLate ? 0 : 1;
                break;
            case CaseTrigger.Rate when e.Payload is CaseRated { Rating: var rating }:
                var happy = rating is CaseRating.Satisfied or CaseRating.BasicallySatisfied;
                Count(f, e.At, t =>
                {
                    t.Ratings++;
                    t.Satisfied += happy ? 1 : 0;
                });
                break;
            case CaseTrigger.Close when !f.Closed:
                f.Closed = true;
                f.ClosedLocally = f.Unit is { } unit && isLocal(unit);
                var late = cases.TryGetValue(e.CaseId, out var facts) && facts.Late;
                Count(f, e.At, t =>
                {
                    t.Closed++;
                    t.OnTime += late ? 0 : 1;
                });
                break;
        }
    }

    private void Count(CountyFacts f, Instant at, Action<Tally> add)
    {
        add(Get(townships, f.Township));
        add(Get(gridTallies, f.Grid));
        var week = Math.Max(0, (int)((at - start).TotalDays / 7));
        if (!weeks.TryGetValue(week, out var tally))
        {
            weeks[week] = tally = new Tally();
        }

        add(tally);
    }

    private static Tally Get(Dictionary<string, Tally> tallies, string key)
    {
        if (!tallies.TryGetValue(key, out var tally))
        {
            tallies[key] = tally = new Tally();
        }

        return tally;
    }

    /// <summary>The county-defined indicators, for the report's table.</summary>
    private IEnumerable<Indicator> CountyIndicators(Totals totals)
    {
        yield return Rate("work-order-on-time-rate", "Work orders handled within their limit", "派工单及时处置率", workOrdersOnTime, workOrders);
        yield return Rate("court-diversion-rate", "Court filings diverted to mediation", "诉调对接分流率", totals.CourtHandedOff, totals.Court);
        yield return Count("police-on-site", "Police calls mediated on site", "警调现场调解", totals.Police);
        yield return Count("police-follow-up", "Police calls followed up by a committee", "警调后续联合化解", totals.PoliceHandedOff);
        yield return Rate("police-resolution-rate", "Police-call disputes resolved", "警调化解率", totals.PoliceClosed, totals.PoliceAccepted);
        yield return Rate("disputes-resolved-locally", "Disputes resolved at village and township level", "村、乡两级化解率", totals.DisputesClosedLocally, totals.DisputesClosed);
    }

    /// <summary>Mediation success by the body's kind and by the route the matter came by.</summary>
    private List<MediationSuccessRow> MediationBreakdown(IEnumerable<HandOff> handOffs)
    {
        var kinds = (profile.Mediation.Bodies.IsDefaultOrEmpty ? [] : profile.Mediation.Bodies).ToDictionary(b => b.Id, b => CountySimulation.Kebab(b.Kind));
        var concluded = handOffs.Where(h => h.Direction == HandOffDirection.ToMediation && h.Outcome is not null).ToList();
        static bool Agreed(HandOff h) => h.Outcome is HandOffOutcome.Agreement or HandOffOutcome.PartialAgreement;
        return
        [
            .. concluded.GroupBy(h => kinds.GetValueOrDefault(h.To, "other"), StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new MediationSuccessRow("body", g.Key, g.Count(Agreed), g.Count())),
            .. concluded.GroupBy(h => KebabRoute(h)).OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => new MediationSuccessRow("route", g.Key, g.Count(Agreed), g.Count())),
        ];
    }

    private static string KebabRoute(HandOff h) => CountySimulation.Kebab(h.Route);

    private static List<AreaRow> Rows(Dictionary<string, Tally> tallies) =>
        [.. tallies.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new AreaRow(p.Key, p.Value.Received, p.Value.Closed, p.Value.OnTime, p.Value.Satisfied, p.Value.Ratings))];

    /// <summary>Week-over-week figures and what rose and fell between the last two full weeks (两升两降).</summary>
    private (List<WeekRow> Weeks, List<Trend> Trends) Trends(int simulatedDays)
    {
        var rows = weeks.Where(w => (w.Key + 1) * 7 <= simulatedDays)
            .Select(w => new WeekRow(w.Key + 1, w.Value.Received, w.Value.Closed, Pct(w.Value.OnTime, w.Value.Closed), Pct(w.Value.Satisfied, w.Value.Ratings)))
            .ToList();
        var trends = new List<Trend>();
        if (rows.Count >= 2)
        {
            var (before, last) = (rows[^2], rows[^1]);
            trends.Add(new Trend("received", "受理量", before.Received, last.Received));
            trends.Add(new Trend("closed", "办结量", before.Closed, last.Closed));
            trends.Add(new Trend("on-time-completion-rate", "按期办结率", before.OnTimeRate, last.OnTimeRate));
            trends.Add(new Trend("satisfaction-rate", "满意率", before.SatisfactionRate, last.SatisfactionRate));
        }

        return (rows, trends);
    }

    private static double? Pct(int part, int whole) => whole == 0 ? null : Math.Round(100.0 * part / whole, 2);

    private static Indicator Rate(string key, string name, string chinese, int part, int whole) =>
        new(name, chinese, Percent(part, whole)) { Key = key, Number = whole == 0 ? null : 100.0 * part / whole };

    private static Indicator Count(string key, string name, string chinese, int count) =>
        new(name, chinese, count.ToString(CultureInfo.InvariantCulture)) { Key = key, Number = count, IsCount = true };

    private sealed class CountyFacts(bool dispute, string? origin, string township, string grid)
    {
        public bool Dispute { get; } = dispute;

        public string? Origin { get; } = origin;

        public string Township { get; } = township;

        public string Grid { get; } = grid;

        public OrgUnitId? Unit { get; set; }

        public bool Accepted { get; set; }

        public bool HandedOff { get; set; }

        public bool UnitLate { get; set; }

        public bool Closed { get; set; }

        public bool ClosedLocally { get; set; }
    }

    private sealed class Tally
    {
        public int Received { get; set; }

        public int Closed { get; set; }

        public int OnTime { get; set; }

        public int Satisfied { get; set; }

        public int Ratings { get; set; }
    }
}

/// <summary>Mediation success for one body kind or one route (调解成功率 by body and route).</summary>
internal sealed record MediationSuccessRow(string By, string Key, int Agreements, int Concluded)
{
    public double? Rate => Concluded == 0 ? null : Math.Round(100.0 * Agreements / Concluded, 2);
}

/// <summary>One township's or grid's figures.</summary>
internal sealed record AreaRow(string Name, int Received, int Closed, int OnTime, int Satisfied, int Ratings)
{
    public double? OnTimeRate => Closed == 0 ? null : Math.Round(100.0 * OnTime / Closed, 2);

    public double? SatisfactionRate => Ratings == 0 ? null : Math.Round(100.0 * Satisfied / Ratings, 2);
}

/// <summary>One full simulated week (by registration, close and rating time).</summary>
internal sealed record WeekRow(int Week, int Received, int Closed, double? OnTimeRate, double? SatisfactionRate);

/// <summary>How one figure moved from the week before the last to the last full week (两升两降).</summary>
internal sealed record Trend(string Key, string Chinese, double? Before, double? After)
{
    public string Direction => Before is not { } b || After is not { } a ? "n/a" : a > b ? "rose 升" : a < b ? "fell 降" : "level 平";
}
