namespace Fengqiao.Rules.Tables;

/// <summary>Declares the fields of a <see cref="FactSchema"/>.</summary>
/// <remarks>
/// <example>
/// <code>
/// var schema = new FactSchemaBuilder()
///     .AddEnumeration("level", "grid", "community", "street", "department", "secretary")
///     .AddText("category")
///     .AddNumber("repeats")
///     .AddBoolean("overdue")
///     .AddTextList("keywords")
///     .Build();
/// </code>
/// </example>
/// </remarks>
/// <threadsafety>Not thread-safe: build on one thread. The product is immutable and thread-safe.</threadsafety>
public sealed class FactSchemaBuilder
{
    private readonly List<(string Name, FieldType Type, string[] Values)> _fields = [];

    /// <summary>Adds a text field.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public FactSchemaBuilder AddText(string name) => Add(name, FieldType.Text, []);

    /// <summary>Adds a number field.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public FactSchemaBuilder AddNumber(string name) => Add(name, FieldType.Number, []);

    /// <summary>Adds a boolean field.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public FactSchemaBuilder AddBoolean(string name) => Add(name, FieldType.Boolean, []);

    /// <summary>Adds a text-list field (keywords, tags).</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public FactSchemaBuilder AddTextList(string name) => Add(name, FieldType.TextList, []);

    /// <summary>Adds an enumeration field with its declared values.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="values">The values, in order (the order gap reports use). At least one, no duplicates.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    public FactSchemaBuilder AddEnumeration(string name, params string[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (Array.IndexOf(values, null) is var i and >= 0)
        {
            throw new ArgumentNullException(nameof(values), $"Enumeration field '{name}': value at index {i} is null.");
        }

        return Add(name, FieldType.Enumeration, [.. values]);
    }

    /// <summary>Checks the fields and builds the schema.</summary>
    /// <returns>The schema.</returns>
    /// <exception cref="DecisionTableException">A name is invalid or repeated, or an enumeration has no values or a
    /// repeated value; every problem is listed with its field.</exception>
    public FactSchema Build()
    {
        var problems = new List<RuleProblem>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (name, type, values) in _fields)
        {
            if (RuleIds.Problem(name, "A field name") is { } idProblem)
            {
                problems.Add(new RuleProblem(RuleProblemKind.InvalidId, null, null, name, $"Field '{name}': {idProblem}"));
            }
            else if (!seen.Add(name))
            {
                problems.Add(new RuleProblem(RuleProblemKind.DuplicateField, null, null, name, $"Field '{name}' is declared more than once."));
            }

            if (type == FieldType.Enumeration)
            {
                if (values.Length == 0)
                {
                    problems.Add(new RuleProblem(RuleProblemKind.EmptyEnumeration, null, null, name, $"Field '{name}': an enumeration needs at least one value."));
                }

                foreach (var duplicate in values.GroupBy(v => v, StringComparer.Ordinal).Where(g => g.Count() > 1))
                {
                    problems.Add(new RuleProblem(RuleProblemKind.DuplicateField, null, null, name, $"Field '{name}': value '{duplicate.Key}' is declared more than once."));
                }
            }
        }

        if (problems.Count > 0)
        {
            throw new DecisionTableException("fact schema", problems);
        }

        return new FactSchema([.. _fields.Select((f, i) => new FactField(f.Name, f.Type, i, f.Values))]);
    }

    private FactSchemaBuilder Add(string name, FieldType type, string[] values)
    {
        ArgumentNullException.ThrowIfNull(name);
        _fields.Add((name, type, values));
        return this;
    }
}
