namespace Fengqiao.Lifecycles;

/// <summary>
/// Thrown when a guard, a destination selector or an action throws while a trigger is being fired or explained.
/// Nothing changed: the caller's state is untouched and every effect of the step is discarded.
/// </summary>
/// <remarks>
/// <para>
/// The message names the state, the trigger and the stage that failed (for example "the entry action
/// 'start the unit clock' of 'Dispatched'"); <see cref="Exception.InnerException"/> is the original exception.
/// This is a bug in a guard or action (or in data it reads), not a refusal: refusals are
/// <see cref="TransitionRefusedException"/> or a refused <see cref="TransitionOutcome{TState, TTrigger}"/>, and
/// <see cref="Lifecycle{TState, TTrigger, TArgs}.TryFire"/> throws this exception too.
/// </para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class TransitionFailedException : FengqiaoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public TransitionFailedException()
        : this("A transition failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public TransitionFailedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TransitionFailedException(string message, Exception? innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
        State = "";
        Trigger = "";
        Stage = "";
    }

    /// <summary>Creates the exception from the facts of the failure.</summary>
    /// <param name="state">The state the trigger was fired in (still the case's state).</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="stage">What failed, e.g. "the guard 'a reason must be given'".</param>
    /// <param name="innerException">The exception the guard, selector or action threw.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TransitionFailedException(object state, object trigger, string stage, Exception innerException)
        : base(FengqiaoErrorKind.Configuration, Format(state, trigger, stage, innerException), innerException)
    {
        State = state;
        Trigger = trigger;
        Stage = stage;
    }

    /// <summary>Gets the state the trigger was fired in; the case is still in it.</summary>
    public object State { get; }

    /// <summary>Gets the trigger.</summary>
    public object Trigger { get; }

    /// <summary>Gets what failed: a guard, a destination selector, or an exit, entry or internal action.</summary>
    public string Stage { get; }

    private static string Format(object state, object trigger, string stage, Exception innerException)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(stage);
        ArgumentNullException.ThrowIfNull(innerException);
        return $"Firing '{trigger}' in state '{state}' failed in {stage}: {innerException.GetType().Name}: {innerException.Message} " +
               $"Nothing changed: the state is still '{state}' and no effect was emitted.";
    }
}
