using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Testing;

/// <content>The county the checks drive: a <see cref="BareCounty"/> on the store under test, with a second community for the listing filters.</content>
public static partial class CaseStoreConformance
{
    private static readonly OrgUnitId Community2 = new("community-2");
    private static readonly OrgUnitId Grid2 = new("grid-2");

    // Two communities side by side under the centre, each with a grid, so every listing filter has something to tell apart.
    private static readonly OrgTree ConformanceTree = new SmallCountyBuilder()
        .AddUnit(Community, "和平社区", OrgUnitKind.Community, Centre)
        .AddUnit(Grid, "第一网格", OrgUnitKind.Grid, Community)
        .AddUnit(Community2, "幸福社区", OrgUnitKind.Community, Centre)
        .AddUnit(Grid2, "第二网格", OrgUnitKind.Grid, Community2)
        .AddMember(Community, "w1", "办理人", MemberRole.Worker)
        .AddMember(Community, "w2", "办理人二", MemberRole.Worker)
        .AddMember(Community2, "w3", "办理人三", MemberRole.Worker)
        .BuildTree();

    private static BareCounty NewCounty(ICaseStore store, QueryCodeGenerator? queryCodes = null) =>
        new(wrap: _ => store, configure: o =>
        {
            o.Directory = ConformanceTree;
            o.QueryCodes = queryCodes ?? FengqiaoArbitraries.SeededQueryCodes(1);
        });

    private static CaseEvent Supervise(Case c, string note) =>
        new(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised(note));
}
