using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Limits;
using Fengqiao.Mediation.Rules;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Mediation.Tests.Desk.MediationFlowsKit;
using static Fengqiao.Mediation.Tests.Desk.YumenCounty;

namespace Fengqiao.Mediation.Tests.Desk;

public class MediationFlowsTests
{
    private static readonly CorrelationKey CourtKey = new("(2026)甘0981民诉前调1号");

    // 诉调: the court's filing diverts a dispute to pre-filing mediation by hand (a dispatcher of the centre records it).
    private static async Task<Case> DivertedByCourtAsync(MediationFlowsKit kit)
    {
        var c = await kit.RegisterAsync(Report("debt", CourtKey.Value));
        await kit.Mediation.HandOffAsync(c.Id, Dispatcher, VillageCommittee, HandOffPurpose.CourtPreFilingDiversion, "法院立案前委派调解", CourtKey);
        kit.Clock.Advance(Duration.FromHours(2));
        await kit.Mediation.AcceptAsync(CourtKey, Mediator);
        kit.Clock.Advance(Duration.FromDays(3));
        return c;
    }

    [Fact]
    public async Task HandOff_ByHand_OpensALedgerEntryWithoutRuleAndHandsTheCaseOff()
    {
        var kit = new MediationFlowsKit();
        var c = await kit.RegisterAsync(Report("debt", CourtKey.Value));

        var h = await kit.Mediation.HandOffAsync(c.Id, Dispatcher, VillageCommittee, HandOffPurpose.CourtPreFilingDiversion, "法院立案前委派调解", CourtKey);

        Assert.Equal(HandOffStatus.Sent, h.Status);
        Assert.Null(h.RuleId);
        Assert.Equal(Centre, h.From);
        Assert.Equal(Dispatcher.Id, h.SentBy);
        var after = await kit.CaseAsync(c.Id);
        Assert.Equal(CaseState.HandedOff, after.State);
        Assert.Equal(VillageCommittee, after.HandedOffTo);
        var handOffEvent = (await kit.HistoryAsync(c.Id))[^1];
        Assert.Equal(CourtKey, kit.Mediation.KeyOf(handOffEvent));
        Assert.Equal(handOffEvent.At, h.SentAt);
    }

