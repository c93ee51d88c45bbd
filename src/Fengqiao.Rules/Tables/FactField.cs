namespace Fengqiao.Rules.Tables;

/// <summary>One named, typed field of a <see cref="FactSchema"/>.</summary>
/// <remarks>Fields are created by <see cref="FactSchemaBuilder"/>; their <see cref="Index"/> is how compiled tables read a <see cref="FactRecord"/> without name lookups.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class FactField
{
    internal FactField(string name, FieldType type, int index, string[] values)
    {
        Name = name;
        Type = type;
        Index = index;
        Values = Array.AsReadOnly(values);
        ValueIndex = new Dictionary<string, int>(values.Length, StringComparer.Ordinal);
        for (var i = 0; i < values.Length; i++)
        {
            ValueIndex.TryAdd(values[i], i);
        }
    }

    /// <summary>Gets the field's name, as conditions name it.</summary>
    public string Name { get; }

    /// <summary>Gets the field's type.</summary>
    public FieldType Type { get; }

    /// <summary>Gets the field's position in the schema, from 0.</summary>
    public int Index { get; }

    /// <summary>Gets the declared values of an <see cref="FieldType.Enumeration"/> field in declaration order; empty
    /// for other types.</summary>
    public IReadOnlyList<string> Values { get; }

    internal Dictionary<string, int> ValueIndex { get; }

    /// <summary>Returns the name and type, e.g. <c>level: enumeration [grid, community, street]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Type == FieldType.Enumeration
        ? $"{Name}: {TypeText(Type)} [{string.Join(", ", Values)}]"
        : $"{Name}: {TypeText(Type)}";

    internal static string TypeText(FieldType type) => type switch
    {
        FieldType.Text => "text",
        FieldType.Number => "number",
        FieldType.Boolean => "boolean",
        FieldType.Enumeration => "enumeration",
        _ => "text list",
    };
}
