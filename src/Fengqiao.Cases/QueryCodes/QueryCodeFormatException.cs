namespace Fengqiao.Cases.QueryCodes;

/// <summary>Thrown by <see cref="QueryCode.Parse"/> when text is not a valid query code.</summary>
/// <remarks>
/// The message says what is wrong (length, a character outside the alphabet and its position, or a check character
/// that does not match) so that a portal can show it to the citizen; it never repeats the code.
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class QueryCodeFormatException : FengqiaoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public QueryCodeFormatException()
        : this("The text is not a valid query code.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong with the code.</param>
    public QueryCodeFormatException(string message)
        : base(FengqiaoErrorKind.Input, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong with the code.</param>
    /// <param name="innerException">The cause, if any.</param>
    public QueryCodeFormatException(string message, Exception? innerException)
        : base(FengqiaoErrorKind.Input, message, innerException)
    {
    }
}
