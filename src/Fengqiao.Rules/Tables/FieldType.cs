namespace Fengqiao.Rules.Tables;

/// <summary>The type of a fact field in a <see cref="FactSchema"/>, which decides the operators a table may use on it.</summary>
/// <remarks>
/// <para>Operators by type: <see cref="Text"/> — equal, in, not in, contains any; <see cref="Number"/> — equal, in,
/// not in, &lt;, &lt;=, &gt;, &gt;=, between; <see cref="Boolean"/> — equal, in, not in; <see cref="Enumeration"/> —
/// equal, in, not in; <see cref="TextList"/> — contains any.</para>
/// </remarks>
/// <threadsafety>An enumeration: safe to share.</threadsafety>
public enum FieldType
{
    /// <summary>Free text (a category code, a unit id, a complaint's text). Compared ordinally.</summary>
    Text = 0,

    /// <summary>A decimal number (a count, days overdue, an amount). Literals use the invariant culture: <c>3</c>, <c>2.5</c>.</summary>
    Number = 1,

    /// <summary>True or false. Literals are <c>true</c> and <c>false</c>.</summary>
    Boolean = 2,

    /// <summary>One of a declared set of values (a ladder level, a channel, a rating).</summary>
    Enumeration = 3,

    /// <summary>A list of texts (keywords extracted from a complaint, tags).</summary>
    TextList = 4,
}
