using Fengqiao.Cases.Organisation;
using Fengqiao.Cases;

namespace Fengqiao.Mediation.Process;

/// <summary>Thrown when a step of a mediation is refused; nothing was changed. The message names the case, the body,
/// the status and the step.</summary>
/// <threadsafety>Immutable after construction; safe to share across threads.</threadsafety>
internal sealed class MediationProcessException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="body">The mediation body.</param>
    /// <param name="status">The mediation's status.</param>
    /// <param name="step">The step refused, e.g. <c>schedule</c>.</param>
    /// <param name="reason">Why, one sentence.</param>
    public MediationProcessException(CaseId caseId, OrgUnitId body, MediationStatus status, string step, string reason)
        : base(FengqiaoErrorKind.Refusal, $"Mediation of case {caseId} at {body} ({status.ToString().ToLowerInvariant()}): '{step}' refused: {reason}.")
    {
        CaseId = caseId;
        Body = body;
        Status = status;
        Step = step;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the mediation body.</summary>
    public OrgUnitId Body { get; }

    /// <summary>Gets the mediation's status when the step was refused.</summary>
    public MediationStatus Status { get; }

    /// <summary>Gets the step refused.</summary>
    public string Step { get; }
}
