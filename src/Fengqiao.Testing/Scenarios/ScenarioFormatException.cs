namespace Fengqiao.Testing;

/// <summary>
/// Thrown when a county scenario file cannot be read as a scenario: bad YAML, an unknown step, action or key, a missing
/// or ill-typed value, a case used before it is reported, or a profile that does not load. The message starts with
/// <c>file:line:column</c>.
/// </summary>
/// <remarks>The command line maps this exception to exit code 2 (a malformed file). Its <see cref="FengqiaoException.ErrorKind"/> is <see cref="FengqiaoErrorKind.Input"/>.</remarks>
/// <threadsafety>Immutable once thrown.</threadsafety>
public sealed class ScenarioFormatException : FengqiaoException
{
    /// <summary>Initializes a new instance.</summary>
    /// <param name="file">The scenario file (as given to the loader).</param>
    /// <param name="line">The 1-based line of the offending node.</param>
    /// <param name="column">The 1-based column of the offending node.</param>
    /// <param name="problem">What is wrong and what would be right.</param>
    /// <param name="innerException">The parser's or loader's exception, if any.</param>
    public ScenarioFormatException(string file, int line, int column, string problem, Exception? innerException = null)
        : base(FengqiaoErrorKind.Input, $"{file}:{line}:{column}: {problem}", innerException)
    {
        File = file;
        Line = line;
        Column = column;
        Problem = problem;
    }

    /// <summary>Gets the scenario file.</summary>
    public string File { get; }

    /// <summary>Gets the 1-based line.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column.</summary>
    public int Column { get; }

    /// <summary>Gets what is wrong, without the location.</summary>
    public string Problem { get; }
}
