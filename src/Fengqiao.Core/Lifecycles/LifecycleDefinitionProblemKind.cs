namespace Fengqiao.Lifecycles;

/// <summary>The kinds of mistake <see cref="LifecycleBuilder{TState, TTrigger, TArgs}.Build"/> rejects.</summary>
/// <threadsafety>An enum: immutable and thread-safe.</threadsafety>
public enum LifecycleDefinitionProblemKind
{
    /// <summary>A transition, a superstate reference or the initial state names a state that was never configured.</summary>
    UndeclaredState = 0,

    /// <summary>No sequence of transitions from the initial state reaches the state.</summary>
    UnreachableState = 1,

    /// <summary>A state the case can be in has no transition to another state and is not marked terminal.</summary>
    DeadEnd = 2,

    /// <summary>
    /// A state declares two transitions for one trigger that no guard tells apart (one of them unguarded, or both with
    /// the same guards).
    /// </summary>
    DuplicateTransition = 3,

    /// <summary>A state is, through its superstates, its own superstate.</summary>
    HierarchyCycle = 4,
}
