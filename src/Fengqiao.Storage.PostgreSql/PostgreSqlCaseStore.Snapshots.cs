using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using Fengqiao.Cases;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Internal;
using Npgsql;

namespace Fengqiao.Storage.PostgreSql;

/// <summary>On-disk snapshots (schema 9): each case's fold, written with its appends and read by a load instead of a
/// replay — the contract of the SQLite store's schema 9.</summary>
public sealed partial class PostgreSqlCaseStore
{
    /// <summary>The snapshot columns a load reads beside the case row (null when there is none, or the caller holds the
    /// case at the stored version: see <see cref="StoredSnapshot.Read"/>).</summary>
    // The last column is the link of the event at the snapshot's version (a key look-up in the same statement), so a load
    // from a snapshot at the case's version still notices that event deleted or re-linked outside the store.
    private const string SnapshotColumns = "s.version, s.format, s.calendar, s.seal, s.body, (SELECT e.link FROM fengqiao_events e WHERE e.case_id = s.case_id AND e.version = s.version)";

    /// <summary>Whether an append that takes a case from <paramref name="from"/> to <paramref name="to"/> writes its snapshot.</summary>
    private bool WritesSnapshot(long from, long to) =>
        snapshotInterval > 0 && (from == 0 || snapshotInterval == 1 || to / snapshotInterval != from / snapshotInterval);

    /// <summary>The statement that writes (or replaces) a case's snapshot, sealed to the chain head <paramref name="head"/>
    /// (the link of the snapshot's version); added to the append's batch, so it commits with the events.</summary>
    private NpgsqlBatchCommand SnapshotUpsert(Case snapshot, byte[] head)
    {
        var body = CaseSnapshotJson.SerializeToUtf8Bytes(snapshot);
        return BatchCommand(
            "INSERT INTO fengqiao_snapshots (case_id, version, format, calendar, seal, body) VALUES ($1, $2, $3, $4, $5, $6) "
            + "ON CONFLICT (case_id) DO UPDATE SET version = excluded.version, format = excluded.format, calendar = excluded.calendar, seal = excluded.seal, body = excluded.body",
            snapshot.Id.Value, snapshot.Version, CaseSnapshotJson.FormatVersion, calendar.Fingerprint, Seal(head, snapshot.Id.Value, snapshot.Version, body), body);
    }

    /// <summary>The snapshot's seal: a link of the case's hash chain (keyed when the chain is) from the chain head at
    /// the snapshot's version over the SHA-256 of the snapshot's text, so a snapshot edited, or moved to another case or
    /// version, without the key does not match it. The same seal as the SQLite store's.</summary>
    private byte[] Seal(ReadOnlySpan<byte> head, string id, long version, byte[] body) =>
        chain.Link(head, id, version, "snapshot " + Convert.ToHexString(SHA256.HashData(body)));

    /// <summary>Whether a stored snapshot can stand for the case's fold: written in this format, on a calendar that
    /// counts as this store's does, and not after the case's version.</summary>
    private bool IsCurrent(StoredSnapshot snapshot, long version) =>
        snapshotInterval > 0 && snapshot.Format == CaseSnapshotJson.FormatVersion && snapshot.Version >= 1 && snapshot.Version <= version
        && string.Equals(snapshot.Calendar, calendar.Fingerprint, StringComparison.Ordinal);

    /// <summary>Loads a case from its snapshot and the events after it, or returns null when the snapshot cannot stand
    /// for it (none, another format or calendar, or unreadable): the caller replays the events.</summary>
    /// <param name="id">The case.</param>
    /// <param name="state">The case row's version and chain head, read with the snapshot.</param>
    /// <param name="snapshot">The stored snapshot.</param>
    /// <param name="tail">Reads the stored events from the snapshot's version on (inclusive, up to the case's version),
    /// oldest first, and their personal rows; called only when the snapshot is older than the case.</param>
    /// <param name="operation">The operation, for a refusal.</param>
    /// <param name="cancellationToken">Cancels the tail's read.</param>
    /// <exception cref="PostgreSqlCaseStoreTamperException">The snapshot does not match its seal, or the events after it
    /// their chain (with <see cref="PostgreSqlCaseStoreOptions.VerifyChainOnLoad"/>).</exception>
    private async ValueTask<Case?> FromSnapshotAsync(
        CaseId id, (long Version, byte[]? Head) state, StoredSnapshot? snapshot,
        Func<long, CancellationToken, Task<(List<StoredCaseEvent> Events, Personal Personal)>> tail,
        PostgreSqlCaseStoreOperation operation, CancellationToken cancellationToken)
    {
        if (snapshot is not { } s || !IsCurrent(s, state.Version))
        {
            return null;
        }

        var (after, personal) = s.Version == state.Version ? ([], new Personal([])) : await tail(s.Version, cancellationToken).ConfigureAwait(false);
        if (verifyOnLoad)
        {
            if (s.Version == state.Version && (s.EventLink is null || state.Head is null || !s.EventLink.AsSpan().SequenceEqual(state.Head)))
            {
                throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, s.Version,
                    "the case's last event is missing or is not its chain head: it was deleted or re-linked outside the store");
            }

            var linkAtSnapshot = s.Version == state.Version ? state.Head : after.Count > 0 && after[0].Version == s.Version ? after[0].Link.ToArray() : null;
            if (linkAtSnapshot is null || s.Seal is null || !Seal(linkAtSnapshot, id.Value, s.Version, s.Body).AsSpan().SequenceEqual(s.Seal))
            {
                throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, s.Version,
                    "the case's snapshot does not match its seal: it, or the chain head it was sealed to, was edited outside the store");
            }

