namespace Fengqiao.Cases.Policies;

/// <summary>An extension point: a rule set that looks at a case and may ask the desk to act on it (Fengqiao.Escalation and Fengqiao.Mediation implement it).</summary>
/// <remarks>
/// <para>
/// The desk evaluates every policy after each event it accepts and on each sweep of a due case, on a read-only
/// snapshot (<see cref="CasePolicyArguments.Case"/>). Each requested action is fired as
/// <see cref="CaseActor.System"/> with its cause (rule id and facts) recorded on the event; the desk fires the first
/// action requested, then evaluates all policies again on the new snapshot, up to
/// <see cref="Desk.CaseDeskOptions.MaxPolicySteps"/> steps.
/// </para>
/// <para>
/// Contract: return an empty list when nothing should happen — in particular, a policy must see from the case that
/// it has already acted (the case is escalated, the clock stage was recorded), or the step limit stops it with a
/// <see cref="Desk.CasePolicyException"/>. Evaluation may run concurrently for different cases, from any thread; it
/// must not change anything itself. An exception thrown here surfaces as a <see cref="Desk.CasePolicyException"/>.
/// </para>
/// </remarks>
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
