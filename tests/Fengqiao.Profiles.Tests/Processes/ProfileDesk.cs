using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Desk;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Sla;
using Fengqiao.Testing;
using Fengqiao.TestSupport;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>
/// A real case desk built from nothing but a sample profile through the composition root (<see cref="CountyDeskBuilder"/>),
/// with the in-memory store and a fake clock: a <see cref="TestCounty"/> with the names these tests use.
/// </summary>
internal sealed class ProfileDesk
{
    public ProfileDesk(string file, Instant start, OrgUnitId handOffSender)
        : this(Sample(file), start, handOffSender)
    {
    }

    public ProfileDesk(CountyProfile profile, Instant start, OrgUnitId handOffSender)
    {
        Profile = profile;
        Kit = TestCounty.FromProfile(profile, new TestCountyOptions { Start = start.InZone(profile.Zone).LocalDateTime, HandOffSender = handOffSender });
        Clock = Kit.Clock;
        County = Kit.County;
        Tree = County.Tree;
        Calendar = County.Calendar;
        Ledger = County.Ledger;
        Escalation = County.Escalation;
        HandOffs = County.HandOffs;
        Desk = County.Desk;
        Mediation = County.Mediation;
    }

    /// <summary>The test county from Fengqiao.Testing that this desk wraps.</summary>
    public TestCounty Kit { get; }

    /// <summary>The whole desk as the composition root built it.</summary>
    public CountyDesk County { get; }

    public CountyProfile Profile { get; }

    public OrgTree Tree { get; }

    public BusinessCalendar Calendar { get; }

    public FakeClock Clock { get; }

    public HandOffLedger Ledger { get; }

    public EscalationCasePolicy Escalation { get; }

    public HandOffCasePolicy HandOffs { get; }

    public CaseDesk Desk { get; }

    public MediationDesk Mediation { get; }

    /// <summary>Loads a sample profile (<c>samples/profiles/<paramref name="file"/></c>), for a test that changes it first.</summary>
    public static CountyProfile Sample(string file) => CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));

    public static OrgUnitId Unit(string id) => new(id);

    public static CaseActor Staff(string id, string unit) => CaseActor.Staff(new ActorId(id), new OrgUnitId(unit));

    public static CaseReport Report(string grid, string category, string text, CaseChannel channel = CaseChannel.QrCode, string? reference = null) =>
        new(channel, new CaseCategory(category), CasePriority.Normal, new CaseLocation(new OrgUnitId(grid)), new Reporter("张三", "13812345678"), text, reference);

    public async Task<Case> DispatchedAsync(CaseReport report, CaseActor dispatcher, string unit)
    {
        var c = (await Desk.RegisterAsync(report, dispatcher)).Case;
        await Desk.AcceptAsync(c.Id, dispatcher);
        return await Desk.DispatchAsync(c.Id, dispatcher, new OrgUnitId(unit));
    }

    /// <summary>Takes a dispatched case through the worker's hands: claimed, started, resolved, submitted and approved.</summary>
    public async Task<Case> HandledAsync(CaseId id, CaseActor worker, string resolution, CaseActor approver)
    {
        await Desk.ClaimAsync(id, worker);
        await Desk.StartAsync(id, worker);
        await Desk.ResolveAsync(id, worker, resolution);
        await Desk.SubmitForReviewAsync(id, worker);
        return await Desk.ApproveAsync(id, approver);
    }

    /// <summary>Dispatches a report to a unit whose worker handles it; the dispatcher approves, the citizen is satisfied
    /// and the dispatcher closes the case.</summary>
    public async Task<Case> ClosedAsync(CaseReport report, CaseActor dispatcher, string unit, CaseActor worker, string resolution)
    {
        var c = await DispatchedAsync(report, dispatcher, unit);
        await HandledAsync(c.Id, worker, resolution, dispatcher);
        await Desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), CaseRating.Satisfied);
        return await Desk.CloseAsync(c.Id, dispatcher);
    }

    public async Task<Case> CaseAsync(CaseId id) => (await Desk.FindAsync(id))!;

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(CaseId id) => await Desk.GetHistoryAsync(id);

    /// <summary>The events a system policy appended with a given trigger.</summary>
    public static List<CaseEvent> BySystem(IEnumerable<CaseEvent> history, CaseTrigger trigger) =>
        [.. history.Where(e => e.Trigger == trigger && e.Actor.Kind == CaseActorKind.System)];
}
