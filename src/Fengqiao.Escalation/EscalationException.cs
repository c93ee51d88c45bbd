using Fengqiao.Cases.Organisation;
using Fengqiao.Cases;

namespace Fengqiao.Escalation;

/// <summary>
/// Thrown when an escalation (升级), a supervision (督办) or a whistle-and-report call (吹哨报到) cannot be decided or
/// applied: facts that contradict the ladder path, a rule that asks to move a case down or to a level the ladder does
/// not have, a report from a department that was not summoned.
/// </summary>
/// <remarks>
/// The message names the case, the rule and the org unit involved when they are known; the same values are exposed as
/// properties so that a host can log them as fields. Escalation never fails with a
/// <see cref="NullReferenceException"/>: bad input is reported with this type or with an
/// <see cref="ArgumentException"/>.
/// </remarks>
/// <threadsafety>Immutable once thrown; safe to read from any thread.</threadsafety>
public sealed class EscalationException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What went wrong, naming the case, rule and unit.</param>
    /// <param name="caseId">The case concerned, if known.</param>
    /// <param name="ruleId">The rule concerned, if any.</param>
    /// <param name="unit">The org unit concerned, if any.</param>
    public EscalationException(string message, CaseId? caseId = null, string? ruleId = null, OrgUnitId? unit = null)
        : base(FengqiaoErrorKind.Refusal, message)
    {
        CaseId = caseId;
        RuleId = ruleId;
        Unit = unit;
    }

    /// <summary>Gets the case concerned, or null when the failure is not about one case.</summary>
    public CaseId? CaseId { get; }

    /// <summary>Gets the id of the rule concerned, or null.</summary>
    public string? RuleId { get; }

    /// <summary>Gets the org unit concerned, or null.</summary>
    public OrgUnitId? Unit { get; }
}
