using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

public class CaseDeskCauseTests
{
    [Fact]
    public async Task ActAsync_PersonWithCause_RecordsTheStepAndTheTypedCause()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var cause = new CaseEventCause("warning.grid-cluster", new Dictionary<string, string> { ["occurrence"] = "o-1", ["matched"] = "a,b,c" });

        var after = await kit.Desk.ActAsync(c.Id, Leader, new CaseInstructed("请排查"), cause);

        var last = (await kit.HistoryAsync(c.Id))[^1];
        Assert.Equal(c.State, after.State);
        Assert.Equal("请排查", Assert.IsType<CaseInstructed>(last.Payload).Instruction);
        Assert.Equal(cause, last.Cause);
        Assert.Equal("a,b,c", last.Cause!.Facts["matched"]);
    }

    [Fact]
    public async Task ActAsync_SystemWithoutCause_IsRefusedAndNothingIsSaved()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var refused = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ActAsync(c.Id, CaseActor.System, new CaseInstructed("x"), null));

        Assert.Equal(CaseRefusalKind.Unauthorized, refused.Kind);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task ActAsync_Merge_ThrowsArgumentException()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => kit.Desk.ActAsync(c.Id, Leader, new CaseMerged(c.Id, "x"), new CaseEventCause("r")));
    }
}
