using System.Globalization;
using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cases.Ports;

/// <summary>Thrown when a new case, or a report joined to a case, would take a query code (查询码) that a case (its own
/// or one of its joined reports') already holds. Nothing was written.</summary>
/// <remarks>
/// <para>
/// A store throws it (with <see cref="Attempts"/> 1) instead of pointing the code at the new case, which would hand
/// another citizen's case to whoever holds the code. With 85 random bits a collision means a broken random source, so
/// <c>CaseDesk.RegisterAsync</c> draws a fresh code and tries again a few times; when every attempt collides it throws
/// this exception with the number of attempts, and no case was registered (for a joined report: the report was not joined).
/// </para>
/// <para>The message names the case id but never the code: a query code is a citizen's key to the case.</para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class QueryCodeConflictException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The new case that could not be stored, or the case the report could not join.</param>
    /// <param name="attempts">How many fresh codes were tried, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is less than 1.</exception>
    public QueryCodeConflictException(CaseId caseId, int attempts = 1)
        : base(FengqiaoErrorKind.Conflict, Describe(caseId, attempts))
    {
        CaseId = caseId;
        Attempts = attempts;
    }

    /// <summary>Gets the new case that could not be stored, or the case a report could not join.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets how many fresh query codes were tried; 1 when a store refuses a single append.</summary>
    public int Attempts { get; }

    private static string Describe(CaseId caseId, int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        return attempts == 1
            ? $"The query code drawn for case '{caseId}' (a new case or a joined report) is already held by a case. Nothing was written; draw a new code and try again."
            : string.Create(CultureInfo.InvariantCulture,
                $"Case '{caseId}' was not registered (or the report not joined to it): each of {attempts} freshly drawn query codes was already held by a case. The query code generator's random source is broken (constant or repeating); fix it before registering more cases.");
    }
}
