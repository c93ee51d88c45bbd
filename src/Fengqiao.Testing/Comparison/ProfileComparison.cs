using Fengqiao.Profiles;

namespace Fengqiao.Testing;

/// <summary>
/// Compares county profiles the way a test means "the same county": by the YAML <see cref="CountyProfileWriter"/> writes
/// for each, so that every setting counts (tree, members, ladder, limits, routing, calendar, categories, channels) and a
/// difference reads as the first line that differs, such as <c>line 12: expected 'handle: 5 working days', actual 'handle: 3 working days'</c>.
/// </summary>
/// <remarks>Where a profile was loaded from (its file name and provenance notes) counts only as far as the writer
/// writes it; two profiles built from the same YAML in different files compare equal.</remarks>
/// <threadsafety>Stateless; safe from any thread.</threadsafety>
public static class ProfileComparison
{
    /// <summary>Names the first difference between two profiles, or returns <see langword="null"/> when they are the same.</summary>
    /// <param name="expected">The expected profile (may be null).</param>
    /// <param name="actual">The actual profile (may be null).</param>
    /// <returns>The difference, or <see langword="null"/>.</returns>
    public static string? Difference(CountyProfile? expected, CountyProfile? actual)
    {
        if (ReferenceEquals(expected, actual))
        {
            return null;
        }

        if (expected is null || actual is null)
        {
            return $"expected {(expected is null ? "no profile" : $"profile '{expected.Name}'")}, actual {(actual is null ? "no profile" : $"profile '{actual.Name}'")}";
        }

        var a = CountyProfileWriter.Write(expected).ReplaceLineEndings("\n").Split('\n');
        var b = CountyProfileWriter.Write(actual).ReplaceLineEndings("\n").Split('\n');
        for (var i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            var x = i < a.Length ? a[i] : null;
            var y = i < b.Length ? b[i] : null;
            if (!string.Equals(x, y, StringComparison.Ordinal))
            {
                return $"profile '{expected.Name}' line {i + 1}: expected {Quote(x)}, actual {Quote(y)}";
            }
        }

        return null;
    }

    /// <summary>Throws when two profiles differ, naming the first line that differs.</summary>
    /// <param name="expected">The expected profile.</param>
    /// <param name="actual">The actual profile.</param>
    /// <exception cref="CaseComparisonException">They differ (the comparisons share one exception type).</exception>
    public static void AssertSame(CountyProfile? expected, CountyProfile? actual)
    {
        if (Difference(expected, actual) is { } difference)
        {
            throw new CaseComparisonException(difference);
        }
    }

    private static string Quote(string? line) => line is null ? "the end of the profile" : $"'{line.Trim()}'";
}
