using System.Collections.ObjectModel;
using System.Globalization;

namespace Fengqiao.Rules.Tables;

/// <summary>
/// A decision-table condition as plain data: a test of a named field with an operator and literal values, or an
/// all/any group of conditions. A profile file reads into it and is written back from it.
/// </summary>
/// <remarks>
/// <para>Values are kept as the literal strings given (numbers in the invariant culture, booleans as
/// <c>true</c>/<c>false</c>), so the model round-trips exactly; they are checked against the field's type when the
/// table is built (<see cref="DecisionTableBuilder.Validate"/>), not here.</para>
/// <para>The typed helpers (<see cref="Equal(string, decimal)"/>, <see cref="Between"/>…) format their values with
/// the invariant culture.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class TableCondition
{
    private TableCondition(TableConditionKind kind, string? field, ConditionOperator op, string[] values, TableCondition[] children)
    {
        Kind = kind;
        Field = field;
        Operator = op;
        Values = new ReadOnlyCollection<string>(values);
        Children = new ReadOnlyCollection<TableCondition>(children);
    }

    /// <summary>Gets the kind of node.</summary>
    public TableConditionKind Kind { get; }

    /// <summary>Gets the field a test reads; null for all/any.</summary>
    public string? Field { get; }

    /// <summary>Gets a test's operator (<see cref="ConditionOperator.Equal"/> for all/any, where it means nothing).</summary>
    public ConditionOperator Operator { get; }

    /// <summary>Gets a test's literal values; empty for all/any.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Gets an all/any group's children; empty for a test.</summary>
    public IReadOnlyList<TableCondition> Children { get; }

    /// <summary>Creates a test from raw data (what a profile reader calls).</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="op">The operator.</param>
    /// <param name="values">The literal values.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/>, <paramref name="values"/> or a value is null.</exception>
    public static TableCondition Test(string field, ConditionOperator op, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(values);
        if (Array.IndexOf(values, null) is var i and >= 0)
        {
            throw new ArgumentNullException(nameof(values), $"Condition on field '{field}': value at index {i} is null.");
        }

        return new(TableConditionKind.Test, field, op, [.. values], []);
    }

    /// <summary>Creates a group that holds when all of <paramref name="children"/> hold.</summary>
    /// <param name="children">The conditions (none: always holds).</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or a child is null.</exception>
    public static TableCondition All(params TableCondition[] children) => Group(TableConditionKind.All, children);

    /// <summary>Creates a group that holds when any of <paramref name="children"/> holds.</summary>
    /// <param name="children">The conditions (none: never holds).</param>
    /// <returns>The group.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="children"/> or a child is null.</exception>
    public static TableCondition Any(params TableCondition[] children) => Group(TableConditionKind.Any, children);

    /// <summary>Creates <c>field = value</c> for a text or enumeration field.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public static TableCondition Equal(string field, string value) => Test(field, ConditionOperator.Equal, value);

    /// <summary>Creates <c>field = value</c> for a number field.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public static TableCondition Equal(string field, decimal value) => Test(field, ConditionOperator.Equal, Text(value));

    /// <summary>Creates <c>field = true</c> or <c>field = false</c> for a boolean field.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public static TableCondition Equal(string field, bool value) => Test(field, ConditionOperator.Equal, value ? "true" : "false");

    /// <summary>Creates <c>field in [values]</c>.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="values">The values.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    public static TableCondition In(string field, params string[] values) => Test(field, ConditionOperator.In, values);

    /// <summary>Creates <c>field not in [values]</c>.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="values">The values.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    public static TableCondition NotIn(string field, params string[] values) => Test(field, ConditionOperator.NotIn, values);

    /// <summary>Creates <c>field &lt; value</c>.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public static TableCondition LessThan(string field, decimal value) => Test(field, ConditionOperator.LessThan, Text(value));

    /// <summary>Creates <c>field &lt;= value</c>.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public static TableCondition LessThanOrEqual(string field, decimal value) => Test(field, ConditionOperator.LessThanOrEqual, Text(value));

    /// <summary>Creates <c>field &gt; value</c>.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public static TableCondition GreaterThan(string field, decimal value) => Test(field, ConditionOperator.GreaterThan, Text(value));

    /// <summary>Creates <c>field &gt;= value</c>.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public static TableCondition GreaterThanOrEqual(string field, decimal value) => Test(field, ConditionOperator.GreaterThanOrEqual, Text(value));

    /// <summary>Creates <c>low &lt;= field &lt;= high</c>.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="low">The lower bound, included.</param>
    /// <param name="high">The upper bound, included.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    public static TableCondition Between(string field, decimal low, decimal high) => Test(field, ConditionOperator.Between, Text(low), Text(high));

    /// <summary>Creates <c>field contains any of [keywords]</c>.</summary>
    /// <param name="field">The field's name (text or text list).</param>
    /// <param name="keywords">The keywords.</param>
    /// <returns>The test.</returns>
    /// <exception cref="ArgumentNullException">An argument or a keyword is null.</exception>
    public static TableCondition ContainsAny(string field, params string[] keywords) => Test(field, ConditionOperator.ContainsAny, keywords);

    /// <summary>Renders the condition on one line, e.g. <c>all(category in [safety, wage-arrears], repeats &gt;= 3)</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Kind switch
    {
        TableConditionKind.Test => Field + " " + OperatorText(Operator) + " " + ValuesText(),
        TableConditionKind.All => "all(" + string.Join(", ", Children) + ")",
        _ => "any(" + string.Join(", ", Children) + ")",
    };

    internal static string OperatorText(ConditionOperator op) => op switch
    {
        ConditionOperator.Equal => "=",
        ConditionOperator.In => "in",
        ConditionOperator.NotIn => "not in",
        ConditionOperator.LessThan => "<",
        ConditionOperator.LessThanOrEqual => "<=",
        ConditionOperator.GreaterThan => ">",
        ConditionOperator.GreaterThanOrEqual => ">=",
        ConditionOperator.Between => "between",
        ConditionOperator.ContainsAny => "contains any of",
        _ => op.ToString(),
    };

    private string ValuesText() => Operator switch
    {
        ConditionOperator.In or ConditionOperator.NotIn or ConditionOperator.ContainsAny => "[" + string.Join(", ", Values) + "]",
        ConditionOperator.Between when Values.Count == 2 => Values[0] + " and " + Values[1],
        _ when Values.Count == 1 => Values[0],
        _ => "[" + string.Join(", ", Values) + "]",
    };

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static TableCondition Group(TableConditionKind kind, TableCondition[] children)
    {
        ArgumentNullException.ThrowIfNull(children);
        if (Array.IndexOf(children, null) is var i and >= 0)
        {
            throw new ArgumentNullException(nameof(children), $"Condition at index {i} is null.");
        }

        return new(kind, null, ConditionOperator.Equal, [], [.. children]);
    }
}
