using System.Collections.Concurrent;
using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Testing;

/// <summary>The small county the store conformance checks drive: a desk on the store under test, a fake clock, fixed ids and query codes.</summary>
internal sealed class ConformanceCounty
{
    public static readonly OrgUnitId Centre = new("centre");
    public static readonly OrgUnitId Community = new("community-1");
    public static readonly OrgUnitId Grid = new("grid-1");
    public static readonly OrgUnitId Grid2 = new("grid-2");
    public static readonly OrgUnitId Community2 = new("community-2");

    public static readonly CaseActor Dispatcher = CaseActor.Staff(new ActorId("d1"), Centre);
    public static readonly CaseActor Leader = CaseActor.Staff(new ActorId("leader"), Centre);
    public static readonly CaseActor Worker = CaseActor.Staff(new ActorId("w1"), Community);

    // Monday 2 November 2026, 09:00 in Beijing.
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);

    private static readonly OrgTree Tree = new OrgTreeBuilder()
        .AddUnit(Centre, "综治中心", OrgUnitKind.CommandCentre)
        .AddUnit(Community, "和平社区", OrgUnitKind.Community, Centre)
        .AddUnit(Grid, "第一网格", OrgUnitKind.Grid, Community)
        .AddUnit(Community2, "幸福社区", OrgUnitKind.Community, Centre)
        .AddUnit(Grid2, "第二网格", OrgUnitKind.Grid, Community2)
        .AddMember(Centre, new ActorId("d1"), "派单员", MemberRole.Dispatcher, MemberRole.Reviewer)
        .AddMember(Centre, new ActorId("leader"), "书记", MemberRole.Leader)
        .AddMember(Community, new ActorId("w1"), "办理人", MemberRole.Worker)
        .AddMember(Community, new ActorId("w2"), "办理人二", MemberRole.Worker)
        .AddMember(Community2, new ActorId("w3"), "办理人三", MemberRole.Worker)
        .Build();

    private static readonly SlaPolicy Policy = new SlaPolicyBuilder("conformance county")
        .Add(new SlaRule("*", new Dictionary<string, TimeLimit>
        {
            [SlaLimitNames.Handle] = TimeLimit.WorkingDays(3),
            [SlaLimitNames.SignFor] = TimeLimit.WorkingHours(4),
            [SlaLimitNames.Callback] = TimeLimit.WorkingDays(1),
            [SlaLimitNames.Extension] = TimeLimit.WorkingDays(2),
        }, SlaPolicies.YellowRed(0.5, Duration.FromHours(4))))
        .Build();

    private int ids;

    public ConformanceCounty(ICaseStore store, QueryCodeGenerator? queryCodes = null)
    {
        Store = store;
        Desk = new CaseDesk(new CaseDeskOptions
        {
            SlaPolicy = Policy,
            Calendar = Calendar,
            Store = store,
            Clock = Clock,
            Directory = Tree,
            QueryCodes = queryCodes ?? FengqiaoArbitraries.SeededQueryCodes(1),
            NewCaseId = () => new CaseId($"case-{Interlocked.Increment(ref ids)}"),
        });
        Desk.Events.Subscribe(Published.Enqueue);
    }

    public static BusinessCalendar Calendar { get; } = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

    public FakeClock Clock { get; } = new(Start);

    public ICaseStore Store { get; }

    public CaseDesk Desk { get; }

    public ConcurrentQueue<CaseEvent> Published { get; } = new();

    public static CaseReport Report(string phone = "13812345678", string category = "dispute", OrgUnitId? grid = null) =>
        new(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(grid ?? Grid), new Reporter("张三", phone), "楼上漏水");

    public static CaseEvent Supervise(Case c, string note) =>
        new(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised(note));

    public async Task<Case> RegisterAsync(CaseReport? report = null) => (await Desk.RegisterAsync(report ?? Report(), Dispatcher).ConfigureAwait(false)).Case;

    public async Task<Case> DispatchedAsync()
    {
        var c = await RegisterAsync().ConfigureAwait(false);
        await Desk.AcceptAsync(c.Id, Dispatcher).ConfigureAwait(false);
        return await Desk.DispatchAsync(c.Id, Dispatcher, Community).ConfigureAwait(false);
    }

    public async Task<Case> InProgressAsync()
    {
        var c = await DispatchedAsync().ConfigureAwait(false);
        await Desk.ClaimAsync(c.Id, Worker).ConfigureAwait(false);
        return await Desk.StartAsync(c.Id, Worker).ConfigureAwait(false);
    }
}
