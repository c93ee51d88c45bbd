namespace Fengqiao.Lifecycles;

/// <summary>
/// A built lifecycle: decides what a trigger does to a state, explains refusals, and describes its graph. It never
/// holds a case's state: the caller passes the current state in and stores the outcome's destination.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <typeparam name="TTrigger">The trigger type.</typeparam>
/// <typeparam name="TArgs">The arguments type passed with every trigger.</typeparam>
/// <remarks>
/// <para>
/// Firing is transactional. The lifecycle finds the candidate transitions (own or inherited from a superstate),
/// evaluates their guards, chooses the destination, then runs exit actions (innermost first), and entry actions
/// (outermost first) — or the internal transition's action — collecting the effects they emit. Only when all of
/// that succeeded does it return the new state. Actions cannot change the case; if a guard, selector or action
/// throws, a <see cref="TransitionFailedException"/> is thrown, the caller's state is untouched and the effects are
/// discarded.
/// </para>
/// <para>
/// Refusals: <see cref="Fire"/> throws <see cref="TransitionRefusedException"/>; <see cref="TryFire"/> returns
/// the same facts as a refused <see cref="TransitionOutcome{TState, TTrigger}"/>.
/// </para>
/// <para>
/// Cost: a completed step is two index lookups, the guards, and the actions; it allocates nothing when no action
/// emits an effect. Refusals allocate (they list permitted triggers and reasons).
/// </para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe: build once and share across all cases and threads.</threadsafety>
public sealed class Lifecycle<TState, TTrigger, TArgs>
    where TState : notnull
    where TTrigger : notnull
    where TArgs : notnull
{
    private readonly DenseIndex<TState> stateIndex;
    private readonly DenseIndex<TTrigger> triggerIndex;
    private readonly CompiledState<TState, TTrigger, TArgs>[] states;
    private readonly CompiledTransition<TState, TTrigger, TArgs>[]?[] table;
    private readonly string[] triggerLabels;
    private readonly int triggerCount;
    private readonly LifecycleDescription<TState, TTrigger> description;

    internal Lifecycle(
        DenseIndex<TState> stateIndex,
        DenseIndex<TTrigger> triggerIndex,
        CompiledState<TState, TTrigger, TArgs>[] states,
        CompiledTransition<TState, TTrigger, TArgs>[]?[] table,
        string[] triggerLabels,
        LifecycleDescription<TState, TTrigger> description)
    {
        this.stateIndex = stateIndex;
        this.triggerIndex = triggerIndex;
        this.states = states;
        this.table = table;
        this.triggerLabels = triggerLabels;
        this.description = description;
        triggerCount = triggerIndex.Count;
    }

    /// <summary>Gets the state a new case starts in.</summary>
    public TState InitialState => description.InitialState;

    /// <summary>Fires <paramref name="trigger"/> in <paramref name="state"/> and returns the completed outcome.</summary>
    /// <param name="state">The case's current state.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="args">The arguments (actor, case snapshot, parameters) for guards, selectors and actions.</param>
    /// <returns>A completed outcome: the new state, the kind of transition and the emitted effects.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="trigger"/> or <paramref name="args"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not a state of this lifecycle.</exception>
    /// <exception cref="TransitionRefusedException">
    /// The trigger is not permitted in the state, or its guards refuse it; the message names the state, the trigger,
    /// the permitted triggers and the reasons. Nothing changed.
    /// </exception>
    /// <exception cref="TransitionFailedException">A guard, selector or action threw. Nothing changed.</exception>
    public TransitionOutcome<TState, TTrigger> Fire(TState state, TTrigger trigger, TArgs args)
    {
        var outcome = TryFire(state, trigger, args);
        if (!outcome.IsCompleted)
        {
            throw new TransitionRefusedException(
                outcome.Status, state, trigger, [.. outcome.PermittedTriggers.Select(t => (object)t)], outcome.FailedGuards);
        }

        return outcome;
    }

    /// <summary>Fires <paramref name="trigger"/> in <paramref name="state"/>, returning a refusal as a value.</summary>
    /// <param name="state">The case's current state.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="args">The arguments (actor, case snapshot, parameters) for guards, selectors and actions.</param>
    /// <returns>
    /// A completed outcome, or a refused one (<see cref="TransitionStatus.NotPermitted"/> or
    /// <see cref="TransitionStatus.GuardFailed"/>) whose destination is the unchanged state, with the permitted
    /// triggers and the guard reasons.
    /// </returns>
    /// <remarks>
    /// A trigger that no state of the lifecycle declares is simply not permitted. Exceptions from guards, selectors
    /// and actions are bugs, not refusals, and still surface as <see cref="TransitionFailedException"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="trigger"/> or <paramref name="args"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not a state of this lifecycle.</exception>
    /// <exception cref="TransitionFailedException">A guard, selector or action threw. Nothing changed.</exception>
    public TransitionOutcome<TState, TTrigger> TryFire(TState state, TTrigger trigger, TArgs args)
    {
        var si = IndexOf(state, nameof(state));
        if (trigger is null)
        {
            throw new ArgumentNullException(nameof(trigger));
        }

        if (args is null)
        {
            throw new ArgumentNullException(nameof(args), $"Arguments are required to fire '{trigger}' in state '{state}'.");
        }

        if (!triggerIndex.TryGetIndex(trigger, out var ti))
        {
            return Refused(TransitionStatus.NotPermitted, si, state, trigger, args, null);
        }

        var candidates = table[(si * triggerCount) + ti];
        if (candidates is null)
        {
            return Refused(TransitionStatus.NotPermitted, si, state, trigger, args, null);
        }

        CompiledTransition<TState, TTrigger, TArgs>? chosen = null;
        foreach (var candidate in candidates)
        {
            if (Passes(candidate, state, trigger, args))
            {
                chosen = candidate;
                break;
            }
        }

        if (chosen is null)
        {
            return Refused(TransitionStatus.GuardFailed, si, state, trigger, args, candidates);
        }

        var di = chosen.Kind == TransitionKind.External ? Destination(chosen, state, trigger, args) : si;
        var destination = states[di].State;
        List<object>? effects = null;
        if (chosen.Kind == TransitionKind.Internal)
        {
            if (chosen.Action is not null)
            {
                effects = [];
                Run(chosen.Action, new(state, trigger, destination, chosen.Kind, states[chosen.Declaring].State, args, effects), state, trigger,
                    Stage.Internal, chosen.ActionDescription!, states[chosen.Declaring].State);
            }
        }
        else
        {
            var source = states[si].Chain;
            var target = states[di].Chain;
            FindCommonAncestor(source, target, out var exitCount, out var entryCount);
            for (var k = 0; k < exitCount; k++)
            {
                var exiting = states[source[k]];
                for (var a = 0; a < exiting.Exit.Length; a++)
                {
                    effects ??= [];
                    Run(exiting.Exit[a], new(state, trigger, destination, chosen.Kind, exiting.State, args, effects), state, trigger,
                        Stage.Exit, exiting.ExitDescriptions[a], exiting.State);
                }
            }

            for (var k = entryCount - 1; k >= 0; k--)
            {
                var entering = states[target[k]];
                for (var a = 0; a < entering.Entry.Length; a++)
                {
                    effects ??= [];
                    Run(entering.Entry[a], new(state, trigger, destination, chosen.Kind, entering.State, args, effects), state, trigger,
                        Stage.Entry, entering.EntryDescriptions[a], entering.State);
                }
            }
        }

        return new(TransitionStatus.Completed, state, trigger, destination, chosen.Kind, effects, null, null);
    }

    /// <summary>Tells whether <paramref name="trigger"/> would be accepted in <paramref name="state"/> with <paramref name="args"/>.</summary>
    /// <param name="state">The case's current state.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="args">The arguments.</param>
    /// <returns><see langword="true"/> when the trigger is permitted and a candidate's guards all pass.</returns>
    /// <remarks>Evaluates guards only; runs no action.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="trigger"/> or <paramref name="args"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not a state of this lifecycle.</exception>
    /// <exception cref="TransitionFailedException">A guard threw.</exception>
    public bool CanFire(TState state, TTrigger trigger, TArgs args)
    {
        var si = IndexOf(state, nameof(state));
        ArgumentNullException.ThrowIfNull(trigger);
        if (args is null)
        {
            throw new ArgumentNullException(nameof(args));
        }

        return triggerIndex.TryGetIndex(trigger, out var ti) && IsPermitted(si, ti, state, args);
    }

    /// <summary>Lists the triggers accepted in <paramref name="state"/> with <paramref name="args"/>.</summary>
    /// <param name="state">The case's current state.</param>
    /// <param name="args">The arguments.</param>
    /// <returns>The permitted triggers, own before inherited, each in declaration order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not a state of this lifecycle.</exception>
    /// <exception cref="TransitionFailedException">A guard threw.</exception>
    public IReadOnlyList<TTrigger> GetPermittedTriggers(TState state, TArgs args)
    {
        var si = IndexOf(state, nameof(state));
        if (args is null)
        {
            throw new ArgumentNullException(nameof(args));
        }

        return Permitted(si, state, args);
    }

    /// <summary>Lists every trigger <paramref name="state"/> declares or inherits, with whether it is accepted and, if not, why.</summary>
    /// <param name="state">The case's current state.</param>
    /// <param name="args">The arguments guards are evaluated with.</param>
    /// <returns>One entry per trigger, own before inherited, each in declaration order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="args"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="state"/> is not a state of this lifecycle.</exception>
    /// <exception cref="TransitionFailedException">A guard threw.</exception>
    public IReadOnlyList<TriggerAvailability<TTrigger>> ExplainTriggers(TState state, TArgs args)
    {
        var si = IndexOf(state, nameof(state));
        if (args is null)
        {
            throw new ArgumentNullException(nameof(args));
        }

        var result = new List<TriggerAvailability<TTrigger>>();
        foreach (var ti in states[si].Triggers)
        {
            var trigger = triggerIndex.Values[ti];
            var candidates = table[(si * triggerCount) + ti]!;
            var failed = candidates.Any(c => Passes(c, state, trigger, args)) ? [] : FailedReasons(candidates, state, trigger, args);
            result.Add(new(trigger, triggerLabels[ti], failed));
        }

        return result.AsReadOnly();
    }

    /// <summary>Tells whether <paramref name="state"/> is <paramref name="ancestorOrSelf"/> or inside it.</summary>
    /// <param name="state">The case's current state.</param>
    /// <param name="ancestorOrSelf">The state to test, typically a superstate such as "Active".</param>
    /// <returns><see langword="true"/> when equal, or when <paramref name="ancestorOrSelf"/> is one of <paramref name="state"/>'s superstates.</returns>
    /// <exception cref="ArgumentException">Either state is not a state of this lifecycle.</exception>
    public bool IsInState(TState state, TState ancestorOrSelf)
    {
        var si = IndexOf(state, nameof(state));
        var ai = IndexOf(ancestorOrSelf, nameof(ancestorOrSelf));
        return Array.IndexOf(states[si].Chain, ai) >= 0;
    }

    /// <summary>Gets the whole graph as data, for diagrams, documentation and tests.</summary>
    /// <returns>The description computed at build time (the same instance on every call).</returns>
    public LifecycleDescription<TState, TTrigger> Describe() => description;

    private int IndexOf(TState state, string parameterName)
    {
        if (state is null)
        {
            throw new ArgumentNullException(parameterName);
        }

        if (!stateIndex.TryGetIndex(state, out var index))
        {
            throw new ArgumentException(
                $"'{state}' is not a state of this lifecycle; its states are: {string.Join(", ", stateIndex.Values)}.", parameterName);
        }

        return index;
    }

    private static void FindCommonAncestor(int[] source, int[] target, out int exitCount, out int entryCount)
    {
        // The deepest state that is a proper superstate of both source and target: it is neither left nor entered.
        for (var k = 1; k < source.Length; k++)
        {
            var m = Array.IndexOf(target, source[k], 1);
            if (m >= 1)
            {
                exitCount = k;
                entryCount = m;
                return;
            }
        }

        exitCount = source.Length;
        entryCount = target.Length;
    }

    private int Destination(CompiledTransition<TState, TTrigger, TArgs> transition, TState state, TTrigger trigger, TArgs args)
    {
        if (transition.Destination >= 0)
        {
            return transition.Destination;
        }

        TState chosen;
        try
        {
            chosen = transition.Selector!(args);
        }
        catch (Exception e)
        {
            throw new TransitionFailedException(state, trigger, $"the destination selector for '{trigger}'", e);
        }

        if (chosen is null || !stateIndex.TryGetIndex(chosen, out var di) || Array.IndexOf(transition.PossibleDestinations, di) < 0)
        {
            var possible = string.Join(", ", transition.PossibleDestinations.Select(d => states[d].State));
            throw new TransitionFailedException(state, trigger, $"the destination selector for '{trigger}'",
                new InvalidOperationException($"The selector chose '{chosen}', which is not one of the declared destinations: {possible}."));
        }

        return di;
    }

    private static bool Passes(CompiledTransition<TState, TTrigger, TArgs> transition, TState state, TTrigger trigger, TArgs args)
    {
        var guards = transition.Guards;
        for (var g = 0; g < guards.Length; g++)
        {
            bool allowed;
            try
            {
                allowed = guards[g].Allows(args);
            }
            catch (Exception e)
            {
                throw new TransitionFailedException(state, trigger, $"the guard '{guards[g].Reason}'", e);
            }

            if (!allowed)
            {
                return false;
            }
        }

        return true;
    }

    private static void Run(
        Action<LifecycleActionContext<TState, TTrigger, TArgs>> action,
        LifecycleActionContext<TState, TTrigger, TArgs> context,
        TState state,
        TTrigger trigger,
        Stage stage,
        string description,
        TState owner)
    {
        try
        {
            action(context);
        }
        catch (Exception e)
        {
            // The stage text is composed only on failure, so that the success path allocates nothing.
            var text = stage switch
            {
                Stage.Exit => $"the exit action '{description}' of '{owner}'",
                Stage.Entry => $"the entry action '{description}' of '{owner}'",
                _ => $"the internal action '{description}' for '{trigger}'",
            };
            throw new TransitionFailedException(state, trigger, text, e);
        }
    }

    private bool IsPermitted(int si, int ti, TState state, TArgs args)
    {
        var candidates = table[(si * triggerCount) + ti];
        if (candidates is null)
        {
            return false;
        }

        var trigger = triggerIndex.Values[ti];
        foreach (var candidate in candidates)
        {
            if (Passes(candidate, state, trigger, args))
            {
                return true;
            }
        }

        return false;
    }

    private List<TTrigger> Permitted(int si, TState state, TArgs args)
    {
        var permitted = new List<TTrigger>();
        foreach (var ti in states[si].Triggers)
        {
            if (IsPermitted(si, ti, state, args))
            {
                permitted.Add(triggerIndex.Values[ti]);
            }
        }

        return permitted;
    }

    private static string[] FailedReasons(CompiledTransition<TState, TTrigger, TArgs>[] candidates, TState state, TTrigger trigger, TArgs args)
    {
        var reasons = new List<string>();
        foreach (var candidate in candidates)
        {
            foreach (var guard in candidate.Guards)
            {
                bool allowed;
                try
                {
                    allowed = guard.Allows(args);
                }
                catch (Exception e)
                {
                    throw new TransitionFailedException(state, trigger, $"the guard '{guard.Reason}'", e);
                }

                if (!allowed && !reasons.Contains(guard.Reason))
                {
                    reasons.Add(guard.Reason);
                }
            }
        }

        return [.. reasons];
    }

    private TransitionOutcome<TState, TTrigger> Refused(
        TransitionStatus status, int si, TState state, TTrigger trigger, TArgs args, CompiledTransition<TState, TTrigger, TArgs>[]? candidates)
    {
        var failed = candidates is null ? [] : FailedReasons(candidates, state, trigger, args);
        return new(status, state, trigger, state, TransitionKind.External, null, failed, Permitted(si, state, args).AsReadOnly());
    }

    private enum Stage
    {
        Exit,
        Entry,
        Internal,
    }
}
