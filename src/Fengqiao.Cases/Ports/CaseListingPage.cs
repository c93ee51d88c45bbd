using System.Collections.Immutable;

namespace Fengqiao.Cases.Ports;

/// <summary>One page of a case listing.</summary>
/// <param name="Entries">The entries, oldest registration first.</param>
/// <param name="Continuation">Where the next page starts (give it as <see cref="CaseListingQuery.After"/>), or null
/// when this page is the last.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseListingPage(ImmutableArray<CaseListingEntry> Entries, CaseListingToken? Continuation);
