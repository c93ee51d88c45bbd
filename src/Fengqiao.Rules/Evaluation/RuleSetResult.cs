namespace Fengqiao.Rules.Evaluation;

/// <summary>The rules that applied to one fact under the rule set's hit policy, with their decisions.</summary>
/// <typeparam name="TFact">The fact type of the rule set.</typeparam>
/// <typeparam name="TDecision">The decision type of the rule set.</typeparam>
/// <remarks>
/// <para>This is what <see cref="RuleSet{TFact, TDecision}.Evaluate"/> returns, the fast path: a value type that
/// holds a single match inline, so that the first, priority and unique policies allocate nothing beyond what the
/// rules' actions allocate. Under <see cref="HitPolicy.Collect"/> it holds an array of every match.</para>
/// <para>Use <see cref="RuleSet{TFact, TDecision}.Explain"/> to learn why rules did not apply.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public readonly struct RuleSetResult<TFact, TDecision> : IEquatable<RuleSetResult<TFact, TDecision>>
    where TFact : notnull
{
    private readonly RuleMatch<TFact, TDecision> _single;
    private readonly RuleMatch<TFact, TDecision>[]? _many;

    internal RuleSetResult(HitPolicy hitPolicy, RuleMatch<TFact, TDecision> single)
    {
        HitPolicy = hitPolicy;
        _single = single;
        _many = null;
        Count = 1;
    }

    internal RuleSetResult(HitPolicy hitPolicy, RuleMatch<TFact, TDecision>[]? many)
    {
        HitPolicy = hitPolicy;
        _single = default;
        _many = many is { Length: > 0 } ? many : null;
        Count = _many?.Length ?? 0;
    }

    /// <summary>Gets the hit policy that produced the result.</summary>
    public HitPolicy HitPolicy { get; }

    /// <summary>Gets the number of rules that applied: 0 or 1, or any number under <see cref="HitPolicy.Collect"/>.</summary>
    public int Count { get; }

    /// <summary>Gets whether any rule applied.</summary>
    public bool HasMatch => Count > 0;

    /// <summary>Gets the matches as a list, in the order they applied (allocates a list for a single match).</summary>
    public IReadOnlyList<RuleMatch<TFact, TDecision>> Matches =>
        _many is not null ? Array.AsReadOnly(_many) : Count == 1 ? [_single] : [];

    /// <summary>Gets the decisions of the matches, in the same order (allocates).</summary>
    public IReadOnlyList<TDecision> Decisions
    {
        get
        {
            var decisions = new TDecision[Count];
            for (var i = 0; i < Count; i++)
            {
                decisions[i] = this[i].Decision;
            }

            return decisions;
        }
    }

    /// <summary>Gets one match.</summary>
    /// <param name="index">From 0 to <see cref="Count"/> − 1.</param>
    /// <returns>The match.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is outside the matches.</exception>
    public RuleMatch<TFact, TDecision> this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The result holds {Count} match(es).");
            }

            return _many is not null ? _many[index] : _single;
        }
    }

    /// <summary>Compares two results: same policy and equal matches in the same order.</summary>
    /// <param name="left">A result.</param>
    /// <param name="right">Another result.</param>
    /// <returns>Whether they are equal.</returns>
    public static bool operator ==(RuleSetResult<TFact, TDecision> left, RuleSetResult<TFact, TDecision> right) => left.Equals(right);

    /// <summary>Compares two results.</summary>
    /// <param name="left">A result.</param>
    /// <param name="right">Another result.</param>
    /// <returns>Whether they differ.</returns>
    public static bool operator !=(RuleSetResult<TFact, TDecision> left, RuleSetResult<TFact, TDecision> right) => !left.Equals(right);

    /// <summary>Gets the first match (the winner under first, priority and unique), if any.</summary>
    /// <param name="match">The first match, or the default value when none applied.</param>
    /// <returns>Whether a rule applied.</returns>
    public bool TryGetFirst(out RuleMatch<TFact, TDecision> match)
    {
        if (Count == 0)
        {
            match = default;
            return false;
        }

        match = this[0];
        return true;
    }

    /// <summary>Tests equality: the same policy and equal matches in the same order.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>Whether they are equal.</returns>
    public bool Equals(RuleSetResult<TFact, TDecision> other)
    {
        if (HitPolicy != other.HitPolicy || Count != other.Count)
        {
            return false;
        }

        for (var i = 0; i < Count; i++)
        {
            if (!this[i].Equals(other[i]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is RuleSetResult<TFact, TDecision> other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(HitPolicy);
        for (var i = 0; i < Count; i++)
        {
            hash.Add(this[i]);
        }

        return hash.ToHashCode();
    }

    /// <summary>Returns the applied rules and decisions, e.g. <c>Priority: overdue-escalates → street</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        if (Count == 0)
        {
            return $"{HitPolicy}: no rule applied";
        }

        var parts = new string[Count];
        for (var i = 0; i < Count; i++)
        {
            parts[i] = this[i].ToString();
        }

        return $"{HitPolicy}: {string.Join("; ", parts)}";
    }
}