    [Fact]
    public async Task Conclude_CourtReferredAgreement_GoesToTheCourtForJudicialConfirmationWithItsClock()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);
        var signed = kit.Clock.GetCurrentInstant();

        var after = await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Agreement("被告于12月31日前还款2万元", signed));

        Assert.Equal(CaseState.HandedOff, after.State);
        Assert.Equal(Court, after.HandedOffTo);
        var confirmKey = new CorrelationKey(CourtKey.Value + "/confirm");
        var confirm = kit.Ledger.Get(confirmKey);
        Assert.Equal(HandOffPurpose.CourtJudicialConfirmation, confirm.Purpose);
        Assert.Equal(HandOffRules.CourtConfirmAgreement, confirm.RuleId);
        Assert.Equal(VillageCommittee, confirm.From);
        Assert.Equal(Court, confirm.To);
        Assert.Equal(Mediator.Id, confirm.SentBy);
        Assert.Equal(MediationLimits.JudicialConfirmationAcceptance, confirm.Clock!.Limit);
        Assert.Equal(HandOffOutcome.Agreement, kit.Ledger.Get(CourtKey).Outcome);

        var history = await kit.HistoryAsync(c.Id);
        var handBack = history[^2];
        var handOff = history[^1];
        Assert.Equal(CaseTrigger.HandBack, handBack.Trigger);
        Assert.Equal(Mediator, handBack.Actor);
        Assert.Contains(HandOffRules.CourtConfirmAgreement, handBack.Text(), StringComparison.Ordinal);
        Assert.Equal(CaseTrigger.HandOff, handOff.Trigger);
        Assert.Equal(CaseActor.System, handOff.Actor);
        Assert.Equal(HandOffRules.CourtConfirmAgreement, handOff.Cause!.RuleId);
        Assert.Equal(confirmKey.Value, handOff.Cause.Facts[HandOffCasePolicy.KeyFact]);
        Assert.Equal(VillageCommittee.ToString(), handOff.Cause.Facts[HandOffCasePolicy.FromFact]);
        Assert.Equal(Court, handOff.Unit());
        Assert.Equal(confirmKey, kit.Mediation.KeyOf(handOff));

        // The court accepts within 3 days and decides within 15 (+10); its confirmation resolves the case.
        kit.Clock.Advance(Duration.FromDays(1));
        var accepted = await kit.Mediation.AcceptAsync(confirmKey, Judge);
        Assert.Equal(MediationLimits.JudicialConfirmationDecision, accepted.Clock!.Limit);
        kit.Clock.Advance(Duration.FromDays(10));
        var resolved = await kit.Mediation.ConcludeAsync(confirmKey, Judge, MediationConclusion.Agreement("裁定确认调解协议有效", kit.Clock.GetCurrentInstant()));
        Assert.Equal(CaseState.Resolved, resolved.State);
        Assert.Contains("裁定确认调解协议有效", resolved.Reply, StringComparison.Ordinal);
        Assert.Equal(HandOffStatus.Concluded, kit.Ledger.Get(confirmKey).Status);
    }

    [Fact]
    public async Task Conclude_AgreementAfterTheConfirmationWindow_ResolvesTheCaseAndSaysWhy()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);
        kit.Clock.Advance(Duration.FromDays(40));

        var after = await kit.Mediation.ConcludeAsync(CourtKey, Mediator,
            MediationConclusion.Agreement("还款协议", kit.Clock.GetCurrentInstant() - Duration.FromDays(35)));

        Assert.Equal(CaseState.Resolved, after.State);
        Assert.Contains(HandOffRules.CourtConfirmAgreement, after.Reply, StringComparison.Ordinal);
        Assert.Contains("人民调解法 art.33", after.Reply, StringComparison.Ordinal);
        Assert.Single(kit.Ledger.ForCase(c.Id));
    }

    [Fact]
    public async Task Conclude_AgreementNotYetInEffect_IsRefusedAndNothingChanges()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);
        var version = (await kit.CaseAsync(c.Id)).Version;
        var events = kit.Ledger.Events.Count;

        var e = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.ConcludeAsync(CourtKey, Mediator,
            MediationConclusion.Agreement("还款协议", kit.Clock.GetCurrentInstant() + Duration.FromDays(2))));

        Assert.Equal(HandOffRefusal.Incomplete, e.Refusal);
        Assert.Equal(version, (await kit.CaseAsync(c.Id)).Version);
        Assert.Equal(events, kit.Ledger.Events.Count);
        Assert.Equal(HandOffStatus.Accepted, kit.Ledger.Get(CourtKey).Status);
    }

    [Fact]
    public async Task Conclude_CourtReferredFailure_ReturnsToTheCourtsFilingWhichEndsTheCaseWhenTheCourtSignsForIt()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);

        var after = await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Failure("被告不同意分期还款"));

        Assert.Equal(Court, after.HandedOffTo);
        var filingKey = new CorrelationKey(CourtKey.Value + "/filing");
        var filing = kit.Ledger.Get(filingKey);
        Assert.Equal(HandOffPurpose.CourtReturnToFiling, filing.Purpose);
        Assert.Equal(HandOffRules.CourtReturnFailure, filing.RuleId);
        Assert.Equal("被告不同意分期还款", filing.MediationRecord);

        var received = await kit.Mediation.AcceptAsync(filingKey, Judge);

        Assert.Equal(HandOffOutcome.Received, received.Outcome);
        var resolved = await kit.CaseAsync(c.Id);
        Assert.Equal(CaseState.Resolved, resolved.State);
        Assert.Contains(filingKey.Value, resolved.Reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conclude_FailedPetitionMediation_ReturnsToPetitionHandlingWithTheRecordAndItsClock()
    {
        var kit = new MediationFlowsKit();
        var petitionKey = new CorrelationKey("玉信〔2026〕001号");
        var c = await kit.RegisterAsync(Petition(), PetitionClerk);
        await kit.Mediation.AcceptAsync(petitionKey, Mediator);
        kit.Clock.Advance(Duration.FromDays(5));

        var after = await kit.Mediation.ConcludeAsync(petitionKey, Mediator, MediationConclusion.Failure("双方对欠薪数额分歧较大"));

        Assert.Equal(YumenCounty.PetitionOffice, after.HandedOffTo);
        var back = kit.Ledger.Get(new CorrelationKey(petitionKey.Value + "/petition"));
        Assert.Equal(HandOffPurpose.PetitionReturn, back.Purpose);
        Assert.Equal(HandOffRules.PetitionReturnFailure, back.RuleId);
        Assert.Equal("双方对欠薪数额分歧较大", back.MediationRecord);
        Assert.Equal(HandOffFlows.PetitionAcceptance, back.Clock!.Limit);

        var accepted = await kit.Mediation.AcceptAsync(back.Key, PetitionHandler);
        Assert.Equal(MediationLimits.PetitionHandling, accepted.Clock!.Limit);
        Assert.Equal(ExtensionRule.OnceWithApproval, accepted.Clock.Limit.Extension);
        var resolved = await kit.Mediation.ConcludeAsync(back.Key, PetitionHandler, MediationConclusion.Agreement("责成用人单位支付欠薪", kit.Clock.GetCurrentInstant()));
        Assert.Equal(CaseState.Resolved, resolved.State);
    }

    [Fact]
    public async Task Conclude_TerminatedTrafficMediation_SwitchesToPoliceMediationWithinThreeWorkingDays()
    {
        var kit = new MediationFlowsKit();
        var policeKey = new CorrelationKey("玉公交〔2026〕7号");
        var c = await kit.RegisterAsync(Report("police-on-site-traffic", policeKey.Value));
        Assert.Equal(HandOffPurpose.PoliceFollowUpMediation, kit.Ledger.Get(policeKey).Purpose);
        await kit.Mediation.AcceptAsync(policeKey, Mediator);
        kit.Clock.Advance(Duration.FromDays(2));

        var after = await kit.Mediation.ConcludeAsync(policeKey, Mediator, MediationConclusion.Failure("赔偿数额分歧，调解终止"));

        Assert.Equal(Police, after.HandedOffTo);
        var switched = kit.Ledger.Get(new CorrelationKey(policeKey.Value + "/police"));
        Assert.Equal(HandOffPurpose.PoliceTrafficSwitch, switched.Purpose);
        Assert.Equal(HandOffRules.PoliceTrafficSwitch, switched.RuleId);
        Assert.Equal(MediationLimits.TrafficSwitchToPolice, switched.Clock!.Limit);
        var accepted = await kit.Mediation.AcceptAsync(switched.Key, Officer);
        Assert.Equal(MediationLimits.TrafficPoliceMediation, accepted.Clock!.Limit);
        Assert.Equal(c.Id, accepted.CaseId);
    }

    [Fact]
    public async Task Conclude_ProcuratorateReferral_ReturnsTheOutcomeToTheProcuratorate()
    {
        var kit = new MediationFlowsKit();
        var key = new CorrelationKey("玉检〔2026〕3号");
        var c = await kit.RegisterAsync(Report("neighbour", key.Value));
        await kit.Mediation.HandOffAsync(c.Id, Dispatcher, VillageCommittee, HandOffPurpose.ProcuratorateReferral, "检调对接：刑事和解", key);
        await kit.Mediation.AcceptAsync(key, Mediator);
        kit.Clock.Advance(Duration.FromDays(4));

        var after = await kit.Mediation.ConcludeAsync(key, Mediator, MediationConclusion.Agreement("赔偿并取得谅解", kit.Clock.GetCurrentInstant()));

        Assert.Equal(Procuratorate, after.HandedOffTo);
        var back = kit.Ledger.Get(new CorrelationKey(key.Value + "/procuratorate"));
        Assert.Equal(HandOffRules.ProcuratorateReturnOutcome, back.RuleId);
        var received = await kit.Mediation.AcceptAsync(back.Key, Procurator);
        Assert.Equal(HandOffOutcome.Received, received.Outcome);
        Assert.Equal(CaseState.Resolved, (await kit.CaseAsync(c.Id)).State);
    }

    [Fact]
    public async Task Decline_ReturnHandOff_HandsTheCaseBackAndTheEntryStaysDeclined()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);
        await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Agreement("还款协议", kit.Clock.GetCurrentInstant()));
        var confirmKey = new CorrelationKey(CourtKey.Value + "/confirm");

        var back = await kit.Mediation.DeclineAsync(confirmKey, Judge, "协议内容违反法律强制性规定，不予受理");

        Assert.Equal(CaseState.Registered, back.State);
        Assert.Null(back.HandedOffTo);
        Assert.Contains("不予受理", (await kit.HistoryAsync(c.Id))[^1].Text(), StringComparison.Ordinal);
        Assert.Equal(HandOffStatus.Declined, kit.Ledger.Get(confirmKey).Status);
        Assert.Equal(2, kit.Ledger.ForCase(c.Id).Length);
    }

    [Fact]
    public async Task Sweep_UnansweredReturnHandOff_IsFlaggedOverdueOnceAndSupervised()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);
        await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Failure("调解不成"));
        kit.Clock.Advance(Duration.FromDays(8));

        var first = await kit.Mediation.SweepAsync(kit.Clock.GetCurrentInstant(), Leader);
        var second = await kit.Mediation.SweepAsync(kit.Clock.GetCurrentInstant(), Leader);

        var flagged = Assert.Single(first.Flagged);
        Assert.Equal(new CorrelationKey(CourtKey.Value + "/filing"), flagged.Key);
        Assert.Empty(second.Flagged);
        Assert.Single(await kit.HistoryAsync(c.Id), e => e.Trigger == CaseTrigger.Supervise);
    }

    [Fact]
    public async Task Answer_UnknownOrStaleKey_IsRefusedAndNothingChanges()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);
        await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Failure("调解不成"));
        var version = (await kit.CaseAsync(c.Id)).Version;
        var events = kit.Ledger.Events.Count;

        var unknown = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.AcceptAsync(new CorrelationKey("无此编号"), Judge));
        var stale = await Assert.ThrowsAsync<HandOffRefusedException>(() => kit.Mediation.AcceptAsync(CourtKey, Mediator));
        var twice = await Assert.ThrowsAsync<HandOffRefusedException>(
            () => kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Agreement("又达成协议", kit.Clock.GetCurrentInstant())));
        var early = await Assert.ThrowsAsync<HandOffRefusedException>(
            () => kit.Mediation.ConcludeAsync(new CorrelationKey(CourtKey.Value + "/filing"), Judge, MediationConclusion.Failure("x")));

        Assert.Equal(HandOffRefusal.UnknownKey, unknown.Refusal);
        Assert.Equal(HandOffRefusal.AlreadyClosed, stale.Refusal);
        Assert.Equal(HandOffRefusal.AlreadyClosed, twice.Refusal);
        Assert.Equal(HandOffRefusal.NotPermitted, early.Refusal);
        Assert.Equal(version, (await kit.CaseAsync(c.Id)).Version);
        Assert.Equal(events, kit.Ledger.Events.Count);
    }

    [Fact]
    public async Task HandOff_ByHandWithATakenKey_IsRefusedAndTheCaseIsUnchanged()
    {
        var kit = new MediationFlowsKit();
        await DivertedByCourtAsync(kit);
        var other = await kit.RegisterAsync(Report("debt", "另一案"));

        var e = await Assert.ThrowsAsync<HandOffRefusedException>(() =>
            kit.Mediation.HandOffAsync(other.Id, Dispatcher, VillageCommittee, HandOffPurpose.CentreReferral, "分流", CourtKey));

        Assert.Equal(HandOffRefusal.DuplicateKey, e.Refusal);
        Assert.Equal(CaseState.Registered, (await kit.CaseAsync(other.Id)).State);
        Assert.Empty(kit.Ledger.ForCase(other.Id));
    }

    [Fact]
    public async Task HandOff_ByHandRefusedByTheDesk_LeavesTheLedgerAlone()
    {
        var kit = new MediationFlowsKit();
        var c = await kit.RegisterAsync(Report("debt", "某案"));

        await Assert.ThrowsAsync<CaseActionRefusedException>(() =>
            kit.Mediation.HandOffAsync(c.Id, PetitionClerk, VillageCommittee, HandOffPurpose.CentreReferral, "分流"));

        Assert.Empty(kit.Ledger.ForCase(c.Id));
    }

    [Fact]
    public void Constructor_OptionNamingAnUnknownUnit_ThrowsNamingTheOptionAndTheUnit()
    {
        var bad = new MediationDeskOptions { Directory = MediationFlowsKit.Tree, Court = Court, Procuratorate = new OrgUnitId("no-such-procuratorate") };

        var e = Assert.Throws<MediationDeskConfigurationException>(() => new MediationFlowsKit(options: bad));

        Assert.Equal(nameof(MediationDeskOptions.Procuratorate), e.Option);
        Assert.Equal(new OrgUnitId("no-such-procuratorate"), e.Unit);
        Assert.Contains("no-such-procuratorate", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Conclude_WithoutTheBodyConfigured_HandsTheCaseBackAsBefore()
    {
        var kit = new MediationFlowsKit(options: new MediationDeskOptions { Directory = MediationFlowsKit.Tree, PetitionOffice = YumenCounty.PetitionOffice });
        var c = await DivertedByCourtAsync(kit);

        var after = await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Failure("调解不成"));

        Assert.Equal(CaseState.Registered, after.State);
        Assert.Single(kit.Ledger.ForCase(c.Id));
        Assert.Contains(HandOffRules.CourtReturnFailure, (await kit.HistoryAsync(c.Id))[^1].Text(), StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_ReturnFlowsWithoutThePolicyOnTheDesk_ThrowsAConfigurationErrorBeforeAnythingIsSaved()
    {
        var e = Assert.Throws<MediationDeskConfigurationException>(() => new MediationFlowsKit(withPolicy: false));

        Assert.Equal(nameof(HandOffCasePolicy), e.Option);
        Assert.Null(e.Unit);
        Assert.Contains("CaseDeskOptions.Policies", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_PolicyOverAnotherLedger_ThrowsAConfigurationError()
    {
        var kit = new MediationFlowsKit();
        var other = new HandOffLedger(YumenCounty.Calendar);

        var e = Assert.Throws<MediationDeskConfigurationException>(() => new MediationDesk(kit.Desk, other, kit.Clock, kit.Options));

        Assert.Equal(nameof(HandOffCasePolicy), e.Option);
    }

    [Fact]
    public void Constructor_WithoutOptionsAndWithoutThePolicy_IsAllowedBecauseNoReturnFlowIsDriven()
    {
        var kit = new MediationFlowsKit();
        var bare = new BareCounty(configure: o =>
        {
            o.SlaPolicy = YumenCounty.Policy;
            o.Calendar = YumenCounty.Calendar;
            o.Directory = MediationFlowsKit.Tree;
        }).Desk;

        var desk = new MediationDesk(bare, kit.Ledger, kit.Clock);

        Assert.Null(desk.Options);
        Assert.Empty(bare.Policies);
    }

    [Fact]
    public async Task KeyOf_EventOfNoHandOff_IsNull()
    {
        var kit = new MediationFlowsKit();
        var c = await kit.RegisterAsync(Report("debt", "某案"));

        var registered = Assert.Single(await kit.HistoryAsync(c.Id));

        Assert.Null(kit.Mediation.KeyOf(registered));
    }

    [Fact]
    public async Task Conclude_AnotherPolicyActsFirstOnTheHandBackAndTheHandOff_TheReturnIsStillMadeAndLedgered()
    {
        var kit = new MediationFlowsKit(before: new SuperviseEveryHandOffAndHandBack());
        var c = await DivertedByCourtAsync(kit);

        var after = await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Failure("调解不成"));

        Assert.Equal(CaseState.HandedOff, after.State);
        Assert.Equal(Court, after.HandedOffTo);
        var filing = kit.Ledger.Get(new CorrelationKey(CourtKey.Value + "/filing"));
        Assert.Equal(HandOffStatus.Sent, filing.Status);
        Assert.Contains(await kit.HistoryAsync(c.Id), e => e.Trigger == CaseTrigger.HandOff && kit.Mediation.KeyOf(e) == filing.Key);
    }

    [Fact]
    public async Task Conclude_DeskRestartedBetweenTheHandBackAndTheReturn_LosesNothingAndTheReturnCompletesOnTheNextSweep()
    {
        var store = new InMemoryCaseStore();
        var first = new MediationFlowsKit(before: new CrashOnStagedReturn(), store: store);
        var c = await DivertedByCourtAsync(first);

        // The hand-back is saved with the return it decides; the process "dies" before the return hand-off is made.
        var handedBack = await first.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Failure("被告不同意分期还款"));
        Assert.NotEqual(CaseState.HandedOff, handedBack.State);
        Assert.NotNull(handedBack.PolicyFailure);
        var staged = handedBack.PendingReturn!;
        Assert.Equal((Court, CourtKey.Value + "/filing", nameof(HandOffPurpose.CourtReturnToFiling)), (staged.Body, staged.Terms.Key, staged.Terms.Purpose));

        // A new desk, mediation desk and ledger over the same store: the ledger is rebuilt from the stored events.
        var second = new MediationFlowsKit(store: store);
        second.Clock.Reset(first.Clock.GetCurrentInstant());
        var stored = await second.Desk.GetHistoryAsync(c.Id);
        Assert.Equal(staged, Fengqiao.Cases.Case.Replay(stored, Calendar).PendingReturn);
        // Building the desks read nothing: the ledger rebuilds itself on the first call that needs it.
        Assert.Empty(second.Ledger.All());

        var swept = (await second.Mediation.SweepAsync(second.Clock.GetCurrentInstant(), YumenCounty.Leader)).Desk;

        // No host call: the sweep's own catch-up rebuilt the ledger from the stored events.
        Assert.Equal(HandOffStatus.Concluded, second.Ledger.Get(CourtKey).Status);
        Assert.Equal(first.Ledger.Get(CourtKey).History.Select(e => (e.ToString(), e.At, e.Actor, e.Text)),
            second.Ledger.Get(CourtKey).History.Select(e => (e.ToString(), e.At, e.Actor, e.Text)));

        Assert.Empty(swept.PolicyFailures);
        var after = await second.CaseAsync(c.Id);
        Assert.Equal((CaseState.HandedOff, Court), (after.State, after.HandedOffTo));
        Assert.Null(after.PendingReturn);
        Assert.Null(after.PolicyFailure);
        var filing = second.Ledger.Get(new CorrelationKey(CourtKey.Value + "/filing"));
        Assert.Equal((HandOffPurpose.CourtReturnToFiling, HandOffRules.CourtReturnFailure, HandOffStatus.Sent), (filing.Purpose, filing.RuleId, filing.Status));
        Assert.Equal("被告不同意分期还款", filing.MediationRecord);
        Assert.Equal((VillageCommittee, Mediator.Id), (filing.From, filing.SentBy));
        var history = await second.HistoryAsync(c.Id);
        Assert.Single(history, e => e.Trigger == CaseTrigger.HandOff && second.Mediation.KeyOf(e) == filing.Key);

        // The court answers the new key on the restarted desk as on any other: its signature ends the case.
        await second.Mediation.AcceptAsync(filing.Key, Judge);
        Assert.Equal(CaseState.Resolved, (await second.CaseAsync(c.Id)).State);
    }

    [Fact]
    public async Task Accept_FirstCallAfterARestartOverAStoreWithHandOffs_AnswersTheStoredKeyWithoutAnyHostCall()
    {
        var store = new InMemoryCaseStore();
        var first = new MediationFlowsKit(store: store);
        var c = await first.RegisterAsync(Report("debt", CourtKey.Value));
        await first.Mediation.HandOffAsync(c.Id, Dispatcher, VillageCommittee, HandOffPurpose.CourtPreFilingDiversion, "法院立案前委派调解", CourtKey);

        var second = first.Restarted();
        second.Clock.Advance(Duration.FromHours(2));
        var accepted = await second.Mediation.AcceptAsync(CourtKey, Mediator);

        Assert.Equal((HandOffStatus.Accepted, c.Id, Mediator.Id), (accepted.Status, accepted.CaseId, accepted.History[^1].Actor));
        Assert.Equal(first.Ledger.Get(CourtKey).SentAt, accepted.SentAt);
        var after = await second.CaseAsync(c.Id);
        Assert.Equal((CaseState.HandedOff, second.Clock.GetCurrentInstant()), (after.State, after.HandOffAcceptedAt));
        Assert.Single(second.Ledger.All());
    }

    [Fact]
    public async Task HandOffPolicy_FirstCaseDeskActionAfterARestart_SeesTheStoredKeysBeforeAnyMediationDeskCall()
    {
        var store = new InMemoryCaseStore();
        var first = new MediationFlowsKit(store: store);
        var c = await first.RegisterAsync(Report("debt", CourtKey.Value));
        await first.Mediation.HandOffAsync(c.Id, Dispatcher, VillageCommittee, HandOffPurpose.CourtPreFilingDiversion, "法院立案前委派调解", CourtKey);

        // After the restart the first call is a case desk action: the hand-off policy must see that the key is taken.
        var second = first.Restarted();
        var diverted = await second.RegisterAsync(Report("petition-remedy-labour", CourtKey.Value, CaseChannel.PetitionOffice), PetitionHandler);

        var history = await second.HistoryAsync(diverted.Id);
        var handOff = Assert.IsType<Fengqiao.Cases.Events.CaseHandedOff>(history[^1].Payload);
        Assert.Equal($"{CourtKey.Value}/{diverted.Id}", handOff.Terms!.Key);
        Assert.Equal(c.Id, second.Ledger.Get(CourtKey).CaseId);
        Assert.Equal(diverted.Id, second.Ledger.Get(new CorrelationKey(handOff.Terms.Key)).CaseId);
    }

    [Fact]
    public async Task CatchUpAsync_StoreThatFailsOnce_FailsThatCallAndRebuildsOnTheNext()
    {
        var store = new InMemoryCaseStore();
        var first = new MediationFlowsKit(store: store);
        var c = await first.RegisterAsync(Report("debt", CourtKey.Value));
        await first.Mediation.HandOffAsync(c.Id, Dispatcher, VillageCommittee, HandOffPurpose.CourtPreFilingDiversion, "法院立案前委派调解", CourtKey);
        var second = first.Restarted();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.Mediation.CatchUpAsync(cancelled.Token));
        await second.Mediation.CatchUpAsync();

        Assert.Equal((c.Id, HandOffStatus.Sent), (second.Ledger.Get(CourtKey).CaseId, second.Ledger.Get(CourtKey).Status));
    }

    [Fact]
    public async Task Conclude_ReturnFlow_IsOneDeskActionWhoseHandBackCarriesTheReturnAndNoPolicyWritesTheLedger()
    {
        var kit = new MediationFlowsKit();
        var c = await DivertedByCourtAsync(kit);

        await kit.Mediation.ConcludeAsync(CourtKey, Mediator, MediationConclusion.Failure("调解不成"));

        var history = await kit.HistoryAsync(c.Id);
        var (handBack, handOff) = (history[^2], history[^1]);
        var staged = Assert.IsType<Fengqiao.Cases.Events.CaseHandedBack>(handBack.Payload).Return!;
        var made = Assert.IsType<Fengqiao.Cases.Events.CaseHandedOff>(handOff.Payload);
        Assert.Equal(Mediator, handBack.Actor);
        Assert.Equal(staged.Terms, made.Terms);
        Assert.Equal((CourtKey.Value, Mediator.Id), (staged.Terms.Returns, staged.Terms.SentBy));
        // A ledger that only folds the events knows the same hand-off: the events are the source.
        var rebuilt = new HandOffLedger(Calendar);
        rebuilt.ProjectAll(history);
        var (live, folded) = (kit.Ledger.Get(new CorrelationKey(staged.Terms.Key)), rebuilt.Get(new CorrelationKey(staged.Terms.Key)));
        Assert.Equal((live.Purpose, live.From, live.To, live.SentBy, live.RuleId, live.MediationRecord, live.Status, live.Clock?.Clock.Deadline),
            (folded.Purpose, folded.From, folded.To, folded.SentBy, folded.RuleId, folded.MediationRecord, folded.Status, folded.Clock?.Clock.Deadline));
    }

    [Fact]
    public void Agreement_WithoutTerms_ThrowsNamingTheField()
    {
        var e = Assert.Throws<ArgumentException>(() => MediationConclusion.Agreement(" ", Start));

        Assert.Equal("terms", e.ParamName);
    }

    // A county policy listed before the hand-off policy that notes every hand-off and hand-back with a Supervise.
    /// <summary>Fails whenever a case carries a staged return: as if the process died after saving the hand-back.</summary>
    private sealed class CrashOnStagedReturn : Fengqiao.Cases.Policies.ICasePolicy
    {
        public string Name => "crash";

        public ValueTask<IReadOnlyList<Fengqiao.Cases.Policies.CasePolicyAction>> EvaluateAsync(
            Fengqiao.Cases.Policies.CasePolicyArguments arguments, CancellationToken cancellationToken) =>
            arguments.Case.PendingReturn is null
                ? ValueTask.FromResult<IReadOnlyList<Fengqiao.Cases.Policies.CasePolicyAction>>([])
                : throw new InvalidOperationException("the process died");
    }

    private sealed class SuperviseEveryHandOffAndHandBack : Fengqiao.Cases.Policies.ICasePolicy
    {
        public string Name => "supervise-hand-offs";

        public ValueTask<IReadOnlyList<Fengqiao.Cases.Policies.CasePolicyAction>> EvaluateAsync(
            Fengqiao.Cases.Policies.CasePolicyArguments arguments, CancellationToken cancellationToken)
        {
            IReadOnlyList<Fengqiao.Cases.Policies.CasePolicyAction> none = [];
            if (arguments.LastEvent is { Trigger: CaseTrigger.HandOff or CaseTrigger.HandBack } e)
            {
                return ValueTask.FromResult<IReadOnlyList<Fengqiao.Cases.Policies.CasePolicyAction>>(
                [
                    new(new Fengqiao.Cases.Events.CaseSupervised($"noted {e.Trigger}"), new Fengqiao.Cases.Events.CaseEventCause("supervise-hand-offs")),
                ]);
            }

            return ValueTask.FromResult(none);
        }
    }
}
