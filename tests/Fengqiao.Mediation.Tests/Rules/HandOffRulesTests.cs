using Fengqiao.Cases;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Layering;
using Fengqiao.TestSupport;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.Rules;

public class HandOffRulesTests
{
    private static HandOffPurpose[] Purposes(HandOffFact fact) =>
        [.. HandOffRules.Decide(HandOffRules.Default, fact).Select(m => m.Decision.Purpose)];

    [Fact]
    public void Court_SuitableFiledDispute_IsDiverted_UnsuitableIsNot()
    {
        var fact = new HandOffFact(HandOffOrigin.Court, DisputeType.Debt) { FiledWithCourt = true, SuitableForMediation = true };

        Assert.Equal([HandOffPurpose.CourtPreFilingDiversion], Purposes(fact));
        Assert.Empty(Purposes(fact with { SuitableForMediation = false }));
    }

    [Fact]
    public void Mediation_AgreementWithConfirmationRequested_GoesToCourt_FailureReturnsToFiling()
    {
        var agreed = new HandOffFact(HandOffOrigin.Mediation, DisputeType.Debt)
        {
            CameBy = HandOffRoute.Court, MediationOutcome = HandOffOutcome.Agreement, ConfirmationRequested = true,
        };

        Assert.Equal([HandOffPurpose.CourtJudicialConfirmation], Purposes(agreed));
        Assert.Equal([HandOffPurpose.CourtReturnToFiling], Purposes(agreed with { MediationOutcome = HandOffOutcome.Failure }));
        Assert.Empty(Purposes(agreed with { ConfirmationRequested = false }));
    }

    [Fact]
    public void Police_CallMediatedOnSite_GoesToTheCommittee_TrafficSwitchOnRequest()
    {
        var call = new HandOffFact(HandOffOrigin.Police, DisputeType.Neighbour) { PoliceCall = true, MediatedOnSite = true };
        var traffic = new HandOffFact(HandOffOrigin.Mediation, DisputeType.Traffic)
        {
            TrafficAccident = true, MediationOutcome = HandOffOutcome.Failure, SwitchToPoliceRequested = true,
        };

        Assert.Equal([HandOffPurpose.PoliceFollowUpMediation], Purposes(call));
        Assert.Equal([HandOffPurpose.PoliceTrafficSwitch], Purposes(traffic));
        Assert.Empty(Purposes(traffic with { SwitchToPoliceRequested = false }));
    }

    [Fact]
    public void Petition_SeekingARemedy_GoesToMediationFirst_FailureReturns()
    {
        var petition = new HandOffFact(HandOffOrigin.PetitionOffice, DisputeType.Labour) { PetitionKind = PetitionKind.SeeksRemedy };
        var failed = new HandOffFact(HandOffOrigin.Mediation, DisputeType.Labour) { CameBy = HandOffRoute.Petition, MediationOutcome = HandOffOutcome.Failure };

        Assert.Equal([HandOffPurpose.PetitionMediationFirst], Purposes(petition));
        Assert.Empty(Purposes(petition with { PetitionKind = PetitionKind.Accusation }));
        Assert.Equal([HandOffPurpose.PetitionReturn], Purposes(failed));
    }

    [Fact]
    public void Procuratorate_SuitableMatter_IsReferred_AndAnAgreementGoesBothToConfirmationAndBack()
    {
        var referral = new HandOffFact(HandOffOrigin.Procuratorate, DisputeType.Neighbour)
        {
            ProcuratorateMatter = ProcuratorateMatter.CriminalReconciliation, SuitableForMediation = true,
        };
        var agreed = new HandOffFact(HandOffOrigin.Mediation, DisputeType.Neighbour)
        {
            CameBy = HandOffRoute.Procuratorate, MediationOutcome = HandOffOutcome.Agreement, ConfirmationRequested = true,
        };

        Assert.Equal([HandOffPurpose.ProcuratorateReferral], Purposes(referral));
        Assert.Equal([HandOffPurpose.CourtJudicialConfirmation, HandOffPurpose.ProcuratorateReturn], Purposes(agreed));
    }

    [Fact]
    public void County_OverridesARuleById_AndTheTraceSaysWhere()
    {
        var yumen = new RuleOverridesBuilder<HandOffFact, HandOffDecision>(RuleOrigin.County("Yumen"))
            .Replace(new Rule<HandOffFact, HandOffDecision>(HandOffRules.CourtDivertSuitable, "Yumen diverts every filed civil dispute unless unsuitable is recorded",
                Condition.All(Condition.Part<HandOffFact>("with Court", f => f.Origin == HandOffOrigin.Court),
                    Condition.Part<HandOffFact>("filed with the court", f => f.FiledWithCourt)),
                _ => new HandOffDecision(HandOffPurpose.CourtPreFilingDiversion, HandOffTarget.MediationBody, "Yumen: diverted by default")))
            .Disable(HandOffRules.CentreReferSuitable, "Yumen's centre mediates in its own rooms")
            .Build();
        var rules = HandOffRules.Default.With(yumen);
        var unsuitable = new HandOffFact(HandOffOrigin.Court, DisputeType.Debt) { FiledWithCourt = true };

        var explanation = rules.Explain(unsuitable);

        Assert.Equal([HandOffRules.CourtDivertSuitable], explanation.AppliedRuleIds);
        Assert.Equal(RuleOrigin.County("Yumen"), explanation[HandOffRules.CourtDivertSuitable].Origin);
        Assert.Empty(HandOffRules.Decide(rules, new HandOffFact(HandOffOrigin.Centre, DisputeType.Debt) { SuitableForMediation = true }));
        Assert.Equal(RuleTraceStatus.Disabled, explanation[HandOffRules.CentreReferSuitable].Status);
    }

    [Fact]
    public void Explain_CourtDiversion_ShowsEveryRuleAndPart()
    {
        var fact = new HandOffFact(HandOffOrigin.Court, DisputeType.Debt) { FiledWithCourt = true, SuitableForMediation = true };

        Snapshot.Match(HandOffRules.Default.Explain(fact).ToString());
    }

    [Fact]
    public void ToRequest_CitesTheRuleAndTheFacts_AndTheLedgerKeepsThem()
    {
        var fact = new HandOffFact(HandOffOrigin.Court, DisputeType.Debt) { FiledWithCourt = true, SuitableForMediation = true };
        var match = Assert.Single(HandOffRules.Decide(HandOffRules.Default, fact));

        var request = HandOffRules.ToRequest(match, fact, Key("(2025)1号"), new CaseId("case-1"), Court, Committee, Clerk, At(2025, 3, 3));
        var sent = new HandOffLedger(Calendar).Send(request);

        Assert.Equal(HandOffRules.CourtDivertSuitable, sent.RuleId);
        Assert.Equal(HandOffRules.CourtDivertSuitable, sent.History[0].RuleId);
        Assert.Equal("yes", sent.History[0].Facts["suitable"]);
        Assert.Equal("Court", sent.History[0].Facts["origin"]);
        Assert.Equal(HandOffRoute.Court, sent.Route);
    }

    [Fact]
    public void Default_HasOneRulePerFlow()
    {
        var purposes = HandOffRules.Default.Rules.Select(r => r.Rule.Decide(new HandOffFact(HandOffOrigin.Court, DisputeType.Debt)).Purpose).ToHashSet();

        Assert.Equal(Enum.GetValues<HandOffPurpose>().ToHashSet(), purposes);
        Assert.Equal(HitPolicy.Collect, HandOffRules.Default.HitPolicy);
    }
}
