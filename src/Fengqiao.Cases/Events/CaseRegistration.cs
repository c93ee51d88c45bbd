using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cases.Events;

/// <summary>The payload of the first event of every case (登记), version 1: the whole report, the query code's digest and the rules the case is handled under.</summary>
/// <param name="Report">The report as taken in.</param>
/// <param name="QueryCodeDigest">The keyed digest of the query code (查询码) given to the citizen (drawn at random, never
/// derived from the id). The code itself is never recorded: the desk returns it once, in the registration result.</param>
/// <param name="LifecycleVersion">The name and version of the lifecycle the case was registered under (from the desk options).</param>
/// <param name="Sla">The SLA limits resolved from the county's policy at registration.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseRegistration(CaseReport Report, QueryCodeDigest QueryCodeDigest, string LifecycleVersion, CaseSlaTerms Sla) : CaseEventPayload
{
    internal override void Accept(ICaseEventPayloadVisitor visitor) => visitor.Visit(this);
}
