using System.Data.Common;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Storage.Internal;

/// <summary>The listing row both shipped stores keep (SQLite's <c>case_listing</c>, PostgreSQL's
/// <c>fengqiao_case_listing</c>): its columns, in the order <see cref="Read"/> expects them.</summary>
/// <remarks>Compiled into each store package from <c>src/Shared</c> (a linked source file, internal to each), so the
/// two stores read the row one way without a public column contract.</remarks>
internal static class CaseListingRows
{
    /// <summary>The columns of a listing row, for a <c>SELECT</c>: id, version, state, holding unit, worker, category,
    /// grid, registration instant and overdue-from instant (both as Unix ticks).</summary>
    public const string Columns = "id, version, state, holder, worker, category, grid, registered_at, overdue_from";

    /// <summary>Reads the current row, selected with <see cref="Columns"/> first.</summary>
    public static CaseListingEntry Read(DbDataReader reader) => new(
        new CaseId(reader.GetString(0)),
        reader.GetInt64(1),
        (CaseState)reader.GetInt32(2),
        reader.IsDBNull(3) ? null : new OrgUnitId(reader.GetString(3)),
        reader.IsDBNull(4) ? null : new ActorId(reader.GetString(4)),
        new CaseCategory(reader.GetString(5)),
        new OrgUnitId(reader.GetString(6)),
        Instant.FromUnixTimeTicks(reader.GetInt64(7)),
        reader.IsDBNull(8) ? null : Instant.FromUnixTimeTicks(reader.GetInt64(8)));
}
