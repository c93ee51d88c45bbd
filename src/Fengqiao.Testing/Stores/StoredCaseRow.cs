using Fengqiao.Cases;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>The columns of a store's row of one case that the store derives from the case's events, as the case-row
/// checks read and rewrite them (<see cref="ISnapshotTamper.RewriteCaseRowAsync"/>).</summary>
/// <param name="CaseId">The case.</param>
/// <param name="Version">The version the row says the case is at.</param>
/// <param name="NextDue">The next due instant the row lists the case by for the sweep (as stored, rounded to the store's
/// precision), or <see langword="null"/> when the row lists it as never due.</param>
/// <param name="QueryCode">The query-code index entry as stored (the text of the digest the case is found by).</param>
/// <threadsafety>Immutable; safe from any thread.</threadsafety>
public sealed record StoredCaseRow(CaseId CaseId, long Version, Instant? NextDue, string QueryCode);
