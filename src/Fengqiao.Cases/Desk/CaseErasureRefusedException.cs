namespace Fengqiao.Cases.Desk;

/// <summary>Thrown when <see cref="CaseDesk.EraseReporterAsync"/> refuses to erase a case's personal data. Nothing changed.</summary>
/// <remarks>The message names the case, the actor and the reason; never personal data.</remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseErasureRefusedException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="actor">Who asked the desk to erase.</param>
    /// <param name="reason">Why it was refused, in a sentence a user may read.</param>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="reason"/> is null.</exception>
    public CaseErasureRefusedException(CaseId caseId, CaseActor actor, string reason)
        : base(FengqiaoErrorKind.Refusal, $"The personal data of case '{caseId}' was not erased for {actor ?? throw new ArgumentNullException(nameof(actor))}: {reason ?? throw new ArgumentNullException(nameof(reason))}. Nothing changed.")
    {
        CaseId = caseId;
        Actor = actor;
        Reason = reason;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets who asked for the erasure.</summary>
    public CaseActor Actor { get; }

    /// <summary>Gets why it was refused.</summary>
    public string Reason { get; }
}
