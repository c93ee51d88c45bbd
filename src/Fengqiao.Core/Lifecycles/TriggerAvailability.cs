namespace Fengqiao.Lifecycles;

/// <summary>Whether one trigger may be fired in a state with given arguments, and if not, why.</summary>
/// <typeparam name="TTrigger">The trigger type.</typeparam>
/// <remarks>Returned by <see cref="Lifecycle{TState, TTrigger, TArgs}.ExplainTriggers"/> for every trigger the state declares or inherits.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class TriggerAvailability<TTrigger>
    where TTrigger : notnull
{
    internal TriggerAvailability(TTrigger trigger, string label, IReadOnlyList<string> failedGuards)
    {
        Trigger = trigger;
        Label = label;
        FailedGuards = failedGuards;
    }

    /// <summary>Gets the trigger.</summary>
    public TTrigger Trigger { get; }

    /// <summary>Gets the trigger's label (e.g. <c>Accept 受理</c>), or its name when none was given.</summary>
    public string Label { get; }

    /// <summary>Gets a value indicating whether the trigger would be accepted.</summary>
    public bool IsPermitted => FailedGuards.Count == 0;

    /// <summary>Gets the reasons of the guards that refuse it (for each candidate transition); empty when permitted.</summary>
    public IReadOnlyList<string> FailedGuards { get; }

    /// <summary>Describes the availability in one line.</summary>
    /// <returns>For example <c>Decline: refused (a reason for declining must be given)</c>.</returns>
    public override string ToString() =>
        IsPermitted ? $"{Trigger}: permitted" : $"{Trigger}: refused ({string.Join("; ", FailedGuards)})";
}
