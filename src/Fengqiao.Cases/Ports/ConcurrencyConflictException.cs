namespace Fengqiao.Cases.Ports;

/// <summary>Thrown when events are appended to a case with a stale expected version: someone else wrote first. Nothing was written.</summary>
/// <remarks>Reload the case and decide again; the desk never retries on its own, so no decision is made on stale facts.</remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class ConcurrencyConflictException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="expectedVersion">The version the writer decided on.</param>
    /// <param name="actualVersion">The version stored now.</param>
    public ConcurrencyConflictException(CaseId caseId, long expectedVersion, long actualVersion)
        : base(FengqiaoErrorKind.Conflict, $"Case '{caseId}' is at version {actualVersion}, not the expected version {expectedVersion}: someone else changed it first. Nothing was written; reload and try again.")
    {
        CaseId = caseId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the version the writer expected.</summary>
    public long ExpectedVersion { get; }

    /// <summary>Gets the version stored when the append was refused.</summary>
    public long ActualVersion { get; }
}
