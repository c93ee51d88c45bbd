using System.Globalization;

namespace Fengqiao.Sla;

/// <summary>One problem in a holiday notice file: where it is and what is wrong.</summary>
/// <remarks>Listed by <see cref="HolidayNoticeException.Problems"/>; <see cref="ToString"/> gives the usual
/// <c>file:line: message</c> form (without the line for a problem about the whole file).</remarks>
/// <threadsafety>Immutable: safe to share between threads.</threadsafety>
public sealed class HolidayNoticeProblem
{
    /// <summary>Initializes a new instance of the <see cref="HolidayNoticeProblem"/> class.</summary>
    /// <param name="source">The file (or source name) the problem is in.</param>
    /// <param name="line">The 1-based line, or 0 for a problem about the whole file (e.g. a missing statutory day).</param>
    /// <param name="message">What is wrong, in words.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> or <paramref name="message"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="line"/> is negative.</exception>
    public HolidayNoticeProblem(string source, int line, string message)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfNegative(line);
        Source = source;
        Line = line;
        Message = message;
    }

    /// <summary>Gets the file (or source name) the problem is in.</summary>
    public string Source { get; }

    /// <summary>Gets the 1-based line, or 0 for a problem about the whole file.</summary>
    public int Line { get; }

    /// <summary>Gets what is wrong.</summary>
    public string Message { get; }

    /// <summary>Returns <c>file:line: message</c> (or <c>file: message</c> for a whole-file problem).</summary>
    /// <returns>One line of text.</returns>
    public override string ToString() =>
        Line == 0 ? $"{Source}: {Message}" : string.Create(CultureInfo.InvariantCulture, $"{Source}:{Line}: {Message}");
}
