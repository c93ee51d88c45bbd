using Fengqiao.TestSupport;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Rules;
using NodaTime;
using static Fengqiao.Profiles.Tests.Processes.ProfileDesk;

namespace Fengqiao.Profiles.Tests.Processes;

/// <summary>samples/profiles/yumen.yaml on a real case desk: 四调对接 — a petition seeking a remedy is mediated first.</summary>
public class YumenProcessTests
{
    // Monday 2 November 2026, 09:00 in Beijing: the rotating mediator of the first centre room is on duty.
    private static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);

    [Fact]
    public async Task Register_PetitionSeekingARemedyAtThePetitionOffice_IsHandedToMediationBeforeAnythingElse()
    {
        var kit = new ProfileDesk("yumen.yaml", Start, Unit("petition-office"));
        var report = Report("grid-001", "petition-remedy", "征地补偿款至今未发放，请求解决", CaseChannel.PetitionOffice, "玉信〔2026〕017号");

        var registered = await kit.Desk.RegisterAsync(report, Staff("petition-clerk", "petition-office"));

        var history = await kit.HistoryAsync(registered.Case.Id);
        Assert.IsType<CaseRegistration>(history[0].Payload);
        var first = history[1];
        Assert.Equal(CaseTrigger.HandOff, first.Trigger);
        Assert.Equal(CaseActorKind.System, first.Actor.Kind);
        Assert.Equal(HandOffRules.PetitionRemedyMediationFirst, first.Cause!.RuleId);
        Assert.Equal("PetitionMediationFirst", first.Cause.Facts[HandOffCasePolicy.PurposeFact]);
        Assert.Contains("玉门访调对接", first.Text(), StringComparison.Ordinal);
        var body = kit.Profile.Mediation.Bodies.Single(b => b.Id == first.Unit());
        Assert.Equal(Fengqiao.Mediation.Bodies.MediationBodyKind.CentreRoom, body.Kind);

        var now = await kit.CaseAsync(registered.Case.Id);
        Assert.Equal(CaseState.HandedOff, now.State);
        var handOff = Assert.Single(kit.Ledger.ForCase(now.Id));
        Assert.Equal(HandOffPurpose.PetitionMediationFirst, handOff.Purpose);
        Assert.Equal(new CorrelationKey("玉信〔2026〕017号"), handOff.Key);
    }

    [Fact]
    public async Task Register_NeighbourDisputeAtTheCentre_GoesToTheNeighbourCommitteeByTheCountyRow()
    {
        var kit = new ProfileDesk("yumen.yaml", Start, Unit("centre"));

        var registered = await kit.Desk.RegisterAsync(Report("grid-002", "neighbour", "楼上漏水多次协商未果"), Staff("centre-dispatcher", "centre"));

        var handOff = Assert.Single(BySystem(await kit.HistoryAsync(registered.Case.Id), CaseTrigger.HandOff));
        Assert.Equal("centre-refers-civil-disputes", handOff.Cause!.RuleId);
        Assert.Equal(Unit("committee-neighbour"), handOff.Unit());
    }
}
