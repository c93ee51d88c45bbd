namespace Fengqiao.Cases.Policies;

/// <summary>A policy that decides each case from that case alone, and so can be evaluated on a batch of cases at once
/// (the sweep's due cases) and have its steps committed with the rest of the batch.</summary>
/// <remarks>
/// <para>
/// The desk's sweep evaluates such a policy on up to 512 due cases in one call, and a case on which only such policies
/// acted stays in the sweep's group commit (<see cref="Ports.ICaseGroupCommit"/>) with the cases around it. A step asked
/// by any other policy closes the group first, so that the next case's evaluation sees it committed and published, as
/// it would if each case were swept alone (a hand-off changes a mediator's load, which another case's hand-off reads).
/// </para>
/// <para>
/// Contract, on top of <see cref="ICasePolicy"/>'s: the decision on a case depends only on its
/// <see cref="CasePolicyArguments"/> (the case snapshot, the instant, the last event and who asked for it) and on the
/// policy's own immutable configuration — never on other cases, on what the desk has published, or on a store; and its
/// steps change only that case and are read by no other case's evaluation. <see cref="EvaluateManyAsync"/> returns, for
/// each argument in order, exactly what <see cref="ICasePolicy.EvaluateAsync"/> would return for it. If it throws, the
/// desk evaluates that batch again one case at a time through <see cref="ICasePolicy.EvaluateAsync"/>, so the failure is
/// recorded on the case that caused it and the other cases are swept as usual.
/// </para>
/// </remarks>
/// <threadsafety>As <see cref="ICasePolicy"/>: safe to evaluate concurrently for different batches; the desk never
/// evaluates one case twice at once.</threadsafety>
public interface ICaseBatchPolicy : ICasePolicy
{
    /// <summary>Evaluates the policy on several cases, each on its own.</summary>
    /// <param name="arguments">The cases with their instants and last events; one evaluation each.</param>
    /// <param name="cancellationToken">Cancels the evaluation.</param>
    /// <returns>For each argument in order, the actions to take on that case (empty for none); as many lists as arguments.</returns>
    /// <exception cref="ArgumentException">An argument is the default value, with no case.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<IReadOnlyList<IReadOnlyList<CasePolicyAction>>> EvaluateManyAsync(IReadOnlyList<CasePolicyArguments> arguments, CancellationToken cancellationToken);
}
