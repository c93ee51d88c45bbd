namespace Fengqiao.Rules.Evaluation;

/// <summary>What became of one rule when a fact was explained.</summary>
/// <remarks>Exactly one status per rule per explanation; <see cref="RuleTrace.Reason"/> says why in words.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum RuleTraceStatus
{
    /// <summary>The rule's condition did not hold.</summary>
    NotMatched = 0,

    /// <summary>The rule matched and applied: its decision is in the result.</summary>
    Applied = 1,

    /// <summary>The rule matched but the hit policy chose another rule (<see cref="RuleTrace.DecidingRuleId"/>).</summary>
    Overruled = 2,

    /// <summary>A layer disabled the rule; it never applies (the trace still says whether it would have matched).</summary>
    Disabled = 3,
}
