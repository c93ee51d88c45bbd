namespace Fengqiao.Cases.Policies;

/// <summary>An extension point: a rule set that looks at a case and may ask the desk to act on it (Fengqiao.Escalation and Fengqiao.Mediation implement it).</summary>
/// <remarks>
/// <para>
/// The desk evaluates every policy after each event it accepts and on each sweep of a due case, on a read-only
/// snapshot (<see cref="CasePolicyArguments.Case"/>). Each requested action is fired as
/// <see cref="CaseActor.System"/> with its cause (rule id and facts) recorded on the event; the desk takes every
/// action the first asking policy returned, in order (so a policy asks for a step and its follow-up together, e.g.
/// escalate then supervise the new holder), then evaluates all policies again on the new snapshot, up to
/// <see cref="Desk.CaseDeskOptions.MaxPolicySteps"/> steps. The policies' steps are appended together with the step
/// that prompted them, in one append.
/// </para>
/// <para>
/// Contract: return an empty list when nothing should happen — in particular, a policy must see from the case that
/// it has already acted (the case is escalated, the clock stage was recorded; <see cref="CasePolicyArguments.RequestedBy"/>
/// names the policy that asked for the last step), or the step limit stops it. Evaluation may run concurrently for
/// different cases, from any thread; it must only read: the case it sees is not yet stored, so it must not change
/// anything itself (a host that needs to act on outside systems subscribes to the desk's published events). Put every
/// value a later step needs into the action's typed payload; the cause is an explanation and nothing parses it. An
/// exception thrown here, a refused action, or a loop past the step limit is recorded on the case as a
/// <see cref="Events.CasePolicyFailed"/> event in the same append (the caller's step stands and the caller sees
/// <see cref="Case.PolicyFailure"/>); the sweep retries.
/// </para>
/// </remarks>
/// <threadsafety>Implementations must be safe to evaluate concurrently for different cases; the desk never evaluates one case twice at once.</threadsafety>
public interface ICasePolicy
{
    /// <summary>Gets the policy's name, used in errors and explanations.</summary>
    string Name { get; }

    /// <summary>Evaluates the policy on a case.</summary>
    /// <param name="arguments">The case snapshot, the instant, and the event just accepted (none on a sweep).</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>The actions to take, first first; empty for none.</returns>
    ValueTask<IReadOnlyList<CasePolicyAction>> EvaluateAsync(CasePolicyArguments arguments, CancellationToken cancellationToken);
}
