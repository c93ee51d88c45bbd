using Fengqiao.Sla;

namespace Fengqiao.Cases.Serialization;

/// <summary>Writes and reads a folded <see cref="Case"/> (its snapshot) as versioned compact JSON, so a store can load a
/// case with one read instead of replaying its events.</summary>
/// <remarks>
/// <para>
/// The snapshot holds everything the fold holds, public or not: the registration (report, query-code digest, lifecycle
/// version, SLA terms), the state and holder, the counters, ratings, joined reports, supervisions, summonses, posts and
/// written reports, the recorded clock stages and re-projections, and each clock (running, paused, parked relay clocks)
/// as its transitions. It is written in the compact form's style (<see cref="CaseEventJson.CompactFormatVersion"/>):
/// stable short names (<c>"f"</c> for the format, <c>"v"</c> for the version, …), instants on a whole second as Unix
/// seconds, and nothing at its default. The case id is not in it: the store keeps it beside the body.
/// </para>
/// <para>
/// Reading rebuilds the clocks from their transitions on the calendar given, so the result equals the fold of the same
/// events field by field — but the deadlines recorded in supervisions, summonses and posts, and
/// <see cref="Case.NextDueAt"/>, were computed on the calendar of the fold: a store keeps the calendar's
/// <see cref="BusinessCalendar.Fingerprint"/> beside the snapshot and replays the events instead when it moved, as it
/// does when <see cref="FormatVersion"/> did.
/// </para>
/// <para>The text holds the case's personal data (the reporter, the text, joined reports) as the case does: keep it
/// where the case data is kept, and write it again (or delete it) when the personal data is erased.</para>
/// </remarks>
/// <threadsafety>Stateless; safe to call from any thread.</threadsafety>
public static class CaseSnapshotJson
{
    /// <summary>The snapshot format this version writes and the only one it reads; a store ignores a snapshot of
    /// another format and replays the case's events.</summary>
    public const int FormatVersion = 1;

    /// <summary>Writes a folded case as UTF-8 JSON.</summary>
    /// <param name="snapshot">The case.</param>
    /// <returns>The document's bytes.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    public static byte[] SerializeToUtf8Bytes(Case snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        return CaseEventJson.WriteSnapshot(snapshot);
    }

    /// <summary>Reads a folded case written by <see cref="SerializeToUtf8Bytes"/>.</summary>
    /// <param name="utf8Json">The document's bytes.</param>
    /// <param name="id">The case id, kept by the store beside the document.</param>
    /// <param name="calendar">The calendar the case's clocks count on: the one the snapshot was written under (compare
    /// <see cref="BusinessCalendar.Fingerprint"/>).</param>
    /// <returns>The case, equal to the one written.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    /// <exception cref="CaseEventFormatException">The bytes are not a snapshot of <see cref="FormatVersion"/>: malformed
    /// JSON, another format, a field missing, unknown or out of range, or clocks whose transitions do not make a clock.
    /// The message names the field, never its value.</exception>
    /// <exception cref="CalendarCoverageException">A clock needs a date the calendar does not cover.</exception>
    public static Case Deserialize(ReadOnlyMemory<byte> utf8Json, CaseId id, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        return CaseEventJson.ReadSnapshot(utf8Json, id, calendar);
    }
}
