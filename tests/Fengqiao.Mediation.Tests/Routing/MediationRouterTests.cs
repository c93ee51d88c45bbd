using System.Collections.Immutable;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Routing;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Mediation.Tests.Routing;

public class MediationRouterTests
{
    private static readonly LocalDate Thursday = new(2025, 11, 20);
    private static readonly LocalDate Saturday = new(2025, 11, 22);
    private static readonly Dictionary<ActorId, int> NoLoad = [];

    private static OrgUnitId U(string id) => new(id);

    private static ActorId A(string id) => new(id);

    private static OrgTree Tree() => new OrgTreeBuilder()
        .AddUnit(U("county"), "玉门市", OrgUnitKind.Secretary)
        .AddUnit(U("town"), "玉门镇", OrgUnitKind.Street, U("county"))
        .AddUnit(U("village"), "某村", OrgUnitKind.Community, U("town"))
        .AddUnit(U("grid"), "网格", OrgUnitKind.Grid, U("village"))
        .AddUnit(U("other-village"), "他村", OrgUnitKind.Community, U("town"))
        .Build();

    private static Mediator M(string id, string body, StationMode station = StationMode.Permanent, int capacity = 3,
        DisputeType[]? specialties = null, string[]? languages = null, IsoDayOfWeek[]? rota = null, bool remote = false, string[]? relations = null) =>
        new(A(id), id, U(body), [.. specialties ?? []], [.. languages ?? ["zh"]], station, [.. rota ?? []], capacity, remote, [.. relations ?? []]);

    private static MediationDirectory Directory() => new MediationDirectoryBuilder()
        .AddBody(new MediationBody(U("labour-committee"), "劳动争议调解委员会", MediationBodyKind.ProfessionalCommittee, [DisputeType.Labour], null))
        .AddBody(new MediationBody(U("village-committee"), "村调委会", MediationBodyKind.CommunityCommittee, [], U("village")))
        .AddBody(new MediationBody(U("town-committee"), "镇调委会", MediationBodyKind.TownshipCommittee, [], U("town")))
        .AddBody(new MediationBody(U("other-committee"), "他村调委会", MediationBodyKind.CommunityCommittee, [], U("other-village")))
        .AddBody(new MediationBody(U("centre"), "中心调解室", MediationBodyKind.CentreRoom, [], null))
        .AddMediator(M("li", "labour-committee", specialties: [DisputeType.Labour]))
        .AddMediator(M("zhao", "labour-committee", StationMode.Rotating, rota: [IsoDayOfWeek.Thursday], specialties: [DisputeType.Labour]))
        .AddMediator(M("wang", "village-committee", relations: ["party-a"]))
        .AddMediator(M("chen", "village-committee", capacity: 1))
        .AddMediator(M("sun", "town-committee", languages: ["zh", "ug"]))
        .AddMediator(M("zhou", "other-committee"))
        .AddMediator(M("wu", "centre", StationMode.OnCall))
        .Build();

    private static RoutingRequest Request(DisputeType type, LocalDate? date = null, string[]? parties = null, ActorId[]? prior = null,
        ActorId? preferred = null, string? language = null, bool remote = false) =>
        new(type, U("grid"), date ?? Thursday, [.. parties ?? ["party-a", "party-b"]], [.. prior ?? []], preferred, language, remote);

    private static MediationRouter Router() => new(Directory(), Tree());

    [Fact]
    public void Route_LabourDispute_GoesToTheProfessionalCommitteeSpecialist()
    {
        var decision = Router().Route(Request(DisputeType.Labour), NoLoad);

        Assert.Equal(U("labour-committee"), decision.Body!.Id);
        Assert.Equal(A("li"), decision.Mediator!.Id);
    }

    [Fact]
    public void Route_NeighbourDispute_GoesToTheNearestCommitteeOnTheChain_NotAnotherVillage()
    {
        var decision = Router().Route(Request(DisputeType.Neighbour, parties: ["x", "y"]), NoLoad);

        Assert.Equal(U("village-committee"), decision.Body!.Id);
        Assert.Equal(A("wang"), decision.Mediator!.Id);
    }

    [Fact]
    public void Route_MediatorRelatedToAParty_IsExcludedWithTheReason()
    {
        var decision = Router().Route(Request(DisputeType.Neighbour), NoLoad);

        Assert.Equal(A("chen"), decision.Mediator!.Id);
        Assert.Contains("village-committee: wang passed over: conflict of interest: declared relation with party 'party-a'", decision.Notes);
    }

    [Fact]
    public void Route_PriorHandler_IsExcluded()
    {
        var decision = Router().Route(Request(DisputeType.Neighbour, parties: ["x"], prior: [A("wang")]), NoLoad);

        Assert.Equal(A("chen"), decision.Mediator!.Id);
        Assert.Contains(decision.Notes, n => n.Contains("wang passed over: conflict of interest: handled this case before"));
    }

