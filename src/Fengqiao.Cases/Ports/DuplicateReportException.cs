namespace Fengqiao.Cases.Ports;

/// <summary>Thrown by a store that detects duplicates durably when a new case reports a matter an open case already
/// has (the same <see cref="ReportMatterKey"/> within the store's window). Nothing was written.</summary>
/// <remarks>
/// <para>Two desks (nodes, processes) may each look for a duplicate, find none, and register the same matter at
/// once; the store settles the race inside the append, and the loser gets this exception. <c>CaseDesk.RegisterAsync</c>
/// catches it and joins the report to <see cref="ExistingCaseId"/> instead, so identical reports make one case.</para>
/// <para>The message names both case ids but no personal data.</para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class DuplicateReportException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="newCaseId">The new case that was not stored.</param>
    /// <param name="existingCaseId">The open case that already has the matter.</param>
    public DuplicateReportException(CaseId newCaseId, CaseId existingCaseId)
        : base(FengqiaoErrorKind.Conflict, $"New case '{newCaseId}' reports the same matter as open case '{existingCaseId}'. Nothing was written; join the report to '{existingCaseId}'.")
    {
        NewCaseId = newCaseId;
        ExistingCaseId = existingCaseId;
    }

    /// <summary>Gets the new case that was not stored.</summary>
    public CaseId NewCaseId { get; }

    /// <summary>Gets the open case that already has the matter.</summary>
    public CaseId ExistingCaseId { get; }
}
