namespace Fengqiao.Rules.Layering;

/// <summary>
/// A layer of changes to a rule set — replace, disable or add rules by id — named with its origin; apply it with
/// <see cref="RuleSet{TFact, TDecision}.With"/>. Build one with <see cref="RuleOverridesBuilder{TFact, TDecision}"/>.
/// </summary>
/// <typeparam name="TFact">The fact type of the rule set.</typeparam>
/// <typeparam name="TDecision">The decision type of the rule set.</typeparam>
/// <remarks>A layer names each rule id at most once. It does not know the set it will be applied to: unknown ids
/// are reported when it is applied.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class RuleOverrides<TFact, TDecision>
    where TFact : notnull
{
    internal RuleOverrides(RuleOrigin origin, RuleChange<TFact, TDecision>[] changes)
    {
        Origin = origin;
        Changes = Array.AsReadOnly(changes);
    }

    /// <summary>Gets the layer's origin, which rules it replaces or adds report as theirs.</summary>
    public RuleOrigin Origin { get; }

    /// <summary>Gets the changes in the order they were declared.</summary>
    public IReadOnlyList<RuleChange<TFact, TDecision>> Changes { get; }

    /// <summary>Gets whether the layer changes nothing.</summary>
    public bool IsEmpty => Changes.Count == 0;

    /// <summary>Returns the origin and the number of changes.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Origin}: {Changes.Count} change(s)";
}
