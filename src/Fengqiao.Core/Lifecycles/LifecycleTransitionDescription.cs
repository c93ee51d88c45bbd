namespace Fengqiao.Lifecycles;

/// <summary>One declared transition of a lifecycle, as data: an edge of its graph.</summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <typeparam name="TTrigger">The trigger type.</typeparam>
/// <remarks>
/// <para>
/// A transition declared on a superstate is described once, with the superstate as <see cref="Source"/>; it applies
/// in every substate that does not declare the same trigger itself. For <see cref="TransitionKind.Internal"/> and
/// <see cref="TransitionKind.Reentry"/> transitions the only destination is the source: when inherited, the case
/// stays in (or re-enters) the substate it is in.
/// </para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class LifecycleTransitionDescription<TState, TTrigger>
    where TState : notnull
    where TTrigger : notnull
{
    internal LifecycleTransitionDescription(
        TState source,
        TTrigger trigger,
        string triggerLabel,
        TransitionKind kind,
        IReadOnlyList<TState> destinations,
        bool isDynamic,
        IReadOnlyList<string> guards,
        string? action)
    {
        Source = source;
        Trigger = trigger;
        TriggerLabel = triggerLabel;
        Kind = kind;
        Destinations = destinations;
        IsDynamic = isDynamic;
        Guards = guards;
        Action = action;
    }

    /// <summary>Gets the state that declares the transition.</summary>
    public TState Source { get; }

    /// <summary>Gets the trigger.</summary>
    public TTrigger Trigger { get; }

    /// <summary>Gets the trigger's label (e.g. <c>Accept 受理</c>), or its name when none was given.</summary>
    public string TriggerLabel { get; }

    /// <summary>Gets the kind of transition.</summary>
    public TransitionKind Kind { get; }

    /// <summary>
    /// Gets the possible destinations: one for a fixed transition, several for one whose destination is chosen from
    /// the arguments, the source for internal and re-entry transitions.
    /// </summary>
    public IReadOnlyList<TState> Destinations { get; }

    /// <summary>Gets a value indicating whether the destination is chosen from the arguments when fired.</summary>
    public bool IsDynamic { get; }

    /// <summary>Gets the reasons of the transition's guards, in the order they are evaluated; empty when unguarded.</summary>
    public IReadOnlyList<string> Guards { get; }

    /// <summary>Gets the description of an internal transition's action, or <see langword="null"/>.</summary>
    public string? Action { get; }

    /// <summary>Describes the edge in one line.</summary>
    /// <returns>For example <c>Registered --Accept--&gt; Accepted</c>.</returns>
    public override string ToString() =>
        $"{Source} --{Trigger}--> {string.Join(" | ", Destinations)}" + (Kind == TransitionKind.External ? "" : $" ({Kind})");
}
