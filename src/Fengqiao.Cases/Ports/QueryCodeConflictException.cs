using System.Globalization;
using Fengqiao.Cases.QueryCodes;

namespace Fengqiao.Cases.Ports;

/// <summary>Thrown when a new case would take a query code (查询码) another case already holds. Nothing was written.</summary>
/// <remarks>
/// <para>
/// A store throws it (with <see cref="Attempts"/> 1) instead of pointing the code at the new case, which would hand
/// another citizen's case to whoever holds the code. With 85 random bits a collision means a broken random source, so
/// <c>CaseDesk.RegisterAsync</c> draws a fresh code and tries again a few times; when every attempt collides it throws
/// this exception with the number of attempts, and no case was registered.
/// </para>
/// <para>The message names the case id but never the code: a query code is a citizen's key to the case.</para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class QueryCodeConflictException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The new case that could not be stored.</param>
    /// <param name="attempts">How many fresh codes were tried, at least 1.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is less than 1.</exception>
    public QueryCodeConflictException(CaseId caseId, int attempts = 1)
        : base(FengqiaoErrorKind.Conflict, Describe(caseId, attempts))
    {
        CaseId = caseId;
        Attempts = attempts;
    }

    /// <summary>Gets the new case that could not be stored.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets how many fresh query codes were tried; 1 when a store refuses a single append.</summary>
    public int Attempts { get; }

    private static string Describe(CaseId caseId, int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        return attempts == 1
            ? $"The query code drawn for new case '{caseId}' is already held by another case. Nothing was written; draw a new code and try again."
            : string.Create(CultureInfo.InvariantCulture,
                $"Case '{caseId}' was not registered: each of {attempts} freshly drawn query codes was already held by another case. The query code generator's random source is broken (constant or repeating); fix it before registering more cases.");
    }
}
