namespace Fengqiao.Rules;

/// <summary>
/// Says which of the matching rules of a rule set apply, as the hit policies of DMN decision tables do.
/// </summary>
/// <remarks>
/// <para>Disabled rules never match. Declaration order is the order in which rules were added to the set; a layer
/// that replaces a rule keeps its position, and a layer that adds a rule appends it.</para>
/// </remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum HitPolicy
{
    /// <summary>The first matching rule in declaration order applies; the others are reported as matching later.</summary>
    First = 0,

    /// <summary>
    /// The matching rule with the highest salience applies; between equal saliences the one declared first wins.
    /// </summary>
    Priority = 1,

    /// <summary>Every matching rule applies, in declaration order.</summary>
    Collect = 2,

    /// <summary>
    /// At most one rule may match; two or more matching rules are an error
    /// (<see cref="Evaluation.RuleConflictException"/>) naming them.
    /// </summary>
    Unique = 3,
}
