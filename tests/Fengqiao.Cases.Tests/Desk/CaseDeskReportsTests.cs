using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

// Written reports (书面报送) and deputies' scores (测评打分) and supervision (监督调度).
public class CaseDeskReportsTests
{
    private static readonly WrittenReportRequirement CommunityReportsToCentre = new(Community, Centre);

    [Fact]
    public async Task CloseAsync_ACaseTheReportingUnitHeldWithoutItsWrittenReport_IsRefusedNamingUnitAndAddressee()
    {
        var kit = new BareCounty(configure: o => o.WrittenReports.Add(CommunityReportsToCentre));
        var c = await RatedSatisfiedAsync(kit);

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.CloseAsync(c.Id, Dispatcher));

        Assert.Equal((CaseRefusalKind.GuardFailed, CaseTrigger.Close), (e.Kind, e.Trigger));
        Assert.Contains("'community-1'", e.Message, StringComparison.Ordinal);
        Assert.Contains("'centre'", e.Message, StringComparison.Ordinal);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task CloseAsync_AfterTheHoldingUnitFiledItsWrittenReport_Closes()
    {
        var kit = new BareCounty(configure: o => o.WrittenReports.Add(CommunityReportsToCentre));
        var c = await kit.InProgressAsync();
        var filed = await kit.Desk.FileWrittenReportAsync(c.Id, Worker, Centre, "专班书面报送：低保申请多次未获答复");
        var report = Assert.Single(filed.WrittenReports);
        Assert.Equal((Community, Centre, Worker), (report.From, report.Addressee, report.FiledBy));
        Assert.Equal(c.State, filed.State);

        c = await RatedSatisfiedAsync(kit, c);
        var closed = await kit.Desk.CloseAsync(c.Id, Dispatcher);

        Assert.Equal(CaseState.Closed, closed.State);
        Assert.IsType<CaseWrittenReportFiled>((await kit.HistoryAsync(c.Id)).Single(x => x.Payload is CaseWrittenReportFiled).Payload);
    }

    [Fact]
    public async Task CloseAsync_ACaseTheReportingUnitNeverHeld_ClosesWithoutAReport()
    {
        var kit = new BareCounty(configure: o => o.WrittenReports.Add(new WrittenReportRequirement(Housing, Centre)));
        var c = await RatedSatisfiedAsync(kit);

        Assert.Equal(CaseState.Closed, (await kit.Desk.CloseAsync(c.Id, Dispatcher)).State);
        Assert.DoesNotContain(Housing, c.HeldBy);
        Assert.Contains(Community, c.HeldBy);
    }

    [Fact]
    public async Task FileWrittenReportAsync_ByAUnitThatDoesNotHoldTheCase_IsRefusedAndNothingIsSaved()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.FileWrittenReportAsync(c.Id, StreetWorker, Centre, "书面报送"));

        Assert.Equal(CaseTrigger.SubmitForReview, e.Trigger);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task FileWrittenReportAsync_ToAnUnknownAddressee_IsRefusedNamingIt()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.FileWrittenReportAsync(c.Id, Worker, new OrgUnitId("no-such-secretary"), "书面报送"));

        Assert.Equal(CaseRefusalKind.InvalidArgument, e.Kind);
        Assert.Contains("no-such-secretary", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_ADeputyOnAClosedCase_RecordsTheTypedScoreForTheCycle()
    {
        var kit = new BareCounty();
        var c = await kit.ClosedAsync();

        var scored = await kit.Desk.ScoreAsync(c.Id, Deputy, 45, "噪声扰民问题依然存在");

        var score = Assert.Single(scored.DeputyScores);
        Assert.Equal((Deputy.Id, 45, 1), (score.Deputy, score.Score, score.Cycle));
        Assert.Equal(CaseState.Closed, scored.State);
        Assert.Equal(new CaseDeputyScored(Deputy.Id, 45, "噪声扰民问题依然存在"), (await kit.HistoryAsync(c.Id))[^1].Payload);
    }

    [Fact]
    public async Task ScoreAsync_OnACaseNotYetClosed_IsRefusedNamingTheState()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ScoreAsync(c.Id, Deputy, 90));

        Assert.Equal(CaseRefusalKind.InvalidArgument, e.Kind);
        Assert.Contains("InProgress", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ScoreAsync_ByStaff_IsRefusedBecauseOnlyADeputyScores()
    {
        var kit = new BareCounty();
        var c = await kit.ClosedAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ScoreAsync(c.Id, Dispatcher, 90));

        Assert.Equal(CaseState.Closed, e.State);
        Assert.Empty((await kit.Desk.FindAsync(c.Id))!.DeputyScores);
    }

    [Fact]
    public void CaseDeputyScored_AScoreAboveTheMaximum_Throws()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => new CaseDeputyScored(Deputy.Id, 101));

        Assert.Equal("Score", e.ParamName);
    }

    [Fact]
    public async Task SuperviseAsync_ADeputyFromTheirAreaWhereDeputiesSupervise_IssuesAGradedSupervisionThatNamesTheDeputy()
    {
        var kit = new BareCounty(configure: o => o.Authorizer = new OrgCaseAuthorizer(Tree) { DeputiesSupervise = true });
        var c = await kit.InProgressAsync();

        var after = await kit.Desk.SuperviseAsync(c.Id, CaseActor.Deputy(Deputy.Id, Street), Community, TimeLimit.WorkingDays(3), CaseSupervisionGrade.Red, "办理结果不满意");

        var supervision = Assert.Single(after.Supervisions);
        Assert.Equal((CaseSupervisionGrade.Red, CaseActorKind.Deputy, Deputy.Id, Street), (supervision.Grade, supervision.IssuedBy.Kind, supervision.IssuedBy.Id, supervision.IssuingUnit));
    }

    [Fact]
    public async Task SuperviseAsync_ADeputyWhereDeputiesDoNotSupervise_IsRefused()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() =>
            kit.Desk.SuperviseAsync(c.Id, CaseActor.Deputy(Deputy.Id, Street), Community, TimeLimit.WorkingDays(3), CaseSupervisionGrade.Yellow));

        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Contains("rate and reopen", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SuperviseAsync_ADeputyFromAUnitOutsideTheirAreas_IsRefusedNamingTheUnit()
    {
        var kit = new BareCounty(configure: o => o.Authorizer = new OrgCaseAuthorizer(Tree) { DeputiesSupervise = true });
        var c = await kit.InProgressAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() =>
            kit.Desk.SuperviseAsync(c.Id, CaseActor.Deputy(Deputy.Id, Centre), Community, TimeLimit.WorkingDays(3), CaseSupervisionGrade.Yellow));

        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Contains("'centre'", e.Message, StringComparison.Ordinal);
    }

    private static async Task<Case> RatedSatisfiedAsync(BareCounty kit, Case? inProgress = null)
    {
        var c = inProgress ?? await kit.InProgressAsync();
        await kit.Desk.ResolveAsync(c.Id, Worker, "已处理");
        await kit.Desk.SubmitForReviewAsync(c.Id, Worker);
        await kit.Desk.ApproveAsync(c.Id, Dispatcher);
        return await kit.Desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), CaseRating.Satisfied);
    }
}
