using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Testing;
using NodaTime.Testing;

namespace Fengqiao.Mediation.Tests.Desk;

/// <summary>The Yumen kit with the four outside bodies (court, police, petition office, procuratorate) as units with members, and a mediation desk that drives the return flows.</summary>
internal sealed class MediationFlowsKit
{
    public static readonly OrgUnitId Court = new("court");
    public static readonly OrgUnitId Police = new("traffic-police");
    public static readonly OrgUnitId Procuratorate = new("procuratorate");

    public static readonly OrgTree Tree = new OrgTreeBuilder()
        .AddUnit(YumenCounty.Centre, "玉门市综治中心", OrgUnitKind.CommandCentre)
        .AddUnit(YumenCounty.PetitionOffice, "玉门市信访局", OrgUnitKind.Department, YumenCounty.Centre)
        .AddUnit(Court, "玉门市人民法院", OrgUnitKind.Department, YumenCounty.Centre)
        .AddUnit(Police, "玉门市公安局交警大队", OrgUnitKind.Department, YumenCounty.Centre)
        .AddUnit(Procuratorate, "玉门市人民检察院", OrgUnitKind.Department, YumenCounty.Centre)
        .AddUnit(YumenCounty.Town, "玉门镇", OrgUnitKind.Street, YumenCounty.Centre)
        .AddUnit(YumenCounty.Village, "某村", OrgUnitKind.Community, YumenCounty.Town)
        .AddUnit(YumenCounty.Grid, "网格", OrgUnitKind.Grid, YumenCounty.Village)
        .AddUnit(YumenCounty.VillageCommittee, "村人民调解委员会", OrgUnitKind.MediationBody, YumenCounty.Village)
        .AddUnit(YumenCounty.CentreRoom, "中心调解室", OrgUnitKind.MediationBody, YumenCounty.Centre)
        .AddMember(YumenCounty.Centre, new ActorId("d1"), "派单员", MemberRole.Dispatcher, MemberRole.Reviewer)
        .AddMember(YumenCounty.Centre, new ActorId("leader"), "书记", MemberRole.Leader)
        .AddMember(YumenCounty.PetitionOffice, new ActorId("clerk"), "信访登记员", MemberRole.Dispatcher)
        .AddMember(YumenCounty.PetitionOffice, new ActorId("handler"), "信访办理员", MemberRole.Worker)
        .AddMember(Court, new ActorId("judge"), "立案庭法官", MemberRole.Worker)
        .AddMember(Police, new ActorId("officer"), "交警", MemberRole.Worker)
        .AddMember(Procuratorate, new ActorId("procurator"), "检察官", MemberRole.Worker)
        .AddMember(YumenCounty.VillageCommittee, new ActorId("m1"), "调解员", MemberRole.Worker)
        .AddMember(YumenCounty.CentreRoom, new ActorId("m2"), "中心调解员", MemberRole.Worker)
        .Build();

    public static readonly CaseActor Judge = CaseActor.Staff(new ActorId("judge"), Court);
    public static readonly CaseActor Officer = CaseActor.Staff(new ActorId("officer"), Police);
    public static readonly CaseActor Procurator = CaseActor.Staff(new ActorId("procurator"), Procuratorate);
    public static readonly CaseActor PetitionHandler = CaseActor.Staff(new ActorId("handler"), YumenCounty.PetitionOffice);

    private static int phones;

    private int ids;

    /// <summary>A bare desk (Fengqiao.Testing) on this tree and the Yumen policy, with the hand-off policy (unless not wanted) and the mediation desk over it.</summary>
    /// <param name="casesBefore">How many cases the store already holds (a restarted host numbers new cases on from them).</param>
    public MediationFlowsKit(bool withPolicy = true, MediationDeskOptions? options = null, ICasePolicy? before = null, InMemoryCaseStore? store = null, int casesBefore = 0)
    {
        ids = casesBefore;
        Ledger = new HandOffLedger(YumenCounty.Calendar);
        Bare = new BareCounty(shared: store, configure: o =>
        {
            o.SlaPolicy = YumenCounty.Policy;
            o.Calendar = YumenCounty.Calendar;
            o.Directory = Tree;
            o.NewCaseId = () => new CaseId($"case-{Interlocked.Increment(ref ids)}");
            if (before is not null)
            {
                o.Policies.Add(before);
            }

            if (withPolicy)
            {
                o.Policies.Add(new HandOffCasePolicy(Ledger, new MediationRouter(YumenCounty.Directory, Tree), YumenCounty.Centre));
            }
        });
        Options = options ?? new MediationDeskOptions
        {
            Directory = Tree,
            Court = Court,
            PoliceStation = Police,
            PetitionOffice = YumenCounty.PetitionOffice,
            Procuratorate = Procuratorate,
        };
        Mediation = new MediationDesk(Desk, Ledger, Clock, Options);
    }

    public BareCounty Bare { get; }

    public FakeClock Clock => Bare.Clock;

    public InMemoryCaseStore Store => Bare.InMemory;

    /// <summary>A new case desk, ledger and mediation desk over the same store and at the same instant: a restarted host.</summary>
    public MediationFlowsKit Restarted()
    {
        var next = new MediationFlowsKit(store: Store, casesBefore: ids);
        next.Clock.Reset(Clock.GetCurrentInstant());
        return next;
    }

    public HandOffLedger Ledger { get; }

    public CaseDesk Desk => Bare.Desk;

    public MediationDeskOptions Options { get; }

    public MediationDesk Mediation { get; }

    public static CaseReport Report(string category, string reference, CaseChannel channel = CaseChannel.GridWorker) =>
        new(channel, new CaseCategory(category), CasePriority.Normal, new CaseLocation(YumenCounty.Grid), new Reporter("李四", $"139{Interlocked.Increment(ref phones):D8}"),
            "纠纷", reference);

    public async Task<Case> RegisterAsync(CaseReport report, CaseActor? by = null) =>
        (await Desk.RegisterAsync(report, by ?? YumenCounty.Dispatcher)).Case;

    public async Task<Case> CaseAsync(CaseId id) => (await Desk.FindAsync(id))!;

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(CaseId id) => await Desk.GetHistoryAsync(id);
}
