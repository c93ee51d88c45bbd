using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Indicators;
using Fengqiao.Mediation.Process;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>Computes the published indicators from the desk's event stream (not from counters kept beside it).</summary>
/// <remarks>The facts of a case are kept while it may still change (<see cref="LiveCases"/>); once the simulation knows
/// a finished case gets no more events it retires it (<see cref="TryRetire"/>): its facts are added to running totals
/// and dropped, so memory follows the cases in play, not every case of the run. An event for a retired case would
/// make those totals wrong; the run then stops (<see cref="ThrowIfEventAfterRetirement"/>).</remarks>
internal sealed partial class SimulationMetrics(CountyProfile profile, BusinessCalendar calendar, Instant start, int days, Func<OrgUnitId, CaseCategory, OrgUnitId, string> levelOf)
{
    private readonly Dictionary<CaseId, CaseFacts> cases = [];
    private readonly List<int> reportedPerDay = [.. new int[days]];
    private readonly List<int> closedPerDay = [.. new int[days]];
    private readonly List<DailyFigures> daily = [];
    private readonly Dictionary<string, int> resolvedAt = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> refusals = new(StringComparer.Ordinal);
    private readonly Totals retired = new();
    private int registered;
    private int disputes;
    private int retiredCases;
    private string? eventAfterRetirement;
    private int accepted;
    private int claims;
    private int lateClaims;
    private int ratings;
    private int satisfied;
    private int escalations;
    private int joined;
    private int routed;
    private int unrouted;
    private int agreements;
    private int failures;
    private int sweeps;
    private int sweepEvents;
    private int capped;
    private int overdueHandOffs;
    private int declined;
    private int returns;
    private int deputyReopens;
    private int instructions;
    private int whistles;
    private int reportIns;
    private int supervisions;

    public void Observe(CaseEvent e)
    {
        ObserveCounty(e);
        switch (e.Trigger)
        {
            case CaseTrigger.Instruct: instructions++; break;
            case CaseTrigger.Summon: whistles++; break;
            case CaseTrigger.ReportIn: reportIns++; break;
            case CaseTrigger.Supervise: supervisions++; break;
        }

        var facts = cases.TryGetValue(e.CaseId, out var f) ? f : null;
        if (facts is null && e.Payload is not CaseRegistration)
        {
            // Every case's facts are made at its registration, so none here means it was retired too early.
            eventAfterRetirement ??= $"case {e.CaseId} version {e.Version} ({e.Trigger}, state {e.To})";
        }

        if (facts is not null)
        {
            facts.Finished = IsFinished(e.To);
        }

        switch (e.Payload)
        {
            case CaseRegistration registration:
                cases[e.CaseId] = new CaseFacts(registration.Report.Category, registration.Report.Location.Grid, e.At, registered++) { Finished = IsFinished(e.To) };
                disputes += CountySimulation.IsDispute(registration.Report.Category) ? 1 : 0;
                reportedPerDay[DayOf(e.At)]++;
                return;
            case CaseClockStageChanged { Clock: var clock, Stage: var stage } when facts is not null:
                if (clock == CaseClockKind.Citizen)
                {
                    facts.CitizenStage = stage;
                    facts.Late |= stage == SlaStage.Overdue;
                }
                else if (clock == CaseClockKind.SignFor && stage == SlaStage.Overdue)
                {
                    facts.LateSignFor = true;
                }

                return;
            case CaseTransition when facts is not null:
                Transition(e, facts);
                return;
        }
    }

    private static OrgUnitId? UnitOf(CaseEventPayload payload) => payload switch
    {
        CaseDispatched d => d.Unit,
        CaseEscalated x => x.Unit,
        CaseHandedOff h => h.Body,
        _ => null,
    };

