using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.Rules;
using static Fengqiao.Mediation.Tests.Desk.YumenCounty;

namespace Fengqiao.Mediation.Tests.Desk;

public class CaseHandOffFactsTests
{
    private static Case CaseOf(CaseChannel channel, string category)
    {
        var report = new CaseReport(channel, new CaseCategory(category), CasePriority.Normal, new CaseLocation(Grid), new Reporter("王五", "13700000000"), "纠纷");
        var registered = new CaseEvent(new CaseId("case-x"), 1, Start, Dispatcher,
            Fengqiao.Cases.CaseLifecycle.CaseState.Registered, Fengqiao.Cases.CaseLifecycle.CaseState.Registered,
            new CaseRegistration(report, Fengqiao.Testing.BareCounty.QueryCodeKey.Digest(new Fengqiao.Cases.QueryCodes.QueryCodeGenerator().Next()), "test/1",
                new CaseSlaTerms("yumen", Fengqiao.Sla.TimeLimit.CalendarDays(60), null, null, null, [])));
        return Case.Register(registered, Calendar);
    }

    [Fact]
    public void FromCase_PoliceCallMediatedOnSite_MatchesTheFollowUpRule()
    {
        var fact = CaseHandOffFacts.FromCase(CaseOf(CaseChannel.Hotline12345, "police-on-site-neighbour"));

        Assert.Equal(HandOffOrigin.Police, fact.Origin);
        Assert.True(fact.PoliceCall);
        Assert.True(fact.MediatedOnSite);
        Assert.False(fact.TrafficAccident);
        Assert.Equal(DisputeType.Neighbour, fact.DisputeType);
        Assert.Equal([HandOffRules.PoliceCallFollowUp], HandOffRules.Decide(HandOffRules.Default, fact).Select(m => m.RuleId));
    }

    [Fact]
    public void FromCase_OrdinaryHotlineReport_MatchesNoRule()
    {
        var fact = CaseHandOffFacts.FromCase(CaseOf(CaseChannel.Hotline12345, "water-leak"));

        Assert.Equal(HandOffOrigin.Centre, fact.Origin);
        Assert.Equal(PetitionKind.None, fact.PetitionKind);
        Assert.Equal(new DisputeType("water-leak"), fact.DisputeType);
        Assert.Empty(HandOffRules.Decide(HandOffRules.Default, fact));
    }

    [Fact]
    public void FromCase_RemedyCategoryOutsideThePetitionOffice_IsNoPetition()
    {
        var fact = CaseHandOffFacts.FromCase(CaseOf(CaseChannel.MiniProgram, "petition-remedy-land"));

        Assert.Equal(HandOffOrigin.Centre, fact.Origin);
        Assert.Equal(PetitionKind.None, fact.PetitionKind);
        Assert.Equal(DisputeType.Land, fact.DisputeType);
    }
}
