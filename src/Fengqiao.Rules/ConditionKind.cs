namespace Fengqiao.Rules;

/// <summary>The shape of one node of a <see cref="Condition{TFact}"/> tree.</summary>
/// <remarks>Read it to walk a condition (renderers, profile writers); evaluation does not need it.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum ConditionKind
{
    /// <summary>A named part: one predicate over the fact, reported by name in traces.</summary>
    Part = 0,

    /// <summary>Holds when every child holds (an empty <c>All</c> always holds). Stops at the first child that fails.</summary>
    All = 1,

    /// <summary>Holds when some child holds (an empty <c>Any</c> never holds). Stops at the first child that holds.</summary>
    Any = 2,

    /// <summary>Holds when its single child does not.</summary>
    Not = 3,
}
