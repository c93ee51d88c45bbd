namespace Fengqiao.Lifecycles;

/// <summary>
/// Thrown by <see cref="Lifecycle{TState, TTrigger, TArgs}.Fire"/> when a trigger is not permitted in the current
/// state, or a guard refuses it. Nothing changed.
/// </summary>
/// <remarks>
/// <para>
/// The message names the state, the trigger, the triggers the state does permit with the same arguments, and the
/// reasons of the guards that refused. The same facts are available as properties, and as a value, without an
/// exception, from <see cref="Lifecycle{TState, TTrigger, TArgs}.TryFire"/>.
/// </para>
/// <para>
/// The state and triggers are typed <see cref="object"/> so that the exception can be caught without knowing the
/// lifecycle's type arguments.
/// </para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class TransitionRefusedException : FengqiaoException
{
    /// <summary>Creates the exception with a message only (for serializers and tests).</summary>
    public TransitionRefusedException()
        : this("A trigger was refused.")
    {
    }

    /// <summary>Creates the exception with a message only.</summary>
    /// <param name="message">The message.</param>
    public TransitionRefusedException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public TransitionRefusedException(string message, Exception? innerException)
        : base(FengqiaoErrorKind.Refusal, message, innerException)
    {
        State = "";
        Trigger = "";
        PermittedTriggers = [];
        FailedGuards = [];
    }

    /// <summary>Creates the exception from the refusal's facts.</summary>
    /// <param name="status">Why it was refused: <see cref="TransitionStatus.NotPermitted"/> or <see cref="TransitionStatus.GuardFailed"/>.</param>
    /// <param name="state">The state the trigger was fired in.</param>
    /// <param name="trigger">The trigger.</param>
    /// <param name="permittedTriggers">The triggers the state permits with the same arguments.</param>
    /// <param name="failedGuards">The reasons of the guards that refused.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public TransitionRefusedException(
        TransitionStatus status, object state, object trigger, IReadOnlyList<object> permittedTriggers, IReadOnlyList<string> failedGuards)
        : base(FengqiaoErrorKind.Refusal, Format(status, state, trigger, permittedTriggers, failedGuards))
    {
        Status = status;
        State = state;
        Trigger = trigger;
        PermittedTriggers = permittedTriggers;
        FailedGuards = failedGuards;
    }

    /// <summary>Gets why the trigger was refused.</summary>
    public TransitionStatus Status { get; }

    /// <summary>Gets the state the trigger was fired in.</summary>
    public object State { get; }

    /// <summary>Gets the refused trigger.</summary>
    public object Trigger { get; }

    /// <summary>Gets the triggers the state permits with the same arguments.</summary>
    public IReadOnlyList<object> PermittedTriggers { get; }

    /// <summary>Gets the reasons of the guards that refused the trigger (empty when it is not declared at all).</summary>
    public IReadOnlyList<string> FailedGuards { get; }

    private static string Format(
        TransitionStatus status, object state, object trigger, IReadOnlyList<object> permittedTriggers, IReadOnlyList<string> failedGuards)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(permittedTriggers);
        ArgumentNullException.ThrowIfNull(failedGuards);
        var permitted = permittedTriggers.Count == 0 ? "none" : string.Join(", ", permittedTriggers);
        return status == TransitionStatus.GuardFailed
            ? $"Trigger '{trigger}' was refused in state '{state}': {string.Join("; ", failedGuards)}. Nothing changed. Permitted triggers: {permitted}."
            : $"Trigger '{trigger}' is not permitted in state '{state}'. Nothing changed. Permitted triggers: {permitted}.";
    }
}
