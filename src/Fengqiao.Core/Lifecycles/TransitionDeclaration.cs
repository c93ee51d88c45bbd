namespace Fengqiao.Lifecycles;

/// <summary>A transition as declared on a <see cref="LifecycleStateBuilder{TState, TTrigger, TArgs}"/>, before validation.</summary>
internal sealed class TransitionDeclaration<TState, TTrigger, TArgs>
    where TState : notnull
    where TTrigger : notnull
    where TArgs : notnull
{
    public required TTrigger Trigger { get; init; }

    public required TransitionKind Kind { get; init; }

    /// <summary>Gets the possible destinations (one for a fixed external transition; empty for internal and re-entry).</summary>
    public required TState[] Destinations { get; init; }

    public Func<TArgs, TState>? Selector { get; init; }

    public required LifecycleGuard<TArgs>[] Guards { get; init; }

    public string? ActionDescription { get; init; }

    public Action<LifecycleActionContext<TState, TTrigger, TArgs>>? Action { get; init; }
}
