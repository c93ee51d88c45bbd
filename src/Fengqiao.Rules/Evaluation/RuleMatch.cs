namespace Fengqiao.Rules.Evaluation;

/// <summary>A rule that applied to a fact, with the decision its action yielded.</summary>
/// <typeparam name="TFact">The fact type of the rule set.</typeparam>
/// <typeparam name="TDecision">The decision type of the rule set.</typeparam>
/// <remarks>A value type so that single-hit evaluation allocates nothing. The default value has a null
/// <see cref="Rule"/>; results never contain it.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public readonly struct RuleMatch<TFact, TDecision> : IEquatable<RuleMatch<TFact, TDecision>>
    where TFact : notnull
{
    private readonly Rule<TFact, TDecision>? _rule;

    /// <summary>Creates a match.</summary>
    /// <param name="rule">The rule that applied.</param>
    /// <param name="decision">The decision it yielded.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public RuleMatch(Rule<TFact, TDecision> rule, TDecision decision)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rule = rule;
        Decision = decision;
    }

    /// <summary>Gets the rule that applied.</summary>
    /// <exception cref="InvalidOperationException">This is the default value, which names no rule.</exception>
    public Rule<TFact, TDecision> Rule =>
        _rule ?? throw new InvalidOperationException("This RuleMatch is the default value and names no rule; results never contain it.");

    /// <summary>Gets the decision the rule's action yielded.</summary>
    public TDecision Decision { get; }

    /// <summary>Gets the id of the rule that applied.</summary>
    /// <exception cref="InvalidOperationException">This is the default value, which names no rule.</exception>
    public string RuleId => Rule.Id;

    /// <summary>Compares two matches: the same rule instance and equal decisions.</summary>
    /// <param name="left">A match.</param>
    /// <param name="right">Another match.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(RuleMatch<TFact, TDecision> left, RuleMatch<TFact, TDecision> right) => left.Equals(right);

    /// <summary>Compares two matches.</summary>
    /// <param name="left">A match.</param>
    /// <param name="right">Another match.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RuleMatch<TFact, TDecision> left, RuleMatch<TFact, TDecision> right) => !left.Equals(right);

    /// <summary>Tests equality: the same rule instance and equal decisions (default equality of <typeparamref name="TDecision"/>).</summary>
    /// <param name="other">The other match.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(RuleMatch<TFact, TDecision> other) =>
        ReferenceEquals(_rule, other._rule) && EqualityComparer<TDecision>.Default.Equals(Decision, other.Decision);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RuleMatch<TFact, TDecision> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(_rule, Decision);

    /// <summary>Returns the rule id and the decision.</summary>
    /// <returns>E.g. <c>overdue-escalates → street</c>.</returns>
    public override string ToString() => _rule is null ? "(no rule)" : $"{_rule.Id} → {Decision}";
}
