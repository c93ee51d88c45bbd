using System.Collections.Immutable;

namespace Fengqiao.Cases.Ports;

/// <summary>One page of a case listing.</summary>
/// <param name="Entries">The entries, oldest registration first.</param>
/// <param name="Continuation">Where the next page starts (give it as <see cref="CaseListingQuery.After"/>), or null
/// when this page is the last.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseListingPage(ImmutableArray<CaseListingEntry> Entries, CaseListingToken? Continuation)
{
    /// <summary>Cuts a page from matching entries fetched one past the page size: the page every store returns.</summary>
    /// <param name="matches">Matching entries in listing order (registration instant, then case id), at most
    /// <paramref name="pageSize"/> + 1 of them; the one past the page only tells that more follow.</param>
    /// <param name="pageSize">The query's <see cref="CaseListingQuery.PageSize"/>.</param>
    /// <returns>The first <paramref name="pageSize"/> entries, with a continuation at the last of them when an entry
    /// follows it, or no continuation when none does.</returns>
    /// <remarks>A store asks its database for <paramref name="pageSize"/> + 1 rows and hands them here, so a last page
    /// never carries a continuation that leads to an empty page.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="matches"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="pageSize"/> is below 1, or more than
    /// <paramref name="pageSize"/> + 1 entries were given.</exception>
    public static CaseListingPage Cut(IReadOnlyList<CaseListingEntry> matches, int pageSize)
    {
        ArgumentNullException.ThrowIfNull(matches);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(matches.Count, pageSize + 1, nameof(matches));
        if (matches.Count <= pageSize)
        {
            return new CaseListingPage([.. matches], null);
        }

        var page = ImmutableArray.CreateBuilder<CaseListingEntry>(pageSize);
        for (var i = 0; i < pageSize; i++)
        {
            page.Add(matches[i]);
        }

        return new CaseListingPage(page.MoveToImmutable(), matches[pageSize - 1].Position);
    }
}
