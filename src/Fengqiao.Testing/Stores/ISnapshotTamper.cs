using Fengqiao.Cases;
using Fengqiao.Cases.Ports;

namespace Fengqiao.Testing;

/// <summary>What the snapshot checks (<see cref="CaseStoreConformance.RunSnapshotAsync"/>) and the case-row checks
/// (<see cref="CaseStoreConformance.RunCaseRowAsync"/>) need from a store that keeps snapshots and a row of derived
/// columns beside each case's events: stores on fresh and shared data, and the edits a tamperer or a damaged disk makes
/// behind the store's back — to a snapshot row, to an event body, to the events themselves, to a case row — plus the
/// store's own verify and repair.</summary>
/// <remarks>
/// <para>Each store's tests implement it once; every check is then written once, in the suite, and run by each store.
/// An edit goes to the stored data directly (SQL on the file or database), never through the store's API, and is
/// written the way the store writes that column (a compressed body compressed again), so only the meaning changes.</para>
/// <para>The stores a tamper opens are disposed by the check that asked for them.</para>
/// </remarks>
/// <threadsafety>A check calls one tamper from one flow at a time; checks on different tampers may run in parallel.</threadsafety>
public interface ISnapshotTamper
{
    /// <summary>Opens a store on new, empty data, keeping no case in memory (no snapshot cache), that writes snapshots.</summary>
    /// <param name="snapshotInterval">Every how many versions a snapshot is written, or null for the store's default.</param>
    /// <returns>The store, on the suite's calendar (<see cref="CaseStoreConformance.Calendar"/>).</returns>
    Task<ICaseStore> NewStoreAsync(int? snapshotInterval);

    /// <summary>Opens a second store on the data of <paramref name="store"/> (as a restarted node would), keeping no case in memory.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <param name="verifyChainOnLoad">False to have loads skip the hash-chain check of the events they read (where
    /// the store has such an option); true for the store's default.</param>
    /// <returns>The second store, on the suite's calendar.</returns>
    Task<ICaseStore> ReopenAsync(ICaseStore store, bool verifyChainOnLoad);

    /// <summary>Reads every snapshot row of the store's data, in case-id order.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <returns>The rows.</returns>
    Task<IReadOnlyList<StoredSnapshot>> ReadSnapshotsAsync(ICaseStore store);

    /// <summary>Rewrites every snapshot row of the store's data with what <paramref name="rewrite"/> returns for it
    /// (format, calendar, seal and body; the case id and version stay), the body encoded as the store encodes one.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <param name="rewrite">The new row for a stored one (the same row leaves it as it is).</param>
    /// <returns>How many rows changed.</returns>
    Task<int> RewriteSnapshotsAsync(ICaseStore store, Func<StoredSnapshot, StoredSnapshot> rewrite);

    /// <summary>Edits the JSON of one stored event body, written back as the store encodes bodies, its link untouched.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <param name="id">The case.</param>
    /// <param name="version">The event's version.</param>
    /// <param name="edit">The edit of the body's JSON text.</param>
    /// <returns>How many rows changed (0 or 1).</returns>
    Task<int> EditEventAsync(ICaseStore store, CaseId id, long version, Func<string, string> edit);

    /// <summary>Deletes a case's stored event rows from <paramref name="fromVersion"/> on, leaving everything else (the
    /// case row and its head, the snapshot, the personal data kept apart) as it is.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <param name="id">The case.</param>
    /// <param name="fromVersion">The first version deleted.</param>
    /// <returns>A task that completes when the rows are gone.</returns>
    Task DeleteEventsAsync(ICaseStore store, CaseId id, long fromVersion);

    /// <summary>Rewrites the derived columns of one case's row (its version, next due instant and query-code index
    /// entry) with what <paramref name="rewrite"/> returns for them, leaving everything else (the events, the chain
    /// head, the snapshot, the personal data kept apart) as it is.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <param name="id">The case.</param>
    /// <param name="rewrite">The new columns for the stored ones (the same values leave the row as it is); the case id stays.</param>
    /// <returns>How many rows changed (0 or 1).</returns>
    Task<int> RewriteCaseRowAsync(ICaseStore store, CaseId id, Func<StoredCaseRow, StoredCaseRow> rewrite);

    /// <summary>Reads the head of a case's hash chain from the case row.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <param name="id">The case.</param>
    /// <returns>The head.</returns>
    Task<byte[]> ReadHeadAsync(ICaseStore store, CaseId id);

    /// <summary>Runs the store's own verification.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <returns>Every problem found; empty when the data is intact.</returns>
    Task<IReadOnlyList<StoredCaseProblem>> VerifyAsync(ICaseStore store);

    /// <summary>Runs the store's own repair.</summary>
    /// <param name="store">A store this tamper opened.</param>
    /// <returns>How many cases were repaired.</returns>
    Task<long> RepairAsync(ICaseStore store);

    /// <summary>Reads the store's refusal of tampered data out of an exception.</summary>
    /// <param name="exception">What a store call threw.</param>
    /// <returns>The case and version the refusal names, with its message; null when the exception is not the store's
    /// tamper refusal.</returns>
    StoredCaseProblem? AsTamperRefusal(Exception exception);
}
