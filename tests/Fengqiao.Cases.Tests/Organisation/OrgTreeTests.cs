using Fengqiao.Cases.Organisation;

namespace Fengqiao.Cases.Tests.Organisation;

public class OrgTreeTests
{
    private static readonly OrgUnitId Secretary = new("secretary");
    private static readonly OrgUnitId Street = new("street-xinhua");
    private static readonly OrgUnitId Community = new("community-a");
    private static readonly OrgUnitId Grid = new("grid-001");
    private static readonly ActorId Wang = new("wang");

    private static OrgTree Sample() => new OrgTreeBuilder()
        .AddUnit(Grid, "第一网格", OrgUnitKind.Grid, Community)
        .AddUnit(Secretary, "区委书记", OrgUnitKind.Secretary)
        .AddUnit(Street, "新华街道", OrgUnitKind.Street, Secretary)
        .AddUnit(Community, "A社区", OrgUnitKind.Community, Street)
        .AddMember(Grid, Wang, "王网格员", MemberRole.Worker, MemberRole.Supervisor)
        .Build();

    [Fact]
    public void PathToRoot_FromGrid_ClimbsEveryLevelInOrder()
    {
        var path = Sample().PathToRoot(Grid).Select(u => u.Id).ToArray();

        Assert.Equal([Grid, Community, Street, Secretary], path);
    }

    [Fact]
    public void Build_UnitsInAnyOrder_KeepsInsertionOrderAndFindsRoots()
    {
        var tree = Sample();

        Assert.Equal([Grid, Secretary, Street, Community], tree.Units.Select(u => u.Id).ToArray());
        Assert.Equal([Secretary], tree.Roots.Select(u => u.Id).ToArray());
        Assert.Equal([Community], tree.ChildrenOf(Street).Select(u => u.Id).ToArray());
    }

    [Fact]
    public void Members_AreFoundByUnitAndByPerson()
    {
        var tree = Sample();

        var member = Assert.Single(tree.Get(Grid).Members);
        Assert.True(member.Holds(MemberRole.Supervisor));
        Assert.False(member.Holds(MemberRole.Leader));
        Assert.Equal([Grid], tree.UnitsOf(Wang).ToArray());
        Assert.Empty(tree.UnitsOf(new ActorId("nobody")));
    }

    [Fact]
    public void IsWithin_HonoursTheTree()
    {
        var tree = Sample();

        Assert.True(tree.IsWithin(Grid, Street));
        Assert.True(tree.IsWithin(Grid, Grid));
        Assert.False(tree.IsWithin(Street, Grid));
    }

    [Fact]
    public void Get_UnknownUnit_ThrowsNamingIt()
    {
        var error = Assert.Throws<UnknownOrgUnitException>(() => Sample().Get(new OrgUnitId("grid-999")));

        Assert.Contains("grid-999", error.Message);
        Assert.Null(Sample().Find(new OrgUnitId("grid-999")));
    }

    [Fact]
    public async Task Directory_Port_AnswersLikeTheTree()
    {
        IOrgDirectory directory = Sample();

        var unit = await directory.FindUnitAsync(Community, CancellationToken.None);
        var children = await directory.GetChildrenAsync(Community, CancellationToken.None);
        var none = await directory.FindUnitAsync(new OrgUnitId("x"), CancellationToken.None);

        Assert.Equal("A社区", unit!.Name);
        Assert.Equal([Grid], children.Select(c => c.Id).ToArray());
        Assert.Null(none);
        await Assert.ThrowsAsync<OperationCanceledException>(async () =>
            await directory.FindUnitAsync(Grid, new CancellationToken(canceled: true)));
    }

    [Fact]
    public void Build_ReportsEveryProblemAtOnce()
    {
        var builder = new OrgTreeBuilder()
            .AddUnit(Grid, "网格", OrgUnitKind.Grid, Community)
            .AddUnit(Grid, "网格 again", OrgUnitKind.Grid)
            .AddUnit(Community, "社区", OrgUnitKind.Community, Street)
            .AddUnit(Street, "街道", OrgUnitKind.Street, Community)
            .AddUnit(new OrgUnitId("orphan"), "孤儿", OrgUnitKind.Grid, new OrgUnitId("missing"))
            .AddMember(new OrgUnitId("ghost"), Wang, "王", MemberRole.Worker)
            .AddMember(Community, Wang, "王")
            .AddMember(Street, Wang, "王", MemberRole.Worker)
            .AddMember(Street, Wang, "王", MemberRole.Leader);

        var error = Assert.Throws<OrgTreeException>(builder.Build);

        Assert.Contains("unit 'grid-001' is defined more than once", error.Problems);
        Assert.Contains("unit 'orphan' names parent 'missing', which is not defined", error.Problems);
        Assert.Contains(error.Problems, p => p.StartsWith("the org tree has a cycle:") && p.Contains("community-a") && p.Contains("street-xinhua"));
        Assert.Contains("member 'wang' is added to unit 'ghost', which is not defined", error.Problems);
        Assert.Contains("member 'wang' of unit 'community-a' has no role", error.Problems);
        Assert.Contains("member 'wang' is listed twice in unit 'street-xinhua'", error.Problems);
        Assert.Equal(6, error.Problems.Length);
    }

    [Fact]
    public void Build_SelfParent_IsACycle()
    {
        var error = Assert.Throws<OrgTreeException>(new OrgTreeBuilder().AddUnit(Grid, "网格", OrgUnitKind.Grid, Grid).Build);

        Assert.Equal("the org tree has a cycle: grid-001 → grid-001", Assert.Single(error.Problems));
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" grid")]
    public void OrgUnitId_BadText_Throws(string text)
    {
        Assert.Throws<ArgumentException>(() => new OrgUnitId(text));
    }
}