    [Fact]
    public void Route_CommitteeFull_FallsBackUpTheChain()
    {
        var loads = new Dictionary<ActorId, int> { [A("chen")] = 1, [A("wang")] = 3 };

        var decision = Router().Route(Request(DisputeType.Neighbour, parties: ["x"]), loads);

        Assert.Equal(U("town-committee"), decision.Body!.Id);
        Assert.Contains("village-committee: chen passed over: at capacity (1/1)", decision.Notes);
    }

    [Fact]
    public void Route_PartiesChoice_WinsWhenEligible()
    {
        var decision = Router().Route(Request(DisputeType.Labour, preferred: A("zhao")), NoLoad);

        Assert.Equal(A("zhao"), decision.Mediator!.Id);
    }

    [Fact]
    public void Route_RotatingMediatorOffRota_IsPassedOver()
    {
        var friday = Thursday.PlusDays(1);

        var decision = Router().Route(Request(DisputeType.Labour, date: friday, preferred: A("zhao")), NoLoad);

        Assert.Equal(A("li"), decision.Mediator!.Id);
        Assert.Contains(decision.Notes, n => n.Contains("zhao passed over: not stationed on Friday"));
        Assert.Contains("the parties' choice 'zhao' is not eligible in labour-committee", decision.Notes);
    }

    [Fact]
    public void Route_LanguageAskedFor_PicksAMediatorWhoSpeaksIt()
    {
        var decision = Router().Route(Request(DisputeType.Neighbour, parties: ["x"], language: "ug"), NoLoad);

        Assert.Equal(A("sun"), decision.Mediator!.Id);
    }

    [Fact]
    public void Route_OnARestDay_OnlyOnCallMediatorsTakeIt()
    {
        var decision = Router().Route(Request(DisputeType.Neighbour, date: Saturday, parties: ["x"]), NoLoad);

        Assert.Equal(A("wu"), decision.Mediator!.Id);
        Assert.Contains(decision.Notes, n => n.Contains("is not a working day"));
    }

    [Fact]
    public void Route_NobodyEligible_SaysSoAndAssignsNoOne()
    {
        var loads = Directory().Mediators.ToDictionary(m => m.Id, m => m.Capacity);

        var decision = Router().Route(Request(DisputeType.Neighbour), loads);

        Assert.False(decision.Assigned);
        Assert.Contains("no body has an eligible mediator for a neighbour dispute", decision.Notes);
        Assert.StartsWith("no mediator assigned", decision.Explain());
    }

    [Fact]
    public void Build_BadDirectory_ReportsEveryProblem()
    {
        var builder = new MediationDirectoryBuilder()
            .AddBody(new MediationBody(U("b"), "B", MediationBodyKind.CentreRoom, [], null))
            .AddBody(new MediationBody(U("b"), "", MediationBodyKind.CentreRoom, [], null))
            .AddMediator(M("x", "nowhere", capacity: 0))
            .AddMediator(M("y", "b", StationMode.Rotating));

        var error = Assert.Throws<MediationDirectoryException>(builder.Build);

        Assert.Equal(
            [
                "mediation body 'b' is defined more than once",
                "mediation body 'b' has no name",
                "mediator 'x' serves in body 'nowhere', which is not defined",
                "mediator 'x' has capacity 0; it must be at least 1",
                "mediator 'y' is stationed by rotation but has no rota days",
            ],
            error.Problems.ToArray());
    }

    [Fact]
    public void Route_NeverExceedsCapacityNorAssignsAConflictedMediator()
    {
        var directory = Directory();
        var mediators = directory.Mediators;
        var gen =
            from loads in Gen.ArrayOf(Gen.Choose(0, 4), mediators.Length)
            from type in Gen.Elements(DisputeType.Labour, DisputeType.Neighbour, DisputeType.Medical)
            from related in Gen.SubListOf(new[] { "party-a", "party-b", "party-c" })
            from prior in Gen.SubListOf(mediators.Select(m => m.Id))
            from day in Gen.Choose(0, 13)
            from remote in Gen.Elements(true, false)
            select (loads, type, related, prior, day, remote);

        PropertyCheck.ForAll(gen, input =>
        {
            var load = mediators.Select((m, i) => (m.Id, input.loads[i])).ToDictionary(p => p.Id, p => p.Item2);
            var request = new RoutingRequest(Type: input.type, Location: U("grid"), Date: Thursday.PlusDays(input.day),
                Parties: [.. input.related], PriorHandlers: [.. input.prior], AllowRemote: input.remote);

            var decision = new MediationRouter(directory, Tree()).Route(request, load);

            if (decision.Mediator is { } m)
            {
                Assert.True(load[m.Id] < m.Capacity, $"{m.Id} assigned at {load[m.Id]}/{m.Capacity}");
                Assert.DoesNotContain(m.Id, request.PriorHandlers);
                Assert.Empty(m.DeclaredRelations.Intersect(request.Parties));
                Assert.True(m.Knows(request.Type));
                Assert.Equal(decision.Body!.Id, m.Body);
            }
        });
    }
}
