using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Testing.Tests.Replay;

/// <summary>The newer events replayed: hand-overs between posts (一格五员), deputies' scores (测评打分) and written reports (书面报送).</summary>
public class ProfileReplayRecordsTests
{
    private static string Profile(string name) => RepositoryPaths.Combine("samples", "profiles", name + ".yaml");

    private static CaseReport Report(string category, string unit, string text) =>
        new(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(new OrgUnitId(unit)), new Reporter("张三", "13800000000"), text);

    private static async Task<ProfileReplayReport> ReplayAsync(TestCounty county, CountyProfile changed, params string[] ids) =>
        await ProfileReplay.ReplayAsync(county.Store, [.. ids.Select(i => new CaseId(i))], changed,
            new ProfileReplayOptions { Until = county.Clock.GetCurrentInstant() });

    /// <summary>Toutunhe: the information officer hands the case to the grid manager, who hands it to the co-manager; two
    /// working days pass, and the co-manager's one-day limit gives it back to the manager (post.overdue).</summary>
    private static async Task<TestCounty> PostsAsync()
    {
        var county = TestCounty.FromProfile(Profile("toutunhe"));
        var dispatcher = county.Actor("wjl-dispatcher");
        await county.RegisterAsync("c1", Report("dispute", "grid-a1", "楼道堆物引发邻里矛盾"), dispatcher);
        var id = new CaseId("c1");
        await county.Desk.AcceptAsync(id, dispatcher);
        await county.Desk.DispatchAsync(id, dispatcher, new OrgUnitId("grid-a1"));
        await county.Desk.HandOverAsync(id, county.Actor("a1-info"), new MemberRole("grid-manager"), "信息员登记后交网格管理员办理");
        await county.AdvanceAsync(NodaTime.Duration.FromHours(1));
        await county.Desk.HandOverAsync(id, county.Actor("a1-manager"), new MemberRole("grid-co-manager"), "协管员先行入户核实");
        await county.AdvanceAsync("2 working days");
        return county;
    }

    /// <summary>Toutunhe with the co-manager's post given <paramref name="limit"/> instead of one working day.</summary>
    private static CountyProfile CoManagerLimit(string limit)
    {
        var text = File.ReadAllText(Profile("toutunhe"));
        const string Post = "  - role: grid-co-manager\n    limit: 1 working day\n";
        Assert.Contains(Post, text, StringComparison.Ordinal);
        return CountyProfileLoader.Parse(text.Replace(Post, $"  - role: grid-co-manager\n    limit: {limit}\n", StringComparison.Ordinal), "toutunhe-co-manager.yaml");
    }

    [Fact]
    public async Task ReplayAsync_PostHandOversUnderTheSameProfile_MovesNone()
    {
        await using var county = await PostsAsync();
        var stored = await county.Store.ReadEventsAsync(new CaseId("c1"), default);
        Assert.Equal(3, stored.Count(e => e.Payload is CasePostHandedOver));
        Assert.Contains(stored, e => e.Payload is CasePostHandedOver && e.Cause?.RuleId == "post.overdue");

        var report = await ReplayAsync(county, county.Profile, "c1");

        // Without the people's hand-overs played again, the co-manager never holds the case and post.overdue never fires.
        Assert.True(report.Changed.IsEmpty, report.ToString());
    }

    [Fact]
    public async Task ReplayAsync_LongerPostLimit_ShowsThePostHandOverThatWouldNotHappen()
    {
        await using var county = await PostsAsync();

        var report = await ReplayAsync(county, CoManagerLimit("5 working days"), "c1");

        var replay = Assert.Single(report.Changed);
        var move = Assert.Single(replay.Differences, d => d.Aspect == "post hand-over 1");
        Assert.StartsWith("to grid-a1 grid-manager at ", move.Stored, StringComparison.Ordinal);
        Assert.Contains("post.overdue", move.Stored, StringComparison.Ordinal);
        Assert.Equal("none", move.Replayed);
        var post = Assert.Single(replay.Differences, d => d.Aspect == "post");
        Assert.StartsWith("grid-a1 grid-manager", post.Stored, StringComparison.Ordinal);
        Assert.StartsWith("grid-a1 grid-co-manager until ", post.Replayed, StringComparison.Ordinal);
    }

    /// <summary>Saybagh: the task force is given a hardship case, reports it in writing to the district secretary, sends
    /// it back; the street's grid answers it and it closes (a case the task force held closes only after its written report).</summary>
    private static async Task<TestCounty> WrittenReportAsync()
    {
        var county = TestCounty.FromProfile(Profile("saybagh"));
        var dispatcher = county.Actor("yashan-dispatcher");
        var id = new CaseId("c1");
        await county.RegisterAsync("c1", Report("hardship", "yashan-grid-01", "低保申请多次未获答复"), dispatcher);
        await county.Desk.AcceptAsync(id, dispatcher);
        await county.Desk.DispatchAsync(id, dispatcher, new OrgUnitId("yashan-grid-01"));
        await county.Desk.EscalateAsync(id, dispatcher, new OrgUnitId("street-yashan"), "网格无法解决");
        await county.Desk.EscalateAsync(id, dispatcher, new OrgUnitId("task-force"), "街道难以解决，反馈专班");
        await county.AdvanceAsync(NodaTime.Duration.FromHours(1));
        var taskForce = county.Actor("tf-worker");
        await county.Desk.FileWrittenReportAsync(id, taskForce, new OrgUnitId("district-secretary"), "关于低保申请多次未获答复的书面报告");
        await county.Desk.ClaimAsync(id, taskForce);
        await county.Desk.ReturnAsync(id, taskForce, "经区委书记协调，交街道落实");
        await county.Desk.DispatchAsync(id, dispatcher, new OrgUnitId("yashan-grid-01"));
        var worker = county.Actor("yashan-grid-01-worker");
        await county.Desk.ClaimAsync(id, worker);
        await county.Desk.StartAsync(id, worker);
        await county.AdvanceAsync(NodaTime.Duration.FromHours(2));
        await county.Desk.ResolveAsync(id, worker, "已纳入低保");
        await county.Desk.SubmitForReviewAsync(id, worker);
        await county.Desk.ApproveAsync(id, dispatcher);
        await county.Desk.CallBackAsync(id, dispatcher, "电话回访");
        await county.Desk.RateAsync(id, await county.CitizenAsync(id), CaseRating.Satisfied);
        await county.Desk.CloseAsync(id, dispatcher);
        return county;
    }

