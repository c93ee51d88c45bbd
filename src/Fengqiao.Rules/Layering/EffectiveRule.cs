namespace Fengqiao.Rules.Layering;

/// <summary>A rule as it stands in a rule set after layering: its definition, where that came from, and whether a
/// layer disabled it.</summary>
/// <typeparam name="TFact">The fact type of the rule set.</typeparam>
/// <typeparam name="TDecision">The decision type of the rule set.</typeparam>
/// <remarks>
/// <para><see cref="Previous"/> links to the entry this one changed, so the history of a rule across layers
/// (default → region → county) can be walked without any layer copying the others.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class EffectiveRule<TFact, TDecision>
    where TFact : notnull
{
    internal EffectiveRule(
        Rule<TFact, TDecision> rule,
        RuleOrigin origin,
        int position,
        RuleOrigin? disabledBy,
        string? disabledReason,
        EffectiveRule<TFact, TDecision>? previous)
    {
        Rule = rule;
        Origin = origin;
        Position = position;
        DisabledBy = disabledBy;
        DisabledReason = disabledReason;
        Previous = previous;
    }

    /// <summary>Gets the rule's current definition.</summary>
    public Rule<TFact, TDecision> Rule { get; }

    /// <summary>Gets the rule's id.</summary>
    public string Id => Rule.Id;

    /// <summary>Gets the layer the current definition came from.</summary>
    public RuleOrigin Origin { get; }

    /// <summary>Gets the rule's position in declaration order, from 1.</summary>
    public int Position { get; }

    /// <summary>Gets whether the rule can apply (no layer above its definition disabled it).</summary>
    public bool IsEnabled => DisabledBy is null;

    /// <summary>Gets the layer that disabled the rule, or null when it is enabled.</summary>
    public RuleOrigin? DisabledBy { get; }

    /// <summary>Gets why the rule was disabled, or null when it is enabled.</summary>
    public string? DisabledReason { get; }

    /// <summary>Gets the entry a layer changed to make this one (replaced or disabled), or null for a rule as first
    /// declared or added.</summary>
    public EffectiveRule<TFact, TDecision>? Previous { get; }

    /// <summary>Returns id, origin and state on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        IsEnabled ? $"{Id} (from {Origin})" : $"{Id} (from {Origin}, disabled by {DisabledBy})";
}
