using System.Collections.ObjectModel;

namespace Fengqiao.Rules.Tables;

/// <summary>The named, typed fields of the facts a <see cref="DecisionTable"/> reads. Build one with
/// <see cref="FactSchemaBuilder"/>.</summary>
/// <remarks>Facts for a table are <see cref="FactRecord"/>s created from the table's schema instance
/// (<see cref="CreateRecord"/>); the compiled table reads them by field position, never by name.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class FactSchema
{
    private readonly Dictionary<string, FactField> _byName;

    internal FactSchema(FactField[] fields)
    {
        Fields = new ReadOnlyCollection<FactField>(fields);
        _byName = fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
    }

    /// <summary>Gets the fields in declaration order.</summary>
    public IReadOnlyList<FactField> Fields { get; }

    /// <summary>Gets a field by name.</summary>
    /// <param name="name">The field's name.</param>
    /// <returns>The field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The schema has no such field; the message lists the fields it has.</exception>
    public FactField this[string name]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(name);
            return _byName.TryGetValue(name, out var field)
                ? field
                : throw new KeyNotFoundException($"The fact schema has no field '{name}'; it has: {string.Join(", ", Fields.Select(f => f.Name))}.");
        }
    }

    /// <summary>Finds a field by name.</summary>
    /// <param name="name">The field's name.</param>
    /// <param name="field">The field, or null.</param>
    /// <returns>Whether the schema has the field.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> is null.</exception>
    public bool TryGetField(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out FactField? field)
    {
        ArgumentNullException.ThrowIfNull(name);
        return _byName.TryGetValue(name, out field);
    }

    /// <summary>Starts a fact record of this schema.</summary>
    /// <returns>A builder; set every field, then build.</returns>
    public FactRecordBuilder CreateRecord() => new(this);

    /// <summary>Returns the fields on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => string.Join("; ", Fields);
}
