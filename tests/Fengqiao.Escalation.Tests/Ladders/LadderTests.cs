using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;
using static Fengqiao.Escalation.Tests.Ladders.SampleCounties;

namespace Fengqiao.Escalation.Tests.Ladders;

public class LadderTests
{
    [Fact]
    public void Resolve_DefaultLadder_BindsEachLevelAboveTheGrid()
    {
        var path = BuiltInLadders.Default.Resolve(Saybagh(), Id("grid-1"), level => level.Key == "department" ? Id("dept-housing") : null);

        Assert.Equal(
            "grid: grid-1 → community: community → street: street → department: dept-housing → task-force: task-force → secretary: secretary",
            path.Describe());
        Assert.Equal(Id("secretary"), path.Top.Unit.Id);
    }

    [Fact]
    public void Above_WalksUpOneLevelAtATimeAndStopsAtTheTop()
    {
        var path = BuiltInLadders.Default.Resolve(Saybagh(), Id("grid-2"), level => level.Key == "department" ? Id("dept-labour") : null);
        var visited = new List<string>();

        for (var holder = (OrgUnitId?)Id("grid-2"); holder is { } h; holder = path.Above(h)?.Unit.Id)
        {
            visited.Add(h.Value);
        }

        Assert.Equal(["grid-2", "community", "street", "dept-labour", "task-force", "secretary"], visited);
        Assert.Null(path.Above(Id("secretary")));
    }

    [Fact]
    public void Resolve_DepartmentNotChosen_FailsNamingTheLevelAndCandidates()
    {
        var error = Assert.Throws<LadderResolutionException>(() => BuiltInLadders.Default.Resolve(Saybagh(), Id("grid-1")));

        Assert.Contains("level 'department'", error.Message);
        Assert.Contains("dept-housing", error.Message);
        Assert.Contains("grid-1", error.Message);
    }

    [Fact]
    public void Resolve_ChosenUnitOfWrongKind_Fails()
    {
        var error = Assert.Throws<LadderResolutionException>(() =>
            BuiltInLadders.Default.Resolve(Saybagh(), Id("grid-1"), level => level.Key == "department" ? Id("street") : null));

        Assert.Contains("'street'", error.Message);
        Assert.Contains("does not serve", error.Message);
    }

    [Fact]
    public void Resolve_BaiyinLadder_FollowsTheTownshipsOwnChain()
    {
        var tree = Baiyin();

        var a = BuiltInLadders.Baiyin.Resolve(tree, Id("village-a1"));
        var b = BuiltInLadders.Baiyin.Resolve(tree, Id("village-b1"));

        Assert.Equal(7, a.Steps.Length);
        Assert.Equal(["village-a1", "pl-a", "head-a", "leader-a", "county-pl", "county-heads", "city-pl"], a.Steps.Select(s => s.Unit.Id.Value).ToArray());
        Assert.Equal(Id("leader-b"), b.StepAt("county-leader").Unit.Id);
        Assert.Equal(Id("county-pl"), b.StepAt("county-political-legal").Unit.Id);
    }

    [Fact]
    public void Resolve_LevelWithNoUnit_FailsNamingTheLevel()
    {
        var tree = new OrgTreeBuilder().AddUnit(Id("grid"), "网格", OrgUnitKind.Grid).Build();

        var error = Assert.Throws<LadderResolutionException>(() => BuiltInLadders.Default.Resolve(tree, Id("grid")));

        Assert.Contains("level 'community': no org unit serves at this level", error.Message);
    }

    [Fact]
    public void Resolve_TreeContradictsLadderOrder_Fails()
    {
        var tree = new OrgTreeBuilder()
            .AddUnit(Id("community"), "社区", OrgUnitKind.Community)
            .AddUnit(Id("street"), "街道", OrgUnitKind.Street, Id("community"))
            .AddUnit(Id("grid"), "网格", OrgUnitKind.Grid, Id("street"))
            .Build();
        var ladder = new Ladder("short", "short", [BuiltInLadders.Default.Levels[0], BuiltInLadders.Default.Levels[1], BuiltInLadders.Default.Levels[2]]);

        var error = Assert.Throws<LadderResolutionException>(() => ladder.Resolve(tree, Id("grid")));

        Assert.Contains("contradicts the ladder's order", error.Message);
    }

    [Fact]
    public void Above_UnitNotOnPath_FailsNamingIt()
    {
        var path = BuiltInLadders.Baiyin.Resolve(Baiyin(), Id("village-a1"));

        var error = Assert.Throws<LadderResolutionException>(() => path.Above(Id("pl-b")));

        Assert.Contains("'pl-b' is not on ladder 'baiyin'", error.Message);
    }

    [Fact]
    public void Ctor_BadDefinition_ReportsEveryProblem()
    {
        var error = Assert.Throws<LadderDefinitionException>(() => _ = new Ladder("x", "X",
        [
            new LadderLevel("a", "A", []),
            new LadderLevel("a", "A again", []),
            new LadderLevel("", "nameless", []),
            new LadderLevel("b", "B", default),
        ]));

        Assert.Equal(3, error.Problems.Length);
        Assert.Contains("level key 'a' is used more than once", error.Problems);
        Assert.Contains("level 3 has no key", error.Problems);
    }

    [Fact]
    public void Get_UnknownLadder_ListsTheKnownOnes()
    {
        var error = Assert.Throws<KeyNotFoundException>(() => BuiltInLadders.Get("seven"));

        Assert.Contains("baiyin, default", error.Message);
    }

    [Fact]
    public void Above_OnRandomChains_OnlyClimbsAndStopsAtTheTopWithoutLooping()
    {
        // Random org trees: a chain of 1..4 posts between each Baiyin level, random extra siblings.
        var gen =
            from extra in Gen.ArrayOf(Gen.Choose(0, 3), 7)
            from siblings in Gen.Choose(0, 4)
            select (extra, siblings);

        PropertyCheck.ForAll(gen, input =>
        {
            var (extra, siblings) = input;
            var builder = new OrgTreeBuilder();
            OrgUnitId? parent = null;
            var keys = BuiltInLadders.Baiyin.Levels.Select(l => l.Key).Reverse().ToArray();
            for (var level = 0; level < keys.Length; level++)
            {
                for (var filler = 0; filler < extra[level]; filler++)
                {
                    var fillerId = Id($"filler-{level}-{filler}");
                    builder.AddUnit(fillerId, "filler", OrgUnitKind.Post, parent);
                    parent = fillerId;
                }

                var id = Id($"unit-{keys[level]}");
                var isBottom = level == keys.Length - 1;
                builder.AddUnit(id, keys[level], isBottom ? OrgUnitKind.Community : OrgUnitKind.Post, parent, isBottom ? null : [keys[level]]);
                for (var s = 0; s < siblings && level > 0; s++)
                {
                    builder.AddUnit(Id($"sibling-{level}-{s}"), "sibling", OrgUnitKind.Post, parent);
                }

                parent = id;
            }

            var path = BuiltInLadders.Baiyin.Resolve(builder.Build(), parent!.Value);
            var seen = new HashSet<OrgUnitId>();
            var lastIndex = -1;
            for (var holder = (OrgUnitId?)parent; holder is { } h; holder = path.Above(h)?.Unit.Id)
            {
                Assert.True(seen.Add(h), $"escalation visited {h} twice");
                var index = path.StepOf(h)!.Index;
                Assert.Equal(lastIndex + 1, index);
                lastIndex = index;
            }

            Assert.Equal(BuiltInLadders.Baiyin.Levels.Length - 1, lastIndex);
        });
    }
}
