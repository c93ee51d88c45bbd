namespace Fengqiao.Rules.Evaluation;

/// <summary>The outcome of one named condition part in a <see cref="RuleTrace"/>.</summary>
/// <remarks>Parts appear in the order of <see cref="Condition{TFact}.PartNames"/>: depth first, left to right.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class ConditionPartTrace
{
    internal ConditionPartTrace(string name, PartOutcome outcome, bool isNegated)
    {
        Name = name;
        Outcome = outcome;
        IsNegated = isNegated;
    }

    /// <summary>Gets the part's name.</summary>
    public string Name { get; }

    /// <summary>Gets whether the part held, failed or was not evaluated.</summary>
    public PartOutcome Outcome { get; }

    /// <summary>Gets whether the part sits under an odd number of <c>not</c> nodes, so that the part failing is what
    /// lets the rule's condition hold.</summary>
    public bool IsNegated { get; }

    /// <summary>Returns the name and outcome, e.g. <c>handling clock overdue: held</c> or <c>at top of ladder: failed (under not)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name}: {Text(Outcome)}{(IsNegated ? " (under not)" : "")}";

    internal static string Text(PartOutcome outcome) => outcome switch
    {
        PartOutcome.Held => "held",
        PartOutcome.Failed => "failed",
        _ => "not evaluated",
    };
}
