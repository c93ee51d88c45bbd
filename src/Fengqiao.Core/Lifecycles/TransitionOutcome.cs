namespace Fengqiao.Lifecycles;

/// <summary>
/// The result of firing a trigger: either the new state and the effects to carry out, or why it was refused.
/// </summary>
/// <typeparam name="TState">The state type.</typeparam>
/// <typeparam name="TTrigger">The trigger type.</typeparam>
/// <remarks>
/// <para>
/// The lifecycle never holds a case's state: the caller passes the current state in and stores
/// <see cref="Destination"/> only when <see cref="IsCompleted"/>. A refused outcome has <see cref="Destination"/>
/// equal to <see cref="Source"/> and no effects, so a caller that always stores <see cref="Destination"/> is still
/// correct.
/// </para>
/// <para>
/// On success the outcome allocates nothing beyond the effects list, which exists only when an action emitted
/// something. <see cref="PermittedTriggers"/> and <see cref="FailedGuards"/> are filled only for refusals.
/// </para>
/// </remarks>
/// <threadsafety>An immutable value; the lists it carries are not shared with the lifecycle.</threadsafety>
public readonly struct TransitionOutcome<TState, TTrigger> : IEquatable<TransitionOutcome<TState, TTrigger>>
    where TState : notnull
    where TTrigger : notnull
{
    private readonly IReadOnlyList<object>? effects;
    private readonly IReadOnlyList<string>? failedGuards;
    private readonly IReadOnlyList<TTrigger>? permittedTriggers;

    internal TransitionOutcome(
        TransitionStatus status,
        TState source,
        TTrigger trigger,
        TState destination,
        TransitionKind kind,
        IReadOnlyList<object>? effects,
        IReadOnlyList<string>? failedGuards,
        IReadOnlyList<TTrigger>? permittedTriggers)
    {
        Status = status;
        Source = source;
        Trigger = trigger;
        Destination = destination;
        Kind = kind;
        this.effects = effects;
        this.failedGuards = failedGuards;
        this.permittedTriggers = permittedTriggers;
    }

    /// <summary>Gets how firing ended.</summary>
    public TransitionStatus Status { get; }

    /// <summary>Gets a value indicating whether the trigger was permitted and the step completed.</summary>
    public bool IsCompleted => Status == TransitionStatus.Completed;

    /// <summary>Gets the state the trigger was fired in.</summary>
    public TState Source { get; }

    /// <summary>Gets the trigger that was fired.</summary>
    public TTrigger Trigger { get; }

    /// <summary>Gets the state after the step: the new state when completed, else <see cref="Source"/>.</summary>
    public TState Destination { get; }

    /// <summary>Gets the kind of transition taken (meaningful only when completed).</summary>
    public TransitionKind Kind { get; }

    /// <summary>Gets the effects emitted by exit, entry and internal actions, in the order they ran; empty when none.</summary>
    public IReadOnlyList<object> Effects => effects ?? [];

    /// <summary>
    /// Gets, for a refusal with <see cref="TransitionStatus.GuardFailed"/>, the reasons of the guards that refused;
    /// otherwise empty.
    /// </summary>
    public IReadOnlyList<string> FailedGuards => failedGuards ?? [];

    /// <summary>Gets, for a refusal, the triggers that the state permits with the same arguments; otherwise empty.</summary>
    public IReadOnlyList<TTrigger> PermittedTriggers => permittedTriggers ?? [];

    /// <summary>Compares two outcomes.</summary>
    /// <param name="left">An outcome.</param>
    /// <param name="right">Another outcome.</param>
    /// <returns><see langword="true"/> when they are equal (see <see cref="Equals(TransitionOutcome{TState, TTrigger})"/>).</returns>
    public static bool operator ==(TransitionOutcome<TState, TTrigger> left, TransitionOutcome<TState, TTrigger> right) => left.Equals(right);

    /// <summary>Compares two outcomes.</summary>
    /// <param name="left">An outcome.</param>
    /// <param name="right">Another outcome.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(TransitionOutcome<TState, TTrigger> left, TransitionOutcome<TState, TTrigger> right) => !left.Equals(right);

    /// <summary>Compares with another outcome: same status, states, trigger and kind, and equal effects, guard reasons and permitted triggers, in order.</summary>
    /// <param name="other">The other outcome.</param>
    /// <returns><see langword="true"/> when equal.</returns>
    public bool Equals(TransitionOutcome<TState, TTrigger> other) =>
        Status == other.Status
        && Kind == other.Kind
        && EqualityComparer<TState>.Default.Equals(Source, other.Source)
        && EqualityComparer<TState>.Default.Equals(Destination, other.Destination)
        && EqualityComparer<TTrigger>.Default.Equals(Trigger, other.Trigger)
        && Effects.SequenceEqual(other.Effects)
        && FailedGuards.SequenceEqual(other.FailedGuards)
        && PermittedTriggers.SequenceEqual(other.PermittedTriggers);

    /// <summary>Compares with another object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns><see langword="true"/> when it is an equal outcome.</returns>
    public override bool Equals(object? obj) => obj is TransitionOutcome<TState, TTrigger> other && Equals(other);

    /// <summary>Gets a hash code from the status, states, trigger and kind.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Status, Kind, Source, Destination, Trigger);

    /// <summary>Describes the outcome in one line.</summary>
    /// <returns>For example <c>Completed: Accepted --Dispatch--&gt; Dispatched</c>.</returns>
    public override string ToString() => Status switch
    {
        TransitionStatus.Completed => $"Completed: {Source} --{Trigger}--> {Destination} ({Kind})",
        TransitionStatus.NotPermitted => $"NotPermitted: {Trigger} in {Source}",
        TransitionStatus.GuardFailed => $"GuardFailed: {Trigger} in {Source}: {string.Join("; ", FailedGuards)}",
        _ => "None",
    };
}
