using Fengqiao.Rules.Layering;

namespace Fengqiao.Rules.Evaluation;

/// <summary>What one rule of a rule set did with one fact, and why: part of a <see cref="RuleSetExplanation{TFact, TDecision}"/>.</summary>
/// <remarks>A trace is produced by <see cref="RuleSet{TFact, TDecision}.Explain"/> for every rule of the set, disabled ones included. <see cref="Reason"/> is composed on first read, so that explaining stays cheap for callers that only look at statuses.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class RuleTrace
{
    private readonly HitPolicy _hitPolicy;
    private readonly int _decidingSalience;
    private readonly RuleOrigin? _disabledBy;
    private readonly string? _disabledReason;
    private string? _reason;

    internal RuleTrace(
        string ruleId,
        string description,
        int salience,
        RuleOrigin origin,
        int position,
        bool conditionHeld,
        IReadOnlyList<ConditionPartTrace> parts,
        RuleTraceStatus status,
        HitPolicy hitPolicy,
        string? decidingRuleId,
        int decidingSalience,
        RuleOrigin? disabledBy,
        string? disabledReason)
    {
        RuleId = ruleId;
        Description = description;
        Salience = salience;
        Origin = origin;
        Position = position;
        ConditionHeld = conditionHeld;
        Parts = parts;
        Status = status;
        DecidingRuleId = decidingRuleId;
        _hitPolicy = hitPolicy;
        _decidingSalience = decidingSalience;
        _disabledBy = disabledBy;
        _disabledReason = disabledReason;
    }

    /// <summary>Gets the rule's id.</summary>
    public string RuleId { get; }

    /// <summary>Gets the rule's description.</summary>
    public string Description { get; }

    /// <summary>Gets the rule's salience.</summary>
    public int Salience { get; }

    /// <summary>Gets the layer the rule's effective definition came from.</summary>
    public RuleOrigin Origin { get; }

    /// <summary>Gets the rule's position in declaration order, from 1.</summary>
    public int Position { get; }

    /// <summary>Gets whether the rule's condition held (for a disabled rule: whether it would have).</summary>
    public bool ConditionHeld { get; }

    /// <summary>Gets each named part of the condition with its outcome, depth first, left to right.</summary>
    public IReadOnlyList<ConditionPartTrace> Parts { get; }

    /// <summary>Gets what became of the rule.</summary>
    public RuleTraceStatus Status { get; }

    /// <summary>
    /// Gets, for an <see cref="RuleTraceStatus.Overruled"/> rule, the id of the rule that the hit policy preferred;
    /// otherwise null.
    /// </summary>
    public string? DecidingRuleId { get; }

    /// <summary>
    /// Gets why the rule did or did not apply, for people: e.g. "lower salience than 'x' (10 &lt; 50)",
    /// "first-hit policy: 'x' matched earlier", "disabled by county 'Baiyin': …", "condition failed at: …".
    /// </summary>
    public string Reason => _reason ??= BuildReason();

    /// <summary>Returns the id, status and reason on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{RuleId}: {Status} — {Reason}";

    private string BuildReason() => Status switch
    {
        RuleTraceStatus.Disabled => $"disabled by {_disabledBy}"
            + (string.IsNullOrEmpty(_disabledReason) ? "" : ": " + _disabledReason)
            + (ConditionHeld ? " (its condition held)" : " (its condition did not hold)"),
        RuleTraceStatus.NotMatched => NotMetReason(),
        RuleTraceStatus.Applied => _hitPolicy switch
        {
            HitPolicy.First => "first matching rule in declaration order",
            HitPolicy.Priority => "highest salience among the matching rules",
            HitPolicy.Collect => "collect policy: every matching rule applies",
            _ => "the only matching rule",
        },
        _ => _hitPolicy == HitPolicy.First
            ? $"first-hit policy: '{DecidingRuleId}' matched earlier"
            : Salience < _decidingSalience
                ? $"lower salience than '{DecidingRuleId}' ({Salience} < {_decidingSalience})"
                : $"same salience as '{DecidingRuleId}' ({_decidingSalience}), which is declared earlier",
    };

    private string NotMetReason()
    {
        var evaluated = Parts.Where(p => p.Outcome != PartOutcome.NotEvaluated).Select(p => p.ToString()).ToArray();
        return evaluated.Length == 0
            ? "condition not met (no part could hold)"
            : "condition not met (" + string.Join("; ", evaluated) + ")";
    }
}
