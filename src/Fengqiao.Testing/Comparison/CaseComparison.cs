using Fengqiao.Cases;
using Fengqiao.Cases.Events;

namespace Fengqiao.Testing;

/// <summary>
/// Compares cases and case events the way a test means "the same": every public property, sequences element by
/// element, and a default (uninitialised) <see cref="System.Collections.Immutable.ImmutableArray{T}"/> equal to an
/// empty one. A difference is named by its path, such as <c>event v3 of case 'c1'.Payload.Departments[0]: expected housing, actual police</c>.
/// </summary>
/// <remarks>
/// <para>Events are compared on their envelope first (case id, version, at, actor, kind, from, to), then by record
/// equality, and only when that fails (arrays compare by reference) property by property; so the helpers keep working
/// whatever payload an event carries.</para>
/// <para>Cases are compared by their public state; the business calendar they reference is compared by identity or
/// its own equality, not field by field.</para>
/// </remarks>
/// <threadsafety>Stateless; safe from any thread.</threadsafety>
public static class CaseComparison
{
    /// <summary>Gets an equality comparer for events with the semantics above (for <c>Assert.Equal(expected, actual, comparer)</c>).</summary>
    public static IEqualityComparer<CaseEvent> Events { get; } = new EventComparer();

    /// <summary>Names the first difference between two events, or returns <see langword="null"/> when they are the same.</summary>
    /// <param name="expected">The expected event (may be null).</param>
    /// <param name="actual">The actual event (may be null).</param>
    /// <returns>The difference, or <see langword="null"/>.</returns>
    public static string? Difference(CaseEvent? expected, CaseEvent? actual)
    {
        if (ReferenceEquals(expected, actual))
        {
            return null;
        }

        if (expected is null || actual is null)
        {
            return $"expected {expected?.ToString() ?? "no event"}, actual {actual?.ToString() ?? "no event"}";
        }

        var where = $"event v{expected.Version} of case '{expected.CaseId}'";
        var envelope = Structural.FirstDifference(
            (expected.CaseId, expected.Version, expected.At, expected.Actor, expected.Payload.GetType().Name, expected.From, expected.To),
            (actual.CaseId, actual.Version, actual.At, actual.Actor, actual.Payload.GetType().Name, actual.From, actual.To),
            where);
        if (envelope is not null)
        {
            return $"{where}: envelope {expected} vs {actual}";
        }

        return expected.Equals(actual) ? null : Structural.FirstDifference(expected, actual, where);
    }

    /// <summary>Names the first difference between two event histories (by position), or returns <see langword="null"/>.</summary>
    /// <param name="expected">The expected events.</param>
    /// <param name="actual">The actual events.</param>
    /// <returns>The difference, or <see langword="null"/>.</returns>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    public static string? Difference(IReadOnlyList<CaseEvent> expected, IReadOnlyList<CaseEvent> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        for (var i = 0; i < Math.Min(expected.Count, actual.Count); i++)
        {
            var d = Difference(expected[i], actual[i]);
            if (d is not null)
            {
                return $"at index {i}: {d}";
            }
        }

        return expected.Count == actual.Count
            ? null
            : $"{expected.Count} events expected, {actual.Count} found; first unmatched: {(expected.Count > actual.Count ? expected[actual.Count] : actual[expected.Count])}";
    }

    /// <summary>Names the first difference between two cases, or returns <see langword="null"/> when their public state is the same.</summary>
    /// <param name="expected">The expected case (may be null).</param>
    /// <param name="actual">The actual case (may be null).</param>
    /// <returns>The difference, or <see langword="null"/>.</returns>
    public static string? Difference(Case? expected, Case? actual) =>
        Structural.FirstDifference(expected, actual, expected is null ? "case" : $"case '{expected.Id}'");

    /// <summary>Throws when two cases differ, naming the first difference.</summary>
    /// <param name="expected">The expected case.</param>
    /// <param name="actual">The actual case.</param>
    /// <exception cref="CaseComparisonException">They differ.</exception>
    public static void AssertSame(Case? expected, Case? actual) => ThrowIf(Difference(expected, actual));

    /// <summary>Throws when two event histories differ, naming the first difference.</summary>
    /// <param name="expected">The expected events.</param>
    /// <param name="actual">The actual events.</param>
    /// <exception cref="CaseComparisonException">They differ.</exception>
    /// <exception cref="ArgumentNullException">A list is null.</exception>
    public static void AssertSame(IReadOnlyList<CaseEvent> expected, IReadOnlyList<CaseEvent> actual) => ThrowIf(Difference(expected, actual));

    private static void ThrowIf(string? difference)
    {
        if (difference is not null)
        {
            throw new CaseComparisonException(difference);
        }
    }

    private sealed class EventComparer : IEqualityComparer<CaseEvent>
    {
        public bool Equals(CaseEvent? x, CaseEvent? y) => Difference(x, y) is null;

        public int GetHashCode(CaseEvent obj)
        {
            ArgumentNullException.ThrowIfNull(obj);
            return HashCode.Combine(obj.CaseId, obj.Version, obj.At, obj.Payload.GetType(), obj.From, obj.To);
        }
    }
}
