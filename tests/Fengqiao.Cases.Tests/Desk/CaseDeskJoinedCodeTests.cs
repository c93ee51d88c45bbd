using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Serialization;
using Fengqiao.Testing;

namespace Fengqiao.Cases.Tests.Desk;

/// <summary>A report joined to an existing case gets its own query code: returned once, kept as its digest, finding the
/// case; it follows the case but neither withdraws nor rates it.</summary>
public class CaseDeskJoinedCodeTests
{
    [Fact]
    public async Task RegisterAsync_ADuplicateReport_ReturnsItsOwnCodeWhichFindsTheCase()
    {
        var kit = new BareCounty();
        var first = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);

        var joined = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);

        Assert.True(joined.JoinedExisting);
        Assert.NotNull(joined.QueryCode);
        Assert.NotEqual(first.QueryCode, joined.QueryCode);
        var digest = BareCounty.QueryCodeKey.Digest(joined.QueryCode!.Value);
        Assert.Equal([digest], joined.Case.JoinedQueryCodeDigests.ToArray());
        Assert.True(joined.Case.HoldsQueryCode(digest));
        Assert.Equal(digest, Assert.IsType<CaseReportJoined>((await kit.Desk.GetHistoryAsync(first.Case.Id))[^1].Payload).QueryCodeDigest);
        Assert.Equal(first.Case.Id, (await kit.Desk.FindByQueryCodeAsync(joined.QueryCode!.Value))?.Id);
        Assert.DoesNotContain(joined.QueryCode!.Value.ToString(), joined.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithdrawAsync_WithAJoinedReportsCode_IsUnauthorizedAndSaysWhy()
    {
        var kit = new BareCounty();
        var first = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);
        var joined = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);
        var found = (await kit.Desk.FindByQueryCodeAsync(joined.QueryCode!.Value))!;

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.WithdrawAsync(found.Id, kit.Desk.Citizen(joined.QueryCode!.Value, found)));
        var withdrawn = await kit.Desk.WithdrawAsync(found.Id, kit.Desk.Citizen(first.QueryCode!.Value, found), "已自行解决");

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.Contains("joined report's query code", refused.Message, StringComparison.Ordinal);
        Assert.Equal(CaseState.Withdrawn, withdrawn.State);
    }

    [Fact]
    public async Task RegisterAsync_AJoinCodeRepeatingTheCasesOwn_IsDrawnAgainNeverShared()
    {
        // Each value is drawn twice: the join's first code repeats the case's own, which the store refuses.
        var kit = new BareCounty(configure: o => o.QueryCodes = new QueryCodeGenerator(new RepeatingRandom(repeats: 2)));
        var first = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);

        var joined = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);

        Assert.True(joined.JoinedExisting);
        Assert.NotEqual(first.QueryCode, joined.QueryCode);
        Assert.Equal(2, joined.Case.Version);
    }

    [Fact]
    public async Task RegisterAsync_EveryJoinCodeTaken_FailsClearlyAndJoinsNothing()
    {
        var random = new RepeatingRandom();
        var kit = new BareCounty(configure: o => o.QueryCodes = new QueryCodeGenerator(random));
        var first = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);

        var e = await Assert.ThrowsAsync<QueryCodeConflictException>(() => kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake));

        Assert.Equal(CaseDesk.QueryCodeAttempts, e.Attempts);
        Assert.Equal(first.Case.Id, e.CaseId);
        Assert.Contains("not joined", e.Message, StringComparison.Ordinal);
        Assert.Equal(1, (await kit.Desk.FindAsync(first.Case.Id))!.Version);
    }

    [Fact]
    public async Task Serialize_AJoinedReportsDigest_RoundTripsInTheEventAndTheSnapshot()
    {
        var kit = new BareCounty();
        await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);
        var joined = await kit.Desk.RegisterAsync(BareCounty.Report(), BareCounty.Intake);
        var e = (await kit.Desk.GetHistoryAsync(joined.Case.Id))[^1];

        var read = CaseEventJson.Deserialize(CaseEventJson.Serialize(e));
        var restored = CaseSnapshotJson.Deserialize(CaseSnapshotJson.SerializeToUtf8Bytes(joined.Case), joined.Case.Id, BareCounty.Calendar);

        Assert.Equal(Assert.IsType<CaseReportJoined>(e.Payload).QueryCodeDigest, Assert.IsType<CaseReportJoined>(read.Payload).QueryCodeDigest);
        Assert.Equal(joined.Case.JoinedQueryCodeDigests.ToArray(), restored.JoinedQueryCodeDigests.ToArray());
    }
}
