using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Mediation.Bodies;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Profiles.Tests.Samples;

/// <summary>The five reference profiles in samples/profiles load, and say what their county runs.</summary>
public class SampleProfilesTests
{
    public static TheoryData<string> Files() =>
        [.. FileNames()];

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(RepositoryPaths.Combine("samples", "profiles"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);

    private static CountyProfile Load(string file) =>
        CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));

    [Fact]
    public void Samples_AreTheFiveReferenceSystems()
    {
        Assert.Equal(["baiyin.yaml", "korla.yaml", "saybagh.yaml", "toutunhe.yaml", "yumen.yaml"], FileNames().ToArray());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_LoadsBuildsAndRoundTrips(string file)
    {
        var profile = Load(file);

        _ = profile.BuildCalendar();
        _ = profile.BuildSlaPolicy();
        _ = profile.BuildMediationDirectory();
        var written = CountyProfileWriter.Write(profile);
        Assert.Equal(written, CountyProfileWriter.Write(CountyProfileLoader.Parse(written, file)));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_LadderResolvesFromEveryGridToTheTop(string file)
    {
        var profile = Load(file);
        var tree = profile.BuildOrgTree();
        var department = tree.Units.FirstOrDefault(u => u.Kind == OrgUnitKind.Department)?.Id;
        var bottoms = tree.Units.Where(u => u.Kind == OrgUnitKind.Grid || (profile.Ladder.Levels[0].IsServedBy(u) && tree.ChildrenOf(u.Id).IsEmpty)).ToList();

        Assert.NotEmpty(bottoms);
        foreach (var grid in bottoms)
        {
            var path = profile.Ladder.Resolve(tree, grid.Id, level => level.Key == "department" ? department : null);
            Assert.Equal(profile.Ladder.Levels.Length, path.Steps.Length);
            Assert.Equal(grid.Id, path.Steps[0].Unit.Id);
        }
    }

    [Fact]
    public void Saybagh_AHardCaseReachesTheDistrictSecretaryThroughTheTaskForce()
    {
        var profile = Load("saybagh.yaml");
        var tree = profile.BuildOrgTree();

        var path = profile.Ladder.Resolve(tree, new OrgUnitId("yashan-grid-01"), l => l.Key == "department" ? new OrgUnitId("dept-housing") : null);

        Assert.Equal("task-force", path.Above(new OrgUnitId("dept-housing"))!.Unit.Id.Value);
        Assert.Equal("district-secretary", path.Above(new OrgUnitId("task-force"))!.Unit.Id.Value);
        Assert.Equal(TimeLimitText("1 working day"), profile.BuildSlaPolicy().Limit("handle", "livelihood"));
        Assert.Equal("Asia/Shanghai", profile.Zone.Id);
        Assert.False(profile.BuildCalendar().IsWorkingDay(new LocalDate(2025, 6, 6)), "Corban 2025 is a Xinjiang rest day");
    }

    [Fact]
    public void Toutunhe_EachGridHasFiveRolesAndTheManagerEscalatesToTheGridLeader()
    {
        var profile = Load("toutunhe.yaml");
        var tree = profile.BuildOrgTree();

        foreach (var grid in tree.Units.Where(u => u.Kind == OrgUnitKind.Grid))
        {
            var roles = grid.Members.SelectMany(m => m.Roles).Select(r => r.Name).ToHashSet();
            Assert.Superset(new HashSet<string> { "grid-manager", "grid-co-manager", "information-officer", "supervisor" }, roles);
            Assert.Contains(tree.Get(grid.Parent!.Value).Members, m => m.Holds(MemberRole.Leader));
            var path = profile.Ladder.Resolve(tree, grid.Id);
            Assert.Equal("grid-leader", path.Above(grid.Id)!.Level.Key);
        }
    }

    [Fact]
    public void Yumen_Has170GridsEightCommitteesAndThirtyOneDepartments()
    {
        var profile = Load("yumen.yaml");
        var tree = profile.BuildOrgTree();
        var directory = profile.BuildMediationDirectory();

        Assert.Equal(170, tree.Units.Count(u => u.Kind == OrgUnitKind.Grid));
        Assert.Equal(31, tree.Units.Count(u => u.Kind == OrgUnitKind.Department));
        Assert.Equal(8, directory.Bodies.Count(b => b.Kind == MediationBodyKind.ProfessionalCommittee));
        Assert.Equal(7, directory.Bodies.Count(b => b.Kind == MediationBodyKind.CentreRoom));
        Assert.Equal(8, directory.Mediators.Length);
        Assert.Equal(TimeLimitText("60日"), profile.BuildSlaPolicy().Limit("handle", "petition-remedy"));
        Assert.Equal(4, tree.Units.Count(u => u.Kind == OrgUnitKind.OutsideBody));
    }

    [Fact]
    public void Baiyin_SevenLevelsFromEveryVillage_AndDeputiesWhoRate()
    {
        var profile = Load("baiyin.yaml");
        var tree = profile.BuildOrgTree();

        Assert.Same(BuiltInLadders.Baiyin, profile.Ladder);
        var path = profile.Ladder.Resolve(tree, new OrgUnitId("village-b3"));
        Assert.Equal(["village-b3", "pl-township-b", "head-township-b", "leader-township-b", "county-political-legal", "county-heads", "city-political-legal"],
            path.Steps.Select(s => s.Unit.Id.Value).ToArray());
        Assert.Equal(2, tree.Units.SelectMany(u => u.Members).Count(m => m.Holds(new MemberRole("deputy"))));
        Assert.Equal(TimeLimitText("5 working days"), profile.BuildSlaPolicy().Limit("extension", "livelihood"));
    }

    [Fact]
    public void Korla_RunsOnUrumqiTimeWithTheXinjiangOverlayAndStationModes()
    {
        var profile = Load("korla.yaml");
        var calendar = profile.BuildCalendar();
        var directory = profile.BuildMediationDirectory();

        Assert.Equal("Asia/Urumqi", calendar.Zone.Id);
        Assert.False(calendar.IsWorkingDay(new LocalDate(2025, 3, 31)), "Eid al-Fitr 2025 is a Xinjiang rest day");
        Assert.Equal(
            [StationMode.Permanent, StationMode.Rotating, StationMode.OnCall],
            directory.Mediators.Select(m => m.Station).Distinct().Order().ToArray());
        Assert.Equal("centre", profile.Ladder.Levels[3].Key);
    }

    private static Fengqiao.Sla.TimeLimit TimeLimitText(string text) => Fengqiao.Sla.TimeLimit.Parse(text);
}
