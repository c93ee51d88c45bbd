using Fengqiao.Cases;
using Fengqiao.Cases.Serialization;

namespace Fengqiao.Storage.Sqlite.Internal;

/// <summary>An append's rows encoded for the file ahead of its commit (<see cref="SqliteCaseStore.PrepareGroup"/>), on
/// the thread that prepared it: the same bytes the commit would encode.</summary>
/// <param name="Bodies">Each event's stored body (<see cref="StoredBodies.EncodeEvent"/>).</param>
/// <param name="Personal">Each event's personal document compressed, or null where it has none or is stored as text
/// (<see cref="StoredBodies.EncodePersonal"/>).</param>
/// <param name="Snapshot">The snapshot after the append, when the append is due to write one; else null.</param>
/// <remarks>Immutable once made; read by the committing thread only after the hand-off.</remarks>
internal sealed record EncodedAppend(byte[][] Bodies, byte[]?[] Personal, EncodedSnapshot? Snapshot)
{
    /// <summary>Encodes an append's serialized events, and its snapshot when <paramref name="snapshotDue"/>.</summary>
    public static EncodedAppend Of(CaseEventParts[] parts, Case snapshot, bool snapshotDue)
    {
        var bodies = new byte[parts.Length][];
        var personal = new byte[]?[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            bodies[i] = StoredBodies.EncodeEvent(parts[i].Body);
            personal[i] = parts[i].PersonalData is { } p ? StoredBodies.EncodePersonal(p) as byte[] : null;
        }

        EncodedSnapshot? encoded = null;
        if (snapshotDue)
        {
            var json = CaseEventJson.WriteSnapshotScratch(snapshot);
            encoded = new EncodedSnapshot(snapshot.Version, json.ToArray(), StoredBodies.Encode(json));
        }

        return new EncodedAppend(bodies, personal, encoded);
    }
}

/// <summary>A snapshot encoded ahead: its JSON (the seal covers it) and its stored bytes.</summary>
/// <param name="Version">The case version it is of.</param>
/// <param name="Json">The snapshot's UTF-8 JSON.</param>
/// <param name="Stored">The bytes to store (<see cref="StoredBodies.Encode(ReadOnlySpan{byte})"/>).</param>
internal sealed record EncodedSnapshot(long Version, byte[] Json, byte[] Stored);
