namespace Fengqiao.Rules.Checks;

/// <summary>Two rows of a decision table that both match some input, with one such input (the witness).</summary>
/// <remarks>Under <see cref="HitPolicy.Unique"/> every overlap is a <see cref="Evaluation.RuleConflictException"/>
/// waiting to happen; under first or priority it shows where one row shadows another.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class RuleOverlap
{
    internal RuleOverlap(string firstRuleId, string secondRuleId, IReadOnlyList<FieldSample> witness)
    {
        FirstRuleId = firstRuleId;
        SecondRuleId = secondRuleId;
        Witness = witness;
    }

    /// <summary>Gets the id of the row declared first.</summary>
    public string FirstRuleId { get; }

    /// <summary>Gets the id of the row declared second.</summary>
    public string SecondRuleId { get; }

    /// <summary>Gets an input on which both rows match: a value for each field either row reads.</summary>
    public IReadOnlyList<FieldSample> Witness { get; }

    /// <summary>Returns the two ids and the witness on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"'{FirstRuleId}' and '{SecondRuleId}' both match when {(Witness.Count == 0 ? "(always)" : string.Join(", ", Witness))}";
}
