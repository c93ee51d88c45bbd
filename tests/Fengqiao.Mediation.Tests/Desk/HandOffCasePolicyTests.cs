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

public class HandOffCasePolicyTests
{
    private static readonly CorrelationKey Key = new("玉信〔2026〕001号");

    [Fact]
    public async Task Register_PetitionSeekingRemedy_IsInMediationBeforeAnyOtherStep()
    {
        var kit = new YumenCounty();

        var c = await kit.RegisterPetitionAsync();

        Assert.Equal(CaseState.HandedOff, c.State);
        Assert.Equal(VillageCommittee, c.HandedOffTo);
        Assert.Equal(CaseState.Registered, c.HandedOffFrom);
        var history = await kit.HistoryAsync(c.Id);
        Assert.Collection(history,
            e => Assert.IsType<CaseRegistration>(e.Payload),
            e =>
            {
                Assert.Equal(CaseTrigger.HandOff, e.Trigger);
                Assert.Equal(CaseActor.System, e.Actor);
                Assert.Equal(VillageCommittee, e.Unit());
                Assert.Contains("访调对接", e.Text(), StringComparison.Ordinal);
                Assert.Equal(HandOffRules.PetitionRemedyMediationFirst, e.Cause!.RuleId);
                Assert.Equal("SeeksRemedy", e.Cause.Facts["petition-kind"]);
                Assert.Equal("PetitionOffice", e.Cause.Facts["origin"]);
                Assert.Equal("labour", e.Cause.Facts["dispute-type"]);
                Assert.Equal(Key.Value, e.Cause.Facts[HandOffCasePolicy.KeyFact]);
                Assert.Equal("m1", e.Cause.Facts[HandOffCasePolicy.MediatorFact]);
            });
        var handOff = kit.Ledger.Get(Key);
        Assert.Equal(c.Id, handOff.CaseId);
        Assert.Equal(HandOffPurpose.PetitionMediationFirst, handOff.Purpose);
        Assert.Equal(HandOffStatus.Sent, handOff.Status);
        Assert.Equal(HandOffRules.PetitionRemedyMediationFirst, handOff.RuleId);
        Assert.Equal(Centre, handOff.From);
        Assert.Equal(VillageCommittee, handOff.To);
    }

    [Fact]
    public async Task Register_MoreDisputesThanMediatorsCanCarry_NeverAssignsAMediatorBeyondCapacity()
    {
        var kit = new YumenCounty();
        var cases = new List<Case>();

        // The village mediator and the centre's each carry five at most.
        for (var i = 0; i < 10; i++)
        {
            cases.Add(await kit.RegisterPetitionAsync(PetitionBy(i)));
        }

        Assert.All(cases, c => Assert.Equal(CaseState.HandedOff, c.State));
        Assert.Equal(5, cases.Count(c => c.HandedOffTo == VillageCommittee));
        Assert.Equal(5, cases.Count(c => c.HandedOffTo == CentreRoom));
        Assert.Equal(5, kit.Ledger.MediatorLoads()[new Fengqiao.Cases.Organisation.ActorId("m1")]);

        // The eleventh finds nobody free: the policy says so on the case (never a silent default) and the case stays registered.
        var refused = (await kit.Desk.RegisterAsync(PetitionBy(11), PetitionClerk)).Case;
        Assert.Equal(CaseState.Registered, refused.State);
        Assert.Equal(HandOffRules.RuleSetName, refused.PolicyFailure!.Policy);
        Assert.Contains("no mediation body has an eligible mediator", refused.PolicyFailure.Reason, StringComparison.Ordinal);
        Assert.Equal(10, kit.Ledger.All().Length);
    }

    private static CaseReport PetitionBy(int petitioner) =>
        new(CaseChannel.PetitionOffice, new CaseCategory("petition-remedy-labour"), CasePriority.Normal, new CaseLocation(Grid),
            new Reporter($"申请人{petitioner}", $"139000000{petitioner:D2}"), "工资被拖欠，请求解决", $"玉信〔2026〕1{petitioner:D2}号");

    [Theory]
    [InlineData("petition-suggestion")]
    [InlineData("petition-accusation")]
    public async Task Register_PetitionNotSeekingRemedy_StaysWithTheDesk(string category)
    {
        var kit = new YumenCounty();

        var c = await kit.RegisterPetitionAsync(Petition(category));

        Assert.Equal(CaseState.Registered, c.State);
        Assert.Single(await kit.HistoryAsync(c.Id));
        Assert.Empty(kit.Ledger.All());
    }

    [Fact]
    public async Task Register_SameMatterFromAnotherChannel_IsNotHandedOff()
    {
        var kit = new YumenCounty();
        var report = new CaseReport(CaseChannel.Hotline12345, new CaseCategory("petition-remedy-labour"), CasePriority.Normal,
            new CaseLocation(Grid), new Reporter("李四", "13912345670"), "工资被拖欠", "12345-1");

        var c = (await kit.Desk.RegisterAsync(report, Dispatcher)).Case;

        Assert.Equal(CaseState.Registered, c.State);
        Assert.Empty(kit.Ledger.All());
    }

    [Fact]
    public async Task Register_SameReferenceAfterTheFirstCaseEnded_GetsItsOwnKey()
    {
        var kit = new YumenCounty();
        var first = await kit.RegisterPetitionAsync();
        await kit.Mediation.DeclineAsync(Key, Mediator, "不属于本会受理范围");
        await kit.Desk.DeclineAsync(first.Id, Dispatcher, "已另行处理");

        var second = await kit.RegisterPetitionAsync();

        Assert.NotEqual(first.Id, second.Id);
        Assert.Equal(CaseState.HandedOff, second.State);
        var key = new CorrelationKey($"{Key.Value}/{second.Id}");
        Assert.Equal(second.Id, kit.Ledger.Get(key).CaseId);
        Assert.Equal(first.Id, kit.Ledger.Get(Key).CaseId);
        Assert.Equal(key.Value, (await kit.HistoryAsync(second.Id))[^1].Cause!.Facts[HandOffCasePolicy.KeyFact]);
    }
}
