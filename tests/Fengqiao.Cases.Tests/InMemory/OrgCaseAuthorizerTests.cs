using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.InMemory;

public class OrgCaseAuthorizerTests
{
    private static readonly OrgCaseAuthorizer Authorizer = new(Tree);

    public static TheoryData<string, CaseTrigger, bool> Decisions => new()
    {
        { "worker of the holding unit", CaseTrigger.Resolve, true },
        { "worker of another unit", CaseTrigger.Resolve, false },
        { "deputy", CaseTrigger.Resolve, false },
        { "deputy", CaseTrigger.Rate, true },
        { "deputy", CaseTrigger.Reopen, true },
        { "citizen with the code", CaseTrigger.Rate, true },
        { "citizen with the code", CaseTrigger.Withdraw, true },
        { "citizen with the code", CaseTrigger.Resolve, false },
        { "leader", CaseTrigger.Instruct, true },
        { "leader", CaseTrigger.Supervise, true },
        { "leader", CaseTrigger.Resolve, false },
        { "dispatcher above the case", CaseTrigger.Escalate, true },
        { "dispatcher above the case", CaseTrigger.Approve, true },
        { "street dispatcher", CaseTrigger.Suspend, true },
        { "not a member", CaseTrigger.Supervise, false },
        { "leader", CaseTrigger.Summon, true },
        { "street dispatcher", CaseTrigger.Summon, false },
        { "worker of another unit", CaseTrigger.ReportIn, false },
    };

    [Fact]
    public async Task AuthorizeAsync_ReportIn_IsAllowedOnlyToAMemberOfASummonedUnit()
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        c = await kit.Desk.SummonAsync(c.Id, Leader, [Housing], Fengqiao.Sla.TimeLimit.WorkingHours(2));

        var housing = await Authorizer.AuthorizeAsync(HousingWorker, CaseTrigger.ReportIn, c, hasCause: false, default);
        var street = await Authorizer.AuthorizeAsync(StreetWorker, CaseTrigger.ReportIn, c, hasCause: false, default);

        Assert.True(housing.IsAllowed, housing.Reason);
        Assert.False(street.IsAllowed);
        Assert.Contains("'street-1'", street.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Decisions))]
    public async Task AuthorizeAsync_FollowsTheRoles(string who, CaseTrigger trigger, bool allowed)
    {
        var kit = new BareCounty();
        var c = await kit.InProgressAsync();
        var actor = who switch
        {
            "worker of the holding unit" => Worker,
            "worker of another unit" => HousingWorker,
            "deputy" => Deputy,
            "citizen with the code" => CaseActor.Citizen(c.QueryCodeDigest),
            "leader" => Leader,
            "dispatcher above the case" => Dispatcher,
            "street dispatcher" => StreetDispatcher,
            _ => CaseActor.Staff(new ActorId("nobody"), Centre),
        };

        var decision = await Authorizer.AuthorizeAsync(actor, trigger, c, hasCause: false, default);

        Assert.True(decision.IsAllowed == allowed, decision.Reason);
        Assert.Equal(allowed, decision.Reason is null);
    }

    [Fact]
    public async Task AuthorizeAsync_SystemWithACause_IsAllowed_WithoutOne_IsDenied()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        Assert.True((await Authorizer.AuthorizeAsync(CaseActor.System, CaseTrigger.Escalate, c, true, default)).IsAllowed);
        Assert.False((await Authorizer.AuthorizeAsync(CaseActor.System, CaseTrigger.Escalate, c, false, default)).IsAllowed);
    }
}
