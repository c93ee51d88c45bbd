using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;

namespace Fengqiao.Escalation.Routing;

/// <summary>Builds a <see cref="RoutingTable"/> in code: everything a profile's <c>routing:</c> section can say.</summary>
/// <example>
/// <code>
/// var routing = new RoutingTableBuilder()
///     .Route("livelihood", RoutingTarget.ToUnit(new OrgUnitId("dept-housing")))
///     .Route(new RoutingRow("dispute", RoutingTarget.ToKind(OrgUnitKind.Community)) { Department = new OrgUnitId("dept-civil-affairs") })
///     .Otherwise(new OrgUnitId("street-yashan"))
///     .Build();
/// </code>
/// </example>
/// <threadsafety>Not thread-safe: configure on one thread, then build; the table it builds is immutable.</threadsafety>
public sealed class RoutingTableBuilder
{
    private readonly List<RoutingRow> rows = [];
    private OrgUnitId? fallback;

    /// <summary>Adds a row after the rows added so far.</summary>
    /// <param name="row">The row.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public RoutingTableBuilder Route(RoutingRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        rows.Add(row);
        return this;
    }

    /// <summary>Adds a row that routes every case of a category to a target.</summary>
    /// <param name="category">The category key, or <c>*</c> for every category.</param>
    /// <param name="target">The owning unit.</param>
    /// <param name="department">The department that answers for the matter at the department level, if it is not the target.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="category"/> is blank.</exception>
    /// <exception cref="ArgumentNullException"><paramref name="target"/> is null.</exception>
    public RoutingTableBuilder Route(string category, RoutingTarget target, OrgUnitId? department = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(category);
        ArgumentNullException.ThrowIfNull(target);
        return Route(new RoutingRow(category, target) { Department = department });
    }

    /// <summary>Sends cases no row covers to <paramref name="unit"/> (兜底单位) instead of refusing them.</summary>
    /// <param name="unit">The fallback unit.</param>
    /// <returns>This builder.</returns>
    public RoutingTableBuilder Otherwise(OrgUnitId unit)
    {
        fallback = unit;
        return this;
    }

    /// <summary>Refuses cases no row covers at registration (the default).</summary>
    /// <returns>This builder.</returns>
    public RoutingTableBuilder RefuseUnrouted()
    {
        fallback = null;
        return this;
    }

    /// <summary>Builds the table.</summary>
    /// <returns>A new, immutable table.</returns>
    /// <exception cref="ArgumentException">A row is invalid (see <see cref="RoutingTable(IEnumerable{RoutingRow}, OrgUnitId?)"/>).</exception>
    public RoutingTable Build() => new(rows, fallback);
}