    private void Transition(CaseEvent e, CaseFacts facts)
    {
        switch (e.Trigger)
        {
            case CaseTrigger.Accept:
                Accept(facts);
                break;
            case CaseTrigger.Dispatch or CaseTrigger.Escalate or CaseTrigger.HandOff when UnitOf(e.Payload) is { } unit:
                if (e.Trigger == CaseTrigger.HandOff && e.From == CaseState.Registered)
                {
                    // Taken in and sent straight to mediation by a rule (访调): accepted, though never by Accept.
                    Accept(facts);
                }

                facts.Unit = unit;
                facts.MediationBody = e.Trigger == CaseTrigger.HandOff;
                escalations += e.Trigger == CaseTrigger.Escalate ? 1 : 0;
                facts.LateSignFor = false;
                break;
            case CaseTrigger.HandBack:
                facts.MediationBody = false;
                break;
            case CaseTrigger.Claim:
                claims++;
                lateClaims += facts.LateSignFor ? 1 : 0;
                break;
            case CaseTrigger.GrantExtension:
                facts.Extended = true;
                break;
            case CaseTrigger.Rate:
                ratings++;
                satisfied += e.Payload is CaseRated { Rating: CaseRating.Satisfied or CaseRating.BasicallySatisfied } ? 1 : 0;
                break;
            case CaseTrigger.Reopen:
                facts.Reopened = true;
                break;
            case CaseTrigger.Close:
                facts.ClosedAt ??= e.At;
                facts.Closed = true;
                closedPerDay[DayOf(e.At)]++;
                var level = LevelOf(facts);
                resolvedAt[level] = resolvedAt.GetValueOrDefault(level) + 1;
                break;
            case CaseTrigger.Decline or CaseTrigger.Withdraw or CaseTrigger.Merge:
                facts.Closed = true;
                break;
        }
    }

    /// <summary>A hand-off to mediation as the library's indicators read it (accepted by the body's member, concluded with its outcome).</summary>
    private static MediationRecord RecordOf(HandOff h)
    {
        var accepted = h.History.FirstOrDefault(e => e.Kind == HandOffEventKind.Accepted);
        var concluded = h.History.FirstOrDefault(e => e.Kind is HandOffEventKind.Concluded or HandOffEventKind.Declined);
        MediationOutcomeKind? outcome = h.Outcome switch
        {
            HandOffOutcome.Agreement => MediationOutcomeKind.Agreement,
            HandOffOutcome.PartialAgreement => MediationOutcomeKind.PartialAgreement,
            HandOffOutcome.Withdrawal => MediationOutcomeKind.Withdrawal,
            HandOffOutcome.Failure => MediationOutcomeKind.Failure,
            _ => concluded is null ? null : MediationOutcomeKind.Failure,
        };
        return new MediationRecord(h.CaseId, h.To, accepted?.Actor, h.Route, accepted?.At, concluded?.At, outcome);
    }

    private void Accept(CaseFacts facts)
    {
        if (!facts.Accepted)
        {
            facts.Accepted = true;
            accepted++;
        }
    }

    private string LevelOf(CaseFacts facts) =>
        facts.MediationBody ? "mediation body 调解组织"
        : facts.Unit is { } unit ? levelOf(facts.Grid, facts.Category, unit)
        : "intake 受理";

    /// <summary>Gets how many cases' facts are kept (registered and not yet retired).</summary>
    public int LiveCases => cases.Count;

    /// <summary>Gets how many cases were retired into the running totals.</summary>
    public int RetiredCases => retiredCases;

    /// <summary>Retires a finished case (closed, declined, merged or withdrawn): adds its facts to the running totals
    /// and drops them. The caller promises the case gets no more events; a case not finished is kept.</summary>
    /// <param name="id">The case.</param>
    /// <returns>Whether the case was retired.</returns>
    public bool TryRetire(CaseId id)
    {
        if (!cases.TryGetValue(id, out var facts) || !facts.Finished)
        {
            return false;
        }

        retired.Add(facts, county.GetValueOrDefault(id));
        cases.Remove(id);
        county.Remove(id);
        retiredCases++;
        return true;
    }

    /// <summary>Stops the run if an event arrived for a case already retired (its figures would then be wrong).</summary>
    /// <exception cref="InvalidOperationException">An event arrived for a retired case; the message names it.</exception>
    public void ThrowIfEventAfterRetirement()
    {
        if (eventAfterRetirement is { } which)
        {
            throw new InvalidOperationException($"The simulation retired a case's figures too early: an event arrived for {which} after it. This is a bug in the simulation; the figures of this run are not valid.");
        }
    }

    private static bool IsFinished(CaseState state) => state is CaseState.Closed or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn;

    /// <summary>A day's instruction, whistle or supervision found no case to act on (none held by a unit that fits).</summary>
    public void DeskWorkSkipped(string kind) => refusals[$"no case for a {kind}"] = refusals.GetValueOrDefault($"no case for a {kind}") + 1;

    public void Joined(bool merged) => joined += merged ? 1 : 0;

    public void Capped() => capped++;

    public void MediationRouted(bool assigned)
    {
        if (assigned)
        {
            routed++;
        }
        else
        {
            unrouted++;
        }
    }

