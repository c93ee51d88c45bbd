using System.Globalization;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Lifecycles;

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

    /// <summary>
    /// Gets everything a case is as one line of text (state, holder, counters, clocks with their explanations,
    /// supervisions, summonses, query code): two cases with the same fingerprint are the same case. Meant for
    /// <c>Assert.Equal</c> between a live case and the same case replayed or read from another store, where a
    /// readable line beats a property path.
    /// </summary>
    /// <remarks>Default (uninitialised) arrays print as empty ones; instants print in NodaTime's invariant pattern.</remarks>
    /// <param name="c">The case.</param>
    /// <returns>The fingerprint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="c"/> is null.</exception>
    public static string Fingerprint(Case c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var b = new StringBuilder();
        var i = CultureInfo.InvariantCulture;
        b.Append(i, $"{c.Id} v{c.Version} {c.State} at {c.UpdatedAt} holder={c.HoldingUnit} worker={c.Worker} cycle={c.Cycle} ");
        b.Append(i, $"reply={c.Reply} ratings=[{string.Join(",", c.Ratings.IsDefault ? [] : c.Ratings)}] current={c.CurrentRating}/{c.CurrentRatedBy} sup={c.SupervisionCount} ");
        b.Append(i, $"ins={c.InstructionCount} esc={c.EscalationCount} ret={c.ReturnCount} cb={c.CallBackCount} overdue={c.HasBeenOverdue} ");
        b.Append(i, $"susp={c.SuspendedFrom} off={c.HandedOffFrom}/{c.HandedOffTo} ext={c.PendingExtension}/{c.HasPendingExtension}/{c.ExtensionCount}/{c.ExtensionTotal} ");
        b.Append(i, $"merged={c.MergedInto} joined={(c.JoinedReports.IsDefault ? 0 : c.JoinedReports.Length)}@[{string.Join(",", c.JoinedReportTimes.IsDefault ? [] : c.JoinedReportTimes)}] due={c.NextDueAt} code={c.QueryCodeDigest} joinedCodes=[{string.Join(",", c.JoinedQueryCodeDigests.IsDefault ? [] : c.JoinedQueryCodeDigests)}] reg={c.Registration}");
        foreach (var s in c.Supervisions.IsDefault ? [] : c.Supervisions)
        {
            b.Append(i, $" | {s} by {s.IssuedBy} at {s.IssuedAt} limit {s.Limit} note={s.Note} rule={s.RuleId} held={s.TargetHeldCase} ");
            b.Append(i, $"supersedes={s.Supersedes} summons={s.Summons} overdue-recorded={s.OverdueRecordedAt}");
        }

        foreach (var s in c.Summonses.IsDefault ? [] : c.Summonses)
        {
            b.Append(i, $" | {s} by {s.SummonedBy} at {s.SummonedAt} limit {s.Limit} note={s.Note} rule={s.RuleId}");
            foreach (var d in s.Departments.IsDefault ? [] : s.Departments)
            {
                b.Append(i, $" [{d} by {d.ReportedBy} no-show={d.NoShowRecordedAt} sup={d.NoShowSupervision}]");
            }
        }

        foreach (var (kind, clock) in c.Clocks.OrderBy(k => k.Key))
        {
            b.Append(i, $" | {kind}: {clock.State} {clock.StartedAt} → {clock.Deadline} allotted {clock.Allotted} [{clock.Explain()}] ");
            b.Append(i, $"recorded {c.RecordedStage(kind)}/{c.RecordedWarning(kind)}");
        }

        return b.ToString();
    }

    /// <summary>
    /// Gets whether an event is a step the default lifecycle (<see cref="CaseLifecycles.Default"/>) can take: a
    /// transition along an edge of its graph (honouring superstates, internal and re-entry transitions), or an event
    /// that is no transition and leaves the state as it was.
    /// </summary>
    /// <param name="e">The event.</param>
    /// <returns>Whether it is an edge.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static bool IsLifecycleEdge(CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.Payload is not CaseTransition)
        {
            return e.From == e.To;
        }

        var lifecycle = CaseLifecycles.Default;
        return lifecycle.Describe().Transitions.Any(t =>
            t.Trigger == e.Trigger
            && lifecycle.IsInState(e.From, t.Source)
            && (t.Kind == TransitionKind.Internal ? e.To == e.From : t.Destinations.Contains(e.To)
                || (t.Kind == TransitionKind.Reentry && e.To == e.From)));
    }

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
