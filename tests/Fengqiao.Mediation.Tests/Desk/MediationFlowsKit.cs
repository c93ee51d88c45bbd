using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using NodaTime.Testing;

namespace Fengqiao.Mediation.Tests.Desk;

/// <summary>The Yumen kit with the four outside bodies (court, police, petition office, procuratorate) as units with members, and a mediation desk that drives the return flows.</summary>
internal sealed class MediationFlowsKit
{
    public static readonly OrgUnitId Court = new("court");
    public static readonly OrgUnitId Police = new("traffic-police");
    public static readonly OrgUnitId Procuratorate = new("procuratorate");

    public static readonly OrgTree Tree = new OrgTreeBuilder()
        .AddUnit(MediationDeskKit.Centre, "玉门市综治中心", OrgUnitKind.CommandCentre)
        .AddUnit(MediationDeskKit.PetitionOffice, "玉门市信访局", OrgUnitKind.Department, MediationDeskKit.Centre)
        .AddUnit(Court, "玉门市人民法院", OrgUnitKind.Department, MediationDeskKit.Centre)
        .AddUnit(Police, "玉门市公安局交警大队", OrgUnitKind.Department, MediationDeskKit.Centre)
        .AddUnit(Procuratorate, "玉门市人民检察院", OrgUnitKind.Department, MediationDeskKit.Centre)
        .AddUnit(MediationDeskKit.Town, "玉门镇", OrgUnitKind.Street, MediationDeskKit.Centre)
        .AddUnit(MediationDeskKit.Village, "某村", OrgUnitKind.Community, MediationDeskKit.Town)
        .AddUnit(MediationDeskKit.Grid, "网格", OrgUnitKind.Grid, MediationDeskKit.Village)
        .AddUnit(MediationDeskKit.VillageCommittee, "村人民调解委员会", OrgUnitKind.MediationBody, MediationDeskKit.Village)
        .AddUnit(MediationDeskKit.CentreRoom, "中心调解室", OrgUnitKind.MediationBody, MediationDeskKit.Centre)
        .AddMember(MediationDeskKit.Centre, new ActorId("d1"), "派单员", MemberRole.Dispatcher, MemberRole.Reviewer)
        .AddMember(MediationDeskKit.Centre, new ActorId("leader"), "书记", MemberRole.Leader)
        .AddMember(MediationDeskKit.PetitionOffice, new ActorId("clerk"), "信访登记员", MemberRole.Dispatcher)
        .AddMember(MediationDeskKit.PetitionOffice, new ActorId("handler"), "信访办理员", MemberRole.Worker)
        .AddMember(Court, new ActorId("judge"), "立案庭法官", MemberRole.Worker)
        .AddMember(Police, new ActorId("officer"), "交警", MemberRole.Worker)
        .AddMember(Procuratorate, new ActorId("procurator"), "检察官", MemberRole.Worker)
        .AddMember(MediationDeskKit.VillageCommittee, new ActorId("m1"), "调解员", MemberRole.Worker)
        .AddMember(MediationDeskKit.CentreRoom, new ActorId("m2"), "中心调解员", MemberRole.Worker)
        .Build();

    public static readonly CaseActor Judge = CaseActor.Staff(new ActorId("judge"), Court);
    public static readonly CaseActor Officer = CaseActor.Staff(new ActorId("officer"), Police);
    public static readonly CaseActor Procurator = CaseActor.Staff(new ActorId("procurator"), Procuratorate);
    public static readonly CaseActor PetitionHandler = CaseActor.Staff(new ActorId("handler"), MediationDeskKit.PetitionOffice);

    private static int phones;
    private int ids;

    public MediationFlowsKit(bool withPolicy = true, MediationDeskOptions? options = null, ICasePolicy? before = null, InMemoryCaseStore? store = null, int casesBefore = 0)
    {
        ids = casesBefore;
        Store = store ?? new InMemoryCaseStore();
        Ledger = new HandOffLedger(MediationDeskKit.Calendar);
        var deskOptions = new CaseDeskOptions
        {
            SlaPolicy = MediationDeskKit.Policy,
            Calendar = MediationDeskKit.Calendar,
            Store = Store,
            Clock = Clock,
            Directory = Tree,
            NewCaseId = () => new CaseId($"case-{Interlocked.Increment(ref ids)}"),
        };
        if (before is not null)
        {
            deskOptions.Policies.Add(before);
        }

        if (withPolicy)
        {
            deskOptions.Policies.Add(new HandOffCasePolicy(Ledger, new MediationRouter(MediationDeskKit.Directory, Tree), MediationDeskKit.Centre));
        }

        Desk = new CaseDesk(deskOptions);
        Options = options ?? new MediationDeskOptions
        {
            Directory = Tree,
            Court = Court,
            PoliceStation = Police,
            PetitionOffice = MediationDeskKit.PetitionOffice,
            Procuratorate = Procuratorate,
        };
        Mediation = new MediationDesk(Desk, Ledger, Clock, Options);
    }

    public FakeClock Clock { get; } = new(MediationDeskKit.Start);

    public InMemoryCaseStore Store { get; }

    /// <summary>A new case desk, ledger and mediation desk over the same store and at the same instant: a restarted host.</summary>
    public MediationFlowsKit Restarted()
    {
        var next = new MediationFlowsKit(store: Store, casesBefore: ids);
        next.Clock.Reset(Clock.GetCurrentInstant());
        return next;
    }

    public HandOffLedger Ledger { get; }

    public CaseDesk Desk { get; }

    public MediationDeskOptions Options { get; }

    public MediationDesk Mediation { get; }

    public static CaseReport Report(string category, string reference, CaseChannel channel = CaseChannel.GridWorker) =>
        new(channel, new CaseCategory(category), CasePriority.Normal, new CaseLocation(MediationDeskKit.Grid), new Reporter("李四", $"139{Interlocked.Increment(ref phones):D8}"),
            "纠纷", reference);

    public async Task<Case> RegisterAsync(CaseReport report, CaseActor? by = null) =>
        (await Desk.RegisterAsync(report, by ?? MediationDeskKit.Dispatcher)).Case;

    public async Task<Case> CaseAsync(CaseId id) => (await Desk.FindAsync(id))!;

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(CaseId id) => await Desk.GetHistoryAsync(id);
}
