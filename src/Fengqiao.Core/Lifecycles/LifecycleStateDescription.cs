namespace Fengqiao.Lifecycles;

/// <summary>One state of a lifecycle, as data: its label, place in the hierarchy and actions.</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class LifecycleStateDescription<TState>
    where TState : notnull
{
    internal LifecycleStateDescription(
        TState state,
        string label,
        IReadOnlyList<TState> superstates,
        IReadOnlyList<TState> substates,
        bool isInitial,
        bool isTerminal,
        IReadOnlyList<string> entryActions,
        IReadOnlyList<string> exitActions)
    {
        State = state;
        Label = label;
        Superstates = superstates;
        Substates = substates;
        IsInitial = isInitial;
        IsTerminal = isTerminal;
        EntryActions = entryActions;
        ExitActions = exitActions;
    }

    /// <summary>Gets the state.</summary>
    public TState State { get; }

    /// <summary>Gets the state's label for people and diagrams (e.g. <c>Registered 登记</c>), or its name when none was given.</summary>
    public string Label { get; }

    /// <summary>Gets the state's superstates, nearest first; empty for a top-level state.</summary>
    public IReadOnlyList<TState> Superstates { get; }

    /// <summary>Gets the states directly inside this one, in declaration order; empty for a simple state.</summary>
    public IReadOnlyList<TState> Substates { get; }

    /// <summary>Gets a value indicating whether this is the lifecycle's initial state.</summary>
    public bool IsInitial { get; }

    /// <summary>Gets a value indicating whether the state is marked terminal (allowed to have no way out).</summary>
    public bool IsTerminal { get; }

    /// <summary>Gets the descriptions of the state's entry actions, in the order they run.</summary>
    public IReadOnlyList<string> EntryActions { get; }

    /// <summary>Gets the descriptions of the state's exit actions, in the order they run.</summary>
    public IReadOnlyList<string> ExitActions { get; }

    /// <summary>Returns the label.</summary>
    /// <returns>The label.</returns>
    public override string ToString() => Label;
}
