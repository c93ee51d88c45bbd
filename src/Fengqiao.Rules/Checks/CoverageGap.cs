namespace Fengqiao.Rules.Checks;

/// <summary>A combination of field values on which no row of a decision table matches.</summary>
/// <remarks>Gaps that differ only in one field and together cover all of that field's representative values are merged, and the field is left out.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class CoverageGap
{
    internal CoverageGap(IReadOnlyList<FieldSample> values)
    {
        Values = values;
    }

    /// <summary>Gets the combination: a value for each field that some row reads, except fields for which every
    /// value leaves the gap open — those are left out, meaning "any value".</summary>
    public IReadOnlyList<FieldSample> Values { get; }

    /// <summary>Returns the combination on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Values.Count == 0 ? "(any input)" : string.Join(", ", Values);
}
