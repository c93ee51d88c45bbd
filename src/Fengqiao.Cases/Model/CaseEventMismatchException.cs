namespace Fengqiao.Cases;

/// <summary>Thrown when an event does not follow a case's history (another case, a skipped or repeated version, out of time order, from another state).</summary>
/// <remarks>This signals corrupted or mis-ordered storage, not a refused action: the desk never writes such an event.</remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseEventMismatchException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case being folded.</param>
    /// <param name="caseVersion">The case's version before the event.</param>
    /// <param name="eventVersion">The event's version.</param>
    /// <param name="problem">What is wrong, without personal data.</param>
    public CaseEventMismatchException(CaseId caseId, long caseVersion, long eventVersion, string problem)
        : base(FengqiaoErrorKind.Store, $"Case '{caseId}' (version {caseVersion}) cannot take event version {eventVersion}: {problem}.")
    {
        CaseId = caseId;
        CaseVersion = caseVersion;
        EventVersion = eventVersion;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the case's version before the event.</summary>
    public long CaseVersion { get; }

    /// <summary>Gets the event's version.</summary>
    public long EventVersion { get; }
}
