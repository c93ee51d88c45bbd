using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Testing.Tests.Replay;

public class ProfileReplayTests
{
    private static string BaiyinPath => RepositoryPaths.Combine("samples", "profiles", "baiyin.yaml");

    /// <summary>Baiyin with disputes held to three working days instead of the five every matter has.</summary>
    internal static CountyProfile ThreeDayDisputes()
    {
        var text = File.ReadAllText(BaiyinPath);
        const string Rules = "\nsla:\n  name: Baiyin handling limits\n  rules:\n";
        Assert.Contains(Rules, text, StringComparison.Ordinal);
        var index = text.IndexOf(Rules, StringComparison.Ordinal) + Rules.Length;
        return CountyProfileLoader.Parse(
            text.Insert(index, "    - category: dispute\n      limits:\n        handle: 3 working days\n        callback: 1 working day\n"),
            "baiyin-three-day-disputes.yaml");
    }

    private static CaseReport Report(string category, string grid) =>
        new(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(new OrgUnitId(grid)), new Reporter("张三", "13800000000"), "楼上漏水");

    /// <summary>Last month in Baiyin: a dispute claimed by its village, a livelihood matter answered in a few hours; four working days pass.</summary>
    internal static async Task<TestCounty> LastMonthAsync()
    {
        var county = TestCounty.FromProfile(BaiyinPath);
        var dispatcher = county.Actor("pl-a");
        await county.RegisterAsync("dispute", Report("dispute", "village-a1"), dispatcher);
        await county.Desk.AcceptAsync(new CaseId("dispute"), dispatcher);
        await county.Desk.DispatchAsync(new CaseId("dispute"), dispatcher, new OrgUnitId("village-a1"));
        await county.Desk.ClaimAsync(new CaseId("dispute"), county.Actor("cadre-a1"));
        await county.RegisterAsync("livelihood", Report("livelihood", "village-a2"), dispatcher);
        var id = new CaseId("livelihood");
        var worker = county.Actor("cadre-a2");
        await county.Desk.AcceptAsync(id, dispatcher);
        await county.Desk.DispatchAsync(id, dispatcher, new OrgUnitId("village-a2"));
        await county.Desk.ClaimAsync(id, worker);
        await county.Desk.StartAsync(id, worker);
        await county.AdvanceAsync("3 hours");
        await county.Desk.ResolveAsync(id, worker, "已修复");
        await county.AdvanceAsync("4 working days");
        return county;
    }

    [Fact]
    public async Task ReplayAsync_ShorterDisputeLimit_MovesTheDisputeAndNotTheLivelihoodMatter()
    {
        await using var county = await LastMonthAsync();
        var stored = await county.CaseAsync(new CaseId("dispute"));
        Assert.Equal(new OrgUnitId("village-a1"), stored.HoldingUnit);

        var report = await ProfileReplay.ReplayAsync(county.Store, [new CaseId("dispute"), new CaseId("livelihood")], ThreeDayDisputes(),
            new ProfileReplayOptions { Until = county.Clock.GetCurrentInstant() });

        var moved = Assert.Single(report.Changed);
        Assert.Equal(new CaseId("dispute"), moved.CaseId);
        var escalation = Assert.Single(moved.Differences, d => d.Aspect == "escalation 1");
        Assert.Equal("none", escalation.Stored);
        Assert.StartsWith("to pl-township-a at 2025-11-06T", escalation.Replayed, StringComparison.Ordinal);
        Assert.Contains("overdue", escalation.Replayed, StringComparison.Ordinal);
        var due = Assert.Single(moved.Differences, d => d.Aspect == "unit-due");
        Assert.Contains("5 working days from 2025-11-03T09:00", due.Stored, StringComparison.Ordinal);
        Assert.Contains("3 working days", due.Replayed, StringComparison.Ordinal);
        Assert.StartsWith("2 case(s) replayed under '白银市 码上反映·马上办理': 1 would differ.", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_UnchangedProfile_MovesNone()
    {
        await using var county = await LastMonthAsync();
        await county.AdvanceAsync("2 working days"); // the dispute escalates in the store too

        var report = await ProfileReplay.ReplayAsync(county.Store, [new CaseId("dispute"), new CaseId("livelihood")], county.Profile,
            new ProfileReplayOptions { Until = county.Clock.GetCurrentInstant() });

        Assert.Equal(2, report.Cases.Length);
        Assert.Contains(await county.Store.ReadEventsAsync(new CaseId("dispute"), default), e => e.Cause?.RuleId == "overdue");
        Assert.True(report.Changed.IsEmpty, report.ToString());
    }

    /// <summary>Two reports of one matter in Baiyin, on two villages' grids; an hour later the second is merged into the first (合并), and four working days pass.</summary>
    private static async Task<TestCounty> MergedAsync()
    {
        var county = TestCounty.FromProfile(BaiyinPath);
        var dispatcher = county.Actor("pl-a");
        await county.RegisterAsync("first", Report("dispute", "village-a1"), dispatcher);
        await county.Desk.AcceptAsync(new CaseId("first"), dispatcher);
        await county.AdvanceAsync(NodaTime.Duration.FromHours(1));
        var second = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(new OrgUnitId("village-a2")),
            new Reporter("李四", "13900000000"), "楼上漏水，同一户");
        await county.RegisterAsync("second", second, dispatcher);
        await county.AdvanceAsync(NodaTime.Duration.FromHours(1));
        await county.Desk.MergeAsync(new CaseId("second"), dispatcher, new CaseId("first"), "同一事项");
        await county.AdvanceAsync("4 working days");
        return county;
    }

    [Fact]
    public async Task ReplayAsync_CaseMergedIntoAnotherReplayed_ReplaysTheMergeAndMovesNone()
    {
        await using var county = await MergedAsync();
        Assert.Equal(CaseState.Merged, (await county.CaseAsync(new CaseId("second"))).State);

        var report = await ProfileReplay.ReplayAsync(county.Store, [new CaseId("first"), new CaseId("second")], county.Profile,
            new ProfileReplayOptions { Until = county.Clock.GetCurrentInstant() });

        Assert.Empty(report.Changed);
        Assert.All(report.Cases, c => Assert.True(c.Notes.IsDefaultOrEmpty, c.ToString()));
        Assert.Equal("2 case(s) replayed under '白银市 码上反映·马上办理': 0 would differ.", report.ToString());
    }

    [Fact]
    public async Task ReplayAsync_MergedCaseWithoutTheCaseItJoined_SaysInItsOutputThatTheMergeIsLeftOutAndWhy()
    {
        await using var county = await MergedAsync();

        var report = await ProfileReplay.ReplayAsync(county.Store, [new CaseId("second")], county.Profile,
            new ProfileReplayOptions { Until = county.Clock.GetCurrentInstant() });

        var second = Assert.Single(report.Cases);
        Assert.False(second.Differs, second.ToString());
        var note = Assert.Single(second.Notes);
        Assert.Contains("the merge into case first", note, StringComparison.Ordinal);
        Assert.Contains("case first is not among the cases replayed", note, StringComparison.Ordinal);
        Assert.Contains("case second: unchanged" + Environment.NewLine + "  note: the merge into case first", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReplayAsync_HistoryWithoutRegistration_IsRefused()
    {
        await using var county = await LastMonthAsync();
        var events = await county.Store.ReadEventsAsync(new CaseId("dispute"), default);

        var e = await Assert.ThrowsAsync<ArgumentException>(() => ProfileReplay.ReplayAsync([events.Skip(1).ToList()], county.Profile));

        Assert.Contains("case 'dispute'", e.Message, StringComparison.Ordinal);
    }
}
