using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Sla;
using Fengqiao.Testing;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Mediation.Tests.Desk;

/// <summary>A Yumen-like county in miniature: the centre, the petition office, a village with its mediation committee, a bare case desk with the mediation policy, and the coordinator.</summary>
internal sealed class YumenCounty
{
    public static readonly OrgUnitId Centre = new("centre");
    public static readonly OrgUnitId PetitionOffice = new("petition-office");
    public static readonly OrgUnitId Town = new("town");
    public static readonly OrgUnitId Village = new("village");
    public static readonly OrgUnitId Grid = new("grid");
    public static readonly OrgUnitId VillageCommittee = new("village-committee");
    public static readonly OrgUnitId CentreRoom = new("centre-room");

    // The county's table: each unit and member once (the centre, d1 and leader come with the builder).
    private static readonly SmallCountyBuilder Table = new SmallCountyBuilder("玉门市综治中心")
        .AddUnit(PetitionOffice, "玉门市信访局", OrgUnitKind.Department, Centre)
        .AddUnit(Town, "玉门镇", OrgUnitKind.Street, Centre)
        .AddUnit(Village, "某村", OrgUnitKind.Community, Town)
        .AddUnit(Grid, "网格", OrgUnitKind.Grid, Village)
        .AddUnit(VillageCommittee, "村人民调解委员会", OrgUnitKind.MediationBody, Village)
        .AddUnit(CentreRoom, "中心调解室", OrgUnitKind.MediationBody, Centre)
        .AddMember(PetitionOffice, "clerk", "信访登记员", MemberRole.Dispatcher)
        .AddMember(VillageCommittee, "m1", "调解员", MemberRole.Worker)
        .AddMember(CentreRoom, "m2", "中心调解员", MemberRole.Worker);

    public static readonly OrgTree Tree = Table.BuildTree();

    public static readonly CaseActor Dispatcher = Table.Actor("d1");
    public static readonly CaseActor Leader = Table.Actor("leader");
    public static readonly CaseActor PetitionClerk = Table.Actor("clerk");
    public static readonly CaseActor Mediator = Table.Actor("m1");

    public static readonly MediationDirectory Directory = new MediationDirectoryBuilder()
        .AddBody(new MediationBody(VillageCommittee, "村人民调解委员会", MediationBodyKind.CommunityCommittee, [], Village))
        .AddBody(new MediationBody(CentreRoom, "中心调解室", MediationBodyKind.CentreRoom, [], null))
        .AddMediator(new Mediator(new ActorId("m1"), "调解员", VillageCommittee, [], ["zh"], StationMode.Permanent, [], 5, false, []))
        .AddMediator(new Mediator(new ActorId("m2"), "中心调解员", CentreRoom, [], ["zh"], StationMode.Permanent, [], 5, false, []))
        .Build();

    // The national calendar (国务院办公厅 holiday notices), projected past its last published year as the desk tests do.
    public static readonly BusinessCalendar Calendar = BareCounty.Calendar;

    public static readonly SlaPolicy Policy = SmallCountyBuilder.OneRulePolicy("yumen", new Dictionary<string, TimeLimit>
    {
        [SlaLimitNames.Handle] = TimeLimit.CalendarDays(60),
        [SlaLimitNames.Extension] = TimeLimit.CalendarDays(30),
    }, 0.5, Duration.FromHours(24));

    public static readonly Instant Start = BareCounty.Start;

    /// <summary>A bare desk (Fengqiao.Testing) on this tree and policy, with the hand-off policy added and the mediation desk over it.</summary>
    public YumenCounty()
    {
        Ledger = new HandOffLedger(Calendar);
        Policy1 = new HandOffCasePolicy(Ledger, new MediationRouter(Directory, Tree), Centre);
        Bare = new BareCounty(configure: o =>
        {
            o.SlaPolicy = Policy;
            o.Calendar = Calendar;
            o.Directory = Tree;
            o.Policies.Add(Policy1);
        });
        Mediation = new MediationDesk(Desk, Ledger, Clock);
    }

    public BareCounty Bare { get; }

    public FakeClock Clock => Bare.Clock;

    public HandOffLedger Ledger { get; }

    public HandOffCasePolicy Policy1 { get; }

    public CaseDesk Desk => Bare.Desk;

    public MediationDesk Mediation { get; }

    public static CaseReport Petition(string category = "petition-remedy-labour", string reference = "玉信〔2026〕001号") =>
        new(CaseChannel.PetitionOffice, new CaseCategory(category), CasePriority.Normal, new CaseLocation(Grid), new Reporter("李四", "13912345678"),
            "工资被拖欠三个月，请求解决", reference);

    public async Task<Case> RegisterPetitionAsync(CaseReport? report = null) => (await Desk.RegisterAsync(report ?? Petition(), PetitionClerk)).Case;

    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(CaseId id) => await Desk.GetHistoryAsync(id);
}
