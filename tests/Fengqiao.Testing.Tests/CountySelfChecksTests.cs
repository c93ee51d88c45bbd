using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Routing;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Testing.Tests;

public class CountySelfChecksTests
{
    public static TheoryData<string> Profiles() => new(Directory.GetFiles(RepositoryPaths.Combine("samples", "profiles"), "*.yaml").Select(Path.GetFileName)!);

    [Theory, MemberData(nameof(Profiles))]
    public void Run_SampleProfile_FindsNoProblem(string file)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));

        Assert.Empty(CountySelfChecks.Run(profile));
    }

    [Fact]
    public void Assert_RoutingThatCoversOnlyDisputes_NamesTheUnroutedCategories()
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml")) with
        {
            Routing = new RoutingTableBuilder().Route("dispute", RoutingTarget.ToKind(OrgUnitKind.Community), new OrgUnitId("dept-civil-affairs")).RefuseUnrouted().Build(),
        };

        var e = Assert.Throws<InvalidOperationException>(() => CountySelfChecks.Assert(profile));

        Assert.Contains("routing:", e.Message, StringComparison.Ordinal);
        Assert.Contains("livelihood", e.Message, StringComparison.Ordinal);
    }
}
