using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Mediation.HandOffs;
using static Fengqiao.Mediation.Tests.HandOffs.HandOffFixtures;

namespace Fengqiao.Mediation.Tests.HandOffs;

public class HandOffMediatorTests
{
    private static readonly ActorId M1 = new("m1");

    [Fact]
    public void MediatorLoads_PendingHandOffsToMediation_CountTheTypedMediatorNotTheCauseFacts()
    {
        var ledger = new HandOffLedger(Calendar);
        var misleading = ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal).Add("mediator", "ghost");
        ledger.Send(Request("K-1", HandOffPurpose.CourtPreFilingDiversion, At(2025, 3, 3)) with { Mediator = M1, Facts = misleading });
        ledger.Send(Request("K-2", HandOffPurpose.PetitionMediationFirst, At(2025, 3, 3)) with { Facts = misleading });
        ledger.Send(Request("K-3", HandOffPurpose.CentreReferral, At(2025, 3, 3)) with { Mediator = M1 });
        ledger.Send(Request("K-4", HandOffPurpose.ProcuratorateReferral, At(2025, 3, 3)) with { Mediator = M1 });
        ledger.Decline(Key("K-4"), At(2025, 3, 4), MediatorLi, "not ours");

        var loads = ledger.MediatorLoads();

        Assert.Equal(2, loads[M1]);
        Assert.Single(loads);
        Assert.Equal(M1, ledger.Get(Key("K-1")).Mediator);
        Assert.Null(ledger.Get(Key("K-2")).Mediator);
    }

    [Fact]
    public void Project_HandOffTermsNamingAMediator_OpenTheHandOffWithThatMediator()
    {
        var ledger = new HandOffLedger(Calendar);
        var terms = new CaseHandOffTerms("K-9", nameof(HandOffPurpose.CentreReferral), "debt", new OrgUnitId("centre")) { Mediator = M1 };
        var handedOff = new CaseEvent(
            new CaseId("case-9"), 3, At(2025, 3, 3), CaseActor.System, Cases.CaseLifecycle.CaseState.Accepted,
            Cases.CaseLifecycle.CaseState.HandedOff, new CaseHandedOff(Committee, "to mediation") { Terms = terms });

        Assert.True(ledger.Project(handedOff));

        Assert.Equal(M1, ledger.Get(Key("K-9")).Mediator);
        Assert.Equal(1, ledger.MediatorLoads()[M1]);
    }

    [Fact]
    public void Project_HandOffTermsOfATrafficAccident_OpenTheHandOffMarkedTrafficAccident()
    {
        var ledger = new HandOffLedger(Calendar);
        CaseEvent HandedOff(string key, bool traffic) => new(
            new CaseId("case-" + key), 3, At(2025, 3, 3), CaseActor.System, Cases.CaseLifecycle.CaseState.Accepted,
            Cases.CaseLifecycle.CaseState.HandedOff,
            new CaseHandedOff(Committee, "to mediation")
            {
                Terms = new CaseHandOffTerms(key, nameof(HandOffPurpose.PoliceFollowUpMediation), "debt", Police) { TrafficAccident = traffic },
            });

        ledger.Project(HandedOff("T-1", traffic: true));
        ledger.Project(HandedOff("T-2", traffic: false));

        Assert.True(ledger.Get(Key("T-1")).TrafficAccident);
        Assert.False(ledger.Get(Key("T-2")).TrafficAccident);
    }
}
