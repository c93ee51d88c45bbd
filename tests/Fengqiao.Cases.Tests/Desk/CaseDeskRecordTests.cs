using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Serialization;
using NodaTime;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.Desk;

public class CaseDeskRecordTests
{
    private static readonly CaseEventCause WarningCause = new("warning.wage-arrears", [new("employer", "某建筑公司"), new("reports", "3")]);

    [Fact]
    public async Task ActAsync_SystemWithACause_SupervisesAndRecordsTheCauseOnTheEvent()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var after = await kit.Desk.ActAsync(c.Id, CaseActor.System, new CaseSupervised("三名工人同日反映欠薪"), WarningCause);

        Assert.Equal(c.State, after.State);
        Assert.Equal(c.SupervisionCount + 1, after.SupervisionCount);
        var last = (await kit.HistoryAsync(c.Id))[^1];
        Assert.Equal(CaseActor.System, last.Actor);
        Assert.Equal(WarningCause, last.Cause);
        Assert.IsType<CaseSupervised>(last.Payload);
    }

    [Fact]
    public async Task ActAsync_SystemWithoutACause_IsRefusedAndNothingIsSaved()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.ActAsync(c.Id, CaseActor.System, new CaseInstructed("请街道牵头"), null));

        Assert.Equal(CaseRefusalKind.Unauthorized, e.Kind);
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task ActAsync_AMerge_IsRefusedAsAnArgumentBecauseItChangesTwoCases()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var e = await Assert.ThrowsAsync<ArgumentException>(() => kit.Desk.ActAsync(c.Id, Dispatcher, new CaseMerged(new CaseId("other"), "同一事项"), null));

        Assert.Contains("MergeAsync", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RecordAsync_ARecord_AppendsOneEventWithoutChangingTheState()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var after = await kit.Desk.RecordAsync(c.Id, Dispatcher, new CaseHandOffPaused("key-1", "伤残鉴定"));

        Assert.Equal((c.State, c.Version + 1), (after.State, after.Version));
        var last = (await kit.HistoryAsync(c.Id))[^1];
        Assert.Equal((c.State, c.State, (CaseTrigger?)null), (last.From, last.To, last.Trigger));
        Assert.Equal(new CaseHandOffPaused("key-1", "伤残鉴定"), last.Payload);
        Assert.Equal(last, CaseEventJson.Deserialize(CaseEventJson.Serialize(last)));
        Assert.Contains(kit.Published, p => p == last);
    }

    [Fact]
    public async Task RecordAsync_ByAnActorWithoutTheAuthority_IsRefusedNamingTheTriggerAndNothingIsSaved()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        // A deputy may not hand the case back, so may not record a hand-off's answer on it either.
        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.RecordAsync(c.Id, Deputy, new CaseHandOffAccepted("key-1")));

        Assert.Equal((CaseRefusalKind.Unauthorized, CaseTrigger.HandBack), (e.Kind, e.Trigger));
        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task RecordAsync_SystemWithoutACause_IsRefused()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        var e = await Assert.ThrowsAsync<CaseActionRefusedException>(() => kit.Desk.RecordAsync(c.Id, CaseActor.System, new CaseHandOffOverdue("key-1")));

        Assert.Equal((CaseRefusalKind.Unauthorized, CaseTrigger.Supervise), (e.Kind, e.Trigger));
    }

    [Fact]
    public async Task RecordAsync_ThenAStep_AppendsBothInOneAppendWithTheRecordFirst()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        var handedOff = await kit.Desk.HandOffAsync(c.Id, Dispatcher, new CaseHandedOff(BareCounty.MediationCommittee, "调解")
        {
            Terms = new CaseHandOffTerms("key-1", "CourtPreFilingDiversion", "debt", Street),
        });
        kit.Clock.Advance(Duration.FromHours(1));

        var accepted = await kit.Desk.RecordAsync(c.Id, Mediator, new CaseHandOffAccepted("key-1"));
        Assert.Equal((CaseState.HandedOff, "key-1", kit.Clock.GetCurrentInstant()), (accepted.State, accepted.HandOffKey, accepted.HandOffAcceptedAt));

        var back = await kit.Desk.RecordAsync(c.Id, Mediator, new CaseHandOffDeclined("key-1", "不属调解范围"), new CaseHandedBack("退回"));

        Assert.Equal((handedOff.HandedOffFrom, (string?)null, (Instant?)null), (back.State, back.HandOffKey, back.HandOffAcceptedAt));
        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal([typeof(CaseHandOffDeclined), typeof(CaseHandedBack)], history.TakeLast(2).Select(e => e.Payload.GetType()));
        Assert.Equal(back.Version, history.Count);
    }

    [Fact]
    public async Task RecordAsync_ThenAStepTheLifecycleRefuses_SavesNeither()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();

        // The case is not handed off: the hand-back is refused, so the decline is not recorded either.
        await Assert.ThrowsAsync<CaseActionRefusedException>(() =>
            kit.Desk.RecordAsync(c.Id, Dispatcher, new CaseHandOffDeclined("key-1", "不属调解范围"), new CaseHandedBack("退回")));

        Assert.Equal(c.Version, (await kit.Desk.FindAsync(c.Id))!.Version);
    }

    [Fact]
    public async Task HandOffAccepted_OfAnotherKey_DoesNotMarkTheCaseAccepted()
    {
        var kit = new BareCounty();
        var c = await kit.DispatchedAsync();
        await kit.Desk.HandOffAsync(c.Id, Dispatcher, new CaseHandedOff(BareCounty.MediationCommittee, "调解")
        {
            Terms = new CaseHandOffTerms("key-1", "CourtPreFilingDiversion", "debt", Street),
        });

        var after = await kit.Desk.RecordAsync(c.Id, Mediator, new CaseHandOffAccepted("key-0"));

        Assert.Null(after.HandOffAcceptedAt);
    }
}
