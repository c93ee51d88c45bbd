using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Internal;
using Fengqiao.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Fengqiao.Storage.Sqlite;

/// <summary>On-disk snapshots (schema 9): each case's fold, written with its appends and read by a load instead of a replay.</summary>
public sealed partial class SqliteCaseStore
{
    /// <summary>Writes (or replaces) a case's snapshot inside the append's transaction, sealed to the chain head the
    /// append leaves (<paramref name="head"/>; null when the store does not chain).</summary>
    private void WriteSnapshotLocked(SqliteTransaction? transaction, Case snapshot, byte[]? head)
    {
        // Written once into this thread's scratch buffer, then sealed and compressed from it: no array for the JSON.
        var body = CaseEventJson.WriteSnapshotScratch(snapshot);
        writeSnapshot.Transaction = transaction;
        writeSnapshot.Parameters[0].Value = snapshot.Id.Value;
        writeSnapshot.Parameters[1].Value = snapshot.Version;
        writeSnapshot.Parameters[2].Value = CaseSnapshotJson.FormatVersion;
        writeSnapshot.Parameters[3].Value = calendar.Fingerprint;
        writeSnapshot.Parameters[4].Value = head is null ? DBNull.Value : Seal(head, snapshot.Id.Value, snapshot.Version, body);
        writeSnapshot.Parameters[5].Value = compressBodies ? StoredBodies.Encode(body) : body.ToArray();
        writeSnapshot.ExecuteNonQuery();
    }

    /// <summary>The snapshot's seal: a link of the case's hash chain (keyed when the chain is) from the chain head at
    /// the snapshot's version over the SHA-256 of the snapshot's text, so a snapshot edited, or moved to another case or
    /// version, without the key does not match it (<see cref="CaseEventChain.Seal"/>: the same definition since schema 9,
    /// computed without intermediate strings).</summary>
    private byte[] Seal(ReadOnlySpan<byte> head, string id, long version, ReadOnlySpan<byte> body) => chain.Seal(head, id, version, body);

    /// <summary>Whether a stored snapshot can stand for the case's fold: written in this format, on a calendar that
    /// counts as this store's does, and not after the case's version.</summary>
    private bool IsCurrent(StoredSnapshot snapshot, long version) =>
        snapshotInterval > 0 && snapshot.Format == CaseSnapshotJson.FormatVersion && snapshot.Version >= 1 && snapshot.Version <= version
        && string.Equals(snapshot.Calendar, calendar.Fingerprint, StringComparison.Ordinal);

