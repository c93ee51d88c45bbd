using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cases.Events;

/// <summary>A duplicate report of the same matter joined the case instead of opening a new one; the state does not change.</summary>
/// <param name="Report">The report that joined.</param>
/// <param name="FromCase">The case the report came from when a case was merged into this one (合并), else <see langword="null"/>.</param>
/// <param name="Reason">Why it joined (the merge reason), or <see langword="null"/>.</param>
/// <remarks>A report that a desk joined as a duplicate gets a query code of its own (<see cref="QueryCodeDigest"/>), handed
/// to its reporter once; a report carried over by a merge (<paramref name="FromCase"/>) has none (its reporter keeps the
/// merged case's code), nor does a report joined before codes were given to joined reports.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReportJoined(CaseReport Report, CaseId? FromCase = null, string? Reason = null) : CaseEventPayload
{
    /// <summary>Gets the keyed digest of the query code (查询码) the joined report's reporter was given, or
    /// <see langword="null"/> when the report got none (a merge, or a join written before joined reports had codes).</summary>
    /// <value>A digest under the desk's key at the time of the join, like <see cref="CaseRegistration.QueryCodeDigest"/>; the
    /// code looks the case up (<see cref="Desk.CaseDesk.FindByQueryCodeAsync"/>) and never re-points: a store refuses a
    /// join whose digest another case or report holds (<see cref="Ports.QueryCodeConflictException"/>).</value>
    public QueryCodeDigest? QueryCodeDigest { get; init; }

    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
