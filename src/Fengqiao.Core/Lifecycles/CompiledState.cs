namespace Fengqiao.Lifecycles;

/// <summary>A state as precomputed by Build.</summary>
internal sealed class CompiledState<TState, TTrigger, TArgs>
    where TState : notnull
    where TTrigger : notnull
    where TArgs : notnull
{
    public required TState State { get; init; }

    /// <summary>Gets this state's index followed by its superstates' indexes, nearest first.</summary>
    public required int[] Chain { get; init; }

    public required Action<LifecycleActionContext<TState, TTrigger, TArgs>>[] Entry { get; init; }

    public required string[] EntryDescriptions { get; init; }

    public required Action<LifecycleActionContext<TState, TTrigger, TArgs>>[] Exit { get; init; }

    public required string[] ExitDescriptions { get; init; }

    /// <summary>Gets the indexes of the triggers declared on this state or inherited, in declaration order.</summary>
    public required int[] Triggers { get; init; }
}
