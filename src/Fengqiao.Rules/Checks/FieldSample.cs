namespace Fengqiao.Rules.Checks;

/// <summary>One field's value in an overlap witness or a coverage gap: the concrete value tried and what it stands
/// for (an enumeration value, a number range, "any other text").</summary>
/// <remarks>Fields of a witness or gap appear in schema order.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class FieldSample
{
    internal FieldSample(string field, string value, string description)
    {
        Field = field;
        Value = value;
        Description = description;
    }

    /// <summary>Gets the field's name.</summary>
    public string Field { get; }

    /// <summary>Gets the concrete value tried, as a literal (a number in the invariant culture, a list as
    /// <c>[a, b]</c>).</summary>
    public string Value { get; }

    /// <summary>Gets what the value stands for, written to follow the field's name: <c>= safety</c>, <c>&lt; 3</c>,
    /// <c>between 3 and 5 (exclusive)</c>, <c>= (any other text)</c>, <c>contains 欠薪</c>.</summary>
    public string Description { get; }

    /// <summary>Returns the field and what its value stands for, e.g. <c>repeats &lt; 3</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Field} {Description}";
}
