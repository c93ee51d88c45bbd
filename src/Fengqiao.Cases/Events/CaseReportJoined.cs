
namespace Fengqiao.Cases.Events;

/// <summary>A duplicate report of the same matter joined the case instead of opening a new one; the state does not change.</summary>
/// <param name="Report">The report that joined.</param>
/// <param name="FromCase">The case the report came from when a case was merged into this one (合并), else <see langword="null"/>.</param>
/// <param name="Reason">Why it joined (the merge reason), or <see langword="null"/>.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseReportJoined(CaseReport Report, CaseId? FromCase = null, string? Reason = null) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