    public void MediationDeclined() => declined++;

    public void ReturnSent() => returns++;

    public void DeputyReopened() => deputyReopens++;

    public void MediationConcluded(bool agreed)
    {
        if (agreed)
        {
            agreements++;
        }
        else
        {
            failures++;
        }
    }

    public void Swept(SweepResult result)
    {
        sweeps++;
        sweepEvents += result.EventsAppended;
        foreach (var failure in result.PolicyFailures)
        {
            var key = $"policy {failure.PolicyName} failed: {Short(failure.Message)}";
            refusals[key] = refusals.GetValueOrDefault(key) + 1;
        }
    }

    public void HandOffsFlagged(int flagged, IEnumerable<Exception> failures)
    {
        overdueHandOffs += flagged;
        foreach (var failure in failures)
        {
            Refused(failure);
        }
    }

    public void Refused(Exception e)
    {
        var key = e is CaseActionRefusedException refused ? $"{refused.Kind}: {Short(refused.Message)}" : e.GetType().Name;
        refusals[key] = refusals.GetValueOrDefault(key) + 1;
    }

    public void EndOfDay(int day, Instant at, IEnumerable<CaseId> openIds)
    {
        int onTrack = 0, warning = 0, overdue = 0;
        foreach (var id in openIds)
        {
            switch (cases.TryGetValue(id, out var facts) ? facts.CitizenStage : SlaStage.OnTrack)
            {
                case SlaStage.Overdue: overdue++; break;
                case SlaStage.Warning: warning++; break;
                default: onTrack++; break;
            }
        }

        Grow(day);
        daily.Add(new DailyFigures(at.InZone(calendar.Zone).Date, reportedPerDay[day], closedPerDay[day], onTrack, warning, overdue));
    }

