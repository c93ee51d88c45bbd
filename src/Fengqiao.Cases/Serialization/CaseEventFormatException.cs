namespace Fengqiao.Cases.Serialization;

/// <summary>Thrown by <see cref="CaseEventJson"/> when stored text is not a case event it can read: malformed JSON, an unknown format version, or a field missing, of the wrong type or out of range.</summary>
/// <remarks>
/// The message names the field (a JSON path such as <c>registration.report.channel</c>) and, for malformed JSON, the
/// byte offset; it never repeats field values, which may hold personal data.
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseEventFormatException : FengqiaoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CaseEventFormatException()
        : this("The text is not a stored case event.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public CaseEventFormatException(string message)
        : base(FengqiaoErrorKind.Input, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CaseEventFormatException(string message, Exception? innerException)
        : base(FengqiaoErrorKind.Input, message, innerException)
    {
    }

    /// <summary>Creates the exception for one field.</summary>
    /// <param name="field">The JSON path of the field, e.g. <c>actor.kind</c>; <c>$</c> for the whole document.</param>
    /// <param name="offset">The byte offset in the document, when known.</param>
    /// <param name="problem">What is wrong, without the field's value.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CaseEventFormatException(string field, long? offset, string problem, Exception? innerException = null)
        : base(FengqiaoErrorKind.Input, $"Cannot read the stored case event: field '{field}'{(offset is { } at ? $" (byte {at})" : "")}: {problem}.", innerException)
    {
        Field = field;
        Offset = offset;
    }

    /// <summary>Gets the JSON path of the field that could not be read, or <see langword="null"/>.</summary>
    public string? Field { get; }

    /// <summary>Gets the byte offset of the problem in the document, when known.</summary>
    public long? Offset { get; }
}