            var link = linkAtSnapshot;
            for (var i = 1; i < after.Count; i++)
            {
                var e = after[i];
                link = e.Version == s.Version + i ? chain.Link(link, id.Value, e.Version, e.Body) : null;
                if (link is null || !link.AsSpan().SequenceEqual(e.Link.Span))
                {
                    throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, s.Version + i,
                        "the event does not match its hash link: it was edited after it was written, or is missing");
                }
            }

            if (after.Count > 0 && (after[^1].Version != state.Version || !link.AsSpan().SequenceEqual(state.Head)))
            {
                throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, after[^1].Version + 1,
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
            throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, s.Version, wrong);
        }

        return SnapshotFold.ApplyAfter(folded, after, e =>
        {
            try
            {
                return DecodeOne(id, e, personal);
            }
            catch (CaseEventFormatException failure) when (verifyOnLoad)
            {
                // The chain holds, so the body is as written: what does not read is the personal data kept apart.
                throw new PostgreSqlCaseStoreTamperException(DataSource, operation, id, e.Version,
                    $"the personal data kept apart does not match the event ({failure.Message})");
            }
        });
    }

    /// <summary>Checks a current snapshot against the events: its seal against the chain, its body against the fold of
    /// the events up to its version (the same text, so the same case field by field).</summary>
    /// <returns>Null when it holds, or what is wrong (without any of its content).</returns>
    private string? SnapshotProblem(string id, StoredSnapshot snapshot, Case folded, List<Cases.Events.CaseEvent> read, List<StoredCaseEvent> stored)
    {
        if (snapshot.Version <= stored.Count && !stored[(int)snapshot.Version - 1].Link.IsEmpty
            && (snapshot.Seal is null || !Seal(stored[(int)snapshot.Version - 1].Link.Span, id, snapshot.Version, snapshot.Body).AsSpan().SequenceEqual(snapshot.Seal)))
        {
            return string.Create(CultureInfo.InvariantCulture, $"the snapshot at version {snapshot.Version} does not match its seal (edited outside the store)");
        }

        var expected = snapshot.Version == folded.Version ? folded : Case.Replay(read.Take((int)snapshot.Version), calendar);
        return CaseSnapshotJson.SerializeToUtf8Bytes(expected).AsSpan().SequenceEqual(snapshot.Body)
            ? null
            : string.Create(CultureInfo.InvariantCulture, $"the snapshot at version {snapshot.Version} is not the fold of the case's events");
    }

    /// <summary>Reads a case's stored snapshot, if any (for verify and repair).</summary>
    private async Task<StoredSnapshot?> SnapshotOfAsync(NpgsqlConnection connection, string id, CancellationToken cancellationToken)
    {
        await using var command = Command(connection, $"SELECT {SnapshotColumns} FROM fengqiao_snapshots s WHERE s.case_id = $1", id);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? StoredSnapshot.Read(reader, 0) : null;
    }

    /// <summary>One stored snapshot row.</summary>
    private readonly record struct StoredSnapshot(long Version, int Format, string Calendar, byte[]? Seal, byte[] Body, byte[]? EventLink)
    {
        /// <summary>Reads the <see cref="SnapshotColumns"/> from column <paramref name="first"/> on; null when the row has no snapshot.</summary>
        public static StoredSnapshot? Read(DbDataReader reader, int first) =>
            reader.IsDBNull(first) ? null : new StoredSnapshot(reader.GetInt64(first), reader.GetInt32(first + 1), reader.GetString(first + 2),
                reader.IsDBNull(first + 3) ? null : (byte[])reader.GetValue(first + 3), (byte[])reader.GetValue(first + 4),
                reader.IsDBNull(first + 5) ? null : (byte[])reader.GetValue(first + 5));
    }
}
