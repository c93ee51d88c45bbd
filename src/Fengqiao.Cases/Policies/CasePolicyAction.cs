using Fengqiao.Cases.Events;

namespace Fengqiao.Cases.Policies;

/// <summary>An action a policy asks the desk to take: the step (its typed payload) and the cause to record.</summary>
/// <remarks>
/// The desk fires it as <see cref="CaseActor.System"/>; it is refused like any other action if the lifecycle or the
/// desk's checks refuse it (then the desk records a <see cref="CasePolicyFailed"/> instead). Everything a later step
/// needs goes in the payload; the cause is an explanation for people.
/// </remarks>
/// <param name="Step">The step to take, with its data; not null.</param>
/// <param name="Cause">The rule id and the facts that made the policy ask; not null.</param>
/// <exception cref="ArgumentNullException"><paramref name="Step"/> or <paramref name="Cause"/> is null.</exception>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record CasePolicyAction(CaseTransition Step, CaseEventCause Cause)
{
    /// <summary>Gets the step to take.</summary>
    public CaseTransition Step { get; init; } = Step ?? throw new ArgumentNullException(nameof(Step));

    /// <summary>Gets the rule id and the facts that made the policy ask.</summary>
    public CaseEventCause Cause { get; init; } = Cause ?? throw new ArgumentNullException(nameof(Cause));
}