    public SimulationReport Report(SimulationOptions options, IEnumerable<CaseId> stillOpen, IEnumerable<HandOff> handOffs)
    {
        _ = stillOpen;
        var mediation = MediationIndicators.Summarise(handOffs.Where(h => h.Direction == HandOffDirection.ToMediation).Select(RecordOf));

        // The retired cases' totals plus the facts of the cases still kept (left kept: the run may go on).
        var totals = retired.Copy();
        foreach (var (id, facts) in cases)
        {
            totals.Add(facts, county.GetValueOrDefault(id));
        }

        var closed = totals.Closed;
        var average = closed == 0 ? Duration.Zero : Duration.FromTicks((long)((double)totals.HandlingTicks / closed));

        // Ties keep the order of each category's first closed case by registration, as a pass over every case gave.
        var slowest = totals.Categories.OrderBy(p => p.Value.First)
            .Select(p => new CategoryTime(p.Key, Duration.FromTicks((long)((double)p.Value.Ticks / p.Value.Count)), p.Value.Count))
            .OrderByDescending(c => c.Average).Take(5).ToList();
        var indicators = new List<Indicator>
        {
            new("Reports received", "受理量（含重复件）", (registered + joined).ToString(CultureInfo.InvariantCulture)) { Key = "received", IsCount = true, Number = (registered + joined) },
            new("Accepted", "受理量", accepted.ToString(CultureInfo.InvariantCulture)) { Key = "accepted", IsCount = true, Number = accepted },
            new("Closed", "办结量", closed.ToString(CultureInfo.InvariantCulture)) { Key = "closed", IsCount = true, Number = closed },
            new("Completion rate", "办结率", Percent(closed, accepted)) { Key = "completion-rate", Number = Number(closed, accepted) },
            new("On-time completion rate", "按期办结率", Percent(totals.ClosedOnTime, closed)) { Key = "on-time-completion-rate", Number = Number(totals.ClosedOnTime, closed) },
            new("On-time dispatch (sign-for) rate", "及时签收率", Percent(claims - lateClaims, claims)) { Key = "sign-for-on-time-rate", Number = Number(claims - lateClaims, claims) },
            new("Satisfaction rate", "满意率", Percent(satisfied, ratings)) { Key = "satisfaction-rate", Number = Number(satisfied, ratings) },
            new("Reopen rate", "重办率", Percent(totals.ClosedReopened, closed)) { Key = "reopen-rate", Number = Number(totals.ClosedReopened, closed) },
            new("Extension rate", "延期率", Percent(totals.Extended, accepted)) { Key = "extension-rate", Number = Number(totals.Extended, accepted) },
            new("Closed cases sent back by deputies", "人大代表评议退回", deputyReopens.ToString(CultureInfo.InvariantCulture)) { Key = "deputy-send-backs", IsCount = true, Number = deputyReopens },
            new("Leaders' instructions", "领导批示", instructions.ToString(CultureInfo.InvariantCulture)) { Key = "instructions", IsCount = true, Number = instructions },
            new("Whistles blown (departments reported in)", "吹哨（报到）", $"{whistles} ({reportIns})") { Key = "whistles", IsCount = true, Number = whistles },
            new("Supervisions", "督办", supervisions.ToString(CultureInfo.InvariantCulture)) { Key = "supervisions", IsCount = true, Number = supervisions },
            new("Escalations", "升级次数", escalations.ToString(CultureInfo.InvariantCulture)) { Key = "escalations", IsCount = true, Number = escalations },
            new("Requests refused by the policy's caps", "超出政策上限被拒", capped.ToString(CultureInfo.InvariantCulture)) { Key = "capped", IsCount = true, Number = capped },
            new("Duplicates merged", "重复件合并", joined.ToString(CultureInfo.InvariantCulture)) { Key = "duplicates-merged", IsCount = true, Number = joined },
            new("Mediation diversion rate (disputes)", "调解分流率", Percent(routed, Math.Max(disputes, routed + unrouted))) { Key = "mediation-referral-rate", Number = Number(routed, Math.Max(disputes, routed + unrouted)) },
            new("Mediation success rate", "调解成功率", Percent(agreements, agreements + failures)) { Key = "mediation-success-rate", Number = Number(agreements, agreements + failures) },
            new("Mediation average / P90 duration", "调解平均/90分位时长",
                $"{(mediation.Overall.AverageDuration is { } a ? HtmlReport.Format(a) : "-")} / {(mediation.Overall.P90Duration is { } p ? HtmlReport.Format(p) : "-")}") { Key = "mediation-duration" },
            new("Returns to outside bodies", "回流法院/公安/信访/检察", returns.ToString(CultureInfo.InvariantCulture)) { Key = "returns-to-outside-bodies", IsCount = true, Number = returns },
            new("Hand-offs flagged overdue", "移交超期", overdueHandOffs.ToString(CultureInfo.InvariantCulture)) { Key = "hand-offs-overdue", IsCount = true, Number = overdueHandOffs },
            new("Average handling time", "平均办理时长", HtmlReport.Format(average)) { Key = "average-handling-time" },
            new("Sweeps (events from sweeps)", "巡检次数（产生事件）", $"{sweeps} ({sweepEvents})") { Key = "sweeps" },
            new("Refused desk calls", "被拒绝的操作", refusals.Values.Sum().ToString(CultureInfo.InvariantCulture)) { Key = "refused", IsCount = true, Number = refusals.Values.Sum() },
        };
        indicators.InsertRange(indicators.FindIndex(i => i.Key == "satisfaction-rate"), CountyIndicators(totals).Take(1));
        indicators.InsertRange(indicators.FindIndex(i => i.Key == "mediation-success-rate") + 1, CountyIndicators(totals).Skip(1));
        indicators.InsertRange(indicators.FindIndex(i => i.Key == "deputy-send-backs") + 1,
            ReportIndicators(profile.Org.Units.Any(u => !u.Members.IsDefaultOrEmpty && u.Members.Any(m => m.Holds(Fengqiao.Cases.Organisation.MemberRole.Deputy))), !profile.WrittenReports.IsDefaultOrEmpty, !profile.Posts.IsDefaultOrEmpty));
        var (weekRows, trends) = Trends(options.Days);

        return new SimulationReport
        {
            County = profile.Name,
            Days = options.Days,
            CasesPerDay = options.CasesPerDay,
            Seed = options.Seed,
            Indicators = indicators,
            Daily = daily,
            ResolutionLevels = [.. resolvedAt.OrderByDescending(p => p.Value).ThenBy(p => p.Key, StringComparer.Ordinal).Select(p => new Share(p.Key, p.Value))],
            MediationOutcomes = [new Share("agreement 达成协议", agreements), new Share("failure 调解不成", failures), new Share("declined by the body 调解组织退回", declined), new Share("no mediator free 无可用调解员", unrouted)],
            SlowestCategories = slowest,
            LifecycleSvg = Diagrams.Lifecycle(CaseLifecycles.Default.Describe()),
            LadderSvg = Diagrams.Ladder(profile.Ladder),
            MediationSuccess = MediationBreakdown(handOffs),
            Townships = Rows(townships),
            Grids = Rows(gridTallies),
            Weeks = weekRows,
            Trends = trends,
            Refusals = [.. refusals.OrderByDescending(p => p.Value).Select(p => new Share(p.Key, p.Value))],
        };
    }

