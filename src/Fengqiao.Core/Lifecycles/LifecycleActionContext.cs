namespace Fengqiao.Lifecycles;

/// <summary>
/// What an entry, exit or internal-transition action sees: the step being taken, the arguments, and a way to emit
/// effects for the host.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <typeparam name="TTrigger">The trigger type.</typeparam>
/// <typeparam name="TArgs">The arguments type.</typeparam>
/// <remarks>
/// <para>
/// Actions never change the case: they describe what should happen by calling <see cref="Emit"/> (start the unit's
/// clock, notify the citizen). The effects travel in <see cref="TransitionOutcome{TState, TTrigger}.Effects"/> and
/// the host carries them out after it has stored the step, so side effects leave as events, never as calls in the
/// middle of a transition. If any action throws, the whole step is abandoned and its effects are discarded.
/// </para>
/// <para>A context is valid only during the action it was passed to; do not keep it.</para>
/// </remarks>
/// <threadsafety>Used on the thread that fires the trigger; not to be shared.</threadsafety>
public readonly struct LifecycleActionContext<TState, TTrigger, TArgs> : IEquatable<LifecycleActionContext<TState, TTrigger, TArgs>>
    where TState : notnull
    where TTrigger : notnull
    where TArgs : notnull
{
    private readonly List<object> effects;

    internal LifecycleActionContext(
        TState source, TTrigger trigger, TState destination, TransitionKind kind, TState actionState, TArgs args, List<object> effects)
    {
        Source = source;
        Trigger = trigger;
        Destination = destination;
        Kind = kind;
        ActionState = actionState;
        Args = args;
        this.effects = effects;
    }

    /// <summary>Gets the state the case is in before the step.</summary>
    public TState Source { get; }

    /// <summary>Gets the trigger being fired.</summary>
    public TTrigger Trigger { get; }

    /// <summary>Gets the state the case will be in after the step (the source for internal transitions).</summary>
    public TState Destination { get; }

    /// <summary>Gets the kind of transition being taken.</summary>
    public TransitionKind Kind { get; }

    /// <summary>
    /// Gets the state whose action is running: the state being exited or entered (a superstate for its own
    /// actions), or the declaring state of an internal transition.
    /// </summary>
    public TState ActionState { get; }

    /// <summary>Gets the trigger's arguments.</summary>
    public TArgs Args { get; }

    /// <summary>Compares two contexts.</summary>
    /// <param name="left">A context.</param>
    /// <param name="right">Another context.</param>
    /// <returns><see langword="true"/> when they describe the same action of the same step.</returns>
    public static bool operator ==(LifecycleActionContext<TState, TTrigger, TArgs> left, LifecycleActionContext<TState, TTrigger, TArgs> right) =>
        left.Equals(right);

    /// <summary>Compares two contexts.</summary>
    /// <param name="left">A context.</param>
    /// <param name="right">Another context.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(LifecycleActionContext<TState, TTrigger, TArgs> left, LifecycleActionContext<TState, TTrigger, TArgs> right) =>
        !left.Equals(right);

    /// <summary>Compares with another context: the same step (states, trigger, kind, arguments, effect collector) and action state.</summary>
    /// <param name="other">The other context.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(LifecycleActionContext<TState, TTrigger, TArgs> other) =>
        ReferenceEquals(effects, other.effects)
        && Kind == other.Kind
        && EqualityComparer<TState>.Default.Equals(Source, other.Source)
        && EqualityComparer<TState>.Default.Equals(Destination, other.Destination)
        && EqualityComparer<TState>.Default.Equals(ActionState, other.ActionState)
        && EqualityComparer<TTrigger>.Default.Equals(Trigger, other.Trigger)
        && EqualityComparer<TArgs>.Default.Equals(Args, other.Args);

    /// <summary>Compares with another object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns><see langword="true"/> when it is an equal context.</returns>
    public override bool Equals(object? obj) => obj is LifecycleActionContext<TState, TTrigger, TArgs> other && Equals(other);

    /// <summary>Gets a hash code.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Kind, Source, Destination, ActionState, Trigger);

    /// <summary>Emits an effect for the host to carry out once the step is stored.</summary>
    /// <param name="effect">A value of the host's choosing, typically a small record the host pattern-matches.</param>
    /// <exception cref="ArgumentNullException"><paramref name="effect"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The context is default-constructed (not passed by a lifecycle).</exception>
    public void Emit(object effect)
    {
        ArgumentNullException.ThrowIfNull(effect);
        if (effects is null)
        {
            throw new InvalidOperationException("This action context was not created by a lifecycle; effects can only be emitted during an action.");
        }

        effects.Add(effect);
    }
}
