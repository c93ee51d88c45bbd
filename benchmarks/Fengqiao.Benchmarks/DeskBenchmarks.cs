using BenchmarkDotNet.Attributes;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>
/// One case through intake and the first hand-over on the in-memory store: register (query code, SLA terms, citizen
/// clock, duplicate check) + accept + dispatch (unit and sign-for clocks) + claim, each authorised against an org
/// tree, appended with its expected version and published. Run:
/// <c>dotnet run -c Release --project benchmarks/Fengqiao.Benchmarks -- --filter '*Desk*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class DeskBenchmarks
{
    private static readonly OrgUnitId Centre = new("centre");
    private static readonly OrgUnitId Community = new("community-1");
    private static readonly OrgUnitId Grid = new("grid-1");
    private static readonly CaseActor Dispatcher = CaseActor.Staff(new ActorId("d1"), Centre);
    private static readonly CaseActor Worker = CaseActor.Staff(new ActorId("w1"), Community);
    private CaseDesk desk = null!;
    private int reporter;
    private Case accepted = null!;
    private CaseEvent dispatched = null!;

    /// <summary>Builds the desk.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var tree = new OrgTreeBuilder()
            .AddUnit(Centre, "综治中心", OrgUnitKind.CommandCentre)
            .AddUnit(Community, "和平社区", OrgUnitKind.Community, Centre)
            .AddUnit(Grid, "第一网格", OrgUnitKind.Grid, Community)
            .AddMember(Centre, new ActorId("d1"), "派单员", MemberRole.Dispatcher)
            .AddMember(Community, new ActorId("w1"), "办理人", MemberRole.Worker)
            .Build();
        desk = new CaseDesk(new CaseDeskOptions
        {
            SlaPolicy = SlaPolicies.Urumqi1351,
            Calendar = BusinessCalendar.ChinaNational,
            Store = new InMemoryCaseStore(),
            Clock = new FixedClock(Instant.FromUtc(2026, 11, 2, 1, 0)),
            Directory = tree,
        });
        desk.Events.Subscribe(_ => { });
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid),
            new Reporter("张三", "13800000000"), "楼上漏水");
        var id = desk.RegisterAsync(report, Dispatcher).GetAwaiter().GetResult().Case.Id;
        accepted = desk.AcceptAsync(id, Dispatcher).GetAwaiter().GetResult();
        dispatched = new CaseEvent(id, accepted.Version + 1, accepted.UpdatedAt, Dispatcher, accepted.State, CaseState.Dispatched, new CaseDispatched(Community));
    }

    /// <summary>The fold alone: one typed dispatch event folded into an accepted case (unit and sign-for clocks start).</summary>
    [Benchmark]
    public Case FoldDispatch() => accepted.Apply(dispatched);

    /// <summary>
    /// The whole desk step the issue names, without the store: the transition arguments, the lifecycle's fire (with
    /// its guard), the typed dispatch event, and the fold of that event into the accepted case.
    /// </summary>
    [Benchmark]
    public Case DeskStep()
    {
        var args = new CaseTransitionArgs { TargetUnit = Community, Actor = Dispatcher, Case = accepted };
        var outcome = CaseLifecycles.Default.TryFire(accepted.State, CaseTrigger.Dispatch, args);
        var e = new CaseEvent(accepted.Id, accepted.Version + 1, accepted.UpdatedAt, Dispatcher, outcome.Source, outcome.Destination,
            new CaseDispatched(Community));
        return accepted.Apply(e);
    }

    /// <summary>Register + accept + dispatch + claim one case (4 events).</summary>
    [Benchmark]
    public async Task<long> RegisterDispatchClaim()
    {
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(Grid),
            new Reporter("张三", $"138{++reporter:00000000}"), "楼上漏水");
        var c = (await desk.RegisterAsync(report, Dispatcher)).Case;
        await desk.AcceptAsync(c.Id, Dispatcher);
        await desk.DispatchAsync(c.Id, Dispatcher, Community);
        return (await desk.ClaimAsync(c.Id, Worker)).Version;
    }

    private sealed class FixedClock(Instant now) : IClock
    {
        public Instant GetCurrentInstant() => now;
    }
}
