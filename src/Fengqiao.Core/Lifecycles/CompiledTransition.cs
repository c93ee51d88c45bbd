namespace Fengqiao.Lifecycles;

/// <summary>A transition as precomputed by Build.</summary>
internal sealed class CompiledTransition<TState, TTrigger, TArgs>
    where TState : notnull
    where TTrigger : notnull
    where TArgs : notnull
{
    public required TransitionKind Kind { get; init; }

    /// <summary>Gets the index of the state that declares the transition.</summary>
    public required int Declaring { get; init; }

    /// <summary>Gets the fixed destination's index, or -1 when internal, re-entry or chosen by the selector.</summary>
    public required int Destination { get; init; }

    /// <summary>Gets the indexes of the possible destinations of a dynamic transition.</summary>
    public required int[] PossibleDestinations { get; init; }

    public Func<TArgs, TState>? Selector { get; init; }

    public required LifecycleGuard<TArgs>[] Guards { get; init; }

    public string? ActionDescription { get; init; }

    public Action<LifecycleActionContext<TState, TTrigger, TArgs>>? Action { get; init; }
}
