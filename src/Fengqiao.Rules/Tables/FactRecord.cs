using System.Globalization;
using System.Text;

namespace Fengqiao.Rules.Tables;

/// <summary>One fact for a <see cref="DecisionTable"/>: a value for every field of its <see cref="FactSchema"/>.
/// Create one with <see cref="FactSchema.CreateRecord"/>.</summary>
/// <remarks>
/// <para>Values are stored by field position and typed (numbers as <see cref="decimal"/>, enumerations as the
/// index of their value), so a compiled table reads them without looking names up or converting.</para>
/// <para>The getters by name are for people and tests; they check the field's type.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class FactRecord
{
    private readonly Slot[] _slots;

    internal FactRecord(FactSchema schema, Slot[] slots)
    {
        Schema = schema;
        _slots = slots;
    }

    /// <summary>Gets the schema the record was built for.</summary>
    public FactSchema Schema { get; }

    /// <summary>Gets a text field's value, or an enumeration field's value.</summary>
    /// <param name="field">The field's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The schema has no such field.</exception>
    /// <exception cref="InvalidOperationException">The field is neither text nor an enumeration.</exception>
    public string GetText(string field)
    {
        var f = Field(field, FieldType.Text, FieldType.Enumeration);
        return f.Type == FieldType.Enumeration ? f.Values[_slots[f.Index].Code] : (string)_slots[f.Index].Ref!;
    }

    /// <summary>Gets a number field's value.</summary>
    /// <param name="field">The field's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The schema has no such field.</exception>
    /// <exception cref="InvalidOperationException">The field is not a number.</exception>
    public decimal GetNumber(string field) => _slots[Field(field, FieldType.Number, FieldType.Number).Index].Number;

    /// <summary>Gets a boolean field's value.</summary>
    /// <param name="field">The field's name.</param>
    /// <returns>The value.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The schema has no such field.</exception>
    /// <exception cref="InvalidOperationException">The field is not a boolean.</exception>
    public bool GetBoolean(string field) => _slots[Field(field, FieldType.Boolean, FieldType.Boolean).Index].Code != 0;

    /// <summary>Gets a text-list field's values.</summary>
    /// <param name="field">The field's name.</param>
    /// <returns>The values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="field"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The schema has no such field.</exception>
    /// <exception cref="InvalidOperationException">The field is not a text list.</exception>
    public IReadOnlyList<string> GetTextList(string field) => Array.AsReadOnly((string[])_slots[Field(field, FieldType.TextList, FieldType.TextList).Index].Ref!);

    /// <summary>Returns every field and value, e.g. <c>level=street, repeats=3, keywords=[欠薪]</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var field in Schema.Fields)
        {
            if (sb.Length > 0)
            {
                sb.Append(", ");
            }

            sb.Append(field.Name).Append('=').Append(Display(field));
        }

        return sb.ToString();
    }

    internal decimal NumberAt(int index) => _slots[index].Number;

    internal int CodeAt(int index) => _slots[index].Code;

    internal string TextAt(int index) => (string)_slots[index].Ref!;

    internal string[] ListAt(int index) => (string[])_slots[index].Ref!;

    internal string Display(FactField field)
    {
        var slot = _slots[field.Index];
        return field.Type switch
        {
            FieldType.Number => slot.Number.ToString(CultureInfo.InvariantCulture),
            FieldType.Boolean => slot.Code != 0 ? "true" : "false",
            FieldType.Enumeration => field.Values[slot.Code],
            FieldType.TextList => "[" + string.Join(", ", (string[])slot.Ref!) + "]",
            _ => (string)slot.Ref!,
        };
    }

    private FactField Field(string name, FieldType type, FieldType alternative)
    {
        var field = Schema[name];
        if (field.Type != type && field.Type != alternative)
        {
            throw new InvalidOperationException($"Field '{name}' is of type {FactField.TypeText(field.Type)}, not {FactField.TypeText(type)}.");
        }

        return field;
    }

    /// <summary>One field's value: a number, a code (boolean 0/1, enumeration index) or a reference (text, list).</summary>
    internal struct Slot
    {
        public decimal Number;
        public int Code;
        public object? Ref;
        public bool IsSet;
    }
}