    /// <summary>Loads a case from its snapshot and the events after it, or returns null when the snapshot cannot stand
    /// for it (another format or calendar, or unreadable): the caller replays the events.</summary>
    /// <param name="r">The reading statements.</param>
    /// <param name="id">The case.</param>
    /// <param name="state">The case row's version and chain head.</param>
    /// <param name="snapshot">The stored snapshot.</param>
    /// <param name="tail">The stored events from the snapshot's version on (inclusive), oldest first, when it is older
    /// than the case; read on demand.</param>
    /// <param name="personal">The case's personal rows, read on demand when events after the snapshot are replayed
    /// (null: read them with <paramref name="r"/>).</param>
    /// <exception cref="SqliteCaseStoreTamperException">The snapshot does not match its seal, or the events after it
    /// their chain (with <see cref="SqliteCaseStoreOptions.VerifyChainOnLoad"/>).</exception>
    private Case? FromSnapshot(CaseReads r, CaseId id, (long Version, byte[]? Head) state, StoredSnapshot? snapshot, Func<List<StoredCaseEvent>> tail, Func<Personal>? personal = null)
    {
        if (snapshot is not { } s || !IsCurrent(s, state.Version))
        {
            return null;
        }

        List<StoredCaseEvent> after = s.Version == state.Version ? [] : tail();
        if (verifyOnLoad && chainEvents)
        {
            if (s.Version == state.Version && (s.EventLink is null || state.Head is null || !s.EventLink.AsSpan().SequenceEqual(state.Head)))
            {
                throw new SqliteCaseStoreTamperException(DataSource, SqliteCaseStoreOperation.Load, id, s.Version,
                    "the case's last event is missing or is not its chain head: it was deleted or re-linked outside the store");
            }

            var linkAtSnapshot = s.Version == state.Version ? state.Head : after.Count > 0 && after[0].Version == s.Version ? after[0].Link.ToArray() : null;
            if (linkAtSnapshot is null || s.Seal is null || !Seal(linkAtSnapshot, id.Value, s.Version, s.Body).AsSpan().SequenceEqual(s.Seal))
            {
                throw new SqliteCaseStoreTamperException(DataSource, SqliteCaseStoreOperation.Load, id, s.Version,
                    "the case's snapshot does not match its seal: it, or the chain head it was sealed to, was edited outside the store");
            }

            var link = linkAtSnapshot;
            for (var i = 1; i < after.Count; i++)
            {
                var e = after[i];
                link = e.Version == s.Version + i ? chain.Link(link, id.Value, e.Version, e.Body!) : null;
                if (link is null || !link.AsSpan().SequenceEqual(e.Link.Span))
                {
                    throw new SqliteCaseStoreTamperException(DataSource, SqliteCaseStoreOperation.Load, id, s.Version + i,
                        "the event does not match its hash link: it was edited after it was written, or is missing");
                }
            }

            if (after.Count > 0 && (after[^1].Version != state.Version || !link.AsSpan().SequenceEqual(state.Head)))
            {
                throw new SqliteCaseStoreTamperException(DataSource, SqliteCaseStoreOperation.Load, id, after[^1].Version + 1,
                    "the case's chain head is not the link of its last stored event: later events were deleted");
            }
        }

        // Sealed but unreadable here (written by a build that wrote the same format differently): the events decide.
        if (SnapshotFold.Read(s.Body, id, calendar) is not { } folded)
        {
            return null;
        }

        if (SnapshotFold.VersionProblem(s.Version, folded) is { } wrong)
        {
            throw new SqliteCaseStoreTamperException(DataSource, SqliteCaseStoreOperation.Load, id, s.Version, wrong);
        }

        // The personal rows are read once, and only when there are events after the snapshot to apply.
        Personal? rows = null;
        return SnapshotFold.ApplyAfter(folded, after, e => Deserialize(id, e, rows ??= personal is null ? r.ReadPersonal(id.Value) : personal()));
    }

    /// <summary>Checks a current snapshot against the events: its seal against the chain, its body against the fold of
    /// the events up to its version (the same text, so the same case field by field).</summary>
    /// <returns>Null when it holds, or what is wrong (without any of its content).</returns>
    private string? SnapshotProblem(string id, StoredSnapshot snapshot, Case folded, List<Cases.Events.CaseEvent> read, List<StoredCaseEvent> stored)
    {
        if (chainEvents && snapshot.Version <= stored.Count && !stored[(int)snapshot.Version - 1].Link.IsEmpty
            && (snapshot.Seal is null || !Seal(stored[(int)snapshot.Version - 1].Link.Span, id, snapshot.Version, snapshot.Body).AsSpan().SequenceEqual(snapshot.Seal)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the snapshot at version {snapshot.Version} does not match its seal (edited outside the store)");
        }

        var expected = snapshot.Version == folded.Version ? folded : Case.Replay(read.Take((int)snapshot.Version), calendar);
        return CaseSnapshotJson.SerializeToUtf8Bytes(expected).AsSpan().SequenceEqual(snapshot.Body)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the snapshot at version {snapshot.Version} is not the fold of the case's events");
    }

    /// <summary>One stored snapshot row, its body decoded (<see cref="StoredBodies"/>): the JSON the seal covers.</summary>
    private readonly record struct StoredSnapshot(long Version, long Format, string Calendar, byte[]? Seal, byte[] Body, byte[]? EventLink)
    {
        /// <summary>Reads a snapshot's five columns from <paramref name="first"/> on, and the link of the event at its
        /// version from <paramref name="eventLink"/> (<c>CaseReads.SnapshotEventLink</c>); null when the row has none.</summary>
        public static StoredSnapshot? Read(SqliteDataReader reader, int first, int eventLink) =>
            reader.IsDBNull(first) ? null : new StoredSnapshot(reader.GetInt64(first), reader.GetInt64(first + 1), reader.GetString(first + 2),
                reader.IsDBNull(first + 3) ? null : (byte[])reader.GetValue(first + 3), StoredBodies.ReadSnapshot((byte[])reader.GetValue(first + 4)),
                reader.IsDBNull(eventLink) ? null : (byte[])reader.GetValue(eventLink));
    }
}
