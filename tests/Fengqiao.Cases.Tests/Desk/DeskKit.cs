using System.Collections.Concurrent;
using System.Text;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>A county in miniature: an org tree, an SLA policy, a calendar, a store, a fake clock and a desk.</summary>
internal sealed class DeskKit
{
    public static readonly OrgUnitId Centre = new("centre");
    public static readonly OrgUnitId Street = new("street-1");
    public static readonly OrgUnitId Community = new("community-1");
    public static readonly OrgUnitId Grid = new("grid-1");
    public static readonly OrgUnitId OtherGrid = new("grid-2");
    public static readonly OrgUnitId Housing = new("housing");
    public static readonly OrgUnitId Mediation = new("mediation-1");

    public static readonly OrgTree Tree = new OrgTreeBuilder()
        .AddUnit(Centre, "综治中心", OrgUnitKind.CommandCentre)
        .AddUnit(Street, "新华街道", OrgUnitKind.Street, Centre)
        .AddUnit(Community, "和平社区", OrgUnitKind.Community, Street)
        .AddUnit(Grid, "第一网格", OrgUnitKind.Grid, Community)
        .AddUnit(OtherGrid, "第二网格", OrgUnitKind.Grid, Community)
        .AddUnit(Housing, "住建局", OrgUnitKind.Department, Centre)
        .AddUnit(Mediation, "人民调解委员会", OrgUnitKind.MediationBody, Street)
        .AddMember(Centre, new ActorId("d1"), "派单员", MemberRole.Dispatcher, MemberRole.Reviewer)
        .AddMember(Centre, new ActorId("leader"), "书记", MemberRole.Leader)
        .AddMember(Community, new ActorId("w1"), "办理人", MemberRole.Worker)
        .AddMember(Housing, new ActorId("w2"), "住建办理人", MemberRole.Worker)
        .AddMember(Street, new ActorId("sd"), "街道派单员", MemberRole.Dispatcher)
        .AddMember(Street, new ActorId("w3"), "街道办理人", MemberRole.Worker)
        .AddMember(Mediation, new ActorId("m1"), "调解员", MemberRole.Worker)
        .AddMember(Street, new ActorId("deputy-7"), "街道人大代表", MemberRole.Deputy)
        .AddMember(Housing, new ActorId("deputy-8"), "住建口人大代表", MemberRole.Deputy)
        .Build();

    public static readonly CaseActor Dispatcher = CaseActor.Staff(new ActorId("d1"), Centre);
    public static readonly CaseActor Leader = CaseActor.Staff(new ActorId("leader"), Centre);
    public static readonly CaseActor Worker = CaseActor.Staff(new ActorId("w1"), Community);
    public static readonly CaseActor HousingWorker = CaseActor.Staff(new ActorId("w2"), Housing);
    public static readonly CaseActor StreetWorker = CaseActor.Staff(new ActorId("w3"), Street);
    public static readonly CaseActor StreetDispatcher = CaseActor.Staff(new ActorId("sd"), Street);
    public static readonly CaseActor Mediator = CaseActor.Staff(new ActorId("m1"), Mediation);
    public static readonly CaseActor Deputy = CaseActor.Deputy(new ActorId("deputy-7"));
    public static readonly CaseActor OtherDeputy = CaseActor.Deputy(new ActorId("deputy-8"));
    public static readonly CaseActor Intake = CaseActor.Staff(new ActorId("d1"), Centre);

    public static readonly BusinessCalendar Calendar = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

    public static readonly SlaPolicy Policy = new SlaPolicyBuilder("test county")
        .Add(new SlaRule("*", new Dictionary<string, TimeLimit>
        {
            [SlaLimitNames.Handle] = TimeLimit.WorkingDays(3),
            [SlaLimitNames.SignFor] = TimeLimit.WorkingHours(4),
            [SlaLimitNames.Callback] = TimeLimit.WorkingDays(1),
            [SlaLimitNames.Extension] = TimeLimit.WorkingDays(2),
        }, SlaPolicies.YellowRed(0.5, Duration.FromHours(4))))
        .Build();

