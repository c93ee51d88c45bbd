namespace Fengqiao.Sla;

/// <summary>Thrown when a holiday notice file is unreadable or invalid; lists every problem at once.</summary>
/// <remarks>Each problem names the file and line (<see cref="HolidayNoticeProblem"/>). Nothing of an invalid file is
/// used: fix the file and load it again.</remarks>
/// <threadsafety>Not thread-safe, like every exception.</threadsafety>
public sealed class HolidayNoticeException : FengqiaoException
{
    /// <summary>Initializes a new instance of the <see cref="HolidayNoticeException"/> class.</summary>
    /// <param name="problems">The problems, at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problems"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="problems"/> is empty.</exception>
    public HolidayNoticeException(IReadOnlyList<HolidayNoticeProblem> problems)
        : base(FengqiaoErrorKind.Configuration, Describe(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, in file order (whole-file problems last).</summary>
    public IReadOnlyList<HolidayNoticeProblem> Problems { get; }

    private static string Describe(IReadOnlyList<HolidayNoticeProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("A holiday notice exception needs at least one problem.", nameof(problems));
        }

        return problems.Count == 1
            ? $"Invalid holiday notice: {problems[0]}"
            : $"Invalid holiday notice ({problems.Count} problems): {string.Join("; ", problems)}";
    }
}
