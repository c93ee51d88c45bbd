using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Profiles.Tests.Loading;

public class CountyProfileLoaderTests
{
    private const string Valid = """
        name: 沙依巴克区 Saybagh
        time-zone: Asia/Urumqi
        hours:
          default: 10:00-14:00,15:30-19:30
          seasonal:
            - from: 05-01
              hours: 10:00-14:00,16:00-20:00
            - from: 10-08
              hours: 10:00-14:00,15:30-19:00
          weekdays:
            friday: 10:00-14:00
        calendar:
          region: xinjiang
          allow-projection: true
          projection-through: 2030
          extra-rest-days:
            - date: 2026-07-20
              reason: flood closure 防汛停工
        channels: [qr-code, hotline-12345]
        org:
          units:
            - id: secretary
              name: 区委书记
              kind: secretary
            - id: task-force
              name: 工作专班
              kind: task-force
              parent: secretary
            - id: dept-housing
              name: 住建局
              kind: department
              parent: secretary
            - id: street
              name: 雅山街道
              kind: street
              parent: secretary
              members:
                - id: li
                  name: 李派单
                  roles: [dispatcher]
          generate:
            - id: community-{n}
              name: 社区{n}
              kind: community
              count: 2
              parents: [street]
            - id: grid-{n:000}
              name: 第{n}网格
              kind: grid
              count: 6
              parents: [community-1, community-2]
        ladder: default
        categories:
          - key: livelihood
            name: 民生类
            share: 0.4
          - key: dispute
            name: 矛盾纠纷
            share: 0.3
        sla:
          name: Saybagh 1351
          preset: urumqi-1351
          rules:
            - category: dispute
              priority: urgent
              limits:
                handle: 1 working day
                callback: 4 working hours
              warnings:
                - name: yellow
                  after-fraction: 0.5
                - name: red
                  before-deadline: 2 working hours
              source: county notice 2026
        mediation:
          bodies:
            - id: labour-committee
              name: 劳动争议调解委员会
              kind: professional-committee
              dispute-types: [labour]
            - id: street-committee
              name: 街道调委会
              kind: township-committee
              area: street
          mediators:
            - id: m-li
              name: 李调解员
              body: labour-committee
              specialties: [labour]
              languages: [zh, ug]
              station: rotating
              rota: [monday, thursday]
              capacity: 3
              remote: true
            - id: m-wang
              name: 王调解员
              body: street-committee
        """;

    [Fact]
    public void BuildSlaPolicy_PresetPlusCountyRules()
    {
        var policy = CountyProfileLoader.Parse(Valid).BuildSlaPolicy();

        Assert.Equal("Saybagh 1351", policy.Name);
        Assert.Equal(TimeLimit.WorkingDays(3), policy.Limit("handle", "dispute"));
        Assert.Equal(TimeLimit.WorkingDays(1), policy.Limit("handle", "dispute", priority: "urgent"));
        var urgent = policy.Resolve("dispute", priority: "urgent");
        Assert.Equal(["yellow", "red"], urgent.Thresholds.Select(t => t.Name).ToArray());
        Assert.Equal(Duration.FromHours(2), urgent.Thresholds[1].LeadTime);
    }

