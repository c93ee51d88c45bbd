using Fengqiao.Cases.Events;

namespace Fengqiao.Cases.Ports;

/// <summary>The checks every <see cref="ICaseStore"/> makes on an append, so that all stores refuse the same input the same way.</summary>
/// <remarks>
/// A store calls <see cref="Validate"/> before it touches storage (bad input is the caller's bug: an
/// <see cref="ArgumentException"/>), then, inside its write lock or transaction, <see cref="ThrowIfConflict"/> with the
/// version it has stored (a stale writer: a <see cref="ConcurrencyConflictException"/>).
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class CaseAppendValidation
{
    /// <summary>Checks that an append is well formed: at least one event, all of the snapshot's case, numbered on from the expected version, and a snapshot that carries the last of them.</summary>
    /// <param name="expectedVersion">The version the events were decided on; 0 for a new case.</param>
    /// <param name="events">The events to append.</param>
    /// <param name="snapshot">The case after the events.</param>
    /// <exception cref="ArgumentNullException"><paramref name="events"/>, one of them, or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="ArgumentException">No events, an event for another case or out of sequence, or a snapshot that does not match the last event.</exception>
    public static void Validate(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(expectedVersion);
        if (events.Count == 0)
        {
            throw new ArgumentException($"Nothing to append to case '{snapshot.Id}'.", nameof(events));
        }

        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i] ?? throw new ArgumentNullException(nameof(events), $"Event {i} for case '{snapshot.Id}' is null.");
            if (e.CaseId != snapshot.Id || e.Version != expectedVersion + 1 + i)
            {
                throw new ArgumentException(
                    $"Event {i} for case '{snapshot.Id}' must be version {expectedVersion + 1 + i} of that case; it is {e}.", nameof(events));
            }
        }

        if (snapshot.Version != events[^1].Version)
        {
            throw new ArgumentException($"The snapshot of case '{snapshot.Id}' is version {snapshot.Version}, not {events[^1].Version}.", nameof(snapshot));
        }
    }

    /// <summary>Checks an erasure (<see cref="ICaseReporterErasure.EraseReporterAsync"/>): as <see cref="Validate"/> for
    /// one event, which must carry a <see cref="CaseReporterErased"/> on an existing case.</summary>
    /// <param name="expectedVersion">The version the erasure was decided on; 1 or more.</param>
    /// <param name="erasure">The erasure event.</param>
    /// <param name="snapshot">The case after it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="erasure"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The event is not an erasure, or does not fit the snapshot.</exception>
    public static void ValidateErasure(long expectedVersion, CaseEvent erasure, Case snapshot)
    {
        ArgumentNullException.ThrowIfNull(erasure);
        ArgumentOutOfRangeException.ThrowIfLessThan(expectedVersion, 1);
        if (erasure.Payload is not CaseReporterErased)
        {
            throw new ArgumentException($"An erasure appends one {nameof(CaseReporterErased)} event, not {erasure.Payload}.", nameof(erasure));
        }

        Validate(expectedVersion, [erasure], snapshot);
    }

    /// <summary>Refuses a stale writer: throws when the stored version is not the expected one.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="expectedVersion">The version the writer decided on (0 for a new case).</param>
    /// <param name="storedVersion">The version stored now (0 when there is no such case).</param>
    /// <exception cref="ConcurrencyConflictException">The versions differ.</exception>
    public static void ThrowIfConflict(CaseId caseId, long expectedVersion, long storedVersion)
    {
        if (storedVersion != expectedVersion)
        {
            throw new ConcurrencyConflictException(caseId, expectedVersion, storedVersion);
        }
    }
}
