using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Serialization;
using Fengqiao.Sla;

namespace Fengqiao.Storage.Internal;

/// <summary>The read side of a stored snapshot both shipped stores share: its body read as the case at its version,
/// then the events stored after it decoded and applied, oldest first.</summary>
/// <remarks>
/// <para>Compiled into each store package from <c>src/Shared</c> (a linked source file, internal to each), so the two
/// stores fold a case from its snapshot one way. Each store first checks the snapshot's seal and the events' chain, and
/// turns a problem this type reports into its own tamper exception.</para>
/// <para>Thread safety: stateless; every member may be called concurrently.</para>
/// </remarks>
internal static class SnapshotFold
{
    /// <summary>Reads a snapshot's body as the case it holds.</summary>
    /// <param name="body">The body's JSON, decoded from how the store keeps it.</param>
    /// <param name="id">The case.</param>
    /// <param name="calendar">The store's calendar.</param>
    /// <returns>The case; null when the body does not read in this build (sealed, but written by a build that wrote the
    /// same format differently): the caller replays the events instead.</returns>
    public static Case? Read(ReadOnlyMemory<byte> body, CaseId id, BusinessCalendar calendar)
    {
        try
        {
            return CaseSnapshotJson.Deserialize(body, id, calendar);
        }
        catch (CaseEventFormatException)
        {
            return null;
        }
    }

    /// <summary>Checks that a snapshot's body holds the version its row says.</summary>
    /// <param name="rowVersion">The version the snapshot row says.</param>
    /// <param name="folded">The case its body holds (<see cref="Read"/>).</param>
    /// <returns>Null when they agree; otherwise what is wrong, for the store's tamper exception at <paramref name="rowVersion"/>.</returns>
    public static string? VersionProblem(long rowVersion, Case folded) =>
        folded.Version == rowVersion
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the case's snapshot row says version {rowVersion} but its body holds version {folded.Version}");

    /// <summary>Applies the events stored after a snapshot to the case it holds.</summary>
    /// <param name="folded">The case at the snapshot's version.</param>
    /// <param name="after">The stored events from the snapshot's version on (inclusive), oldest first: the first is the
    /// event at the snapshot's version, read for its link and not applied again.</param>
    /// <param name="decode">Decodes one stored event with its personal data (the store's own refusals pass through).</param>
    /// <returns>The case at the version of the last event in <paramref name="after"/> (the snapshot's when there is no other).</returns>
    public static Case ApplyAfter(Case folded, List<StoredCaseEvent> after, Func<StoredCaseEvent, CaseEvent> decode)
    {
        for (var i = 1; i < after.Count; i++)
        {
            folded = folded.Apply(decode(after[i]));
        }

        return folded;
    }
}
