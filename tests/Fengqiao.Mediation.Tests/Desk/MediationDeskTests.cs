using Fengqiao.TestSupport;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Rules;
using NodaTime;
using static Fengqiao.Mediation.Tests.Desk.YumenCounty;

namespace Fengqiao.Mediation.Tests.Desk;

public class MediationDeskTests
{
    private static readonly CorrelationKey Key = new("玉信〔2026〕001号");

    [Fact]
    public async Task Conclude_FailedMediation_ReturnsToThePetitionDeskWithTheRecord()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();
        kit.Clock.Advance(Duration.FromHours(2));
        await kit.Mediation.AcceptAsync(Key, Mediator);
        kit.Clock.Advance(Duration.FromDays(5));

        var back = await kit.Mediation.ConcludeAsync(Key, Mediator, HandOffOutcome.Failure, "双方对欠薪数额分歧较大，调解不成");

        Assert.Equal(CaseState.Registered, back.State);
        Assert.Null(back.HandedOffTo);
        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal([typeof(CaseRegistration), typeof(CaseHandedOff), typeof(CaseHandOffAccepted), typeof(CaseHandOffConcluded), typeof(CaseHandedBack)],
            history.Select(e => e.Payload.GetType()));
        Assert.Equal(new CaseHandOffConcluded(Key.Value, nameof(HandOffOutcome.Failure), "双方对欠薪数额分歧较大，调解不成"), history[^2].Payload);
        Assert.IsType<CaseRegistration>(history[0].Payload);
        var last = history[^1];
        Assert.Equal(CaseTrigger.HandBack, last.Trigger);
        Assert.Equal(Mediator, last.Actor);
        Assert.Contains(HandOffRules.PetitionReturnFailure, last.Text(), StringComparison.Ordinal);
        Assert.Contains("双方对欠薪数额分歧较大，调解不成", last.Text(), StringComparison.Ordinal);
        Assert.Contains(Key.Value, last.Text(), StringComparison.Ordinal);
        var handOff = kit.Ledger.Get(Key);
        Assert.Equal(HandOffStatus.Concluded, handOff.Status);
        Assert.Equal(HandOffOutcome.Failure, handOff.Outcome);

