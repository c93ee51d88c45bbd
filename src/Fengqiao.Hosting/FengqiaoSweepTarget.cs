using Fengqiao.Cases.Desk;
using Fengqiao.Storage.PostgreSql;

namespace Fengqiao.Hosting;

/// <summary>What the hosted sweep sweeps through: on PostgreSQL a desk on this node's sweeper view (claims with
/// SKIP LOCKED and a lease) and the view; otherwise both null and the county's desk sweeps its own due list.</summary>
internal sealed record FengqiaoSweepTarget(CaseDesk? Desk, PostgreSqlSweepStore? View);