    // Monday 2 November 2026, 09:00 in Beijing.
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);

    private int ids;

    public DeskKit(InMemoryCaseStore? shared = null, Func<ICaseStore, ICaseStore>? wrap = null, Action<CaseDeskOptions>? configure = null)
    {
        InMemory = shared ?? new InMemoryCaseStore();
        Store = wrap is null ? InMemory : wrap(InMemory);
        var options = new CaseDeskOptions
        {
            SlaPolicy = Policy,
            Calendar = Calendar,
            Store = Store,
            Clock = Clock,
            Directory = Tree,
            NewCaseId = () => new CaseId($"case-{Interlocked.Increment(ref ids)}"),
        };
        configure?.Invoke(options);
        Desk = new CaseDesk(options);
        Desk.Events.Subscribe(Published.Enqueue);
    }

    public FakeClock Clock { get; } = new(Start);

    public InMemoryCaseStore InMemory { get; }

    public ICaseStore Store { get; }

    public CaseDesk Desk { get; }

    public ConcurrentQueue<CaseEvent> Published { get; } = new();

    public static CaseReport Report(string phone = "13812345678", string category = "dispute", OrgUnitId? grid = null, string? reference = null) =>
        new(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(grid ?? Grid), new Reporter("张三", phone),
            "楼上漏水", reference);

    public async Task<Case> RegisterAsync(CaseReport? report = null) => (await Desk.RegisterAsync(report ?? Report(), Intake)).Case;

    public async Task<Case> DispatchedAsync()
    {
        var c = await RegisterAsync();
        await Desk.AcceptAsync(c.Id, Dispatcher);
        return await Desk.DispatchAsync(c.Id, Dispatcher, Community);
    }

    public async Task<Case> InProgressAsync()
    {
        var c = await DispatchedAsync();
        await Desk.ClaimAsync(c.Id, Worker);
        return await Desk.StartAsync(c.Id, Worker);
    }

    /// <summary>A case handled, approved and rated (not satisfied) by the citizen: a deputy may now reopen it.</summary>
    public async Task<Case> RatedAsync()
    {
        var c = await InProgressAsync();
        await Desk.ResolveAsync(c.Id, Worker, "已处理");
        await Desk.SubmitForReviewAsync(c.Id, Worker);
        await Desk.ApproveAsync(c.Id, Dispatcher);
        return await Desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCode), CaseRating.Unsatisfied);
    }

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(CaseId id) => await Desk.GetHistoryAsync(id);

    /// <summary>Everything a case is, as text: two cases with the same fingerprint are the same case.</summary>
    public static string Fingerprint(Case c)
    {
        var b = new StringBuilder();
        b.Append($"{c.Id} v{c.Version} {c.State} at {c.UpdatedAt} holder={c.HoldingUnit} worker={c.Worker} cycle={c.Cycle} ");
        b.Append($"reply={c.Reply} ratings=[{string.Join(",", c.Ratings)}] current={c.CurrentRating}/{c.CurrentRatedBy} sup={c.SupervisionCount} ");
        b.Append($"ins={c.InstructionCount} esc={c.EscalationCount} ret={c.ReturnCount} cb={c.CallBackCount} overdue={c.HasBeenOverdue} ");
        b.Append($"susp={c.SuspendedFrom} off={c.HandedOffFrom}/{c.HandedOffTo} ext={c.PendingExtension}/{c.HasPendingExtension}/{c.ExtensionCount}/{c.ExtensionTotal} ");
        b.Append($"merged={c.MergedInto} joined={c.JoinedReports.Length}@[{string.Join(",", c.JoinedReportTimes)}] due={c.NextDueAt} code={c.QueryCode} reg={c.Registration}");
        foreach (var s in c.Supervisions)
        {
            b.Append($" | {s} by {s.IssuedBy} at {s.IssuedAt} limit {s.Limit} note={s.Note} rule={s.RuleId} held={s.TargetHeldCase} ");
            b.Append($"supersedes={s.Supersedes} summons={s.Summons} overdue-recorded={s.OverdueRecordedAt}");
        }

        foreach (var s in c.Summonses)
        {
            b.Append($" | {s} by {s.SummonedBy} at {s.SummonedAt} limit {s.Limit} note={s.Note} rule={s.RuleId}");
            foreach (var d in s.Departments)
            {
                b.Append($" [{d} by {d.ReportedBy} no-show={d.NoShowRecordedAt} sup={d.NoShowSupervision}]");
            }
        }

        foreach (var (kind, clock) in c.Clocks.OrderBy(k => k.Key))
        {
            b.Append($" | {kind}: {clock.State} {clock.StartedAt} → {clock.Deadline} allotted {clock.Allotted} [{clock.Explain()}] ");
            b.Append($"recorded {c.RecordedStage(kind)}/{c.RecordedWarning(kind)}");
        }

        return b.ToString();
    }

    /// <summary>Whether an event is a step the lifecycle can take (an edge of its graph, honouring superstates).</summary>
    public static bool IsEdge(CaseEvent e)
    {
        if (e.Payload is not CaseTransition)
        {
            return e.From == e.To;
        }

        var lifecycle = CaseLifecycles.Default;
        return lifecycle.Describe().Transitions.Any(t =>
            t.Trigger == e.Trigger
            && lifecycle.IsInState(e.From, t.Source)
            && (t.Kind == Fengqiao.Lifecycles.TransitionKind.Internal ? e.To == e.From : t.Destinations.Contains(e.To)
                || (t.Kind == Fengqiao.Lifecycles.TransitionKind.Reentry && e.To == e.From)));
    }
}

/// <summary>A policy made of a function, for tests.</summary>
internal sealed class FuncPolicy(string name, Func<CasePolicyArguments, IReadOnlyList<CasePolicyAction>> evaluate) : ICasePolicy
{
    public string Name => name;

    public ValueTask<IReadOnlyList<CasePolicyAction>> EvaluateAsync(CasePolicyArguments arguments, CancellationToken cancellationToken) =>
        ValueTask.FromResult(evaluate(arguments));
}
