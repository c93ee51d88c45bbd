using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Rules;
using static Fengqiao.Escalation.Tests.Desk.EscalationDeskKit;

namespace Fengqiao.Escalation.Tests.Desk;

/// <summary>Org trees shaped like the reference counties, with the members the desk's authoriser needs.</summary>
internal static class Counties
{
    /// <summary>The Baiyin ladder's levels, bottom to top, as units of <see cref="Baiyin"/> for a case in village A1.</summary>
    public static readonly string[] BaiyinChainA = ["village-a1", "pl-a", "head-a", "leader-a", "county-pl", "county-heads", "city-pl"];

    /// <summary>Saybagh's default-ladder chain for a housing case in grid 1.</summary>
    public static readonly string[] SaybaghChain = ["grid-1", "community", "street", "dept-housing", "task-force", "secretary"];

    /// <summary>Baiyin-shaped (samples/profiles/baiyin.yaml): posts tagged with their ladder level, villages under the township political-legal members.</summary>
    public static OrgTree Baiyin() => new OrgTreeBuilder()
        .AddUnit(Id("city-pl"), "市委政法委书记", OrgUnitKind.Post, null, ["city-political-legal"])
        .AddUnit(Id("county-heads"), "县党政主要负责人", OrgUnitKind.Post, Id("city-pl"), ["county-head"])
        .AddUnit(Id("county-pl"), "县委政法委书记", OrgUnitKind.Post, Id("county-heads"), ["county-political-legal"])
        .AddUnit(Id("leader-a"), "包抓甲镇县级领导", OrgUnitKind.Post, Id("county-pl"), ["county-leader"])
        .AddUnit(Id("head-a"), "甲镇党政主要负责人", OrgUnitKind.Post, Id("leader-a"), ["township-head"])
        .AddUnit(Id("pl-a"), "甲镇政法委员", OrgUnitKind.Post, Id("head-a"), ["township-political-legal"])
        .AddUnit(Id("village-a1"), "甲镇一村", OrgUnitKind.Community, Id("pl-a"))
        .AddUnit(Id("leader-b"), "包抓乙镇县级领导", OrgUnitKind.Post, Id("county-pl"), ["county-leader"])
        .AddUnit(Id("head-b"), "乙镇党政主要负责人", OrgUnitKind.Post, Id("leader-b"), ["township-head"])
        .AddUnit(Id("pl-b"), "乙镇政法委员", OrgUnitKind.Post, Id("head-b"), ["township-political-legal"])
        .AddUnit(Id("village-b1"), "乙镇一村", OrgUnitKind.Community, Id("pl-b"))
        .AddMember(Id("pl-a"), new ActorId("pl-a-1"), "甲镇政法委员", MemberRole.Dispatcher, MemberRole.Reviewer)
        .AddMember(Id("village-a1"), new ActorId("cadre-a1"), "村干部", MemberRole.Worker)
        .AddMember(Id("county-pl"), new ActorId("deputy-li"), "李代表（人大代表）", MemberRole.Deputy)
        .Build();

    /// <summary>The default rules with Baiyin's levels (the default rule options name task-force and department, which Baiyin lacks).</summary>
    public static EscalationPolicy BaiyinRules() => new(DefaultEscalationRules.Create(
        new EscalationRuleOptions { MustStartHighLevel = "county-political-legal", WageArrearsLevel = "township-head", WageArrearsDepartment = null },
        Fengqiao.Escalation.Ladders.BuiltInLadders.Baiyin));

    /// <summary>Saybagh-shaped: the district secretary over the task force, the street and the departments (tagged by category).</summary>
    public static OrgTree Saybagh()
    {
        var b = new OrgTreeBuilder()
            .AddUnit(Id("secretary"), "区委书记", OrgUnitKind.Secretary)
            .AddUnit(Id("task-force"), "工作专班", OrgUnitKind.TaskForce, Id("secretary"))
            .AddUnit(Id("street"), "雅山街道", OrgUnitKind.Street, Id("secretary"))
            .AddUnit(Id("community"), "雅山社区", OrgUnitKind.Community, Id("street"))
            .AddUnit(Id("grid-1"), "第一网格", OrgUnitKind.Grid, Id("community"))
            .AddUnit(Id("grid-2"), "第二网格", OrgUnitKind.Grid, Id("community"))
            .AddUnit(Id("dept-housing"), "住建局", OrgUnitKind.Department, Id("secretary"), ["housing"])
            .AddUnit(Id("dept-labour"), "人社局", OrgUnitKind.Department, Id("secretary"), ["labour"])
            .AddMember(Id("secretary"), new ActorId("dispatcher"), "区综治中心派单员", MemberRole.Dispatcher, MemberRole.Reviewer)
            .AddUnit(Id("dept-water"), "水务局", OrgUnitKind.Department, Id("secretary"), ["water"])
            .AddMember(Id("secretary"), new ActorId("secretary-leader"), "区委书记", MemberRole.Leader)
            .AddMember(Id("street"), new ActorId("street-leader"), "街道书记", MemberRole.Leader);
        foreach (var unit in SaybaghChain.Append("dept-labour").Append("dept-water"))
        {
            b.AddMember(Id(unit), new ActorId("w-" + unit), "办理人", MemberRole.Worker);
        }

        return b.Build();
    }
}