    [Fact]
    public async Task ReplayAsync_WrittenReportUnderTheSameProfile_ClosesAgainAndMovesNone()
    {
        await using var county = await WrittenReportAsync();
        Assert.Equal(CaseState.Closed, (await county.CaseAsync(new CaseId("c1"))).State);

        var report = await ReplayAsync(county, county.Profile, "c1");

        // Without the written report played again, the changed desk refuses the close (书面报送 is required first).
        Assert.True(report.Changed.IsEmpty, report.ToString());
    }

    [Fact]
    public async Task ReplayAsync_WrittenReportToAUnitTheChangedProfileLacks_IsADifferenceNamingTheRefusal()
    {
        await using var county = await WrittenReportAsync();
        var text = File.ReadAllText(Profile("saybagh"));
        Assert.Contains("id: district-secretary", text, StringComparison.Ordinal);
        var changed = CountyProfileLoader.Parse(text.Replace("district-secretary", "party-secretary", StringComparison.Ordinal), "saybagh-renamed.yaml");

        var report = await ReplayAsync(county, changed, "c1");

        var replay = Assert.Single(report.Changed);
        var refused = Assert.Single(replay.Differences, d => d.Aspect == "action" && d.Stored.StartsWith("CaseWrittenReportFiled by ", StringComparison.Ordinal));
        Assert.StartsWith("refused in ", refused.Replayed, StringComparison.Ordinal);
        Assert.Contains("district-secretary", refused.Replayed, StringComparison.Ordinal);
    }

    /// <summary>Baiyin: a livelihood matter answered and closed; a people's deputy scores it 40 (测评打分).</summary>
    private static async Task<TestCounty> ScoredAsync()
    {
        var county = TestCounty.FromProfile(Profile("baiyin"));
        var dispatcher = county.Actor("pl-a");
        var id = new CaseId("c1");
        await county.RegisterAsync("c1", Report("livelihood", "village-a2", "垃圾清运噪声影响午休"), dispatcher);
        await county.Desk.AcceptAsync(id, dispatcher);
        await county.Desk.DispatchAsync(id, dispatcher, new OrgUnitId("village-a2"));
        var worker = county.Actor("cadre-a2");
        await county.Desk.ClaimAsync(id, worker);
        await county.Desk.StartAsync(id, worker);
        await county.AdvanceAsync(NodaTime.Duration.FromHours(2));
        await county.Desk.ResolveAsync(id, worker, "已协调环卫调整清运时间");
        await county.Desk.SubmitForReviewAsync(id, worker);
        await county.Desk.ApproveAsync(id, dispatcher);
        await county.Desk.CallBackAsync(id, dispatcher, "电话回访");
        await county.Desk.RateAsync(id, await county.CitizenAsync(id), CaseRating.BasicallySatisfied);
        await county.Desk.CloseAsync(id, dispatcher);
        await county.AdvanceAsync(NodaTime.Duration.FromHours(1));
        await county.Desk.ScoreAsync(id, CaseActor.Deputy(new ActorId("deputy-li")), 40, "噪声扰民问题依然存在");
        return county;
    }

    [Fact]
    public async Task ReplayAsync_DeputyScoreUnderTheSameProfile_MovesNone()
    {
        await using var county = await ScoredAsync();
        Assert.Contains(await county.Store.ReadEventsAsync(new CaseId("c1"), default), e => e.Payload is CaseDeputyScored { Score: 40 });

        var report = await ReplayAsync(county, county.Profile, "c1");

        Assert.True(report.Changed.IsEmpty, report.ToString());
    }

    [Fact]
    public async Task ReplayAsync_DeputyScoreTheChangedDeskRefuses_IsADifference()
    {
        await using var county = await ScoredAsync();
        var text = File.ReadAllText(Profile("baiyin"));
        Assert.Contains("roles: [deputy]", text, StringComparison.Ordinal);
        var changed = CountyProfileLoader.Parse(text.Replace("roles: [deputy]", "roles: [reviewer]", StringComparison.Ordinal), "baiyin-no-deputies.yaml");

        var report = await ReplayAsync(county, changed, "c1");

        var replay = Assert.Single(report.Changed);
        var refused = Assert.Single(replay.Differences, d => d.Aspect == "action");
        Assert.StartsWith("CaseDeputyScored by ", refused.Stored, StringComparison.Ordinal);
        Assert.Contains("deputy-li", refused.Stored, StringComparison.Ordinal);
        Assert.StartsWith("refused in Closed", refused.Replayed, StringComparison.Ordinal);
    }
}
