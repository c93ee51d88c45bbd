namespace Fengqiao.Rules.Layering;

/// <summary>One change a layer makes: replace, disable or add one rule, named by id.</summary>
/// <typeparam name="TFact">The fact type of the rule set.</typeparam>
/// <typeparam name="TDecision">The decision type of the rule set.</typeparam>
/// <remarks>Plain data, so that a profile writer can write a layer back out.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class RuleChange<TFact, TDecision>
    where TFact : notnull
{
    internal RuleChange(RuleChangeKind kind, string ruleId, Rule<TFact, TDecision>? rule, string? reason)
    {
        Kind = kind;
        RuleId = ruleId;
        Rule = rule;
        Reason = reason;
    }

    /// <summary>Gets what the change does.</summary>
    public RuleChangeKind Kind { get; }

    /// <summary>Gets the id of the rule it changes.</summary>
    public string RuleId { get; }

    /// <summary>Gets the new definition for <see cref="RuleChangeKind.Replace"/> and <see cref="RuleChangeKind.Add"/>;
    /// null for <see cref="RuleChangeKind.Disable"/>.</summary>
    public Rule<TFact, TDecision>? Rule { get; }

    /// <summary>Gets why the layer disables the rule (for <see cref="RuleChangeKind.Disable"/>); otherwise null.</summary>
    public string? Reason { get; }

    /// <summary>Returns the change on one line, e.g. <c>disable repeat-complaint</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Kind.ToString().ToUpperInvariant()} {RuleId}";
}
