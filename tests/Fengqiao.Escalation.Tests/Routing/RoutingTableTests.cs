using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Routing;
using NodaTime;
using static Fengqiao.Escalation.Tests.Ladders.SampleCounties;

namespace Fengqiao.Escalation.Tests.Routing;

public class RoutingTableTests
{
    private static readonly LocalDate May = new(2026, 5, 4);
    private static readonly LocalDate December = new(2026, 12, 1);

    private static CaseReport Report(string category, string grid = "grid-1", CaseChannel channel = CaseChannel.QrCode, CasePriority priority = CasePriority.Normal) =>
        new(channel, new CaseCategory(category), priority, new CaseLocation(Id(grid)), new Reporter("张三"), "诉求");

    private static Case Registered(CaseReport report) =>
        Case.Register(
            new CaseEvent(new CaseId("c-1"), 1, Instant.FromUtc(2026, 3, 2, 1, 0), CaseActor.System, CaseState.Registered, CaseState.Registered,
                new CaseRegistration(report, Fengqiao.Testing.BareCounty.QueryCodeKey.Digest(new QueryCodeGenerator().Next()), "test/1", new CaseSlaTerms("test", TimeLimit.WorkingDays(3), null, null, null, []))),
            Fengqiao.Sla.BusinessCalendar.ChinaNational);

    [Fact]
    public void Route_KindWithinTheStreet_IsTheGridsCommunityAndTheRowsDepartmentBindsTheLevel()
    {
        var table = new RoutingTableBuilder().Route("livelihood", RoutingTarget.ToKind(OrgUnitKind.Community), Id("dept-housing")).Build();

        var route = table.Route(Saybagh(), BuiltInLadders.Default, Report("livelihood"), May);

        Assert.Equal((Id("community"), Id("dept-housing")), (route.Owner, route.Department));
        Assert.Equal(Id("dept-housing"), RoutingTable.PathOf(Saybagh(), BuiltInLadders.Default, Id("grid-1"), route.Department).StepAt("department").Unit.Id);
    }

    [Fact]
    public void Route_ToADepartmentUnit_MakesItTheDepartmentToo()
    {
        var table = new RoutingTableBuilder().Route("labour", RoutingTarget.ToUnit(Id("dept-labour"))).Build();

        var route = table.Route(Saybagh(), BuiltInLadders.Default, Report("labour"), May);

        Assert.Equal((Id("dept-labour"), Id("dept-labour")), (route.Owner, route.Department));
    }

    [Fact]
    public void Route_LevelTarget_IsTheUnitAtThatLevelOnThePath()
    {
        var table = new RoutingTableBuilder().Route("*", RoutingTarget.ToLevel("street"), Id("dept-housing")).Build();

        Assert.Equal(Id("street"), table.Route(Saybagh(), BuiltInLadders.Default, Report("anything"), May).Owner);
    }

    [Fact]
    public void Route_MonthChannelPriorityAndArea_NarrowRowsAndTheFirstMatchWins()
    {
        var table = new RoutingTableBuilder()
            .Route(new RoutingRow("heating", RoutingTarget.ToLevel("street")) { Months = [11, 12, 1, 2, 3], Department = Id("dept-housing") })
            .Route(new RoutingRow("heating", RoutingTarget.ToUnit(Id("dept-labour"))) { Channels = [CaseChannel.Hotline12345] })
            .Route(new RoutingRow("heating", RoutingTarget.ToUnit(Id("dept-housing"))) { Priorities = [CasePriority.Urgent], Area = Id("community") })
            .Route("heating", RoutingTarget.ToKind(OrgUnitKind.Community), Id("dept-housing"))
            .Build();
        var tree = Saybagh();
        var ladder = BuiltInLadders.Default;

        Assert.Equal(Id("street"), table.Route(tree, ladder, Report("heating"), December).Owner);
        Assert.Equal(Id("dept-labour"), table.Route(tree, ladder, Report("heating", channel: CaseChannel.Hotline12345), May).Owner);
        Assert.Equal(Id("dept-housing"), table.Route(tree, ladder, Report("heating", priority: CasePriority.Urgent), May).Owner);
        Assert.Equal(Id("community"), table.Route(tree, ladder, Report("heating"), May).Owner);
    }

