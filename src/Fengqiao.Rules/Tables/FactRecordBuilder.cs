namespace Fengqiao.Rules.Tables;

/// <summary>Sets the fields of a <see cref="FactRecord"/>; every field must be set before <see cref="Build"/>.</summary>
/// <remarks>Each setter checks the field's name and type (and an enumeration's values) at once, and names the field
/// when it refuses a value. There are no silent defaults: a field left unset is an error at <see cref="Build"/>.</remarks>
/// <threadsafety>Not thread-safe: fill on one thread. The product is immutable and thread-safe.</threadsafety>
public sealed class FactRecordBuilder
{
    private readonly FactSchema _schema;
    private readonly FactRecord.Slot[] _slots;

    internal FactRecordBuilder(FactSchema schema)
    {
        _schema = schema;
        _slots = new FactRecord.Slot[schema.Fields.Count];
    }

    /// <summary>Sets a text field, or an enumeration field to one of its declared values.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The schema has no such field, the field is neither text nor an enumeration,
    /// or the value is not one of the enumeration's values; the message names the field.</exception>
    public FactRecordBuilder Set(string field, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var f = Field(field, FieldType.Text, FieldType.Enumeration);
        if (f.Type == FieldType.Enumeration)
        {
            if (!f.ValueIndex.TryGetValue(value, out var code))
            {
                throw new ArgumentException($"Field '{field}': '{value}' is not one of its values [{string.Join(", ", f.Values)}].", nameof(value));
            }

            _slots[f.Index] = new() { Code = code, IsSet = true };
        }
        else
        {
            _slots[f.Index] = new() { Ref = value, IsSet = true };
        }

        return this;
    }

    /// <summary>Sets a number field.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    /// <exception cref="ArgumentException">The schema has no such field or it is not a number field.</exception>
    public FactRecordBuilder Set(string field, decimal value)
    {
        _slots[Field(field, FieldType.Number, FieldType.Number).Index] = new() { Number = value, IsSet = true };
        return this;
    }

    /// <summary>Sets a boolean field.</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="value">The value.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    /// <exception cref="ArgumentException">The schema has no such field or it is not a boolean field.</exception>
    public FactRecordBuilder Set(string field, bool value)
    {
        _slots[Field(field, FieldType.Boolean, FieldType.Boolean).Index] = new() { Code = value ? 1 : 0, IsSet = true };
        return this;
    }

    /// <summary>Sets a text-list field (the values are copied).</summary>
    /// <param name="field">The field's name.</param>
    /// <param name="values">The values (may be empty).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument or a value is null.</exception>
    /// <exception cref="ArgumentException">The schema has no such field or it is not a text-list field.</exception>
    public FactRecordBuilder Set(string field, IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var copy = values.ToArray();
        if (Array.IndexOf(copy, null) is var i and >= 0)
        {
            throw new ArgumentNullException(nameof(values), $"Field '{field}': value at index {i} is null.");
        }

        _slots[Field(field, FieldType.TextList, FieldType.TextList).Index] = new() { Ref = copy, IsSet = true };
        return this;
    }

    /// <summary>Builds the record.</summary>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentException">Some fields were not set; the message names all of them.</exception>
    public FactRecord Build()
    {
        var missing = _schema.Fields.Where(f => !_slots[f.Index].IsSet).Select(f => f.Name).ToArray();
        if (missing.Length > 0)
        {
            throw new ArgumentException($"A fact record needs a value for every field; not set: {string.Join(", ", missing)}.");
        }

        return new FactRecord(_schema, (FactRecord.Slot[])_slots.Clone());
    }

    private FactField Field(string field, FieldType type, FieldType alternative)
    {
        ArgumentNullException.ThrowIfNull(field);
        if (!_schema.TryGetField(field, out var found))
        {
            throw new ArgumentException($"The fact schema has no field '{field}'; it has: {string.Join(", ", _schema.Fields.Select(f => f.Name))}.", nameof(field));
        }

        if (found.Type != type && found.Type != alternative)
        {
            throw new ArgumentException($"Field '{field}' is of type {FactField.TypeText(found.Type)}; it cannot take a value of type {FactField.TypeText(type)}.", nameof(field));
        }

        return found;
    }
}
