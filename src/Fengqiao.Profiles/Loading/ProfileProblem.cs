namespace Fengqiao.Profiles;

/// <summary>One problem found in a county profile, with where it is and what was expected.</summary>
/// <param name="File">The profile's file name (or the name given for text loaded from elsewhere).</param>
/// <param name="Line">The 1-based line of the offending node; 0 when the whole file is at fault.</param>
/// <param name="Column">The 1-based column; 0 when the whole file is at fault.</param>
/// <param name="Path">The field's path in the profile, e.g. <c>org.units[3].parent</c>; empty for the whole file.</param>
/// <param name="Message">What is wrong and what was expected.</param>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed record ProfileProblem(string File, int Line, int Column, string Path, string Message)
{
    /// <summary>Renders the problem as <c>file:line:column: path: message</c>, the form compilers and editors read.</summary>
    public override string ToString() =>
        $"{File}:{Line}:{Column}: {(Path.Length == 0 ? "" : Path + ": ")}{Message}";
}
