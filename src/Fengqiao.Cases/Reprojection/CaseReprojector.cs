using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cases.Reprojection;

/// <summary>Re-projects the open clocks of stored cases onto a new calendar (say, once the State Council's notice for
/// a year the deadlines had only projected is added), recording one <see cref="CaseDeadlineReprojected"/> event per
/// deadline that moved.</summary>
/// <remarks>
/// <para>For each case: its events are replayed on <c>previous</c> (the calendar the case ran on) and on
/// <c>current</c> (the calendar with the notice); every clock that is not stopped and whose deadline on
/// <c>previous</c> rested on projected days is re-projected (<see cref="SlaClock.Reproject(BusinessCalendar)"/>). A
/// clock whose deadline moved gets one event by <see cref="CaseActor.System"/> with the deadline and due date before
/// and after and the notices behind the move; a clock whose deadline stayed put (the notice confirmed the projection)
/// gets none and is counted in <see cref="CaseReprojectionResult.ClocksConfirmed"/>. A case with nothing moved is not
/// written at all.</para>
/// <para>Idempotent: a clock whose last recorded re-projection (<see cref="Case.LastReprojection"/>) already names the
/// notices behind the move, or already reached the same deadline, is left alone, so running again with the same notice
/// records nothing.</para>
/// <para>The events and the new snapshot (its next due instant computed on <c>current</c>) are appended with the
/// case's version as the expected version; a concurrent writer makes the case be read and re-projected again (three
/// attempts). Open the store with <c>current</c> afterwards, as every host should once the notice is in its
/// profile.</para>
/// <para>Which cases: those named, or every case the store lists as due at <see cref="Instant.MaxValue"/> (every case
/// with a running clock). <see cref="ICaseStore"/> does not list cases whose clocks are all paused or stopped; pass
/// their ids to include them (a paused clock's deadline is counted afresh on the store's calendar when it resumes).</para>
/// <para>The events are not published to a desk's subscribers: this works on the store alone. They are returned in
/// <see cref="CaseReprojectionResult.Events"/>.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread. Concurrent calls on one store may both record an event for
/// the same clock only if they race on the same case; the store's optimistic concurrency lets one of them win.</threadsafety>
public static class CaseReprojector
{
    /// <summary>The rule id in the <see cref="CaseEvent.Cause"/> of the events recorded.</summary>
    public const string RuleId = "reproject";

    private const int Attempts = 3;

    /// <summary>Re-projects the open clocks of the cases in <paramref name="store"/> from <paramref name="previous"/>
    /// onto <paramref name="current"/>.</summary>
    /// <param name="store">The case store.</param>
    /// <param name="previous">The calendar the cases ran on (without the new notice).</param>
    /// <param name="current">The calendar with the new notice.</param>
    /// <param name="now">The instant to record the events at (a case's event is never before its last one).</param>
    /// <param name="cases">The cases to scan, or <see langword="null"/> for every case with a running clock.</param>
    /// <param name="cancellationToken">Cancels between cases; cases already written stay written.</param>
    /// <returns>What was scanned, the events recorded and the problems met.</returns>
    /// <remarks>A case whose clocks <paramref name="previous"/> cannot compute (a strict calendar and a date past its
    /// data) used no projected day and is left alone. A case that <paramref name="current"/> cannot compute (a strict
    /// calendar that still lacks a year the case reaches) is left unchanged and named in
    /// <see cref="CaseReprojectionResult.Problems"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="store"/>, <paramref name="previous"/> or <paramref name="current"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    /// <exception cref="ConcurrencyConflictException">Other writers changed a case three times while it was being re-projected.</exception>
    /// <exception cref="CaseEventMismatchException">A case's stored events do not replay (a damaged store).</exception>
    public static async Task<CaseReprojectionResult> ReprojectAsync(
        ICaseStore store, BusinessCalendar previous, BusinessCalendar current, Instant now,
        IEnumerable<CaseId>? cases = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(previous);
        ArgumentNullException.ThrowIfNull(current);
        var ids = cases is null
            ? [.. await store.ListDueAsync(Instant.MaxValue, cancellationToken).ConfigureAwait(false)]
            : cases.ToList();
        ids.Sort((a, b) => string.CompareOrdinal(a.Value, b.Value));

        var scanned = 0;
        var confirmed = 0;
        var recorded = ImmutableArray.CreateBuilder<CaseEvent>();
        var problems = ImmutableArray.CreateBuilder<string>();
        foreach (var id in ids.Distinct())
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (var attempt = 1; ; attempt++)
            {
                var events = await store.ReadEventsAsync(id, cancellationToken).ConfigureAwait(false);
                if (events.Count == 0)
                {
                    problems.Add($"case '{id}': not in the store");
                    break;
                }

                if (attempt == 1)
                {
                    scanned++;
                }

                var outcome = Reproject(id, events, previous, current, now);
                if (outcome.Problem is { } problem)
                {
                    problems.Add(problem);
                    break;
                }

                if (outcome.Events.Count == 0)
                {
                    confirmed += outcome.Confirmed;
                    break;
                }

                try
                {
                    await store.AppendAsync(events[^1].Version, outcome.Events, outcome.Snapshot!, cancellationToken).ConfigureAwait(false);
                    recorded.AddRange(outcome.Events);
                    confirmed += outcome.Confirmed;
                    break;
                }
                catch (ConcurrencyConflictException) when (attempt < Attempts)
                {
                    // Another writer moved the case on: read it again and re-project what it is now.
                }
            }
        }

