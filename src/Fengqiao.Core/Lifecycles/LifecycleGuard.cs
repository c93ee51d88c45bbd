namespace Fengqiao.Lifecycles;

/// <summary>
/// A condition a transition requires, with the human-readable reason shown when it does not hold
/// ("only the unit holding the case may resolve it").
/// </summary>
/// <typeparam name="TArgs">The arguments passed with every trigger (actor, case snapshot, parameters).</typeparam>
/// <remarks>
/// <para>
/// A guard must be a pure function of the arguments: the lifecycle may evaluate it more than once (once to choose
/// the transition, again to explain a refusal or list permitted triggers), and evaluates it before any action runs.
/// </para>
/// <para>
/// If the predicate throws, the lifecycle wraps the exception in a <see cref="TransitionFailedException"/> and
/// nothing changes. One guard instance may be shared by several transitions; two transitions of one state for one
/// trigger with the same guards are rejected by <see cref="LifecycleBuilder{TState, TTrigger, TArgs}.Build"/> as
/// duplicates.
/// </para>
/// </remarks>
/// <threadsafety>Immutable; thread-safe if the predicate is (it should be pure).</threadsafety>
public sealed class LifecycleGuard<TArgs>
    where TArgs : notnull
{
    private readonly Func<TArgs, bool> predicate;

    /// <summary>Creates a guard.</summary>
    /// <param name="reason">
    /// What must hold, phrased for the person who was refused, e.g. "a reason for declining must be given".
    /// </param>
    /// <param name="predicate">Returns <see langword="true"/> when the transition may proceed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="reason"/> or <paramref name="predicate"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="reason"/> is empty or white space.</exception>
    public LifecycleGuard(string reason, Func<TArgs, bool> predicate)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        ArgumentNullException.ThrowIfNull(predicate);
        Reason = reason;
        this.predicate = predicate;
    }

    /// <summary>Gets the condition this guard requires, as shown when it refuses a trigger.</summary>
    public string Reason { get; }

    /// <summary>Evaluates the guard.</summary>
    /// <param name="args">The trigger's arguments.</param>
    /// <returns><see langword="true"/> when the condition holds.</returns>
    /// <remarks>Exceptions from the predicate propagate unchanged; the lifecycle wraps them.</remarks>
    public bool Allows(TArgs args) => predicate(args);

    /// <summary>Returns the reason.</summary>
    /// <returns>The reason.</returns>
    public override string ToString() => Reason;
}
