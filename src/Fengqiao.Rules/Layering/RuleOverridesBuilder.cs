namespace Fengqiao.Rules.Layering;

/// <summary>Collects the changes of one layer (a region, city or county) and builds a <see cref="RuleOverrides{TFact, TDecision}"/>.</summary>
/// <typeparam name="TFact">The fact type of the rule set.</typeparam>
/// <typeparam name="TDecision">The decision type of the rule set.</typeparam>
/// <remarks>
/// <example>
/// <code>
/// var baiyin = new RuleOverridesBuilder&lt;CaseFacts, Step&gt;(RuleOrigin.City("Baiyin"))
///     .Disable("repeat-complaint", "repeats are merged by the 12345 hotline")
///     .Replace(new Rule&lt;CaseFacts, Step&gt;("overdue-escalates", "…", condition, action, salience: 60))
///     .Build();
/// var effective = defaults.With(baiyin);
/// </code>
/// </example>
/// </remarks>
/// <threadsafety>Not thread-safe: build on one thread. The product is immutable and thread-safe.</threadsafety>
public sealed class RuleOverridesBuilder<TFact, TDecision>
    where TFact : notnull
{
    private readonly List<RuleChange<TFact, TDecision>> _changes = [];

    /// <summary>Creates a builder for a layer.</summary>
    /// <param name="origin">The layer's origin.</param>
    /// <exception cref="ArgumentNullException"><paramref name="origin"/> is null.</exception>
    public RuleOverridesBuilder(RuleOrigin origin)
    {
        ArgumentNullException.ThrowIfNull(origin);
        Origin = origin;
    }

    /// <summary>Gets the layer's origin.</summary>
    public RuleOrigin Origin { get; }

    /// <summary>Replaces the rule with the same id as <paramref name="rule"/>.</summary>
    /// <param name="rule">The new definition.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public RuleOverridesBuilder<TFact, TDecision> Replace(Rule<TFact, TDecision> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _changes.Add(new(RuleChangeKind.Replace, rule.Id, rule, null));
        return this;
    }

    /// <summary>Disables the rule with the given id.</summary>
    /// <param name="ruleId">The rule's id.</param>
    /// <param name="reason">Why, for traces and renderings (may be empty).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RuleOverridesBuilder<TFact, TDecision> Disable(string ruleId, string reason)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        ArgumentNullException.ThrowIfNull(reason);
        _changes.Add(new(RuleChangeKind.Disable, ruleId, null, reason));
        return this;
    }

    /// <summary>Adds a rule that the lower layers do not have.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public RuleOverridesBuilder<TFact, TDecision> Add(Rule<TFact, TDecision> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _changes.Add(new(RuleChangeKind.Add, rule.Id, rule, null));
        return this;
    }

    /// <summary>Checks the layer and builds it.</summary>
    /// <returns>The layer.</returns>
    /// <exception cref="RuleSetException">An id is named more than once, or a disabled id is not a valid id; every
    /// problem is listed.</exception>
    public RuleOverrides<TFact, TDecision> Build()
    {
        var problems = new List<RuleProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in _changes)
        {
            if (RuleIds.Problem(change.RuleId) is { } idProblem)
            {
                problems.Add(new RuleProblem(RuleProblemKind.InvalidId, change.RuleId, null, null, $"Layer {Origin}: {idProblem}"));
            }
            else if (!seen.Add(change.RuleId))
            {
                problems.Add(new RuleProblem(RuleProblemKind.DuplicateRuleId, change.RuleId, null, null,
                    $"Layer {Origin}: rule '{change.RuleId}' is changed more than once; a layer names each rule once."));
            }
        }

        if (problems.Count > 0)
        {
            throw new RuleSetException($"layer {Origin}", problems);
        }

        return new RuleOverrides<TFact, TDecision>(Origin, [.. _changes]);
    }
}
