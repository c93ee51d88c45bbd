namespace Fengqiao.Mediation.HandOffs;

/// <summary>
/// The outside body's reference number for one hand-off (关联编号): the court's, police station's, petition office's or
/// procuratorate's number under which it sent the dispute or expects it back. Its answers find the hand-off by this key.
/// </summary>
/// <remarks>
/// <para>Keys are compared ordinally and are case-sensitive; Fengqiao never derives meaning from their text.</para>
/// <para>A key names exactly one hand-off for ever: when a dispute goes back and forth under the same court number,
/// give each hand-off its own key (for example <c>(2025)甘0981民诉前调123号/confirm</c>), so that a late answer to an
/// earlier hand-off can never be applied to a later one.</para>
/// </remarks>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct CorrelationKey
{
    /// <summary>Creates a key.</summary>
    /// <param name="value">The reference text: not empty, no surrounding white space.</param>
    /// <exception cref="ArgumentException"><paramref name="value"/> is null, empty or padded with white space.</exception>
    public CorrelationKey(string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length != value.Length)
        {
            throw new ArgumentException($"A correlation key must be non-empty text without surrounding spaces; got '{value}'.", nameof(value));
        }

        Value = value;
    }

    /// <summary>Gets the reference text.</summary>
    public string Value { get; }

    /// <summary>Returns the reference text.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Value ?? "";
}
