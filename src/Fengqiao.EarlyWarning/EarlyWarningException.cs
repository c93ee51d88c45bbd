namespace Fengqiao.EarlyWarning;

/// <summary>The early-warning engine was misconfigured or a rule asked for something impossible; the message names the rule and what was wrong.</summary>
/// <remarks>Its <see cref="FengqiaoException.ErrorKind"/> is <see cref="FengqiaoErrorKind.Configuration"/>: the profile's warning rules or a county rule need fixing.</remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class EarlyWarningException : FengqiaoException
{
    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What was wrong, and where.</param>
    public EarlyWarningException(string message)
        : base(FengqiaoErrorKind.Configuration, message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What was wrong, and where.</param>
    /// <param name="innerException">The cause.</param>
    public EarlyWarningException(string message, Exception innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
    }
}
