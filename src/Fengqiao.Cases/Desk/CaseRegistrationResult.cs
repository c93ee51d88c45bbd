using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cases.Desk;

/// <summary>What registering a report produced: a new case with its query code, or the existing case the report joined as a duplicate.</summary>
/// <param name="Case">The new case, or the existing one the report joined.</param>
/// <param name="JoinedExisting"><see langword="true"/> when the report was recognised as a duplicate and joined <paramref name="Case"/>.</param>
/// <param name="QueryCode">The query code (查询码) to give to the citizen on the registration receipt: the new case's, or
/// — when the report joined an existing case — the joined report's own code, which finds that case too
/// (<see cref="Case.JoinedQueryCodeDigests"/>). <see langword="null"/> only in results made by hand.</param>
/// <remarks>
/// <para>This is the only place the plain code appears: the case, its events and the store keep only its keyed digest
/// (<see cref="Case.QueryCodeDigest"/>, <see cref="Events.CaseReportJoined.QueryCodeDigest"/>), so the code cannot be
/// shown again later. A joined reporter's code is theirs alone: the first reporter's code is not revealed to them, and
/// it lets them follow the case (the citizen view) but not withdraw or rate it, which stay with the first reporter's
/// code (<see cref="InMemory.OrgCaseAuthorizer"/>).</para>
/// <para><see cref="ToString"/> never prints the code.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CaseRegistrationResult(Case Case, bool JoinedExisting, QueryCode? QueryCode = null)
{
    /// <summary>Describes the result without the query code.</summary>
    /// <returns>For example <c>CaseRegistrationResult(case-1, new)</c>.</returns>
    public override string ToString() => $"CaseRegistrationResult({Case.Id}, {(JoinedExisting ? "joined" : "new")})";
}