    /// <summary>The run's day of <paramref name="at"/>: days past the reporting days are drain days (--drain-days).</summary>
    private int DayOf(Instant at)
    {
        var day = Math.Max(0, (int)(at - start).TotalDays);
        Grow(day);
        return day;
    }

    private void Grow(int day)
    {
        while (reportedPerDay.Count <= day)
        {
            reportedPerDay.Add(0);
            closedPerDay.Add(0);
        }
    }

    private static double? Number(int part, int whole) => whole == 0 ? null : 100.0 * part / whole;

    private static string Percent(int part, int whole) =>
        whole == 0 ? "—" : (100.0 * part / whole).ToString("0.00", CultureInfo.InvariantCulture) + "%";

    private static string Short(string message) => message.Length <= 90 ? message : message[..90] + "…";

    private sealed class CaseFacts(CaseCategory category, OrgUnitId grid, Instant registeredAt, int sequence)
    {
        /// <summary>Gets the case's place in registration order.</summary>
        public int Sequence { get; } = sequence;

        /// <summary>Gets or sets whether the case's state now is a final one (it may still reopen).</summary>
        public bool Finished { get; set; }

        public CaseCategory Category { get; } = category;

        public OrgUnitId Grid { get; } = grid;

        public Instant RegisteredAt { get; } = registeredAt;

        public OrgUnitId? Unit { get; set; }

        public bool MediationBody { get; set; }

        public bool Accepted { get; set; }

        public SlaStage CitizenStage { get; set; }

        public bool Late { get; set; }

        public bool LateSignFor { get; set; }

        public bool Extended { get; set; }

        public bool Reopened { get; set; }

        public bool Closed { get; set; }

        public Instant? ClosedAt { get; set; }
    }

    /// <summary>Running totals of retired cases: what the report reads from every case's facts.</summary>
    private sealed class Totals
    {
        public int Closed { get; private set; }

        public int ClosedOnTime { get; private set; }

        public int ClosedReopened { get; private set; }

        public int Extended { get; private set; }

        /// <summary>Gets the sum of the closed cases' handling times in ticks (exact: no rounding by summing order).</summary>
        public Int128 HandlingTicks { get; private set; }

        /// <summary>Gets, by category key, the closed cases' handling ticks and count and the first one's registration order.</summary>
        public Dictionary<string, (Int128 Ticks, int Count, int First)> Categories { get; private set; } = new(StringComparer.Ordinal);

        public int Court { get; private set; }

        public int CourtHandedOff { get; private set; }

        public int Police { get; private set; }

        public int PoliceHandedOff { get; private set; }

        public int PoliceClosed { get; private set; }

        public int PoliceAccepted { get; private set; }

        public int DisputesClosed { get; private set; }

        public int DisputesClosedLocally { get; private set; }

        public void Add(CaseFacts facts, CountyFacts? county)
        {
            Extended += facts.Extended ? 1 : 0;
            if (facts.ClosedAt is { } closedAt)
            {
                Closed++;
                ClosedOnTime += facts.Late ? 0 : 1;
                ClosedReopened += facts.Reopened ? 1 : 0;
                var ticks = (closedAt - facts.RegisteredAt).BclCompatibleTicks;
                HandlingTicks += ticks;
                var key = facts.Category.Key;
                Categories[key] = Categories.TryGetValue(key, out var category)
                    ? (category.Ticks + ticks, category.Count + 1, Math.Min(category.First, facts.Sequence))
                    : (ticks, 1, facts.Sequence);
            }

            if (county is null)
            {
                return;
            }

            if (county.Origin == "court")
            {
                Court++;
                CourtHandedOff += county.HandedOff ? 1 : 0;
            }
            else if (county.Origin == "police")
            {
                Police++;
                PoliceHandedOff += county.HandedOff ? 1 : 0;
                PoliceClosed += county.Closed ? 1 : 0;
                PoliceAccepted += county.Accepted ? 1 : 0;
            }

            if (county.Dispute && county.Closed)
            {
                DisputesClosed++;
                DisputesClosedLocally += county.ClosedLocally ? 1 : 0;
            }
        }

        public Totals Copy()
        {
            var copy = (Totals)MemberwiseClone();
            copy.Categories = new(Categories, StringComparer.Ordinal);
            return copy;
        }
    }
}