        return new CaseReprojectionResult(scanned, recorded.ToImmutable(), confirmed, problems.ToImmutable());
    }

    private static Outcome Reproject(CaseId id, IReadOnlyList<CaseEvent> events, BusinessCalendar previous, BusinessCalendar current, Instant now)
    {
        Case before;
        try
        {
            before = Case.Replay(events, previous);
        }
        catch (CalendarCoverageException)
        {
            // The old calendar could not compute this case: its clocks never rested on a projected day.
            return new Outcome([], null, 0, null);
        }

        Case after;
        try
        {
            after = Case.Replay(events, current);
        }
        catch (CalendarCoverageException e)
        {
            return new Outcome([], null, 0, $"case '{id}': the new calendar cannot compute its deadlines: {e.Message}");
        }

        var at = Instant.Max(now, after.UpdatedAt);
        var next = after;
        var recorded = new List<CaseEvent>();
        var confirmed = 0;
        foreach (var (kind, clock) in before.Clocks.OrderBy(c => c.Key))
        {
            if (clock.State == SlaClockState.Stopped || !clock.IsProvisional)
            {
                continue;
            }

            SlaReprojection r;
            try
            {
                r = clock.Reproject(current);
            }
            catch (CalendarCoverageException e)
            {
                return new Outcome([], null, 0, $"case '{id}': the new calendar cannot compute its {kind} clock: {e.Message}");
            }

            if (!r.Moved)
            {
                confirmed += r.Changed ? 1 : 0;
                continue;
            }

            var notice = r.Notices.Count == 0 ? null : string.Join("; ", r.Notices);
            if (after.LastReprojection(kind) is { } last
                && (last.Deadline == r.Deadline || (r.Notices.Count > 0 && r.Notices.All(n => last.Notice?.Contains(n, StringComparison.Ordinal) == true))))
            {
                continue; // Already re-projected for these notices.
            }

            var facts = new Dictionary<string, string>
            {
                ["clock"] = kind.ToString(),
                ["previousDeadline"] = InstantPattern.ExtendedIso.Format(r.PreviousDeadline),
                ["deadline"] = InstantPattern.ExtendedIso.Format(r.Deadline),
                ["reasons"] = string.Join("; ", r.Reasons),
            };
            var reprojected = new CaseEvent(id, next.Version + 1, at, CaseActor.System, next.State, next.State,
                new CaseDeadlineReprojected(kind, r.PreviousDeadline, r.PreviousDueDate, r.Deadline, r.DueDate, r.IsProvisional, notice))
            {
                Cause = new CaseEventCause(RuleId, facts),
            };
            recorded.Add(reprojected);
            next = next.Apply(reprojected);
        }

        return new Outcome(recorded, recorded.Count == 0 ? null : next, confirmed, null);
    }

    private sealed record Outcome(IReadOnlyList<CaseEvent> Events, Case? Snapshot, int Confirmed, string? Problem);
}
