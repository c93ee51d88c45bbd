namespace Fengqiao.Cases.Desk;

/// <summary>Describes a policy that failed after an accepted step: it threw, asked for a refused action, or kept asking past the step limit.</summary>
/// <remarks>
/// The desk never throws it from an action: the failure is recorded on the case in the same append as the step
/// (a <see cref="Events.CasePolicyFailed"/> event, shown by <see cref="Cases.Case.PolicyFailure"/>), and the sweep retries the
/// policies and lists the failures it met in <see cref="SweepResult.PolicyFailures"/>. <see cref="Case"/> is the case
/// as it was left, failure recorded.
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CasePolicyException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="case">The case as left after the last accepted event.</param>
    /// <param name="policyName">The policy that failed, or the policies that looped.</param>
    /// <param name="problem">What went wrong, without personal data.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public CasePolicyException(Case @case, string policyName, string problem, Exception? innerException = null)
        : base(FengqiaoErrorKind.Configuration, $"Policy '{policyName}' failed on case '{@case?.Id}' (version {@case?.Version}, state {@case?.State}): {problem}. " +
               "The events accepted before it stand.", innerException)
    {
        ArgumentNullException.ThrowIfNull(@case);
        Case = @case;
        PolicyName = policyName;
        Problem = problem;
    }

    /// <summary>Gets what went wrong (the reason recorded on the case).</summary>
    public string Problem { get; }

    /// <summary>Gets the case as left after the last accepted event.</summary>
    public Case Case { get; }

    /// <summary>Gets the policy that failed.</summary>
    public string PolicyName { get; }
}
