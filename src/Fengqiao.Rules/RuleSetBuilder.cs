using Fengqiao.Rules.Layering;

namespace Fengqiao.Rules;

/// <summary>Collects rules and builds an immutable <see cref="RuleSet{TFact, TDecision}"/> once.</summary>
/// <typeparam name="TFact">The fact the rules read.</typeparam>
/// <typeparam name="TDecision">What the rules decide.</typeparam>
/// <remarks>
/// <para>Defaults: <see cref="HitPolicy"/> is <see cref="Rules.HitPolicy.Priority"/>, <see cref="Origin"/> is
/// <see cref="RuleOrigin.Default"/>. Rules keep the order in which they are added (declaration order).</para>
/// <para><see cref="Build"/> reports every duplicate id at once; the builder can be changed and built again, and
/// built sets never see later changes.</para>
/// <example>
/// <code>
/// var rules = new RuleSetBuilder&lt;CaseFacts, Step&gt;("escalation") { HitPolicy = HitPolicy.Priority }
///     .Add("overdue-escalates", "Overdue handling goes one level up, supervised by it",
///          Condition.Part&lt;CaseFacts&gt;("handling clock overdue", f =&gt; f.Overdue),
///          f =&gt; Step.NextLevelWithSupervision, salience: 50)
///     .Build();
/// </code>
/// </example>
/// </remarks>
/// <threadsafety>Not thread-safe: build on one thread. The product is immutable and thread-safe.</threadsafety>
public sealed class RuleSetBuilder<TFact, TDecision>
    where TFact : notnull
{
    private readonly List<Rule<TFact, TDecision>> _rules = [];
    private RuleOrigin _origin = RuleOrigin.Default;
    private HitPolicy _hitPolicy = HitPolicy.Priority;

    /// <summary>Creates a builder for a named rule set.</summary>
    /// <param name="name">The rule set's name, e.g. <c>escalation</c>; used in messages and renderings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, has surrounding white space or control
    /// characters.</exception>
    public RuleSetBuilder(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (RuleIds.Problem(name, "A rule set's name") is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        Name = name;
    }

    /// <summary>Gets the rule set's name.</summary>
    public string Name { get; }

    /// <summary>Gets or sets the hit policy.</summary>
    /// <value>Default <see cref="Rules.HitPolicy.Priority"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined policy.</exception>
    public HitPolicy HitPolicy
    {
        get => _hitPolicy;
        set => _hitPolicy = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined hit policy.");
    }

    /// <summary>Gets or sets the origin the rules report (where they came from).</summary>
    /// <value>Default <see cref="RuleOrigin.Default"/>.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public RuleOrigin Origin
    {
        get => _origin;
        set => _origin = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Adds a rule at the end of the declaration order.</summary>
    /// <param name="rule">The rule.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="rule"/> is null.</exception>
    public RuleSetBuilder<TFact, TDecision> Add(Rule<TFact, TDecision> rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        _rules.Add(rule);
        return this;
    }

    /// <summary>Creates a rule and adds it at the end of the declaration order.</summary>
    /// <param name="id">The rule's stable id.</param>
    /// <param name="description">What the rule means, for people.</param>
    /// <param name="condition">When the rule matches.</param>
    /// <param name="action">The decision the rule yields when it applies.</param>
    /// <param name="salience">The rule's weight under <see cref="Rules.HitPolicy.Priority"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The id is not valid or two parts share a name (see
    /// <see cref="Rule{TFact, TDecision}"/>).</exception>
    public RuleSetBuilder<TFact, TDecision> Add(
        string id,
        string description,
        Condition<TFact> condition,
        Func<TFact, TDecision> action,
        int salience = 0) =>
        Add(new Rule<TFact, TDecision>(id, description, condition, action, salience));

    /// <summary>Checks the rules and builds the rule set.</summary>
    /// <returns>An immutable, thread-safe rule set.</returns>
    /// <exception cref="RuleSetException">Two rules share an id; every duplicate is listed.</exception>
    public RuleSet<TFact, TDecision> Build()
    {
        var problems = new List<RuleProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var entries = new EffectiveRule<TFact, TDecision>[_rules.Count];
        for (var i = 0; i < _rules.Count; i++)
        {
            var rule = _rules[i];
            if (!seen.Add(rule.Id))
            {
                problems.Add(new RuleProblem(RuleProblemKind.DuplicateRuleId, rule.Id, null, null,
                    $"Rule '{rule.Id}' is declared more than once (again at position {i + 1}); rule ids must be unique."));
            }

            entries[i] = new EffectiveRule<TFact, TDecision>(rule, _origin, i + 1, null, null, null);
        }

        if (problems.Count > 0)
        {
            throw new RuleSetException(Name, problems);
        }

        return new RuleSet<TFact, TDecision>(Name, _hitPolicy, entries);
    }
}
