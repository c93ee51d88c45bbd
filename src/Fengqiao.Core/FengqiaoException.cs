namespace Fengqiao;

/// <summary>
/// The one base of every exception the Fengqiao packages throw for a refusal, bad input, a conflict, a store failure or
/// a configuration error; catch it to handle all of them, or catch the specific type for its facts.
/// </summary>
/// <remarks>
/// <para>
/// Each derived type keeps its own name, message and properties; this base adds only <see cref="ErrorKind"/>, which tells a
/// host what to answer without listing every type. Argument checks (<see cref="ArgumentException"/> and its kin),
/// cancellation (<see cref="OperationCanceledException"/>) and driver exceptions that the packages let pass are not
/// Fengqiao exceptions.
/// </para>
/// <para>
/// The class is abstract and meant for inheritance only by the Fengqiao packages; a convention test checks that every
/// public exception type they ship derives from it.
/// </para>
/// </remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public abstract class FengqiaoException : Exception
{
    /// <summary>Creates the exception with its kind, message and cause.</summary>
    /// <param name="kind">What kind of failure the derived type reports.</param>
    /// <param name="message">The message, naming what was wrong and where.</param>
    /// <param name="innerException">The cause, if any.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    protected FengqiaoException(FengqiaoErrorKind kind, string? message, Exception? innerException = null)
        : base(message, innerException)
    {
        if (!Enum.IsDefined(kind))
        {
            throw new ArgumentOutOfRangeException(nameof(kind), kind, "Not a defined FengqiaoErrorKind.");
        }

        ErrorKind = kind;
    }

    /// <summary>Gets what kind of failure this is (fixed by the exception's type).</summary>
    public FengqiaoErrorKind ErrorKind { get; }
}
