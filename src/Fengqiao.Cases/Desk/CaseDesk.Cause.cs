using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;

namespace Fengqiao.Cases.Desk;

// The general desk call: any lifecycle step, with the cause that made it happen.
public sealed partial class CaseDesk
{
    /// <summary>Fires any lifecycle step on the case, with the cause that made it happen: the call through which a
    /// system (an early-warning rule, an integration) acts on a case.</summary>
    /// <param name="id">The case.</param>
    /// <param name="actor">Who acts: a person, or <see cref="CaseActor.System"/> (which must give a cause).</param>
    /// <param name="step">The step, as its payload (<see cref="CaseSupervisionIssued"/>, <see cref="CaseInstructed"/>, <see cref="CaseSummoned"/>, …).</param>
    /// <param name="cause">Why (the rule's id and the facts it matched), recorded on the event as <see cref="CaseEvent.Cause"/>;
    /// required for the system, optional for a person; <see langword="null"/> for none.</param>
    /// <param name="cancellationToken">Cancels the action before it is stored.</param>
    /// <returns>The case after the step (and after any policy actions it caused).</returns>
    /// <remarks>
    /// <para>The step is decided exactly as the named calls decide it (<see cref="InstructAsync"/> is this call with a
    /// <see cref="CaseInstructed"/> and no cause): lifecycle, authoriser (told that a cause is given), the desk's checks,
    /// policies, one append.</para>
    /// <para>The cause is an explanation: the desk and its policies never read it back to decide anything.</para>
    /// <para>A merge cannot go through this call, because it changes two cases: use <see cref="MergeAsync"/>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="actor"/> or <paramref name="step"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="step"/> is a <see cref="CaseMerged"/>.</exception>
    /// <exception cref="CaseNotFoundException">There is no such case.</exception>
    /// <exception cref="CaseActionRefusedException">The action was refused (also <see cref="CaseRefusalKind.Unauthorized"/>
    /// for the system without a cause); nothing changed.</exception>
    /// <exception cref="ConcurrencyConflictException">The case changed meanwhile; nothing changed.</exception>
    /// <threadsafety>As every desk call: safe to call concurrently; two actions on one case race on its version.</threadsafety>
    public Task<Case> ActAsync(CaseId id, CaseActor actor, CaseTransition step, CaseEventCause? cause, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(step);
        if (step is CaseMerged)
        {
            throw new ArgumentException("A merge changes two cases: use MergeAsync.", nameof(step));
        }

        return ActCoreAsync(id, actor, step, cause, cancellationToken);
    }
}
