namespace Fengqiao.Testing;

/// <summary>Thrown when a case store fails one of the <see cref="CaseStoreConformance"/> checks; the message names the check and what went wrong.</summary>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseStoreConformanceException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="check">The check that failed.</param>
    /// <param name="problem">What the store did wrong.</param>
    /// <param name="inner">The exception the store threw, if any.</param>
    public CaseStoreConformanceException(string check, string problem, Exception? inner = null)
        : base(FengqiaoErrorKind.Check, $"Case store check '{check}' failed: {problem}", inner)
    {
        Check = check;
        Problem = problem;
    }

    /// <summary>Gets the name of the failed check.</summary>
    public string Check { get; }

    /// <summary>Gets what the store did wrong.</summary>
    public string Problem { get; }
}
