namespace Fengqiao.Testing;

/// <summary>Thrown by <see cref="CaseComparison"/>'s assertions when two cases or histories differ; the message names the first difference.</summary>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class CaseComparisonException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="difference">The first difference, by path.</param>
    public CaseComparisonException(string difference)
        : base(FengqiaoErrorKind.Check, "Not the same: " + difference)
    {
        Difference = difference;
    }

    /// <summary>Gets the first difference, by path.</summary>
    public string Difference { get; }
}