    [Fact]
    public void BuildMediationDirectory_ReadsBodiesAndMediators()
    {
        var directory = CountyProfileLoader.Parse(Valid).BuildMediationDirectory();

        var li = directory.FindMediator(new ActorId("m-li"))!;
        Assert.Equal(Fengqiao.Mediation.Bodies.StationMode.Rotating, li.Station);
        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Thursday], li.RotaDays.ToArray());
        Assert.Equal(5, directory.FindMediator(new ActorId("m-wang"))!.Capacity);
        Assert.Equal(new OrgUnitId("street"), directory.Body(new OrgUnitId("street-committee")).Area);
    }

    [Fact]
    public void Parse_DeputiesScope_IsReadAndWrittenBack_AndDefaultsToAssignedOrArea()
    {
        Assert.Equal(Fengqiao.Cases.Organisation.DeputyScope.AssignedOrArea, CountyProfileLoader.Parse(Valid, "county.yaml").DeputyScope);

        var profile = CountyProfileLoader.Parse(Valid + "\ndeputies:\n  scope: assigned\n", "county.yaml");

        Assert.Equal(Fengqiao.Cases.Organisation.DeputyScope.Assigned, profile.DeputyScope);
        var written = CountyProfileWriter.Write(profile);
        Assert.Contains("deputies:\n  scope: assigned", written.ReplaceLineEndings("\n"), StringComparison.Ordinal);
        Assert.Equal(Fengqiao.Cases.Organisation.DeputyScope.Assigned, CountyProfileLoader.Parse(written, "again.yaml").DeputyScope);
    }

    [Fact]
    public void Parse_UnknownDeputiesScope_IsReportedWithLineAndColumn()
    {
        var yaml = Valid + "\ndeputies:\n  scope: everyone\n";
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("scope: everyone", StringComparison.Ordinal)) + 1;

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "county.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal(("deputies.scope", line, 10), (problem.Path, problem.Line, problem.Column));
        Assert.Contains("assigned-or-area|assigned|area", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WrittenReportsAndDeputiesSupervise_AreReadAndWrittenBack()
    {
        var yaml = Valid + "\ndeputies:\n  supervise: true\n  source: 'Baiyin — “直接进行监督调度”'\nwritten-reports:\n  - unit: task-force\n    to: secretary\n    source: 'Saybagh — “書面報送至區委書記”'\n";

        var profile = CountyProfileLoader.Parse(yaml, "county.yaml");
        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "again.yaml");

        var report = Assert.Single(profile.WrittenReports);
        Assert.Equal((new OrgUnitId("task-force"), new OrgUnitId("secretary")), (report.Unit, report.Addressee));
        Assert.True(profile.DeputiesSupervise);
        Assert.Equal(profile.WrittenReports.ToArray(), again.WrittenReports.ToArray());
        Assert.True(again.DeputiesSupervise);
        Assert.Equal("Saybagh — “書面報送至區委書記”", again.ProvenanceOf("written-reports[0]")?.Source);
        Assert.Equal("Baiyin — “直接进行监督调度”", again.ProvenanceOf("deputies")?.Source);
    }

    [Fact]
    public void Parse_WrittenReportToAnUnknownUnitOrToItself_IsReportedWithLineAndColumn()
    {
        var yaml = Valid + "\nwritten-reports:\n  - unit: task-force\n    to: secretry\n  - unit: task-force\n    to: task-force\n";
        var line = yaml.Split('\n').ToList().FindIndex(l => l.Contains("to: secretry", StringComparison.Ordinal)) + 1;

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "county.yaml"));

        Assert.Contains(error.Problems, p => (p.Path, p.Line, p.Column) == ("written-reports[0].to", line, 9) && p.Message.Contains("unknown org unit 'secretry' (did you mean 'secretary'?)", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "written-reports[1].to" && p.Message.Contains("cannot report to itself", StringComparison.Ordinal));
        Assert.Equal(2, error.Problems.Length);
    }

    [Fact]
    public void Parse_PostsWithALimitAndAnEscalation_AreReadAndWrittenBack()
    {
        var yaml = Valid + "\nposts:\n  - role: dispatcher\n    source: 'Toutunhe — “網格管理員”'\n  - role: reviewer\n    limit: 1 working day\n    escalates-to: dispatcher\n    assumption: assumed\n";
        yaml = yaml.Replace("roles: [dispatcher]", "roles: [dispatcher, reviewer]", StringComparison.Ordinal);

        var profile = CountyProfileLoader.Parse(yaml, "county.yaml");
        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "again.yaml");

        Assert.Equal(2, profile.Posts.Length);
        Assert.Equal(new Fengqiao.Cases.Desk.UnitPost(new MemberRole("reviewer"), TimeLimit.WorkingDays(1), new MemberRole("dispatcher")), profile.Posts[1]);
        Assert.Equal(profile.Posts.ToArray(), again.Posts.ToArray());
        Assert.Equal("assumed", again.ProvenanceOf("posts[1]")?.Assumption);
    }

    [Fact]
    public void Parse_PostsNobodyHoldsOrEscalatingNowhere_AreReportedWhereTheyAre()
    {
        var yaml = Valid + "\nposts:\n  - role: grid-manger\n  - role: dispatcher\n    escalates-to: leader\n  - role: dispatcher\n";

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "county.yaml"));

        Assert.Contains(error.Problems, p => p.Path == "posts[0].role" && p.Message.Contains("no member of the org tree holds role 'grid-manger'", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "posts[1].escalates-to" && p.Message.Contains("'leader', which is not a post listed here", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "posts[2].role" && p.Message.Contains("listed twice", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_StationedDepartmentsWithARotaAndTheirMistakes_AreReadWrittenBackAndReportedWhereTheyAre()
    {
        const string Units = "    - id: centre\n      name: 综治中心\n      kind: command-centre\n      parent: secretary\n    - id: housing-desk\n      name: 住建窗口\n      kind: post\n      parent: centre\n";
        var org = Valid.Replace("  generate:", Units + "  generate:", StringComparison.Ordinal);
        var good = org + "\nstationed:\n  - department: dept-housing\n    desk: housing-desk\n    rota: [tuesday]\n    rota-dates: [2026-11-06]\n    when-absent: desk\n    assumption: a rota\n";
        var bad = org + "\nstationed:\n  - department: street\n    desk: task-force\n";

        var profile = CountyProfileLoader.Parse(good, "county.yaml");
        var again = CountyProfileLoader.Parse(CountyProfileWriter.Write(profile), "again.yaml");
        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(bad, "county.yaml"));

        var d = Assert.Single(profile.Stationed);
        Assert.Equal((new OrgUnitId("dept-housing"), new OrgUnitId("housing-desk"), Fengqiao.Cases.Desk.StationedAbsence.Desk), (d.Department, d.Desk, d.WhenAbsent));
        Assert.Equal([IsoDayOfWeek.Tuesday], d.RotaDays.ToArray());
        Assert.Equal([new LocalDate(2026, 11, 6)], d.RotaDates.ToArray());
        var back = Assert.Single(again.Stationed);
        Assert.Equal((d.Department, d.Desk, d.WhenAbsent, d.RotaDays.Single(), d.RotaDates.Single()), (back.Department, back.Desk, back.WhenAbsent, back.RotaDays.Single(), back.RotaDates.Single()));
        Assert.Contains(error.Problems, p => p.Path == "stationed[0].department" && p.Message.Contains("is a street, not a department", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Path == "stationed[0].desk" && p.Message.Contains("must sit under a centre", StringComparison.Ordinal));
    }

    [Fact]
    public void Parse_DeputiesSuperviseNotABoolean_IsReported()
    {
        var yaml = Valid + "\ndeputies:\n  supervise: sometimes\n";

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "county.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.Equal("deputies.supervise", problem.Path);
        Assert.Contains("true or false", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlaAndMediationMistakes_AreReportedWhereTheyAre()
    {
        var yaml = Valid
            .Replace("- category: dispute", "- category: disput")
            .Replace("handle: 1 working day", "handle: 1 workin day")
            .Replace("body: street-committee", "body: street-comittee")
            .Replace("area: street", "area: stret");

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "county.yaml"));

        Assert.Contains(error.Problems, p => p.Path == "sla.rules[0].category" && p.Message.Contains("unknown category 'disput' (did you mean 'dispute'?)"));
        Assert.Contains(error.Problems, p => p.Path == "sla.rules[0].limits.handle" && p.Message.Contains("1 workin day"));
        Assert.Contains(error.Problems, p => p.Path == "mediation.mediators[1].body" && p.Message.Contains("did you mean 'street-committee'?"));
        Assert.Contains(error.Problems, p => p.Path == "mediation.bodies[1].area" && p.Message.Contains("did you mean 'street'?"));
    }

    [Fact]
    public void Parse_ValidProfile_ReadsEverySection()
    {
        var profile = CountyProfileLoader.Parse(Valid, "saybagh.yaml");

        Assert.Equal("沙依巴克区 Saybagh", profile.Name);
        Assert.Equal("Asia/Urumqi", profile.Zone.Id);
        Assert.Equal("10:00-14:00,15:30-19:30", profile.Hours.Default.ToString());
        Assert.Equal([new AnnualDate(5, 1), new AnnualDate(10, 8)], profile.Hours.Seasonal.Select(s => s.From).ToArray());
        Assert.Equal(IsoDayOfWeek.Friday, Assert.Single(profile.Hours.Weekdays).Key);
        Assert.Equal(ChinaRegion.Xinjiang, profile.Calendar.Region);
        Assert.Equal([CaseChannel.QrCode, CaseChannel.Hotline12345], profile.Channels.ToArray());
        Assert.Same(BuiltInLadders.Default, profile.Ladder);
    }

    [Fact]
    public void BuildOrgTree_ExpandsGeneratorsRoundRobin()
    {
        var tree = CountyProfileLoader.Parse(Valid).BuildOrgTree();

        Assert.Equal(4 + 2 + 6, tree.Units.Length);
        Assert.Equal(new OrgUnitId("community-1"), tree.Get(new OrgUnitId("grid-003")).Parent);
        Assert.Equal(new OrgUnitId("community-2"), tree.Get(new OrgUnitId("grid-006")).Parent);
        Assert.Equal("第6网格", tree.Get(new OrgUnitId("grid-006")).Name);
        var path = BuiltInLadders.Default.Resolve(tree, new OrgUnitId("grid-004"), l => l.Key == "department" ? new OrgUnitId("dept-housing") : null);
        Assert.Equal("secretary", path.Top.Unit.Id.Value);
    }

    [Fact]
    public void BuildCalendar_AppliesZoneHoursOverlayAndCountyDays()
    {
        var calendar = CountyProfileLoader.Parse(Valid).BuildCalendar();

        Assert.Equal("Asia/Urumqi", calendar.Zone.Id);
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 7, 20)));
        Assert.False(calendar.IsWorkingDay(new LocalDate(2026, 3, 20)));
        Assert.Equal(new LocalTime(20, 0), calendar.ScheduleFor(new LocalDate(2026, 6, 1)).CloseOfBusiness);
        Assert.Equal(new LocalTime(19, 0), calendar.ScheduleFor(new LocalDate(2026, 12, 1)).CloseOfBusiness);
        Assert.Equal(new LocalTime(14, 0), calendar.ScheduleFor(new LocalDate(2026, 6, 5)).CloseOfBusiness);
    }

    [Fact]
    public void Write_ThenParse_RoundTrips()
    {
        var written = CountyProfileWriter.Write(CountyProfileLoader.Parse(Valid));

        var again = CountyProfileWriter.Write(CountyProfileLoader.Parse(written, "written.yaml"));

        Assert.Equal(written, again);
        Snapshot.Match(written);
    }

    [Fact]
    public void Parse_CustomLadder_RoundTrips()
    {
        var yaml = Valid.Replace("ladder: default", """
            ladder:
              key: short
              name: Short ladder
              levels:
                - key: grid
                  name: Grid
                  kinds: [grid]
                - key: street
                  name: Street
                  kinds: [street]
            rules:
              escalation:
                levels:
                  must-start-high: street
                  wage-arrears: street
                  repeat-complaint: street
            """);

        var profile = CountyProfileLoader.Parse(yaml);

        Assert.Equal(["grid", "street"], profile.Ladder.Levels.Select(l => l.Key).ToArray());
        Assert.Contains("  key: \"short\"", CountyProfileWriter.Write(profile));
        Assert.Equal(CountyProfileWriter.Write(profile), CountyProfileWriter.Write(CountyProfileLoader.Parse(CountyProfileWriter.Write(profile))));
    }

    [Fact]
    public void Parse_ManyMistakes_ReportsThemAllWithLineAndColumn()
    {
        var yaml = """
            name: Broken county
            time-zone: Asia/Shanghia
            hours:
              default: 09:00-12:00,11:30-17:30
            calender:
              region: xinjiang
            channels: [qr-code, fax]
            org:
              units:
                - id: street
                  name: 街道
                  kind: street
                  parent: county
                - id: grid-1
                  name: 网格
                  kind: gird
                  parent: street
            ladder: baiyin
            """;

        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "broken.yaml"));

        Snapshot.Match(string.Join("\n", error.Problems));
        Assert.All(error.Problems, p => Assert.Equal("broken.yaml", p.File));
        Assert.Contains(error.Problems, p => p.Message.Contains("unknown field 'calender' (did you mean 'calendar'?)") && p.Line == 5 && p.Column == 1);
        Assert.Contains(error.Problems, p => p.Message.Contains("unknown time zone 'Asia/Shanghia' (did you mean 'Asia/Shanghai'?)") && p.Line == 2);
        Assert.Contains(error.Problems, p => p.Path == "hours.default" && p.Line == 4);
        Assert.Contains(error.Problems, p => p.Path == "channels[1]" && p.Message.Contains("'fax' is not a case channel"));
        Assert.Contains(error.Problems, p => p.Path == "org.units[1].kind" && p.Message.Contains("did you mean 'grid'?"));
    }

    [Fact]
    public void Parse_UndefinedParentAndCycle_AreReported()
    {
        var undefined = Valid.Replace("parent: secretary\n    - id: street", "parent: secretry\n    - id: street");
        var cycle = Valid.Replace("""
                - id: secretary
                  name: 区委书记
                  kind: secretary
            """, """
                - id: secretary
                  name: 区委书记
                  kind: secretary
                  parent: street
            """);

        var e1 = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(undefined));
        var e2 = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(cycle));

        Assert.Contains(e1.Problems, p => p.Message.Contains("names parent 'secretry', which is not defined (did you mean 'secretary'?)"));
        Assert.Contains(e2.Problems, p => p.Message.Contains("cycle") && p.Message.Contains("secretary") && p.Message.Contains("street"));
    }

    [Fact]
    public void Parse_LadderLevelWithNoUnit_IsReported()
    {
        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(Valid.Replace("ladder: default", "ladder: baiyin")));

        Assert.Contains(error.Problems, p => p.Message.Contains("ladder 'baiyin' level 'township-political-legal' has no unit"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n  ")]
    [InlineData("# only a comment\n")]
    public void Parse_EmptyFile_SaysSo(string yaml)
    {
        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "empty.yaml"));

        Assert.Contains("the file is empty", Assert.Single(error.Problems).Message);
    }

    [Fact]
    public void Parse_YamlSyntaxError_GivesLineAndColumn()
    {
        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse("name: x\ntime-zone: [Asia/Shanghai\norg: {}\n", "bad.yaml"));

        var problem = Assert.Single(error.Problems);
        Assert.StartsWith("YAML syntax error", problem.Message);
        Assert.True(problem.Line >= 2, problem.ToString());
    }

    [Fact]
    public void LoadFile_Missing_ReportsTheFile()
    {
        var error = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.LoadFile("/no/such/profile.yaml"));

        Assert.Contains("cannot read the file", Assert.Single(error.Problems).Message);
    }
}
