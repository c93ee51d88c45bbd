using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Escalation.Tests.Desk;

/// <summary>A real case desk (Fengqiao.Testing's bare county: in-memory store, fake clock) with an org authoriser over the given tree and the escalation policy installed.</summary>
internal sealed class EscalationDeskKit
{
    public static readonly BusinessCalendar Calendar = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

    public static readonly SlaPolicy Sla = new SlaPolicyBuilder("test county")
        .Add(new SlaRule("*", new Dictionary<string, TimeLimit>
        {
            [SlaLimitNames.Handle] = TimeLimit.WorkingDays(3),
            [SlaLimitNames.Callback] = TimeLimit.WorkingDays(1),
        }, SlaPolicies.YellowRed(0.5, Duration.FromHours(4))))
        .Build();

    // Monday 2 November 2026, 09:00 in Beijing.
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);

    /// <summary>The same limits as <see cref="Sla"/> plus an accept limit (受理时限) of one working day.</summary>
    public static readonly SlaPolicy SlaWithAcceptLimit = new SlaPolicyBuilder("test county, accept limit")
        .Add(new SlaRule("*", new Dictionary<string, TimeLimit>
        {
            [SlaLimitNames.Accept] = TimeLimit.WorkingDays(1),
            [SlaLimitNames.Handle] = TimeLimit.WorkingDays(3),
            [SlaLimitNames.Callback] = TimeLimit.WorkingDays(1),
        }, SlaPolicies.YellowRed(0.5, Duration.FromHours(4))))
        .Build();

    /// <summary>A bare desk (Fengqiao.Testing) on the given tree and ladder, with the escalation policy installed.</summary>
    public EscalationDeskKit(OrgTree tree, Ladder ladder, EscalationPolicy? rules = null, EscalationCasePolicyOptions? options = null, SlaPolicy? sla = null,
        Func<ICaseStore, ICaseStore>? wrap = null, Func<ICasePolicy, ICasePolicy>? decorate = null)
    {
        Tree = tree;
        Policy = new EscalationCasePolicy(tree, ladder, rules, options);
        Bare = new BareCounty(wrap: wrap, configure: o =>
        {
            o.SlaPolicy = sla ?? Sla;
            o.Calendar = Calendar;
            o.Directory = tree;
            o.Authorizer = new OrgCaseAuthorizer(tree);
            o.Policies.Add(decorate is null ? Policy : decorate(Policy));
        });
    }

    public BareCounty Bare { get; }

    public OrgTree Tree { get; }

    public EscalationCasePolicy Policy { get; }

    public FakeClock Clock => Bare.Clock;

    public InMemoryCaseStore Store => Bare.InMemory;

    public CaseDesk Desk => Bare.Desk;

    public IReadOnlyCollection<CaseEvent> Published => Bare.Published;

    public static OrgUnitId Id(string value) => new(value);

    public static CaseActor Staff(string id, string unit) => CaseActor.Staff(new ActorId(id), new OrgUnitId(unit));

    public static CaseReport Report(string grid, string category = "dispute", string text = "邻里纠纷，楼上漏水多次协商未果") =>
        new(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(new OrgUnitId(grid)),
            new Reporter("张三", "13812345678"), text);

    public async Task<Case> DispatchedAsync(CaseReport report, CaseActor dispatcher, string unit)
    {
        var c = (await Desk.RegisterAsync(report, dispatcher)).Case;
        await Desk.AcceptAsync(c.Id, dispatcher);
        return await Desk.DispatchAsync(c.Id, dispatcher, new OrgUnitId(unit));
    }

    public async Task<Case> CaseAsync(CaseId id) => (await Desk.FindAsync(id))!;

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(CaseId id) => await Desk.GetHistoryAsync(id);

    public static CaseActor Citizen(QueryCodeDigest digest) => CaseActor.Citizen(digest);

    /// <summary>The events the escalation policy appended, by trigger.</summary>
    public static List<CaseEvent> ByPolicy(IEnumerable<CaseEvent> history, CaseTrigger trigger) =>
        [.. history.Where(e => e.Trigger == trigger && e.Actor.Kind == CaseActorKind.System && e.Cause?.Facts.GetValueOrDefault("policy") == "escalation")];
}
