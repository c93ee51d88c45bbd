using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class SmallCountyBuilderTests
{
    private static readonly OrgUnitId Village = new("village");

    [Fact]
    public void BuildTree_NoUnitsAdded_HasTheCentreWithItsDispatcherAndLeader()
    {
        var tree = new SmallCountyBuilder("玉门市综治中心").BuildTree();

        var centre = Assert.Single(tree.Units);
        Assert.Equal((BareCounty.Centre, "玉门市综治中心", OrgUnitKind.CommandCentre), (centre.Id, centre.Name, centre.Kind));
        Assert.Equal([new ActorId("d1"), new ActorId("leader")], centre.Members.Select(m => m.Id));
        Assert.Equal<MemberRole>([MemberRole.Dispatcher, MemberRole.Reviewer], centre.Members[0].Roles);
        Assert.Equal<MemberRole>([MemberRole.Leader], centre.Members[1].Roles);
    }

    [Fact]
    public void Actor_StaffAndDeputy_ActAsTheirUnitsStaffOrAsADeputy()
    {
        var county = new SmallCountyBuilder()
            .AddUnit(Village, "某村", OrgUnitKind.Community, BareCounty.Centre)
            .AddMember(Village, "w9", "办理人", MemberRole.Worker)
            .AddMember(Village, "deputy-9", "人大代表", MemberRole.Deputy);

        Assert.Equal(CaseActor.Staff(new ActorId("w9"), Village), county.Actor("w9"));
        Assert.Equal(CaseActor.Deputy(new ActorId("deputy-9")), county.Actor("deputy-9"));
        Assert.Equal(BareCounty.Dispatcher, county.Actor("d1"));
        Assert.Equal(BareCounty.Leader, county.Actor("leader"));
    }

    [Fact]
    public void Actor_UnknownMember_IsRefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentException>(() => new SmallCountyBuilder().Actor("w9"));

        Assert.Contains("'w9'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMember_TheSameIdTwice_IsRefusedNamingIt()
    {
        var county = new SmallCountyBuilder().AddUnit(Village, "某村", OrgUnitKind.Community, BareCounty.Centre);

        var e = Assert.Throws<ArgumentException>(() => county.AddMember(Village, "d1", "派单员", MemberRole.Dispatcher));

        Assert.Contains("'d1'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildTree_AParentNeverAdded_IsRefusedByTheTreeNamingIt()
    {
        var county = new SmallCountyBuilder().AddUnit(Village, "某村", OrgUnitKind.Community, new OrgUnitId("town"));

        var e = Assert.Throws<OrgTreeException>(county.BuildTree);

        Assert.Contains("'town'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void OneRulePolicy_Limits_ApplyToEveryCategoryWithYellowAndRed()
    {
        var policy = SmallCountyBuilder.OneRulePolicy("t", new Dictionary<string, TimeLimit> { [SlaLimitNames.Handle] = TimeLimit.WorkingDays(3) }, 0.5, Duration.FromHours(4));

        var rule = Assert.Single(policy.Rules);
        Assert.Equal("*", rule.Category);
        Assert.Equal(TimeLimit.WorkingDays(3), rule.Limits[SlaLimitNames.Handle]);
        Assert.Equal(SlaPolicies.YellowRed(0.5, Duration.FromHours(4)), rule.Thresholds);
    }
}
