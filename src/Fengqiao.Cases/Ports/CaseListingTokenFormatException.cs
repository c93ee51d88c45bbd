namespace Fengqiao.Cases.Ports;

/// <summary>Thrown by <see cref="CaseListingToken.Parse"/> when text is not a listing continuation.</summary>
/// <remarks>The message says what is wrong and never repeats the text, so a portal can answer 400 with it.</remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseListingTokenFormatException : FengqiaoException
{
    /// <summary>Creates the exception with a default message.</summary>
    public CaseListingTokenFormatException()
        : this("The text is not a listing continuation.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong.</param>
    public CaseListingTokenFormatException(string message)
        : base(FengqiaoErrorKind.Input, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause, if any.</param>
    public CaseListingTokenFormatException(string message, Exception? innerException)
        : base(FengqiaoErrorKind.Input, message, innerException)
    {
    }
}
