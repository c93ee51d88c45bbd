using Fengqiao.Rules.Evaluation;

namespace Fengqiao.Rules;

/// <summary>
/// One rule: an id, a description, a salience, a condition made of named parts, and an action that yields a decision
/// when the rule applies.
/// </summary>
/// <typeparam name="TFact">The fact the rule reads (a snapshot of a case, a <see cref="Tables.FactRecord"/>…).</typeparam>
/// <typeparam name="TDecision">What the rule decides (an escalation step, a hand-off target…).</typeparam>
/// <remarks>
/// <para>The id is how layers name the rule (<see cref="RuleSet{TFact, TDecision}.With"/>), how traces and
/// escalation events cite it, and how profiles refer to it: keep it stable. It must be non-empty and must not
/// start or end with white space or contain control characters.</para>
/// <para>Salience matters only under <see cref="HitPolicy.Priority"/>: higher wins; ties go to the rule declared
/// first.</para>
/// <para>Part names must be unique within a rule, so that a trace names each part unambiguously.</para>
/// <para>The action runs only for rules that apply. It receives the fact and returns the decision; if the decision
/// does not depend on the fact, return a shared instance so that evaluation allocates nothing.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe, provided the condition's predicates and the action are.</threadsafety>
public sealed class Rule<TFact, TDecision>
    where TFact : notnull
{
    private readonly Func<TFact, TDecision> _action;

    /// <summary>Creates a rule.</summary>
    /// <param name="id">The rule's stable id, e.g. <c>overdue-escalates</c>.</param>
    /// <param name="description">What the rule means, for people (may be empty, never null).</param>
    /// <param name="condition">When the rule matches.</param>
    /// <param name="action">The decision the rule yields when it applies.</param>
    /// <param name="salience">The rule's weight under <see cref="HitPolicy.Priority"/>; higher wins. Any value.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty, has surrounding white space or control
    /// characters; or two parts of <paramref name="condition"/> share a name (the message names the rule and the
    /// part).</exception>
    public Rule(string id, string description, Condition<TFact> condition, Func<TFact, TDecision> action, int salience = 0)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(action);
        if (RuleIds.Problem(id) is { } problem)
        {
            throw new ArgumentException(problem, nameof(id));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var part in condition.PartNames)
        {
            if (!seen.Add(part))
            {
                throw new ArgumentException(
                    $"Rule '{id}': two condition parts are named '{part}'; give each part its own name so that traces can tell them apart.",
                    nameof(condition));
            }
        }

        Id = id;
        Description = description;
        Condition = condition;
        Salience = salience;
        _action = action;
    }

    /// <summary>Gets the rule's id.</summary>
    public string Id { get; }

    /// <summary>Gets the rule's description for people.</summary>
    public string Description { get; }

    /// <summary>Gets the rule's salience (higher wins under <see cref="HitPolicy.Priority"/>).</summary>
    public int Salience { get; }

    /// <summary>Gets the rule's condition.</summary>
    public Condition<TFact> Condition { get; }

    /// <summary>Tests whether the rule's condition holds for a fact, ignoring every other rule.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>Whether the condition holds.</returns>
    /// <exception cref="RuleEvaluationException">A part's predicate threw; the exception names the rule and the part.</exception>
    public bool Matches(TFact fact)
    {
        try
        {
            return Condition.Compiled(fact);
        }
        catch (Exception e) when (e is not RuleEvaluationException)
        {
            throw RuleEvaluationException.ForCondition(this, fact, e);
        }
    }

    /// <summary>Runs the rule's action on a fact, whether or not the condition holds.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="RuleEvaluationException">The action threw; the exception names the rule.</exception>
    public TDecision Decide(TFact fact)
    {
        try
        {
            return _action(fact);
        }
        catch (Exception e) when (e is not RuleEvaluationException)
        {
            throw new RuleEvaluationException(Id, null, $"Rule '{Id}': its action threw {e.GetType().Name}: {e.Message}", e);
        }
    }

    /// <summary>Returns the id, salience and condition on one line.</summary>
    /// <returns>E.g. <c>overdue-escalates (salience 50): all(handling clock overdue)</c>.</returns>
    public override string ToString() => $"{Id} (salience {Salience}): {Condition}";
}
