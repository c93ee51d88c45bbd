using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Limits;
using Fengqiao.Sla;
using NodaTime;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.HandOffs;

public class HandOffLedgerTests
{
    private static HandOffLedger Ledger() => new(Calendar);

    [Fact]
    public void CourtDiversion_Accepted_RunsThirtyDaysFromSigningAndExtendsWithoutCapByConsent()
    {
        var ledger = Ledger();
        ledger.Send(Request("(2025)甘0981民诉前调1号", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));

        var accepted = ledger.Accept(Key("(2025)甘0981民诉前调1号"), At(2025, 3, 4), MediatorLi);

        Assert.Equal(HandOffStatus.Accepted, accepted.Status);
        Assert.Same(MediationLimits.CourtReferredMediation, accepted.Clock!.Limit);
        Assert.Equal(Calendar.Deadline(At(2025, 3, 4), TimeLimit.CalendarDays(30)).Deadline, accepted.Clock.Clock.Deadline);
        var extended = accepted;
        for (var i = 0; i < 4; i++)
        {
            extended = ledger.Extend(accepted.Key, TimeLimit.CalendarDays(30), At(2025, 3, 20), MediatorLi, "all parties consent");
        }

        Assert.Equal(4, extended.Clock!.Extensions);
        var done = ledger.Conclude(accepted.Key, At(2025, 4, 1), MediatorLi, HandOffOutcome.Agreement, "agreement signed");
        Assert.Equal(HandOffStatus.Concluded, done.Status);
        Assert.Equal(HandOffOutcome.Agreement, done.Outcome);
        Assert.Equal(
            [HandOffEventKind.Sent, HandOffEventKind.Accepted, HandOffEventKind.Extended, HandOffEventKind.Extended,
             HandOffEventKind.Extended, HandOffEventKind.Extended, HandOffEventKind.Concluded],
            done.History.Select(e => e.Kind));
        Assert.Equal(done.History, ledger.Events);
    }

    [Fact]
    public void Decline_NeedsAReason_ReturnsTheDisputeAndKeepsTheHandOff()
    {
        var ledger = Ledger();
        var sent = ledger.Send(Request("P-7", HandOffPurpose.PetitionMediationFirst, At(2025, 3, 3)));

        var noReason = Assert.Throws<HandOffRefusedException>(() => ledger.Decline(sent.Key, At(2025, 3, 4), MediatorLi, " "));
        var declined = ledger.Decline(sent.Key, At(2025, 3, 4), MediatorLi, "outside the committee's area");

        Assert.Equal(HandOffRefusal.Incomplete, noReason.Refusal);
        Assert.Equal(HandOffStatus.Declined, declined.Status);
        Assert.Equal("outside the committee's area", declined.History[^1].Text);
        Assert.Equal(PetitionOffice, declined.History[^1].From);
        Assert.Single(ledger.All());
        Assert.False(declined.IsPending);
    }

