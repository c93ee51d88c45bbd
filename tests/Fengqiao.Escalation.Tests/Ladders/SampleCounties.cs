using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Tests.Ladders;

/// <summary>Small org trees shaped like the reference counties, for ladder tests.</summary>
internal static class SampleCounties
{
    public static OrgUnitId Id(string value) => new(value);

    /// <summary>Saybagh-like: secretary ← task force; secretary ← street ← community ← grids; departments under the secretary.</summary>
    public static OrgTree Saybagh() => new OrgTreeBuilder()
        .AddUnit(Id("secretary"), "区委书记", OrgUnitKind.Secretary)
        .AddUnit(Id("task-force"), "工作专班", OrgUnitKind.TaskForce, Id("secretary"))
        .AddUnit(Id("street"), "雅山街道", OrgUnitKind.Street, Id("secretary"))
        .AddUnit(Id("community"), "雅山社区", OrgUnitKind.Community, Id("street"))
        .AddUnit(Id("grid-1"), "第一网格", OrgUnitKind.Grid, Id("community"))
        .AddUnit(Id("grid-2"), "第二网格", OrgUnitKind.Grid, Id("community"))
        .AddUnit(Id("dept-housing"), "住建局", OrgUnitKind.Department, Id("secretary"))
        .AddUnit(Id("dept-labour"), "人社局", OrgUnitKind.Department, Id("secretary"))
        .Build();

    /// <summary>Baiyin-like: each level a post, tagged with its ladder key.</summary>
    public static OrgTree Baiyin() => new OrgTreeBuilder()
        .AddUnit(Id("city-pl"), "市政法委书记", OrgUnitKind.Post, null, ["city-political-legal"])
        .AddUnit(Id("county-heads"), "县党政主要负责人", OrgUnitKind.Post, Id("city-pl"), ["county-head"])
        .AddUnit(Id("county-pl"), "县政法委书记", OrgUnitKind.Post, Id("county-heads"), ["county-political-legal"])
        .AddUnit(Id("leader-a"), "包抓A镇县级领导", OrgUnitKind.Post, Id("county-pl"), ["county-leader"])
        .AddUnit(Id("head-a"), "A镇党政主要负责人", OrgUnitKind.Post, Id("leader-a"), ["township-head"])
        .AddUnit(Id("pl-a"), "A镇政法委员", OrgUnitKind.Post, Id("head-a"), ["township-political-legal"])
        .AddUnit(Id("village-a1"), "A1村", OrgUnitKind.Community, Id("pl-a"))
        .AddUnit(Id("leader-b"), "包抓B镇县级领导", OrgUnitKind.Post, Id("county-pl"), ["county-leader"])
        .AddUnit(Id("head-b"), "B镇党政主要负责人", OrgUnitKind.Post, Id("leader-b"), ["township-head"])
        .AddUnit(Id("pl-b"), "B镇政法委员", OrgUnitKind.Post, Id("head-b"), ["township-political-legal"])
        .AddUnit(Id("village-b1"), "B1村", OrgUnitKind.Community, Id("pl-b"))
        .Build();
}
