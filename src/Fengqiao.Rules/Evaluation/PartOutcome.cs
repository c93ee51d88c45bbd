namespace Fengqiao.Rules.Evaluation;

/// <summary>What happened to one named part of a rule's condition when a fact was explained.</summary>
/// <remarks>Parts skipped because an all/any group was already decided are <see cref="NotEvaluated"/>, never guessed; for a part under <c>not</c> (<see cref="ConditionPartTrace.IsNegated"/>), <see cref="Failed"/> is what lets the rule hold.</remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum PartOutcome
{
    /// <summary>The part was not evaluated: an earlier part already decided its all/any group.</summary>
    NotEvaluated = 0,

    /// <summary>The part's predicate returned true.</summary>
    Held = 1,

    /// <summary>The part's predicate returned false.</summary>
    Failed = 2,
}
