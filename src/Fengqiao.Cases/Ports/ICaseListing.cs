namespace Fengqiao.Cases.Ports;

/// <summary>The port through which staff pages list and count cases (案件列表与统计): by holding unit, worker, state,
/// category, grid, overdue instant and registration date, a page at a time.</summary>
/// <remarks>
/// <para>Contract:</para>
/// <list type="bullet">
/// <item>Both members read a projection of every case's latest snapshot (<see cref="CaseListingEntry.From"/>) that the
/// store maintains in the same transaction as <see cref="ICaseStore.AppendAsync"/>: a listing never shows a case at a
/// version other than a committed one, and never misses a committed append made before the call began.</item>
/// <item><see cref="ListAsync"/> orders by registration instant, then case id (ordinal), oldest first, and pages by
/// keyset: <see cref="CaseListingPage.Continuation"/> names the last entry returned, and the next page starts after it.
/// A case that matches the query throughout a paging run is listed exactly once, whatever is appended meanwhile;
/// a case whose state changes between pages appears on a later page only if it still matches then.</item>
/// <item><see cref="CountAsync"/> counts every case the query matches (paging fields are ignored), by state and by grid.</item>
/// <item>Every member may be called concurrently from any thread. Implementations throw only
/// <see cref="ArgumentException"/> for an invalid query (see <see cref="CaseListingQuery.Validate"/>),
/// <see cref="OperationCanceledException"/> or their own infrastructure exceptions.</item>
/// </list>
/// </remarks>
/// <threadsafety>Implementations must be thread-safe.</threadsafety>
public interface ICaseListing
{
    /// <summary>Lists one page of the cases a query matches, oldest registration first.</summary>
    /// <param name="query">The filters, page size and continuation.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>At most <see cref="CaseListingQuery.PageSize"/> entries, and a continuation when more may follow.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    ValueTask<CaseListingPage> ListAsync(CaseListingQuery query, CancellationToken cancellationToken);

    /// <summary>Counts the cases a query matches, by state and by grid, for dashboards.</summary>
    /// <param name="query">The filters; <see cref="CaseListingQuery.PageSize"/> and <see cref="CaseListingQuery.After"/> are ignored.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The counts.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    ValueTask<CaseCounts> CountAsync(CaseListingQuery query, CancellationToken cancellationToken);
}