    [Fact]
    public void Route_NoRowAndNoFallback_ThrowsNamingCategoryGridAndTheRefusal()
    {
        var table = new RoutingTableBuilder().Route("livelihood", RoutingTarget.ToUnit(Id("dept-housing"))).Build();

        var e = Assert.Throws<RoutingException>(() => table.Route(Saybagh(), BuiltInLadders.Default, Report("dispute", "grid-2"), May));

        Assert.Equal((new CaseCategory("dispute"), Id("grid-2"), (RoutingRow?)null), (e.Category, e.Grid, e.Row));
        Assert.Contains("unrouted: refuse", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Route_NoRowWithAFallback_GoesToTheFallback()
    {
        var table = new RoutingTableBuilder().Otherwise(Id("street")).Build();

        var route = table.Route(Saybagh(), BuiltInLadders.Default, Report("dispute"), May);

        Assert.True(route.IsFallback);
        Assert.Equal((Id("street"), (OrgUnitId?)null), (route.Owner, route.Department));
    }

    [Fact]
    public void Verify_RowWithoutADepartment_FindsTheSaybaghFailureAtThatRow()
    {
        var table = new RoutingTableBuilder()
            .Route("livelihood", RoutingTarget.ToKind(OrgUnitKind.Community), Id("dept-housing"))
            .Route("dispute", RoutingTarget.ToKind(OrgUnitKind.Community))
            .Build();

        var problems = table.Verify(Saybagh(), BuiltInLadders.Default, [new CaseCategory("livelihood"), new CaseCategory("dispute")], [CaseChannel.QrCode]);

        var problem = Assert.Single(problems);
        Assert.Equal((1, new CaseCategory("dispute")), (problem.Row, problem.Category));
        Assert.Contains("2 units serve at this level and none is above 'grid-1'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_OwnerOffTheLadderPathAndAnUncoveredCategory_AreBothFound()
    {
        var table = new RoutingTableBuilder().Route("livelihood", RoutingTarget.ToUnit(Id("task-force")), Id("dept-labour")).Build();
        var tree = new OrgTreeBuilder()
            .AddUnit(Id("secretary"), "书记", OrgUnitKind.Secretary)
            .AddUnit(Id("task-force"), "专班", OrgUnitKind.TaskForce, Id("secretary"))
            .AddUnit(Id("other-force"), "另一专班", OrgUnitKind.TaskForce, Id("secretary"))
            .AddUnit(Id("street"), "街道", OrgUnitKind.Street, Id("secretary"))
            .AddUnit(Id("community"), "社区", OrgUnitKind.Community, Id("street"))
            .AddUnit(Id("grid-1"), "网格", OrgUnitKind.Grid, Id("community"))
            .AddUnit(Id("dept-labour"), "人社局", OrgUnitKind.Department, Id("secretary"))
            .Build();

        var problems = table.Verify(tree, BuiltInLadders.Default, [new CaseCategory("livelihood"), new CaseCategory("dispute")], [CaseChannel.QrCode]);

        Assert.Contains(problems, p => p.Row is null && p.Category == new CaseCategory("dispute") && p.Message.Contains("No routing row covers", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Row == 0 && p.Message.Contains("task-force", StringComparison.Ordinal));
    }

    [Fact]
    public void Constructor_MonthOutsideTheYear_IsRefused()
    {
        Assert.Throws<ArgumentException>(() => new RoutingTable([new RoutingRow("heating", RoutingTarget.ToLevel("street")) { Months = [13] }]));
    }

    [Fact]
    public void CheckTarget_StaffOutsideTheirSubtree_AreRefusedUnlessTheUnitIsARoutingTargetOrTheNextLevel()
    {
        var tree = new OrgTreeBuilder()
            .AddUnit(Id("secretary"), "书记", OrgUnitKind.Secretary)
            .AddUnit(Id("task-force"), "专班", OrgUnitKind.TaskForce, Id("secretary"))
            .AddUnit(Id("street"), "街道", OrgUnitKind.Street, Id("secretary"))
            .AddMember(Id("street"), new ActorId("dispatcher"), "派单员", MemberRole.Dispatcher)
            .AddUnit(Id("community"), "社区", OrgUnitKind.Community, Id("street"))
            .AddUnit(Id("grid-1"), "网格", OrgUnitKind.Grid, Id("community"))
            .AddUnit(Id("other-street"), "另一街道", OrgUnitKind.Street, Id("secretary"))
            .AddUnit(Id("dept-housing"), "住建局", OrgUnitKind.Department, Id("secretary"))
            .AddUnit(Id("dept-labour"), "人社局", OrgUnitKind.Department, Id("secretary"))
            .Build();
        var table = new RoutingTableBuilder().Route("*", RoutingTarget.ToKind(OrgUnitKind.Community), Id("dept-housing")).Build();
        var authority = new RoutingAuthority(tree, BuiltInLadders.Default, DateTimeZoneProviders.Tzdb["Asia/Shanghai"], table);
        var c = Registered(Report("dispute"));
        var dispatcher = CaseActor.Staff(new ActorId("dispatcher"), Id("street"));

        Assert.True(authority.CheckTarget(dispatcher, CaseTrigger.Dispatch, c, Id("grid-1")).IsAllowed);
        Assert.True(authority.CheckTarget(dispatcher, CaseTrigger.Dispatch, c, Id("dept-housing")).IsAllowed);
        Assert.False(authority.CheckTarget(dispatcher, CaseTrigger.Dispatch, c, Id("dept-labour")).IsAllowed);
        Assert.False(authority.CheckTarget(dispatcher, CaseTrigger.Escalate, c, Id("other-street")).IsAllowed);
        Assert.True(authority.CheckTarget(CaseActor.System, CaseTrigger.Escalate, c, Id("other-street")).IsAllowed);
    }
}
