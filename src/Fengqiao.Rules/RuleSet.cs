using System.Collections.ObjectModel;
using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Layering;

namespace Fengqiao.Rules;

/// <summary>
/// An immutable, thread-safe set of rules with a hit policy: evaluates facts quickly
/// (<see cref="Evaluate"/>) or with a full explanation (<see cref="Explain"/>), and takes layers of overrides by rule
/// id (<see cref="With"/>). Build one with <see cref="RuleSetBuilder{TFact, TDecision}"/> or from a
/// <see cref="Tables.DecisionTable"/>.
/// </summary>
/// <typeparam name="TFact">The fact the rules read.</typeparam>
/// <typeparam name="TDecision">What the rules decide.</typeparam>
/// <remarks>
/// <para>Everything that can be prepared is prepared when the set is built: conditions are compiled delegates, and
/// the evaluation order for the hit policy (declaration order, or salience then declaration order) is computed once.
/// <see cref="Evaluate"/> then only calls the conditions and the winning actions; under the first, priority and
/// unique policies it allocates nothing of its own.</para>
/// <para>Disabled rules never apply; <see cref="Explain"/> still reports them and whether they would have matched.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe; share one instance everywhere (provided the rules' predicates and
/// actions are thread-safe, as pure functions are).</threadsafety>
public sealed class RuleSet<TFact, TDecision>
    where TFact : notnull
{
    private readonly EffectiveRule<TFact, TDecision>[] _entries;
    private readonly Dictionary<string, int> _index;
    private readonly Rule<TFact, TDecision>[] _active;
    private readonly Func<TFact, bool>[] _conditions;

    internal RuleSet(string name, HitPolicy hitPolicy, EffectiveRule<TFact, TDecision>[] entries)
    {
        Name = name;
        HitPolicy = hitPolicy;
        _entries = entries;
        _index = new Dictionary<string, int>(entries.Length, StringComparer.Ordinal);
        for (var i = 0; i < entries.Length; i++)
        {
            _index.Add(entries[i].Id, i);
        }

        var active = entries.Where(e => e.IsEnabled);
        if (hitPolicy == HitPolicy.Priority)
        {
            // OrderByDescending is stable: equal saliences keep declaration order.
            active = active.OrderByDescending(e => e.Rule.Salience);
        }

        _active = [.. active.Select(e => e.Rule)];
        _conditions = Array.ConvertAll(_active, r => r.Condition.Compiled);
        Rules = new ReadOnlyCollection<EffectiveRule<TFact, TDecision>>(_entries);
    }

    /// <summary>Gets the rule set's name.</summary>
    public string Name { get; }

    /// <summary>Gets the hit policy.</summary>
    public HitPolicy HitPolicy { get; }

    /// <summary>Gets every rule, enabled or not, in declaration order, with where each came from.</summary>
    public IReadOnlyList<EffectiveRule<TFact, TDecision>> Rules { get; }

    /// <summary>Finds a rule by id.</summary>
    /// <param name="ruleId">The id.</param>
    /// <param name="rule">The rule, or null when the set has no rule with that id.</param>
    /// <returns>Whether the set has the rule.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ruleId"/> is null.</exception>
    public bool TryGetRule(string ruleId, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out EffectiveRule<TFact, TDecision>? rule)
    {
        ArgumentNullException.ThrowIfNull(ruleId);
        if (_index.TryGetValue(ruleId, out var i))
        {
            rule = _entries[i];
            return true;
        }

        rule = null;
        return false;
    }

    /// <summary>Evaluates a fact: the fast path, with no trace.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The rules that applied under the hit policy, with their decisions.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="fact"/> is null.</exception>
    /// <exception cref="RuleConflictException">The policy is <see cref="HitPolicy.Unique"/> and more than one rule
    /// matched; the exception names them.</exception>
    /// <exception cref="RuleEvaluationException">A condition part or an action threw; the exception names the rule
    /// (and the part).</exception>
    public RuleSetResult<TFact, TDecision> Evaluate(TFact fact)
    {
        if (fact is null)
        {
            throw new ArgumentNullException(nameof(fact));
        }

        var conditions = _conditions;
        var i = 0;
        try
        {
            switch (HitPolicy)
            {
                case HitPolicy.First:
                case HitPolicy.Priority:
                    for (; i < conditions.Length; i++)
                    {
                        if (conditions[i](fact))
                        {
                            var rule = _active[i];
                            return new(HitPolicy, new RuleMatch<TFact, TDecision>(rule, rule.Decide(fact)));
                        }
                    }

                    return new(HitPolicy, (RuleMatch<TFact, TDecision>[]?)null);
                case HitPolicy.Unique:
                    var found = -1;
                    for (; i < conditions.Length; i++)
                    {
                        if (conditions[i](fact))
                        {
                            if (found >= 0)
                            {
                                throw Conflict(fact);
                            }

                            found = i;
                        }
                    }

                    return found < 0
                        ? new(HitPolicy, (RuleMatch<TFact, TDecision>[]?)null)
                        : new(HitPolicy, new RuleMatch<TFact, TDecision>(_active[found], _active[found].Decide(fact)));
                default:
                    // Note the matching rules' positions first, then allocate the result once at its exact size.
                    Span<int> hits = conditions.Length <= 256 ? stackalloc int[conditions.Length] : new int[conditions.Length];
                    var count = 0;
                    for (; i < conditions.Length; i++)
                    {
                        if (conditions[i](fact))
                        {
                            hits[count++] = i;
                        }
                    }

                    if (count == 0)
                    {
                        return new(HitPolicy, (RuleMatch<TFact, TDecision>[]?)null);
                    }

                    var matches = new RuleMatch<TFact, TDecision>[count];
                    for (var k = 0; k < count; k++)
                    {
                        var rule = _active[hits[k]];
                        matches[k] = new(rule, rule.Decide(fact));
                    }

                    return new(HitPolicy, matches);
            }
        }
        catch (Exception e) when (e is not RuleEvaluationException and not RuleConflictException)
        {
            throw RuleEvaluationException.ForCondition(_active[i], fact, e);
        }
    }

    /// <summary>Evaluates a fact and explains it: every rule, every condition part, the winner and why the others
    /// did not apply.</summary>
    /// <param name="fact">The fact.</param>
    /// <returns>The result (the same as <see cref="Evaluate"/> would return) and a trace of every rule in
    /// declaration order.</returns>
    /// <remarks>Slower than <see cref="Evaluate"/> and allocating: it evaluates disabled rules' conditions too and
    /// records each part. Use it for "why did this case go there?", for logs of automatic actions and in tests.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="fact"/> is null.</exception>
    /// <exception cref="RuleConflictException">The policy is <see cref="HitPolicy.Unique"/> and more than one rule
    /// matched; the exception names them.</exception>
    /// <exception cref="RuleEvaluationException">A condition part or an action threw; the exception names the rule
    /// and the part.</exception>
    public RuleSetExplanation<TFact, TDecision> Explain(TFact fact)
    {
        if (fact is null)
        {
            throw new ArgumentNullException(nameof(fact));
        }

        var n = _entries.Length;
        var held = new bool[n];
        var outcomes = new PartOutcome[n][];
        for (var i = 0; i < n; i++)
        {
            var rule = _entries[i].Rule;
            outcomes[i] = new PartOutcome[rule.Condition.PartCount];
            var failing = -1;
            try
            {
                held[i] = rule.Condition.Trace(fact, outcomes[i], 0, ref failing);
            }
            catch (Exception e) when (e is not RuleEvaluationException)
            {
                throw RuleEvaluationException.ForPart(rule.Id, failing >= 0 ? rule.Condition.PartNames[failing] : null, e);
            }
        }

        // Which entries apply, and which applied entry decided against each other matching entry.
        var applied = new List<int>();
        switch (HitPolicy)
        {
            case HitPolicy.First:
                for (var i = 0; i < n; i++)
                {
                    if (held[i] && _entries[i].IsEnabled)
                    {
                        applied.Add(i);
                        break;
                    }
                }

                break;
            case HitPolicy.Priority:
                var best = -1;
                for (var i = 0; i < n; i++)
                {
                    if (held[i] && _entries[i].IsEnabled && (best < 0 || _entries[i].Rule.Salience > _entries[best].Rule.Salience))
                    {
                        best = i;
                    }
                }

                if (best >= 0)
                {
                    applied.Add(best);
                }

                break;
            default:
                for (var i = 0; i < n; i++)
                {
                    if (held[i] && _entries[i].IsEnabled)
                    {
                        applied.Add(i);
                    }
                }

                if (HitPolicy == HitPolicy.Unique && applied.Count > 1)
                {
                    throw new RuleConflictException(Name, applied.Select(a => _entries[a].Id).ToArray());
                }

                break;
        }

        var matches = new RuleMatch<TFact, TDecision>[applied.Count];
        for (var k = 0; k < applied.Count; k++)
        {
            var rule = _entries[applied[k]].Rule;
            matches[k] = new(rule, rule.Decide(fact));
        }

        var result = matches.Length == 1 && HitPolicy != HitPolicy.Collect
            ? new RuleSetResult<TFact, TDecision>(HitPolicy, matches[0])
            : new RuleSetResult<TFact, TDecision>(HitPolicy, matches);
        var winner = applied.Count > 0 ? applied[0] : -1;

        var traces = new RuleTrace[n];
        for (var i = 0; i < n; i++)
        {
            var entry = _entries[i];
            var names = entry.Rule.Condition.PartNames;
            var negated = entry.Rule.Condition.NegatedParts;
            var parts = new ConditionPartTrace[names.Count];
            for (var p = 0; p < parts.Length; p++)
            {
                parts[p] = new ConditionPartTrace(names[p], outcomes[i][p], negated[p]);
            }

            RuleTraceStatus status;
            EffectiveRule<TFact, TDecision>? decidedBy = null;
            if (!entry.IsEnabled)
            {
                status = RuleTraceStatus.Disabled;
            }
            else if (!held[i])
            {
                status = RuleTraceStatus.NotMatched;
            }
            else if (applied.Contains(i))
            {
                status = RuleTraceStatus.Applied;
            }
            else
            {
                status = RuleTraceStatus.Overruled;
                decidedBy = _entries[winner];
            }

            // The reason text is built only when someone reads it, so that explaining stays cheap.
            traces[i] = new RuleTrace(entry.Id, entry.Rule.Description, entry.Rule.Salience, entry.Origin, entry.Position,
                held[i], Array.AsReadOnly(parts), status, HitPolicy, decidedBy?.Id, decidedBy?.Rule.Salience ?? 0,
                entry.DisabledBy, entry.DisabledReason);
        }

        return new RuleSetExplanation<TFact, TDecision>(Name, HitPolicy, fact, result, Array.AsReadOnly(traces));
    }

    /// <summary>Applies a layer of overrides: replaces, disables or adds rules by id, and leaves every other rule as
    /// it is.</summary>
    /// <param name="overrides">The layer.</param>
    /// <returns>A new rule set (this one is unchanged), or this same instance when the layer is empty. The new set
    /// shares the unchanged rules and their compiled conditions with this one; it copies only references.</returns>
    /// <remarks>
    /// <para>A replaced rule keeps its position and reports the layer's origin, with
    /// <see cref="EffectiveRule{TFact, TDecision}.Previous"/> pointing at the definition it replaced. A disabled rule
    /// keeps its definition and origin and reports <see cref="EffectiveRule{TFact, TDecision}.DisabledBy"/>. Added
    /// rules go after the existing ones in the order the layer declares them. Apply layers bottom up:
    /// <c>defaults.With(region).With(county)</c>.</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="overrides"/> is null.</exception>
    /// <exception cref="RuleSetException">The layer replaces or disables an id the set does not have, or adds one it
    /// already has; every such id is listed.</exception>
    public RuleSet<TFact, TDecision> With(RuleOverrides<TFact, TDecision> overrides)
    {
        ArgumentNullException.ThrowIfNull(overrides);
        if (overrides.IsEmpty)
        {
            return this;
        }

        var problems = new List<RuleProblem>();
        var entries = new List<EffectiveRule<TFact, TDecision>>(_entries);
        var origin = overrides.Origin;
        foreach (var change in overrides.Changes)
        {
            var known = _index.TryGetValue(change.RuleId, out var i);
            switch (change.Kind)
            {
                case RuleChangeKind.Add when known:
                    problems.Add(new RuleProblem(RuleProblemKind.RuleIdExists, change.RuleId, null, null,
                        $"Layer {origin} adds rule '{change.RuleId}', but rule set '{Name}' already has it (from {_entries[i].Origin}); replace it instead."));
                    break;
                case RuleChangeKind.Add:
                    entries.Add(new(change.Rule!, origin, entries.Count + 1, null, null, null));
                    break;
                case RuleChangeKind.Replace or RuleChangeKind.Disable when !known:
                    problems.Add(new RuleProblem(RuleProblemKind.UnknownRuleId, change.RuleId, null, null,
                        $"Layer {origin} {(change.Kind == RuleChangeKind.Replace ? "replaces" : "disables")} rule '{change.RuleId}', but rule set '{Name}' has no rule with that id."));
                    break;
                case RuleChangeKind.Replace:
                    entries[i] = new(change.Rule!, origin, i + 1, null, null, _entries[i]);
                    break;
                default:
                    entries[i] = new(_entries[i].Rule, _entries[i].Origin, i + 1, origin, change.Reason, _entries[i]);
                    break;
            }
        }

        if (problems.Count > 0)
        {
            throw new RuleSetException(Name, problems);
        }

        return new RuleSet<TFact, TDecision>(Name, HitPolicy, [.. entries]);
    }

    /// <summary>Returns the name, policy and number of rules.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} ({HitPolicy}, {_entries.Length} rules)";

    private RuleConflictException Conflict(TFact fact)
    {
        var ids = new List<string>();
        foreach (var rule in _active)
        {
            if (rule.Matches(fact))
            {
                ids.Add(rule.Id);
            }
        }

        return new RuleConflictException(Name, ids);
    }
}
