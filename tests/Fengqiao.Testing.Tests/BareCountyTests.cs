using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class BareCountyTests
{
    [Fact]
    public async Task InProgressAsync_DefaultCounty_ClaimedByTheCommunityWorker()
    {
        var county = new BareCounty();

        var c = await county.InProgressAsync();

        Assert.Equal((CaseState.InProgress, BareCounty.Community, new ActorId("w1")), (c.State, c.HoldingUnit, c.Worker));
        Assert.Equal(new CaseId("case-1"), c.Id);
        Assert.Equal(BareCounty.Start, c.RegisteredAt);
        Assert.Equal(c.Version, county.Published.Count);
    }

    [Fact]
    public async Task AdvanceAsync_PastTheHandlingLimit_SweepsHourlyAndRecordsOverdue()
    {
        var county = new BareCounty();
        var c = await county.DispatchedAsync();

        var swept = await county.AdvanceAsync(Duration.FromDays(7));

        Assert.Equal(BareCounty.Start + Duration.FromDays(7), county.Clock.GetCurrentInstant());
        Assert.Contains(swept, e => e.CaseId == c.Id && e.Payload is CaseClockStageChanged { Stage: SlaStage.Overdue });
        Assert.All(swept, e => Assert.Equal(CaseActorKind.System, e.Actor.Kind));
    }

    [Fact]
    public async Task AdvanceAsync_Negative_IsRefused()
    {
        var county = new BareCounty();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => county.AdvanceAsync(Duration.FromHours(-1)));
    }

    [Fact]
    public async Task Ctor_WrapAndConfigure_TheDeskUsesThem()
    {
        var county = new BareCounty(
            wrap: s => new FaultyCaseStore(s, CaseStoreFaultRule.OnCalls(CaseStoreOperation.Append, CaseStoreFault.ThrowIo("disk full"), 1)),
            configure: o => o.NewCaseId = () => new CaseId("mine"));

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => county.RegisterAsync());
        Assert.Contains("disk full", failure.ToString(), StringComparison.Ordinal);
        var c = await county.RegisterAsync();

        Assert.Equal(new CaseId("mine"), c.Id);
        Assert.IsType<FaultyCaseStore>(county.Store);
        Assert.NotNull(await county.InMemory.LoadAsync(c.Id, default));
    }

    [Fact]
    public void RunAsync_RandomScriptsOnABareDesk_KeepEveryInvariant() =>
        PropertyCheck.ForAll(FengqiaoArbitraries.DeskScripts(), script =>
        {
            var county = new BareCounty();

            var result = DeskScriptRunner.RunAsync(county, script).GetAwaiter().GetResult();

            Assert.NotEmpty(result.Cases);
            Assert.Equal(script.Calls.Length, result.Played.Length + result.Refused);
        }, runsScale: 0.2);

    [Fact]
    public async Task RunAsync_SteeredScriptOnABareDesk_ReachesPastDispatch()
    {
        var county = new BareCounty();
        // Target pick 2 is community-1 (after the centre and the street), where worker w1 can claim.
        DeskCall[] calls = [.. Enumerable.Range(0, 12).Select(_ => new DeskCall(0, 0, 0, 2, 5))];

        var result = await DeskScriptRunner.RunAsync(county, new DeskScript([0], [.. calls]));

        Assert.True(result.Played.Length >= 3, string.Join("\n", result.Played));
        Assert.NotEqual(CaseState.Registered, (await county.Desk.FindAsync(result.Cases[0]))!.State);
    }

    [Fact]
    public async Task Fingerprint_LiveAndReplayedCase_AreTheSame()
    {
        var county = new BareCounty();
        var c = await county.RatedAsync();

        var replayed = Case.Replay(await county.HistoryAsync(c.Id), BareCounty.Calendar);

        Assert.Equal(BareCounty.Fingerprint(c), BareCounty.Fingerprint(replayed));
        Assert.NotEqual(BareCounty.Fingerprint(c), BareCounty.Fingerprint(Case.Replay((await county.HistoryAsync(c.Id)).Take(3), BareCounty.Calendar)));
        Assert.All(await county.HistoryAsync(c.Id), e => Assert.True(BareCounty.IsEdge(e), e.ToString()));
    }
}
