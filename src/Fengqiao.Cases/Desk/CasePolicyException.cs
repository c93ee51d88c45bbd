namespace Fengqiao.Cases.Desk;

/// <summary>Thrown when a policy failed after an accepted event: it threw, asked for a refused action, or kept asking past the step limit.</summary>
/// <remarks>
/// The events accepted before the failure stand (they were appended and published); <see cref="Case"/> is the case
/// as it was left. The action the caller asked for, if any, was recorded. Fix the policy; the next sweep or event
/// evaluates it again.
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CasePolicyException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="case">The case as left after the last accepted event.</param>
    /// <param name="policyName">The policy that failed, or the policies that looped.</param>
    /// <param name="problem">What went wrong, without personal data.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public CasePolicyException(Case @case, string policyName, string problem, Exception? innerException = null)
        : base($"Policy '{policyName}' failed on case '{@case?.Id}' (version {@case?.Version}, state {@case?.State}): {problem}. " +
               "The events accepted before it stand.", innerException)
    {
        ArgumentNullException.ThrowIfNull(@case);
        Case = @case;
        PolicyName = policyName;
    }

    /// <summary>Gets the case as left after the last accepted event.</summary>
    public Case Case { get; }

    /// <summary>Gets the policy that failed.</summary>
    public string PolicyName { get; }
}
