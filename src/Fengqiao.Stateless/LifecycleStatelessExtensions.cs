using Fengqiao.Lifecycles;
using Stateless;

namespace Fengqiao.Stateless;

/// <summary>Exports a Fengqiao lifecycle to a Stateless <see cref="StateMachine{TState, TTrigger}"/> over state the host keeps.</summary>
/// <remarks>
/// <para>For hosts that drive their own screens or workflows with Stateless. Every state of the lifecycle is configured,
/// each with <see cref="StateMachine{TState, TTrigger}.StateConfiguration.SubstateOf"/> its nearest superstate, so
/// <see cref="StateMachine{TState, TTrigger}.IsInState"/> answers as <see cref="Lifecycle{TState, TTrigger, TArgs}.IsInState"/>
/// does. Each state is given every trigger it or one of its superstates declares: external and re-entry transitions
/// as a guarded dynamic permit, internal ones as a guarded internal transition, each guard described by the
/// lifecycle's guard reasons.</para>
/// <para>The lifecycle stays the judge: a guard asks <see cref="Lifecycle{TState, TTrigger, TArgs}.TryFire"/> on the
/// current state (read through the accessor) and the current arguments which transition it would take, and the
/// destination is the one it names, so substate-before-superstate order, guards and dynamic destinations are the
/// kernel's. Evaluating <c>TryFire</c> runs the kernel's actions to collect their effects, which are discarded: the
/// exported machine moves the state, and a host that needs the effects fires the kernel itself. The differential
/// property test in <c>Fengqiao.Stateless.Tests</c> checks that both agree on the state and the permitted triggers after
/// every step of random trigger sequences.</para>
/// <para>Unlike the kernel, Stateless moves the state before the host's own entry actions run; a failing Stateless
/// action therefore leaves the state moved. Use the kernel where that matters (see docs/choosing-kernels.md).</para>
/// </remarks>
/// <threadsafety>The export itself is thread-safe; the machine it returns is Stateless's and, like it, not thread-safe.</threadsafety>
public static class LifecycleStatelessExtensions
{
    /// <summary>Creates a Stateless machine that follows the lifecycle over a state the host reads and writes.</summary>
    /// <typeparam name="TState">The state type.</typeparam>
    /// <typeparam name="TTrigger">The trigger type.</typeparam>
    /// <typeparam name="TArgs">The lifecycle's argument type.</typeparam>
    /// <param name="lifecycle">The lifecycle to export.</param>
    /// <param name="stateAccessor">Reads the current state (for example from the host's record).</param>
    /// <param name="stateMutator">Writes the new state after a transition.</param>
    /// <param name="arguments">Supplies the arguments guards and dynamic destinations read, at the moment they are evaluated.</param>
    /// <returns>A new machine; configure further entry and exit actions on it as usual.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static StateMachine<TState, TTrigger> ToStateMachine<TState, TTrigger, TArgs>(
        this Lifecycle<TState, TTrigger, TArgs> lifecycle, Func<TState> stateAccessor, Action<TState> stateMutator, Func<TArgs> arguments)
        where TState : notnull
        where TTrigger : notnull
        where TArgs : notnull
    {
        ArgumentNullException.ThrowIfNull(lifecycle);
        ArgumentNullException.ThrowIfNull(stateAccessor);
        ArgumentNullException.ThrowIfNull(stateMutator);
        ArgumentNullException.ThrowIfNull(arguments);
        var machine = new StateMachine<TState, TTrigger>(stateAccessor, stateMutator);
        var description = lifecycle.Describe();
        var declared = description.Transitions.ToLookup(t => t.Source);

        TransitionOutcome<TState, TTrigger> Choose(TTrigger trigger) => lifecycle.TryFire(stateAccessor(), trigger, arguments());

        foreach (var state in description.States)
        {
            var configuration = machine.Configure(state.State);
            if (state.Superstates.Count > 0)
            {
                configuration.SubstateOf(state.Superstates[0]);
            }

            var candidates = new[] { state.State }.Concat(state.Superstates).SelectMany(s => declared[s]).ToList();
            foreach (var byTrigger in candidates.GroupBy(t => t.Trigger))
            {
                var trigger = byTrigger.Key;
                var guards = string.Join("; ", byTrigger.SelectMany(t => t.Guards).Distinct(StringComparer.Ordinal));
                var description1 = guards.Length == 0 ? "permitted by the lifecycle" : guards;
                if (byTrigger.Any(t => t.Kind != TransitionKind.Internal))
                {
                    configuration.PermitDynamicIf(
                        trigger,
                        () => Choose(trigger).Destination,
                        () => Choose(trigger) is { IsCompleted: true, Kind: not TransitionKind.Internal },
                        description1);
                }

                if (byTrigger.Any(t => t.Kind == TransitionKind.Internal))
                {
                    configuration.InternalTransitionIf(
                        trigger,
                        _ => Choose(trigger) is { IsCompleted: true, Kind: TransitionKind.Internal },
                        static () => { },
                        description1);
                }
            }
        }

        return machine;
    }
}
