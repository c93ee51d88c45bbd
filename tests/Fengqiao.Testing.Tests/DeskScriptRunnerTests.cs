using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.TestSupport;
using FsCheck.Xunit;

namespace Fengqiao.Testing.Tests;

public class DeskScriptRunnerTests
{
    private static string Saybagh => RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml");

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)], RunsScale = 0.2)]
    public async Task RunAsync_RandomScriptsOnTheSaybaghDesk_KeepEveryInvariant(DeskScript script)
    {
        await using var county = TestCounty.FromProfile(Saybagh);

        var result = await DeskScriptRunner.RunAsync(county, script);

        Assert.NotEmpty(result.Cases);
        Assert.Equal(script.Calls.Length, result.Played.Length + result.Refused);
    }

    [Fact]
    public async Task RunAsync_SteeredScript_ReachesPastDispatch()
    {
        await using var county = TestCounty.FromProfile(Saybagh);
        DeskCall[] calls = [.. Enumerable.Range(0, 12).Select(i => new DeskCall(0, 0, 0, 0, 5))];

        var result = await DeskScriptRunner.RunAsync(county, new DeskScript([0], [.. calls]));

        Assert.True(result.Played.Length >= 3, string.Join("\n", result.Played));
        Assert.NotEqual(CaseState.Registered, (await county.CaseAsync(result.Cases[0])).State);
    }

    [Fact]
    public async Task CheckCaseAsync_ForgedEventByAnOutsider_FailsNamingTheInvariant()
    {
        await using var county = TestCounty.FromProfile(Saybagh);
        var dispatcher = county.Actor("yashan-dispatcher");
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(new OrgUnitId("yashan-grid-02")),
            new Reporter("张三", "13800000000"), "楼上漏水");
        var c = (await county.RegisterAsync("c1", report, dispatcher)).Case;
        c = await county.Desk.AcceptAsync(c.Id, dispatcher);
        var outsider = CaseActor.Staff(new ActorId("intruder"), new OrgUnitId("yashan-grid-02"));
        var forged = new CaseEvent(c.Id, c.Version + 1, county.Clock.GetCurrentInstant(), outsider, c.State, CaseState.Dispatched,
            new CaseDispatched(new OrgUnitId("yashan-grid-02")));
        await county.Store.AppendAsync(c.Version, [forged], c.Apply(forged), default);

        var e = await Assert.ThrowsAsync<DeskInvariantException>(() => DeskScriptRunner.CheckCaseAsync(county, c.Id));

        Assert.Equal("every event authorised", e.Invariant);
        Assert.Contains("intruder", e.Message, StringComparison.Ordinal);
    }
}
