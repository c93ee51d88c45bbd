namespace Fengqiao.Lifecycles;

/// <summary>
/// Configures one state of a <see cref="LifecycleBuilder{TState, TTrigger, TArgs}"/>: its label, superstate, the
/// triggers it permits, and its entry and exit actions.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <typeparam name="TTrigger">The trigger type.</typeparam>
/// <typeparam name="TArgs">The arguments type passed with every trigger.</typeparam>
/// <remarks>
/// <para>
/// Every method returns this builder, so a state reads as one fluent statement. Mistakes in one call (a null
/// argument, an empty label) throw at once; mistakes in the graph (an undeclared destination, duplicates,
/// unreachable states, dead ends) are collected and reported together by
/// <see cref="LifecycleBuilder{TState, TTrigger, TArgs}.Build"/>.
/// </para>
/// <para>
/// A trigger declared here shadows the same trigger declared on a superstate: in this state (and its substates) only
/// this state's transitions for it are candidates. Several transitions for one trigger must be told apart by guards;
/// the first whose guards all pass is taken.
/// </para>
/// </remarks>
/// <threadsafety>Not thread-safe: configure on one thread, then call Build.</threadsafety>
public sealed class LifecycleStateBuilder<TState, TTrigger, TArgs>
    where TState : notnull
    where TTrigger : notnull
    where TArgs : notnull
{
    internal LifecycleStateBuilder(TState state)
    {
        State = state;
    }

    /// <summary>Gets the state being configured.</summary>
    public TState State { get; }

    internal string? StateLabel { get; private set; }

    internal bool HasSuperstate { get; private set; }

    internal TState? Superstate { get; private set; }

    internal bool IsTerminal { get; private set; }

    internal List<TransitionDeclaration<TState, TTrigger, TArgs>> Transitions { get; } = [];

    internal List<(string Description, Action<LifecycleActionContext<TState, TTrigger, TArgs>> Action)> EntryActions { get; } = [];

    internal List<(string Description, Action<LifecycleActionContext<TState, TTrigger, TArgs>> Action)> ExitActions { get; } = [];

    /// <summary>Sets the label shown for the state in diagrams and descriptions, e.g. <c>Registered 登记</c>.</summary>
    /// <param name="label">The label; by default the state's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentException"><paramref name="label"/> is null, empty or white space.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> Label(string label)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(label);
        StateLabel = label;
        return this;
    }

    /// <summary>Places this state inside <paramref name="superstate"/>.</summary>
    /// <param name="superstate">The enclosing state; it must be configured too (checked by Build).</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// In this state every trigger of the superstate is permitted (unless this state declares the same trigger),
    /// <see cref="Lifecycle{TState, TTrigger, TArgs}.IsInState"/> answers true for the superstate, and a transition
    /// leaving the superstate runs this state's exit actions before the superstate's.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="superstate"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="superstate"/> is this state.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> SubstateOf(TState superstate)
    {
        ArgumentNullException.ThrowIfNull(superstate);
        if (EqualityComparer<TState>.Default.Equals(superstate, State))
        {
            throw new ArgumentException($"State '{State}' cannot be its own superstate.", nameof(superstate));
        }

        HasSuperstate = true;
        Superstate = superstate;
        return this;
    }

    /// <summary>Marks the state terminal: a case may end here, so Build does not report it as a dead end.</summary>
    /// <returns>This builder.</returns>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> Terminal()
    {
        IsTerminal = true;
        return this;
    }

    /// <summary>Permits <paramref name="trigger"/> to move the case to <paramref name="destination"/>.</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="destination">The state the case moves to; it must be configured (checked by Build).</param>
    /// <param name="guards">Conditions that must all hold, in evaluation order; none for an unconditional transition.</param>
    /// <returns>This builder.</returns>
    /// <remarks>A transition to the state itself behaves like <see cref="PermitReentry"/>: exit and entry actions run.</remarks>
    /// <exception cref="ArgumentNullException">An argument or a guard is null.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> Permit(TTrigger trigger, TState destination, params LifecycleGuard<TArgs>[] guards)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(destination);
        Transitions.Add(new()
        {
            Trigger = trigger,
            Kind = TransitionKind.External,
            Destinations = [destination],
            Guards = CheckGuards(guards),
        });
        return this;
    }

    /// <summary>
    /// Permits <paramref name="trigger"/> to move the case to a destination chosen from the arguments when it is
    /// fired, among <paramref name="possibleDestinations"/>.
    /// </summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="possibleDestinations">Every state the selector may choose; shown as edges in the graph.</param>
    /// <param name="selectDestination">Chooses the destination from the arguments (e.g. the state a case was suspended from).</param>
    /// <param name="guards">Conditions that must all hold before the selector is asked.</param>
    /// <returns>This builder.</returns>
    /// <remarks>
    /// If the selector throws or chooses a state not in <paramref name="possibleDestinations"/>, firing throws
    /// <see cref="TransitionFailedException"/> and nothing changes; guard against bad arguments so that a refusal is
    /// reported instead.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument or a guard is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="possibleDestinations"/> is empty.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> PermitDynamic(
        TTrigger trigger, IEnumerable<TState> possibleDestinations, Func<TArgs, TState> selectDestination, params LifecycleGuard<TArgs>[] guards)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(possibleDestinations);
        ArgumentNullException.ThrowIfNull(selectDestination);
        var destinations = possibleDestinations.Distinct().ToArray();
        if (destinations.Length == 0)
        {
            throw new ArgumentException($"Trigger '{trigger}' in state '{State}' needs at least one possible destination.", nameof(possibleDestinations));
        }

        Transitions.Add(new()
        {
            Trigger = trigger,
            Kind = TransitionKind.External,
            Destinations = destinations,
            Selector = selectDestination,
            Guards = CheckGuards(guards),
        });
        return this;
    }

    /// <summary>Permits <paramref name="trigger"/> to leave and re-enter the current state, running exit and entry actions.</summary>
    /// <param name="trigger">The trigger (e.g. dispatching again to another unit before anyone claimed the case).</param>
    /// <param name="guards">Conditions that must all hold.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Declared on a superstate, it re-enters whichever substate the case is in.</remarks>
    /// <exception cref="ArgumentNullException">An argument or a guard is null.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> PermitReentry(TTrigger trigger, params LifecycleGuard<TArgs>[] guards)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        Transitions.Add(new()
        {
            Trigger = trigger,
            Kind = TransitionKind.Reentry,
            Destinations = [],
            Guards = CheckGuards(guards),
        });
        return this;
    }

    /// <summary>Permits <paramref name="trigger"/> as an internal transition: it is recorded but the state does not change.</summary>
    /// <param name="trigger">The trigger (e.g. Supervise — 督办, Instruct — 批示).</param>
    /// <param name="guards">Conditions that must all hold.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument or a guard is null.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> InternalTransition(TTrigger trigger, params LifecycleGuard<TArgs>[] guards)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        Transitions.Add(new()
        {
            Trigger = trigger,
            Kind = TransitionKind.Internal,
            Destinations = [],
            Guards = CheckGuards(guards),
        });
        return this;
    }

    /// <summary>Permits <paramref name="trigger"/> as an internal transition that runs an action (which may emit effects).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <param name="description">What the action does, for descriptions and error messages.</param>
    /// <param name="action">The action; it must not change the case, only emit effects.</param>
    /// <param name="guards">Conditions that must all hold.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument or a guard is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="description"/> is empty or white space.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> InternalTransition(
        TTrigger trigger, string description, Action<LifecycleActionContext<TState, TTrigger, TArgs>> action, params LifecycleGuard<TArgs>[] guards)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(action);
        Transitions.Add(new()
        {
            Trigger = trigger,
            Kind = TransitionKind.Internal,
            Destinations = [],
            Guards = CheckGuards(guards),
            ActionDescription = description,
            Action = action,
        });
        return this;
    }

    /// <summary>Adds an action run when the case enters this state (after exits, outermost state first).</summary>
    /// <param name="description">What the action does, e.g. "start the unit clock".</param>
    /// <param name="action">The action; it must not change the case, only emit effects.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="description"/> is null, empty or white space.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> OnEntry(string description, Action<LifecycleActionContext<TState, TTrigger, TArgs>> action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(action);
        EntryActions.Add((description, action));
        return this;
    }

    /// <summary>Adds an action run when the case leaves this state (innermost state first).</summary>
    /// <param name="description">What the action does, e.g. "stop the unit clock".</param>
    /// <param name="action">The action; it must not change the case, only emit effects.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="action"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="description"/> is null, empty or white space.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> OnExit(string description, Action<LifecycleActionContext<TState, TTrigger, TArgs>> action)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentNullException.ThrowIfNull(action);
        ExitActions.Add((description, action));
        return this;
    }

    /// <summary>Removes every transition this state declares for <paramref name="trigger"/> (to adjust a default lifecycle).</summary>
    /// <param name="trigger">The trigger.</param>
    /// <returns>This builder.</returns>
    /// <remarks>Transitions inherited from a superstate are not affected; removing a trigger never declared does nothing.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="trigger"/> is null.</exception>
    public LifecycleStateBuilder<TState, TTrigger, TArgs> Remove(TTrigger trigger)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        Transitions.RemoveAll(t => EqualityComparer<TTrigger>.Default.Equals(t.Trigger, trigger));
        return this;
    }

    private LifecycleGuard<TArgs>[] CheckGuards(LifecycleGuard<TArgs>[] guards)
    {
        ArgumentNullException.ThrowIfNull(guards);
        if (Array.IndexOf(guards, null) >= 0)
        {
            throw new ArgumentNullException(nameof(guards), $"A guard declared in state '{State}' is null.");
        }

        return [.. guards];
    }
}