    [Fact]
    public void Answer_UnknownKey_IsRefusedAndChangesNothing()
    {
        var ledger = Ledger();
        ledger.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));
        var before = ledger.Events;

        var e = Assert.Throws<HandOffRefusedException>(() => ledger.Accept(Key("K-404"), At(2025, 3, 4), MediatorLi));

        Assert.Equal(HandOffRefusal.UnknownKey, e.Refusal);
        Assert.Equal(Key("K-404"), e.Key);
        Assert.Null(e.CaseId);
        Assert.Contains("'K-404'", e.Message);
        Assert.Same(before, ledger.Events);
    }

    [Fact]
    public void Answer_ForAConcludedHandOff_IsRefusedNamingKeyCaseAndBodies_AndNeverAppliedTwice()
    {
        var ledger = Ledger();
        var sent = ledger.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3), caseId: "case-42"));
        ledger.Accept(sent.Key, At(2025, 3, 4), MediatorLi);
        var done = ledger.Conclude(sent.Key, At(2025, 3, 10), MediatorLi, HandOffOutcome.Failure);
        var events = ledger.Events;

        var again = Assert.Throws<HandOffRefusedException>(() => ledger.Conclude(sent.Key, At(2025, 3, 11), MediatorLi, HandOffOutcome.Agreement));
        var late = Assert.Throws<HandOffRefusedException>(() => ledger.Accept(sent.Key, At(2025, 3, 11), MediatorLi));

        Assert.Equal(HandOffRefusal.AlreadyClosed, again.Refusal);
        Assert.Equal(HandOffRefusal.AlreadyClosed, late.Refusal);
        Assert.Equal(new CaseId("case-42"), again.CaseId);
        Assert.Equal(Court, again.From);
        Assert.Equal(Committee, again.To);
        Assert.Equal(HandOffStatus.Concluded, again.Status);
        Assert.Contains("'K-1' of case case-42 from court-yumen to committee-xinshi", again.Message);
        Assert.Contains("never applied twice", again.Message);
        Assert.Same(events, ledger.Events);
        Assert.Same(done, ledger.Get(sent.Key));
    }

    [Fact]
    public void Answer_NotFittingTheStatus_IsRefused()
    {
        var ledger = Ledger();
        var sent = ledger.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));

        var early = Assert.Throws<HandOffRefusedException>(() => ledger.Conclude(sent.Key, At(2025, 3, 4), MediatorLi, HandOffOutcome.Agreement));
        ledger.Accept(sent.Key, At(2025, 3, 4), MediatorLi);
        var twice = Assert.Throws<HandOffRefusedException>(() => ledger.Accept(sent.Key, At(2025, 3, 5), MediatorLi));
        var backwards = Assert.Throws<HandOffRefusedException>(() => ledger.Conclude(sent.Key, At(2025, 3, 3), MediatorLi, HandOffOutcome.Agreement));
        var received = Assert.Throws<HandOffRefusedException>(() => ledger.Conclude(sent.Key, At(2025, 3, 5), MediatorLi, HandOffOutcome.Received));

        Assert.Equal(HandOffRefusal.NotPermitted, early.Refusal);
        Assert.Equal(HandOffRefusal.NotPermitted, twice.Refusal);
        Assert.Equal(HandOffRefusal.OutOfOrder, backwards.Refusal);
        Assert.Equal(HandOffRefusal.Incomplete, received.Refusal);
    }

    [Fact]
    public void Send_DuplicateKey_IsRefused()
    {
        var ledger = Ledger();
        ledger.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));

        var e = Assert.Throws<HandOffRefusedException>(() => ledger.Send(Request("K-1", HandOffPurpose.CourtReturnToFiling, At(2025, 3, 5))));

        Assert.Equal(HandOffRefusal.DuplicateKey, e.Refusal);
        Assert.Single(ledger.All());
    }

    [Fact]
    public void JudicialConfirmation_OnlyWithinThirtyDaysOfTheAgreement_CourtAcceptsInThreeAndDecidesInFifteenPlusTen()
    {
        var ledger = Ledger();
        var effect = At(2025, 3, 3);
        var late = Request("J-1", HandOffPurpose.CourtJudicialConfirmation, At(2025, 4, 8)) with { AgreementTakesEffect = effect };
        var missing = Request("J-1", HandOffPurpose.CourtJudicialConfirmation, At(2025, 3, 10));

        Assert.Equal(HandOffRefusal.OutsideWindow, Assert.Throws<HandOffRefusedException>(() => ledger.Send(late)).Refusal);
        Assert.Equal(HandOffRefusal.Incomplete, Assert.Throws<HandOffRefusedException>(() => ledger.Send(missing)).Refusal);
        var sent = ledger.Send(late with { At = At(2025, 3, 10) });
        Assert.Same(MediationLimits.JudicialConfirmationAcceptance, sent.Clock!.Limit);
        Assert.Equal(Calendar.Deadline(At(2025, 3, 10), TimeLimit.CalendarDays(3)).Deadline, sent.Clock.Clock.Deadline);

        var accepted = ledger.Accept(sent.Key, At(2025, 3, 11), Clerk);
        Assert.Same(MediationLimits.JudicialConfirmationDecision, accepted.Clock!.Limit);
        var tooLong = Assert.Throws<HandOffRefusedException>(() => ledger.Extend(sent.Key, TimeLimit.CalendarDays(11), At(2025, 3, 20), Clerk, "president approved"));
        var extended = ledger.Extend(sent.Key, TimeLimit.CalendarDays(10), At(2025, 3, 20), Clerk, "president approved");
        var twice = Assert.Throws<HandOffRefusedException>(() => ledger.Extend(sent.Key, TimeLimit.CalendarDays(1), At(2025, 3, 21), Clerk, "again"));

        Assert.Contains("at most 10 days", tooLong.Message);
        Assert.Contains("only once", twice.Message);
        Assert.Equal(1, extended.Clock!.Extensions);
    }

    [Fact]
    public void TrafficSwitch_WithinThreeWorkingDaysOfTermination_ThenPoliceMediateInTenWorkingDays()
    {
        var ledger = Ledger();
        var ended = At(2025, 3, 7, 16); // a Friday
        var request = Request("T-1", HandOffPurpose.PoliceTrafficSwitch, At(2025, 3, 13), DisputeType.Traffic) with { MediationTerminated = ended };

        Assert.Equal(HandOffRefusal.OutsideWindow, Assert.Throws<HandOffRefusedException>(() => ledger.Send(request)).Refusal);
        var sent = ledger.Send(request with { At = At(2025, 3, 12) });
        var accepted = ledger.Accept(sent.Key, At(2025, 3, 12, 14), Clerk);

        Assert.Same(MediationLimits.TrafficPoliceMediation, accepted.Clock!.Limit);
        Assert.Equal(Calendar.Deadline(At(2025, 3, 12, 14), TimeLimit.WorkingDays(10)).Deadline, accepted.Clock.Clock.Deadline);
    }

    [Fact]
    public void PetitionReturn_NeedsTheMediationRecord_AndRunsSixtyDaysPlusThirty()
    {
        var ledger = Ledger();
        var bare = Request("P-1", HandOffPurpose.PetitionReturn, At(2025, 3, 3)) with { MediationRecord = null };

        Assert.Equal(HandOffRefusal.Incomplete, Assert.Throws<HandOffRefusedException>(() => ledger.Send(bare)).Refusal);
        var sent = ledger.Send(bare with { MediationRecord = "调解笔录 2025-031" });
        Assert.Same(HandOffFlows.PetitionAcceptance, sent.Clock!.Limit);
        var accepted = ledger.Accept(sent.Key, At(2025, 3, 5), Clerk);

        Assert.Equal("调解笔录 2025-031", accepted.MediationRecord);
        Assert.Same(MediationLimits.PetitionHandling, accepted.Clock!.Limit);
        Assert.Equal(1, ledger.Extend(sent.Key, TimeLimit.CalendarDays(30), At(2025, 4, 20), Clerk, "head approved; petitioner told why").Clock!.Extensions);
    }

    [Theory]
    [InlineData(HandOffPurpose.CourtReturnToFiling)]
    [InlineData(HandOffPurpose.ProcuratorateReturn)]
    public void ReturnFlow_ConcludesWhenTheOutsideBodyAcceptsIt(HandOffPurpose purpose)
    {
        var ledger = Ledger();
        var sent = ledger.Send(Request("R-1", purpose, At(2025, 3, 3)));

        var accepted = ledger.Accept(sent.Key, At(2025, 3, 4), Clerk);

        Assert.Equal(HandOffStatus.Concluded, accepted.Status);
        Assert.Equal(HandOffOutcome.Received, accepted.Outcome);
        Assert.Equal([HandOffEventKind.Sent, HandOffEventKind.Accepted, HandOffEventKind.Concluded], ledger.Events.Select(e => e.Kind));
    }

    [Fact]
    public void ConclusionLimit_FollowsTheDisputeTypeWhereTheFlowHasNone()
    {
        Assert.Same(MediationLimits.MedicalMediation, HandOffFlows.ConclusionLimitFor(HandOffPurpose.PetitionMediationFirst, DisputeType.Medical));
        Assert.Same(MediationLimits.LabourMediation, HandOffFlows.ConclusionLimitFor(HandOffPurpose.ProcuratorateReferral, DisputeType.Labour));
        Assert.Same(HandOffFlows.DefaultMediationLimit, HandOffFlows.ConclusionLimitFor(HandOffPurpose.PoliceFollowUpMediation, DisputeType.Neighbour));
        Assert.Same(MediationLimits.CourtReferredMediation, HandOffFlows.ConclusionLimitFor(HandOffPurpose.CourtPreFilingDiversion, DisputeType.Medical));
        Assert.Null(HandOffFlows.ConclusionLimitFor(HandOffPurpose.CourtReturnToFiling, DisputeType.Debt));
        Assert.All(HandOffFlows.All, f => Assert.Same(f, HandOffFlows.For(f.Purpose)));
        Assert.Equal(Enum.GetValues<HandOffPurpose>().Length, HandOffFlows.All.Length);
    }

    [Fact]
    public void Sweep_FlagsAnOverduePendingHandOffOnce_CitingTheLimitsSource()
    {
        var ledger = Ledger();
        ledger.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));
        ledger.Send(Request("K-2", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));
        ledger.Accept(Key("K-2"), At(2025, 3, 4), MediatorLi);

        var early = ledger.Sweep(At(2025, 3, 5, 9));
        var flagged = ledger.Sweep(At(2025, 3, 10));
        var again = ledger.Sweep(At(2025, 3, 11));

        Assert.Empty(early);
        var e = Assert.Single(flagged);
        Assert.Equal(Key("K-1"), e.Key);
        Assert.Equal(HandOffEventKind.FlaggedOverdue, e.Kind);
        Assert.Equal(HandOffLedger.SweepActor, e.Actor);
        Assert.Contains("county practice", e.Text);
        Assert.Empty(again);
        Assert.Equal(At(2025, 3, 10), ledger.Get(Key("K-1")).OverdueFlaggedAt);
        Assert.True(ledger.Get(Key("K-1")).IsPending);
    }

    [Fact]
    public void AppraisalPause_OnAMedicalHandOff_MovesTheDeadlineByThePausedWorkingTime()
    {
        var ledger = Ledger();
        var sent = ledger.Send(Request("M-1", HandOffPurpose.PetitionMediationFirst, At(2025, 3, 3), DisputeType.Medical));
        var accepted = ledger.Accept(sent.Key, At(2025, 3, 3, 11), MediatorLi);
        var before = accepted.Clock!.Clock.Deadline;

        ledger.PauseForExclusion(sent.Key, At(2025, 3, 10), MediatorLi, "appraisal 鉴定");
        var resumed = ledger.Resume(sent.Key, At(2025, 3, 24, 15), MediatorLi);

        var paused = Calendar.WorkingTimeBetween(At(2025, 3, 10), At(2025, 3, 24, 15));
        Assert.Equal(Calendar.AddWorkingTime(before, paused), resumed.Clock!.Clock.Deadline);
    }

    [Fact]
    public void ForCase_KeepsTheCaseHistoryAcrossBodies()
    {
        var ledger = Ledger();
        ledger.Send(Request("C-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3), caseId: "case-9"));
        ledger.Send(Request("X-1", HandOffPurpose.PetitionMediationFirst, At(2025, 3, 3), caseId: "case-other"));
        ledger.Accept(Key("C-1"), At(2025, 3, 4), MediatorLi);
        ledger.Conclude(Key("C-1"), At(2025, 3, 20), MediatorLi, HandOffOutcome.Failure);
        ledger.Send(Request("C-1/filing", HandOffPurpose.CourtReturnToFiling, At(2025, 3, 21), caseId: "case-9"));

        var history = ledger.ForCase(new CaseId("case-9"));

        Assert.Equal(["C-1", "C-1/filing"], history.Select(h => h.Key.Value));
        Assert.Equal([Court, Committee], history.Select(h => h.From));
    }

    [Fact]
    public void ConcurrentDuplicateAnswers_AreAppliedExactlyOnce()
    {
        var ledger = Ledger();
        var sent = ledger.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));
        ledger.Accept(sent.Key, At(2025, 3, 4), MediatorLi);
        var applied = 0;
        var refused = 0;

        Parallel.For(0, 64, _ =>
        {
            try
            {
                ledger.Conclude(sent.Key, At(2025, 3, 10), MediatorLi, HandOffOutcome.Agreement);
                Interlocked.Increment(ref applied);
            }
            catch (HandOffRefusedException e) when (e.Refusal == HandOffRefusal.AlreadyClosed)
            {
                Interlocked.Increment(ref refused);
            }
        });

        Assert.Equal(1, applied);
        Assert.Equal(63, refused);
        Assert.Single(ledger.Events, e => e.Kind == HandOffEventKind.Concluded);
    }

    [Fact]
    public void Restore_RebuildsTheLedgerFromStoredHandOffs()
    {
        var first = Ledger();
        first.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)));
        first.Accept(Key("K-1"), At(2025, 3, 4), MediatorLi);

        var restored = new HandOffLedger(Calendar, first.All());
        var done = restored.Conclude(Key("K-1"), At(2025, 3, 9), MediatorLi, HandOffOutcome.Agreement);

        Assert.Equal(HandOffStatus.Concluded, done.Status);
        Assert.Throws<ArgumentException>(() => new HandOffLedger(Calendar, [.. first.All(), .. first.All()]));
    }

    [Fact]
    public void Project_TwoFoldWindowsOfOtherCases_ForgetsAnIdleCaseWithoutHandOffButNeverOneWithAHandOff()
    {
        var ledger = Ledger();
        var at = At(2025, 3, 3);
        CaseEvent Supervised(string id, long version) =>
            new(new CaseId(id), version, at, CaseActor.System, CaseState.Accepted, CaseState.Accepted, new CaseSupervised("noted"));
        var handedOff = new CaseEvent(
            new CaseId("with-hand-off"), 3, at, CaseActor.System, CaseState.Accepted, CaseState.HandedOff,
            new CaseHandedOff(Committee, "to mediation") { Terms = new CaseHandOffTerms("K-1", nameof(HandOffPurpose.CentreReferral), "debt", new OrgUnitId("centre")) });
        Assert.True(ledger.Project(handedOff));
        Assert.False(ledger.Project(Supervised("idle", 1)));

        // Remembered: a skipped version is refused for both cases.
        Assert.Throws<ArgumentException>(() => ledger.Project(Supervised("idle", 3)));
        Assert.Throws<ArgumentException>(() => ledger.Project(Supervised("with-hand-off", 5)));

        // 262,144 other cases without hand-offs, one event each: two generations of fold records go by.
        for (var i = 0; i < 262_144; i++)
        {
            ledger.Project(Supervised("other-" + i, 1));
        }

        // The idle case is forgotten: its next event is taken as its first, whatever its version.
        Assert.False(ledger.Project(Supervised("idle", 3)));
        Assert.Throws<ArgumentException>(() => ledger.Project(Supervised("idle", 5)));

        // The case with a hand-off is remembered for good: a skipped version is still refused, its hand-off event is
        // skipped when folded again (not opened twice), and its next version goes on.
        Assert.Throws<ArgumentException>(() => ledger.Project(Supervised("with-hand-off", 5)));
        Assert.False(ledger.Project(handedOff));
        Assert.False(ledger.Project(Supervised("with-hand-off", 4)));
        Assert.Single(ledger.All());
    }
}
