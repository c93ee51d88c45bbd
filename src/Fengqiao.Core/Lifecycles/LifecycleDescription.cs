namespace Fengqiao.Lifecycles;

/// <summary>
/// A lifecycle's whole graph as data: its states (with hierarchy and labels) and its declared transitions. The
/// diagrams (<see cref="ToMermaid"/>, <see cref="ToDot"/>) are drawn from this model alone.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <typeparam name="TTrigger">The trigger type.</typeparam>
/// <remarks>
/// <para>
/// States are listed in the order they were configured; transitions grouped by declaring state in that order, then
/// in declaration order. Guards appear as their reasons; actions as their descriptions.
/// </para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe; computed once by <see cref="LifecycleBuilder{TState, TTrigger, TArgs}.Build"/>.</threadsafety>
public sealed class LifecycleDescription<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    internal LifecycleDescription(
        TState initialState,
        IReadOnlyList<LifecycleStateDescription<TState>> states,
        IReadOnlyList<LifecycleTransitionDescription<TState, TTrigger>> transitions)
    {
        InitialState = initialState;
        States = states;
        Transitions = transitions;
    }

    /// <summary>Gets the state a new case starts in.</summary>
    public TState InitialState { get; }

    /// <summary>Gets every state, in configuration order.</summary>
    public IReadOnlyList<LifecycleStateDescription<TState>> States { get; }

    /// <summary>Gets every declared transition (the edges of the graph).</summary>
    public IReadOnlyList<LifecycleTransitionDescription<TState, TTrigger>> Transitions { get; }

    /// <summary>Renders the graph as a Mermaid <c>stateDiagram-v2</c>.</summary>
    /// <returns>
    /// Mermaid text: superstates as composite states, labels as state names, each transition as an edge labelled
    /// with its trigger label and guard reasons; internal and re-entry transitions as self-loops.
    /// </returns>
    /// <remarks>The output is deterministic (same lifecycle, same text), so it can be snapshot-tested and diffed.</remarks>
    public string ToMermaid() => LifecycleDiagrams.Mermaid(this);

    /// <summary>Renders the graph in Graphviz DOT.</summary>
    /// <returns>
    /// A <c>digraph</c>: superstates as clusters (edges from a superstate start at its border), terminal states with
    /// a double border, internal transitions dashed.
    /// </returns>
    /// <remarks>The output is deterministic, so it can be snapshot-tested and diffed.</remarks>
    public string ToDot() => LifecycleDiagrams.Dot(this);
}