        // Back with the petition desk: it is handled as a petition now, and never sent to mediation again.
        var accepted = await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        Assert.Equal(CaseState.Accepted, accepted.State);
        Assert.Single(kit.Ledger.ForCase(c.Id));
    }

    [Fact]
    public async Task Conclude_Agreement_ResolvesTheCaseWithTheAgreementAsReply()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();
        await kit.Mediation.AcceptAsync(Key, Mediator);
        kit.Clock.Advance(Duration.FromDays(3));

        var resolved = await kit.Mediation.ConcludeAsync(Key, Mediator, HandOffOutcome.Agreement, "用人单位于11月底前一次性支付欠薪");

        Assert.Equal(CaseState.Resolved, resolved.State);
        Assert.Contains("用人单位于11月底前一次性支付欠薪", resolved.Reply, StringComparison.Ordinal);
        Assert.Contains(HandOffRules.PetitionRemedyMediationFirst, resolved.Reply, StringComparison.Ordinal);
        var last = (await kit.HistoryAsync(c.Id))[^1];
        Assert.Equal(CaseTrigger.Resolve, last.Trigger);
        Assert.Equal(Mediator, last.Actor);
        Assert.Equal(HandOffOutcome.Agreement, kit.Ledger.Get(Key).Outcome);
    }

    [Fact]
    public async Task Answer_UnknownKey_IsRefusedAndTheCaseIsUnchanged()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();
        var before = await kit.HistoryAsync(c.Id);

        var unknown = new CorrelationKey("玉信〔2026〕999号");
        var e1 = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.DeclineAsync(unknown, Mediator, "不属于本会"));
        var e2 = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.ConcludeAsync(unknown, Mediator, HandOffOutcome.Failure, "记录"));
        var e3 = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.AcceptAsync(unknown, Mediator));

        Assert.All(new[] { e1, e2, e3 }, e => Assert.Equal(HandOffRefusal.UnknownKey, e.Refusal));
        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(before[^1].Version, after.Version);
        Assert.Equal(before.Count, (await kit.HistoryAsync(c.Id)).Count);
        Assert.Equal(HandOffStatus.Sent, kit.Ledger.Get(Key).Status);
    }

    [Fact]
    public async Task Answer_SecondAnswerForAConcludedHandOff_IsRefusedAndTheCaseIsUnchanged()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();
        await kit.Mediation.AcceptAsync(Key, Mediator);
        await kit.Mediation.ConcludeAsync(Key, Mediator, HandOffOutcome.Failure, "调解不成");
        var version = (await kit.Desk.FindAsync(c.Id))!.Version;
        var ledgerEvents = kit.Ledger.Events.Count;

        var again = await Assert.ThrowsAsync<HandOffRefusedException>(
            () => kit.Mediation.ConcludeAsync(Key, Mediator, HandOffOutcome.Agreement, "又达成协议"));
        var decline = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.DeclineAsync(Key, Mediator, "不受理"));

        Assert.Equal(HandOffRefusal.AlreadyClosed, again.Refusal);
        Assert.Equal(HandOffRefusal.AlreadyClosed, decline.Refusal);
        Assert.Equal(c.Id, again.CaseId);
        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(version, after.Version);
        Assert.Equal(CaseState.Registered, after.State);
        Assert.Equal(version, (await kit.HistoryAsync(c.Id)).Count);
        Assert.Equal(ledgerEvents, kit.Ledger.Events.Count);
    }

    [Fact]
    public async Task Decline_HandOff_ReturnsTheCaseWithTheReasonAndTheHandOffNeverDisappears()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();
        kit.Clock.Advance(Duration.FromHours(3));

        var back = await kit.Mediation.DeclineAsync(Key, Mediator, "当事人已申请劳动仲裁，本会不予受理");

        Assert.Equal(CaseState.Registered, back.State);
        var history = await kit.HistoryAsync(c.Id);
        Assert.Equal([typeof(CaseHandedOff), typeof(CaseHandOffDeclined), typeof(CaseHandedBack)], history.Skip(1).Select(e => e.Payload.GetType()));
        Assert.Equal(new CaseHandOffDeclined(Key.Value, "当事人已申请劳动仲裁，本会不予受理"), history[^2].Payload);
        Assert.Equal((CaseState.HandedOff, CaseState.HandedOff), (history[^2].From, history[^2].To)); // the record does not move the case
        Assert.Contains("当事人已申请劳动仲裁，本会不予受理", history[^1].Text(), StringComparison.Ordinal);
        Assert.Contains(HandOffRules.PetitionRemedyMediationFirst, history[^1].Text(), StringComparison.Ordinal);
        var handOff = Assert.Single(kit.Ledger.ForCase(c.Id));
        Assert.Equal(HandOffStatus.Declined, handOff.Status);
        Assert.Equal([HandOffEventKind.Sent, HandOffEventKind.Declined], handOff.History.Select(e => e.Kind));

        // Not sent again by the policy, still open on the desk, handled from here.
        Assert.Equal(CaseState.Accepted, (await kit.Desk.AcceptAsync(c.Id, Dispatcher)).State);
        Assert.Single(kit.Ledger.ForCase(c.Id));
    }

    [Fact]
    public async Task Decline_WithoutReason_IsRefusedAndNothingChanges()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();

        var e = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.DeclineAsync(Key, Mediator, " "));

        Assert.Equal(HandOffRefusal.Incomplete, e.Refusal);
        Assert.Equal(CaseState.HandedOff, (await kit.Desk.FindAsync(c.Id))!.State);
        Assert.Equal(HandOffStatus.Sent, kit.Ledger.Get(Key).Status);
    }

    [Fact]
    public async Task Sweep_OverdueHandOff_IsFlaggedOnTheCaseOnce()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();
        var early = await kit.Mediation.SweepAsync(kit.Clock.GetCurrentInstant(), Leader);
        Assert.Empty(early.Flagged);

        kit.Clock.Advance(Duration.FromDays(7)); // past the 3 working days to sign for or decline
        var first = await kit.Mediation.SweepAsync(kit.Clock.GetCurrentInstant(), Leader);
        var second = await kit.Mediation.SweepAsync(kit.Clock.GetCurrentInstant(), Leader);

        var flagged = Assert.Single(first.Flagged);
        Assert.Equal(HandOffEventKind.FlaggedOverdue, flagged.Kind);
        Assert.Empty(first.Failures);
        Assert.Empty(second.Flagged);
        var history = await kit.HistoryAsync(c.Id);
        var supervise = Assert.Single(history, e => e.Trigger == CaseTrigger.Supervise);
        Assert.Equal(Leader, supervise.Actor);
        Assert.Contains(Key.Value, supervise.Text(), StringComparison.Ordinal);
        Assert.Contains(HandOffRules.PetitionRemedyMediationFirst, supervise.Text(), StringComparison.Ordinal);
        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(CaseState.HandedOff, after.State);
        Assert.Equal(1, after.SupervisionCount);
        Assert.NotNull(kit.Ledger.Get(Key).OverdueFlaggedAt);
    }

    [Fact]
    public async Task Decline_ByAnActorOutsideTheBody_IsRefusedByTheDeskAndTheLedgerIsUnchanged()
    {
        var kit = new YumenCounty();
        var c = await kit.RegisterPetitionAsync();
        var outsider = Fengqiao.Cases.CaseActor.Staff(new Fengqiao.Cases.Organisation.ActorId("m2"), CentreRoom);

        await Assert.ThrowsAsync<Fengqiao.Cases.Desk.CaseActionRefusedException>(() => kit.Mediation.DeclineAsync(Key, outsider, "不属于本室"));

        var after = (await kit.Desk.FindAsync(c.Id))!;
        Assert.Equal(CaseState.HandedOff, after.State);
        Assert.Equal(2, after.Version);
        var handOff = kit.Ledger.Get(Key);
        Assert.Equal(HandOffStatus.Sent, handOff.Status);
        Assert.Single(handOff.History);
    }
}
