namespace Fengqiao.Lifecycles;

/// <summary>One mistake found in a lifecycle definition by <see cref="LifecycleBuilder{TState, TTrigger, TArgs}.Build"/>.</summary>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class LifecycleDefinitionProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="kind">The kind of mistake.</param>
    /// <param name="state">The state concerned.</param>
    /// <param name="trigger">The trigger concerned, if any.</param>
    /// <param name="message">A sentence naming the state and trigger and saying what is wrong.</param>
    /// <exception cref="ArgumentNullException"><paramref name="state"/> or <paramref name="message"/> is null.</exception>
    public LifecycleDefinitionProblem(LifecycleDefinitionProblemKind kind, object state, object? trigger, string message)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(message);
        Kind = kind;
        State = state;
        Trigger = trigger;
        Message = message;
    }

    /// <summary>Gets the kind of mistake.</summary>
    public LifecycleDefinitionProblemKind Kind { get; }

    /// <summary>Gets the state concerned.</summary>
    public object State { get; }

    /// <summary>Gets the trigger concerned, or <see langword="null"/> when the problem is about the state alone.</summary>
    public object? Trigger { get; }

    /// <summary>Gets a sentence describing the mistake.</summary>
    public string Message { get; }

    /// <summary>Returns the kind and message.</summary>
    /// <returns>For example <c>DeadEnd: state 'Resolved' has no way out and is not marked terminal.</c></returns>
    public override string ToString() => $"{Kind}: {Message}";
}
