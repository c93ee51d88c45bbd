using System.Globalization;
using System.Text;

namespace Fengqiao.Rules.Evaluation;

/// <summary>
/// Why a rule set decided what it did for one fact: the result, and for every rule in declaration order whether it
/// matched, each condition part's outcome, and why it applied or not.
/// </summary>
/// <typeparam name="TFact">The fact type of the rule set.</typeparam>
/// <typeparam name="TDecision">The decision type of the rule set.</typeparam>
/// <remarks><see cref="ToString"/> renders the whole explanation as text for people (logs, the command line,
/// "why did this case go to the street?").</remarks>
/// <threadsafety>Immutable and thread-safe (the fact is held as given).</threadsafety>
public sealed class RuleSetExplanation<TFact, TDecision>
    where TFact : notnull
{
    internal RuleSetExplanation(string ruleSetName, HitPolicy hitPolicy, TFact fact, RuleSetResult<TFact, TDecision> result, IReadOnlyList<RuleTrace> rules)
    {
        RuleSetName = ruleSetName;
        HitPolicy = hitPolicy;
        Fact = fact;
        Result = result;
        Rules = rules;
    }

    /// <summary>Gets the name of the rule set that was evaluated.</summary>
    public string RuleSetName { get; }

    /// <summary>Gets the hit policy that was applied.</summary>
    public HitPolicy HitPolicy { get; }

    /// <summary>Gets the fact that was evaluated.</summary>
    public TFact Fact { get; }

    /// <summary>Gets the result: the same as <see cref="RuleSet{TFact, TDecision}.Evaluate"/> returns for the fact.</summary>
    public RuleSetResult<TFact, TDecision> Result { get; }

    /// <summary>Gets what every rule did, in declaration order (disabled rules included).</summary>
    public IReadOnlyList<RuleTrace> Rules { get; }

    /// <summary>Gets the ids of the rules that applied, in the order of <see cref="Result"/>.</summary>
    public IReadOnlyList<string> AppliedRuleIds => Result.Matches.Select(m => m.RuleId).ToArray();

    /// <summary>Gets the trace of one rule.</summary>
    /// <param name="ruleId">The rule's id.</param>
    /// <returns>The trace.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ruleId"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The rule set has no rule with that id.</exception>
    public RuleTrace this[string ruleId]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(ruleId);
            return Rules.FirstOrDefault(r => r.RuleId == ruleId)
                ?? throw new KeyNotFoundException($"Rule set '{RuleSetName}' has no rule '{ruleId}'.");
        }
    }

    /// <summary>Renders the explanation for people: the applied rules with their decisions, then every rule with its
    /// status, reason and parts.</summary>
    /// <returns>Multi-line text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        sb.Append("Rule set '").Append(RuleSetName).Append("' (hit policy ").Append(HitPolicy).Append(')').AppendLine();
        sb.Append("Fact: ").Append(Fact).AppendLine();
        if (!Result.HasMatch)
        {
            sb.AppendLine("Applied: none");
        }

        for (var i = 0; i < Result.Count; i++)
        {
            sb.Append("Applied: ").Append(Result[i].RuleId).Append(" -> ").Append(Result[i].Decision).AppendLine();
        }

        foreach (var rule in Rules)
        {
            sb.Append(CultureInfo.InvariantCulture, $"[{rule.Position}] {rule.RuleId} (salience {rule.Salience}, from {rule.Origin}): ")
                .Append(StatusText(rule.Status)).Append(" - ").Append(rule.Reason).AppendLine();
            foreach (var part in rule.Parts)
            {
                sb.Append("      ").Append(Mark(part.Outcome)).Append(' ').Append(part.Name).Append(part.IsNegated ? " (under not)" : "").AppendLine();
            }
        }

        return sb.ToString();
    }

    private static string StatusText(RuleTraceStatus status) => status switch
    {
        RuleTraceStatus.Applied => "APPLIED",
        RuleTraceStatus.Overruled => "matched, not applied",
        RuleTraceStatus.Disabled => "disabled",
        _ => "not matched",
    };

    private static string Mark(PartOutcome outcome) => outcome switch
    {
        PartOutcome.Held => "[held]  ",
        PartOutcome.Failed => "[failed]",
        _ => "[skipped]",
    };
}
