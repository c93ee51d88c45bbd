namespace Fengqiao.Cases.Desk;

/// <summary>Thrown when an action names a case the store does not have.</summary>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseNotFoundException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case that was not found.</param>
    public CaseNotFoundException(CaseId caseId)
        : base(FengqiaoErrorKind.NotFound, $"There is no case '{caseId}' in the store. Nothing changed.")
    {
        CaseId = caseId;
    }

    /// <summary>Gets the case that was not found.</summary>
    public CaseId CaseId { get; }
}
