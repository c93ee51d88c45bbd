using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// The simulation's view of a store with group commit (<see cref="ICaseGroupCommit"/>): the desk's appends to cases
/// already stored are checked at once and held, then committed together, so the simulation's many small appends share
/// transactions instead of paying one each.
/// </summary>
/// <remarks>
/// <para>The desk decides each action exactly as before, one after the other: a held append is checked at once
/// against the latest version (held or stored), so a stale one throws <see cref="ConcurrencyConflictException"/> and
/// fails only its own action, and a load returns the held case. What waits is only the commit.</para>
/// <para>A group is committed (<see cref="FlushAsync"/>) before any read of the store other than a load by id: the due
/// list, a batch load, a listing, a history, a query code. A new case (expected version 0) is held too when the store
/// is sure to accept it: its id and query code are in neither the store nor the held appends, the store finds no
/// open case for its matter, no held new case shares a matter key with it, and no held append reopened a case. Any
/// other new case is committed at once with the group held before it, and its own outcome
/// (<see cref="QueryCodeConflictException"/>, <see cref="DuplicateReportException"/>,
/// <see cref="ConcurrencyConflictException"/>) is the one the desk sees, as for a lone append. Before, every new case
/// closed its group, so a simulation's groups held about 4–12 appends; now a group ends at a sweep or at
/// <see cref="MaxHeld"/>. The duplicate look-up is answered as the store answers it after the held appends: it
/// commits them first only when one of them may change the answer (a held append that reopened a case, a held new
/// case with one of the report's matter keys, or the found case closed while held). At most <see cref="MaxHeld"/>
/// appends are held.</para>
/// <para>As the store's only writer, the view also keeps the latest snapshot of the open cases it wrote or read (at most
/// <see cref="MaxKnown"/>), so a load or a version check asks the store only for a case it has not seen: what a load
/// returns is the snapshot the store would return.</para>
/// <para>An append is acknowledged before it is committed, which is right for a simulation only: no one else writes
/// to its store, and a crashed run is run again. A held append the store then refuses means something else wrote to
/// the store; the run stops with a <see cref="CliException"/> naming the case and the versions.</para>
/// <para>The one sanctioned other writer is the simulation's own PostgreSQL sweepers (separate nodes on the same
/// database): the simulation commits the held appends (<see cref="FlushAsync"/>) before they sweep and then tells the
/// view which cases they wrote (<see cref="ForgetAsync"/>), so its kept snapshots of those are dropped and read again.</para>
/// <para><b>Pipelined</b> (the SQLite store, which the simulation opens new and is the only one to write): every
/// <see cref="ChunkSize"/> held appends (by default) are handed, as one group, to a background writer that commits the groups in
/// order, one at a time, while the desk goes on (at most <see cref="MaxInFlightAppends"/> appends wait, or two groups
/// when a group is larger, so memory stays flat whatever the group size).
/// Whatever the writer has not committed yet is still the view's: a load of such a case returns its latest snapshot
/// from the view, and every other read of the store (the due list, batch loads, listings, a history, a query code, the
/// run's end) first waits until the writer has committed every group handed to it. A duplicate look-up reads the
/// store's committed answer without waiting, unless an append not yet committed may change it (as for held ones). A new case needs no read of the store at all when the view knows none of its id, query code and
/// matter keys was ever written (<see cref="WrittenKeys"/>; the store was new, so everything in it came through this
/// view); otherwise it is committed at once, after the groups before it, and the desk sees the store's own answer. A
/// group the writer fails to commit (the store's error, or an append it refused) stops the run: the failure is thrown by
/// the next call on the view, and no later group is written.</para>
/// </remarks>
/// <threadsafety>Thread-safe: every member that reads or writes the held appends takes one gate, so they run one at a
/// time; the background writer of a pipelined view touches only the groups handed to it and the cases in flight (under
/// their own lock).</threadsafety>
internal sealed class GroupedAppendStore : ICaseStore, ICaseGroupCommit, ICaseBatchLoad, ICaseListing, IDuplicateDetector, IAsyncDisposable
{
    /// <summary>The most appends held before they are committed.</summary>
    internal const int MaxHeld = 512;

    /// <summary>The most open cases whose latest snapshot is kept; past it the kept ones are dropped and read again.</summary>
    internal const int MaxKnown = 50_000;

    /// <summary>Pipelined: how many held appends make a group handed to the background writer.</summary>
    internal const int ChunkSize = 64;

    /// <summary>Pipelined: the most appends handed to the writer and not yet committed, counted in whole groups (at least
    /// two, so one is written while the next waits); the desk waits past it. Eight groups of <see cref="ChunkSize"/>, two of
    /// <see cref="MaxHeld"/>: each append in flight keeps its case's snapshot, so the bound holds the memory, not the count
    /// of groups.</summary>
    internal const int MaxInFlightAppends = 512;

    /// <summary>Pipelined: how many cases closed lately keep their latest snapshot (a citizen's rating or a deputy's
    /// review follows a closing within days), so their next load needs no read of the store.</summary>
    internal const int MaxRecentlyClosed = 4_096;

    private readonly ICaseStore inner;
    private readonly ICaseGroupCommit grouping;
    private readonly IDuplicateDetector duplicates;
    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly List<CaseAppend> held = [];
    private readonly Dictionary<CaseId, Held> heldCases = [];

    // The matter keys (ReportMatterKey.Text) and query codes of the new cases held: a report with one of those keys
    // commits the group before the store is asked about it, and a code among them is never held twice.
    private readonly HashSet<string> heldMatters = new(StringComparer.Ordinal);
    private readonly HashSet<QueryCodeDigest> heldCodes = [];

    // Whether a held append turned a case the store has closed back into an open one (the store may then find it as a
    // duplicate once committed): set by the append, cleared by the commit. It may stay set when the case closed again
    // while held; that only commits a group early, never changes an answer.
    private bool heldReopened;

    // The last duplicate look-up that found nothing, as (matter keys, instant): the desk's registration asks it just
    // before its append, so the append of the same report at the same instant need not ask the store again.
    private (string Keys, Instant At)? lastNoDuplicate;

    // The latest snapshot of open cases this view wrote or read: as the only writer it knows them without asking the
    // store (which, shared by design, reads the stored version on every load).
    private readonly Dictionary<CaseId, Case> known = [];

    // Pipelined only (null otherwise): the keys of everything written through the view, the cases closed lately, the
    // groups handed to the writer, and the latest snapshot of each case in them (guarded by its own lock: the writer
    // removes a case once its group is committed).
    private readonly WrittenKeys? written;
    private readonly int chunkSize;
    private readonly Dictionary<CaseId, Case> recentlyClosed = [];
    private readonly Queue<CaseId> closedOrder = new();
    private readonly GroupWriter<HandedGroup>? writer;

    // The SQLite store, when it is the inner one: groups are then encoded on the desk's thread before the hand-off.
    private readonly SqliteCaseStore? sqlite;
    private readonly Dictionary<CaseId, Case> inFlightCases = [];

    // Pipelined: counts the appends made, so a "no duplicate" the store gave is known to still hold at the next append.
    private long appendSerial;
    private long noDuplicateSerial = -1;

    /// <summary>Wraps a store with group commit and durable duplicate detection (the SQLite or the PostgreSQL store).</summary>
    /// <param name="inner">The store; it must implement <see cref="ICaseGroupCommit"/> and <see cref="IDuplicateDetector"/>.</param>
    /// <param name="pipelined">Whether groups are committed by a background writer while the desk goes on (see the class
    /// remarks). Only for a store that was empty when opened and that nothing else writes to (no sweepers).</param>
    /// <param name="chunkSize">Pipelined: how many held appends make a group handed to the writer (tests use a few).</param>
    /// <exception cref="ArgumentException"><paramref name="inner"/> has no group commit or detects no duplicates.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="chunkSize"/> is not 1 to <see cref="MaxHeld"/>.</exception>
    public GroupedAppendStore(ICaseStore inner, bool pipelined = false, int chunkSize = ChunkSize)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(chunkSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(chunkSize, MaxHeld);
        this.chunkSize = chunkSize;
        this.inner = inner;
        grouping = inner as ICaseGroupCommit ?? throw new ArgumentException($"The store ({inner.GetType().Name}) has no group commit.", nameof(inner));
        duplicates = inner as IDuplicateDetector ?? throw new ArgumentException($"The store ({inner.GetType().Name}) detects no duplicates.", nameof(inner));
        written = pipelined ? new WrittenKeys() : null;
        GroupsInFlight = pipelined ? Math.Max(2, MaxInFlightAppends / chunkSize) : 0;
        writer = pipelined ? new GroupWriter<HandedGroup>(WriteInBackground, GroupsInFlight) : null;
        sqlite = inner as SqliteCaseStore;
    }

    /// <summary>Gets how many groups the background writer may have queued or in hand before the desk waits (0 when not
    /// pipelined): <see cref="MaxInFlightAppends"/> appends' worth, at least two groups.</summary>
    public int GroupsInFlight { get; }

    /// <summary>Gets whether groups are committed by a background writer.</summary>
    public bool IsPipelined => written is not null;

    /// <summary>Gets how many new cases were committed at once because the view could not rule out that the store knows
    /// their id, query code or matter (pipelined only), for tests and benchmarks.</summary>
    public int NewCasesCommittedAtOnce { get; private set; }

    /// <summary>Gets how many groups were committed.</summary>
    public int Groups { get; private set; }

    /// <summary>Gets how many open cases' latest snapshots are kept (at most <see cref="MaxKnown"/>).</summary>
    public int KnownCases => known.Count;

    /// <summary>Gets how many appends were committed in groups.</summary>
    public long Appends { get; private set; }

    /// <summary>Commits the appends still held and tells how many appends were committed in how many groups.</summary>
    /// <returns>The appends and groups so far.</returns>
    /// <exception cref="CliException">The store refused a held append (something else wrote to it).</exception>
    public async Task<AppendGroups> CommittedAsync()
    {
        await FlushAsync().ConfigureAwait(false);
        return new AppendGroups(Appends, Groups);
    }

    /// <inheritdoc />
    public async ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfWriterFailed();
            return heldCases.TryGetValue(id, out var h) ? h.Snapshot : await LatestLockedAsync(id, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>A case already stored: checked now and held (see the class remarks). A new case: committed now, with the
    /// appends held before it.</remarks>
    /// <exception cref="ArgumentException">The events or snapshot do not make an append (<see cref="CaseAppendValidation"/>); nothing was held.</exception>
    /// <exception cref="ConcurrencyConflictException">The latest version (held or stored) is not <paramref name="expectedVersion"/>.</exception>
    /// <exception cref="QueryCodeConflictException">A new case's query code is held by another case.</exception>
    /// <exception cref="DuplicateReportException">The store found an open case for a new case's matter.</exception>
    /// <exception cref="CliException">The store refused an append held earlier (something else wrote to it).</exception>
    public async ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(snapshot);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfWriterFailed();
            var append = new CaseAppend(expectedVersion, events, snapshot);
            if (expectedVersion == 0)
            {
                if (await HoldNewCaseLockedAsync(append, cancellationToken).ConfigureAwait(false))
                {
                    return;
                }

                NewCasesCommittedAtOnce += written is null ? 0 : 1;
                var outcome = (await CommitLockedAsync([append], cancellationToken).ConfigureAwait(false))[0];
                if (outcome is not null)
                {
                    System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(outcome);
                }

                return;
            }

            await CheckAndHoldLockedAsync(append, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            appendSerial++;
            gate.Release();
        }
    }

    /// <summary>Checks an append to a stored case against its latest version (held, kept, in flight or stored) and holds it.</summary>
    /// <exception cref="ArgumentException">The events or snapshot do not make an append; nothing was held.</exception>
    /// <exception cref="ConcurrencyConflictException">The latest version is not the expected one; nothing was held.</exception>
    private async ValueTask CheckAndHoldLockedAsync(CaseAppend append, CancellationToken cancellationToken)
    {
        var (expectedVersion, snapshot) = (append.ExpectedVersion, append.Snapshot);
        CaseAppendValidation.Validate(expectedVersion, append.Events, snapshot);
        bool wasOpen;
        if (heldCases.TryGetValue(snapshot.Id, out var earlier))
        {
            if (earlier.Snapshot.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(snapshot.Id, expectedVersion, earlier.Snapshot.Version);
            }

            wasOpen = earlier.StoredOpen;
        }
        else
        {
            var stored = await LatestLockedAsync(snapshot.Id, cancellationToken).ConfigureAwait(false);
            if (stored?.Version != expectedVersion)
            {
                throw new ConcurrencyConflictException(snapshot.Id, expectedVersion, stored?.Version ?? 0);
            }

            wasOpen = IsOpen(stored.State);
        }

        heldReopened |= !wasOpen && IsOpen(snapshot.State);
        written?.AddCodes(snapshot);
        await HoldLockedAsync(append, wasOpen, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Commits the appends held, in one group.</summary>
    /// <param name="cancellationToken">Cancels the commit before it starts; the appends stay held.</param>
    /// <returns>A task that completes when they are committed.</returns>
    /// <exception cref="CliException">The store refused a held append (something else wrote to it).</exception>
    public async Task FlushAsync(CancellationToken cancellationToken = default)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Drops what the view kept of cases another writer has written since (the simulation's PostgreSQL
    /// sweepers), so the next load or version check of each reads the store.</summary>
    /// <param name="ids">The cases written elsewhere.</param>
    /// <returns>A task that completes when they are forgotten.</returns>
    /// <remarks>Call it with nothing held for those cases (commit first with <see cref="FlushAsync"/>): an append held
    /// for one of them was checked against a version that is no longer the latest, and its commit stops the run with a
    /// <see cref="CliException"/>.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="ids"/> is null.</exception>
    public async Task ForgetAsync(IEnumerable<CaseId> ids)
    {
        ArgumentNullException.ThrowIfNull(ids);
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            foreach (var id in ids)
            {
                known.Remove(id);
                recentlyClosed.Remove(id);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    /// <remarks>The appends held are committed in the same group, before these. Pipelined, a group of appends to stored
    /// cases (a sweep's) is checked and held like <see cref="AppendAsync"/>'s, each refusal returned in place.</remarks>
    public async ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(appends);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfWriterFailed();
            if (written is not null)
            {
                if (appends.All(a => a is not null && a.ExpectedVersion > 0))
                {
                    // Pipelined, a group of stored cases (a sweep's): each checked and held as the desk's own appends are,
                    // so the sweep's commit trails it on the writer too; a refused one is told its refusal here.
                    var outcomes = new Exception?[appends.Count];
                    for (var i = 0; i < appends.Count; i++)
                    {
                        try
                        {
                            await CheckAndHoldLockedAsync(appends[i], cancellationToken).ConfigureAwait(false);
                        }
                        catch (Exception e) when (e is ConcurrencyConflictException or ArgumentException)
                        {
                            outcomes[i] = e;
                        }
                    }

                    return [.. outcomes];
                }

                foreach (var append in appends)
                {
                    if (append?.Snapshot is { } snapshot)
                    {
                        if (append.ExpectedVersion == 0)
                        {
                            written.AddCase(snapshot, MatterKeys(snapshot.Report));
                        }
                        else
                        {
                            written.AddCodes(snapshot);
                        }
                    }
                }
            }

            return await CommitLockedAsync(appends, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            appendSerial++;
            gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) =>
        AfterFlushAsync(() => inner.FindByQueryCodeAsync(digest, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) =>
        AfterFlushAsync(() => inner.ReadEventsAsync(id, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) =>
        AfterFlushAsync(() => inner.ListDueAsync(dueBy, cancellationToken), cancellationToken);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken) =>
        AfterFlushAsync(async () =>
        {
            if (inner is ICaseBatchLoad batches)
            {
                return await batches.LoadManyAsync(ids, cancellationToken).ConfigureAwait(false);
            }

            var cases = new Case?[ids.Count];
            for (var i = 0; i < cases.Length; i++)
            {
                cases[i] = await inner.LoadAsync(ids[i], cancellationToken).ConfigureAwait(false);
            }

            return (IReadOnlyList<Case?>)cases;
        }, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The store does not list its cases.</exception>
    public ValueTask<CaseListingPage> ListAsync(CaseListingQuery query, CancellationToken cancellationToken) =>
        AfterFlushAsync(() => Listing().ListAsync(query, cancellationToken), cancellationToken);

    /// <inheritdoc />
    /// <exception cref="NotSupportedException">The store does not list its cases.</exception>
    public ValueTask<CaseCounts> CountAsync(CaseListingQuery query, CancellationToken cancellationToken) =>
        AfterFlushAsync(() => Listing().CountAsync(query, cancellationToken), cancellationToken);

    /// <inheritdoc />
    /// <remarks>The store's own answer as it would be after the held appends: they are committed first when one of them
    /// reopened a case (it may now be found), or when the case found closed while held.</remarks>
    public async ValueTask<CaseId?> FindDuplicateAsync(CaseReport report, Instant at, CancellationToken cancellationToken)
    {
        var detector = duplicates;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ThrowIfWriterFailed();
            var keys = MatterKeys(report);
            if (written is not null)
            {
                // The store can find a case only under a key some new case was written with, and every one came through here.
                if (!written.MayHoldAny(keys))
                {
                    lastNoDuplicate = (string.Join('\u001f', keys), at);
                    noDuplicateSerial = appendSerial;
                    return null;
                }

                // The store's committed answer, read while the writer goes on, is the answer after every append not
                // yet committed unless one of them may change it: a new case with one of these keys, a case reopened
                // (it may now be found), or the case found closed since. Only then is everything committed first.
                if (heldReopened || SharesAHeldMatter(keys))
                {
                    await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
                }

                var stored = await detector.FindDuplicateAsync(report, at, cancellationToken).ConfigureAwait(false);
                if (stored is { } candidate && Pending(candidate) is { } pending && !IsOpen(pending.State))
                {
                    await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
                    stored = await detector.FindDuplicateAsync(report, at, cancellationToken).ConfigureAwait(false);
                }

                lastNoDuplicate = stored is null ? (string.Join('\u001f', keys), at) : null;
                noDuplicateSerial = appendSerial;
                return stored;
            }

            if (heldReopened || SharesAHeldMatter(keys))
            {
                await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
            }

            var found = await detector.FindDuplicateAsync(report, at, cancellationToken).ConfigureAwait(false);
            if (found is { } id && heldCases.TryGetValue(id, out var h) && !IsOpen(h.Snapshot.State))
            {
                await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
                found = await detector.FindDuplicateAsync(report, at, cancellationToken).ConfigureAwait(false);
            }

            lastNoDuplicate = found is null ? (string.Join('\u001f', keys), at) : null;
            return found;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <inheritdoc />
    public ValueTask RememberAsync(Case registered, CancellationToken cancellationToken) => duplicates.RememberAsync(registered, cancellationToken);

    /// <summary>Commits the appends still held, then disposes the store.</summary>
    /// <returns>A task that completes when the store is disposed.</returns>
    /// <exception cref="CliException">The store refused a held append (something else wrote to it).</exception>
    public async ValueTask DisposeAsync()
    {
        try
        {
            await FlushAsync().ConfigureAwait(false);
        }
        finally
        {
            writer?.Dispose();
            if (inner is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private static bool IsOpen(CaseState state) => state is not (CaseState.Closed or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn);

    /// <summary>Holds a new case when the store is sure to accept it once the held appends before it are committed (see
    /// the class remarks); false when it must be committed now so the desk sees the store's own answer.</summary>
    private async ValueTask<bool> HoldNewCaseLockedAsync(CaseAppend append, CancellationToken cancellationToken)
    {
        var snapshot = append.Snapshot;
        CaseAppendValidation.Validate(0, append.Events, snapshot);
        var keys = MatterKeys(snapshot.Report);
        if (written is not null)
        {
            // Held only when the store cannot know the id, the code or (unless it was just asked with nothing held since)
            // the matter: everything in it came through here. Else committed at once, after every group before it.
            var duplicateAsked = noDuplicateSerial == appendSerial && lastNoDuplicate == (string.Join('\u001f', keys), snapshot.RegisteredAt);
            var mayBeKnown = written.MayHoldCase(snapshot) || (!duplicateAsked && written.MayHoldAny(keys));
            written.AddCase(snapshot, keys);
            if (mayBeKnown)
            {
                return false;
            }

            foreach (var key in keys)
            {
                heldMatters.Add(key);
            }

            await HoldLockedAsync(append, storedOpen: true, cancellationToken).ConfigureAwait(false);
            return true;
        }

        if (heldReopened || heldCases.ContainsKey(snapshot.Id) || known.ContainsKey(snapshot.Id)
            || heldCodes.Contains(snapshot.QueryCodeDigest) || SharesAHeldMatter(keys))
        {
            return false;
        }

        // The store's committed state, which the held appends cannot change for this case: they add no query code, and
        // (none reopened a case, none is a new case with its matter) they add no open case the duplicate rule could find.
        // PostgreSQL answers both in one round trip, without reading a case.
        if (inner is Fengqiao.Storage.PostgreSql.PostgreSqlCaseStore postgres
            ? await postgres.HoldsIdOrCodeAsync(snapshot.Id, snapshot.QueryCodeDigest, cancellationToken).ConfigureAwait(false)
            : await inner.FindByQueryCodeAsync(snapshot.QueryCodeDigest, cancellationToken).ConfigureAwait(false) is not null
                || await inner.LoadAsync(snapshot.Id, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        if (lastNoDuplicate != (string.Join('\u001f', keys), snapshot.RegisteredAt)
            && await duplicates.FindDuplicateAsync(snapshot.Report, snapshot.RegisteredAt, cancellationToken).ConfigureAwait(false) is not null)
        {
            return false;
        }

        foreach (var key in keys)
        {
            heldMatters.Add(key);
        }

        heldCodes.Add(snapshot.QueryCodeDigest);
        await HoldLockedAsync(append, storedOpen: true, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Holds a checked append and commits the group once <see cref="MaxHeld"/> are held.</summary>
    private async ValueTask HoldLockedAsync(CaseAppend append, bool storedOpen, CancellationToken cancellationToken)
    {
        held.Add(append);
        heldCases[append.Snapshot.Id] = new Held(append.Snapshot, storedOpen);
        Know(append.Snapshot);
        if (written is not null)
        {
            if (held.Count >= chunkSize)
            {
                await HandOffLockedAsync().ConfigureAwait(false);
            }
        }
        else if (held.Count >= MaxHeld)
        {
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static string[] MatterKeys(CaseReport report)
    {
        var keys = ReportMatterKey.Of(report);
        var texts = new string[keys.Length];
        for (var i = 0; i < texts.Length; i++)
        {
            texts[i] = keys[i].Text;
        }

        return texts;
    }

    private bool SharesAHeldMatter(string[] keys)
    {
        foreach (var key in keys)
        {
            if (heldMatters.Contains(key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The latest snapshot of a case not held: the one kept, else the store's (kept if open).</summary>
    private async ValueTask<Case?> LatestLockedAsync(CaseId id, CancellationToken cancellationToken)
    {
        if (known.TryGetValue(id, out var kept))
        {
            return kept;
        }

        if (written is not null)
        {
            if (recentlyClosed.TryGetValue(id, out var closed))
            {
                return closed;
            }

            lock (inFlightCases)
            {
                if (inFlightCases.TryGetValue(id, out var flying))
                {
                    return flying;
                }
            }
        }

        var stored = await inner.LoadAsync(id, cancellationToken).ConfigureAwait(false);
        if (stored is not null)
        {
            Know(stored);
        }

        return stored;
    }

    /// <summary>Keeps a case's latest snapshot while it is open; a closed case is rarely touched again and is read from
    /// the store if it is.</summary>
    private void Know(Case latest)
    {
        if (!IsOpen(latest.State))
        {
            known.Remove(latest.Id);
            if (written is not null)
            {
                KeepClosed(latest);
            }

            return;
        }

        recentlyClosed.Remove(latest.Id);

        if (known.Count >= MaxKnown && !known.ContainsKey(latest.Id))
        {
            known.Clear();
        }

        known[latest.Id] = latest;
    }

    /// <summary>Commits the held appends, then reads from the store, both under the gate.</summary>
    private async ValueTask<T> AfterFlushAsync<T>(Func<ValueTask<T>> read, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
            return await read().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    private ICaseListing Listing() =>
        inner as ICaseListing ?? throw new NotSupportedException($"The store ({inner.GetType().Name}) does not list its cases.");

    private async Task FlushLockedAsync(CancellationToken cancellationToken)
    {
        if (written is not null)
        {
            // Everything handed to the writer, then what is held, committed before the caller reads the store.
            if (held.Count > 0)
            {
                await HandOffLockedAsync().ConfigureAwait(false);
            }

            await DrainLockedAsync().ConfigureAwait(false);
            return;
        }

        if (held.Count > 0)
        {
            await CommitLockedAsync([], cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Pipelined: hands the held appends to the writer as one group (waiting while <see cref="MaxInFlightAppends"/>
    /// appends are in flight); they stay the view's (<see cref="inFlightCases"/>) until committed.</summary>
    private Task HandOffLockedAsync()
    {
        var group = held.ToArray();
        lock (inFlightCases)
        {
            foreach (var append in group)
            {
                inFlightCases[append.Snapshot.Id] = append.Snapshot;
            }
        }

        held.Clear();
        heldCases.Clear();
        Groups++;
        Appends += group.Length;
        // The SQLite store's encoding (event and snapshot JSON, compression) is done here, on the desk's thread, so the
        // writer's thread only writes: the two threads then share the work on two cores.
        writer!.Enqueue(new HandedGroup(group, sqlite?.PrepareGroup(group)));
        return Task.CompletedTask;
    }

    /// <summary>The writer's commit of one group (on its thread): a refused append stops the run; then the group's
    /// cases are let go of, unless a later append of theirs is still in flight.</summary>
    private void WriteInBackground(HandedGroup handed)
    {
        var group = handed.Appends;
        var outcomes = handed.Prepared is { } prepared
            ? sqlite!.AppendPreparedAsync(prepared, CancellationToken.None).AsTask().GetAwaiter().GetResult()
            : grouping.AppendGroupAsync(group, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        for (var i = 0; i < group.Length; i++)
        {
            if (outcomes[i] is { } refused)
            {
                throw Refused(group[i], refused);
            }
        }

        lock (inFlightCases)
        {
            foreach (var append in group)
            {
                if (inFlightCases.TryGetValue(append.Snapshot.Id, out var latest) && ReferenceEquals(latest, append.Snapshot))
                {
                    inFlightCases.Remove(append.Snapshot.Id);
                }
            }
        }
    }

    /// <summary>Pipelined: waits until the writer has committed every group handed to it; then nothing is held or in
    /// flight, and what was remembered of them is cleared.</summary>
    private Task DrainLockedAsync()
    {
        writer!.Drain();
        heldMatters.Clear();
        heldCodes.Clear();
        heldReopened = false;
        return Task.CompletedTask;
    }

    /// <summary>Pipelined: throws the writer's failure (the store's error, or the refusal of an acknowledged append), so
    /// the run stops at its next call on the view.</summary>
    private void ThrowIfWriterFailed() => writer?.ThrowIfFailed();

    /// <summary>Pipelined: the latest snapshot of a case held or handed to the writer and not yet committed, or null.</summary>
    private Case? Pending(CaseId id)
    {
        if (heldCases.TryGetValue(id, out var h))
        {
            return h.Snapshot;
        }

        lock (inFlightCases)
        {
            return inFlightCases.TryGetValue(id, out var flying) ? flying : null;
        }
    }

    /// <summary>Pipelined: keeps a closed case's latest snapshot among the last <see cref="MaxRecentlyClosed"/> closed.</summary>
    private void KeepClosed(Case latest)
    {
        if (recentlyClosed.TryAdd(latest.Id, latest))
        {
            closedOrder.Enqueue(latest.Id);
            while (closedOrder.Count > MaxRecentlyClosed)
            {
                recentlyClosed.Remove(closedOrder.Dequeue());
            }
        }
        else
        {
            recentlyClosed[latest.Id] = latest;
        }
    }

    private static CliException Refused(CaseAppend append, Exception refused) =>
        new($"The store refused the simulation's append to case '{append.Snapshot.Id}' (version {append.ExpectedVersion} → " +
            $"{append.Snapshot.Version}), acknowledged before its group was committed: {refused.Message} " +
            "Something else wrote to the simulation's store; run the simulation on a store of its own.");

    /// <summary>Commits the held appends and then <paramref name="appends"/> in one group; returns the outcomes of
    /// <paramref name="appends"/>. A held append that is refused stops the run.</summary>
    private async Task<ImmutableArray<Exception?>> CommitLockedAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
    {
        if (written is not null)
        {
            // Pipelined: every group before these is committed first, then these alone, so their outcomes are the store's.
            await FlushLockedAsync(cancellationToken).ConfigureAwait(false);
        }

        if (held.Count == 0)
        {
            if (appends.Count == 0)
            {
                return [];
            }

            var own = await AppendGroupLockedAsync(appends, 0, cancellationToken).ConfigureAwait(false);
            Groups++;
            Appends += appends.Count;
            return own;
        }

        var group = new List<CaseAppend>(held.Count + appends.Count);
        group.AddRange(held);
        group.AddRange(appends);
        var heldCount = held.Count;
        var outcomes = await AppendGroupLockedAsync(group, heldCount, cancellationToken).ConfigureAwait(false);
        held.Clear();
        heldCases.Clear();
        heldMatters.Clear();
        heldCodes.Clear();
        heldReopened = false;
        Groups++;
        Appends += group.Count;
        for (var i = 0; i < heldCount; i++)
        {
            if (outcomes[i] is { } refused)
            {
                throw Refused(group[i], refused);
            }
        }

        return outcomes.RemoveRange(0, heldCount);
    }

    /// <summary>Commits one group through the store; the snapshots of the appends from <paramref name="from"/> on (not held
    /// before, so not yet kept) are kept when accepted and dropped when refused. A failed group drops every kept one.</summary>
    private async Task<ImmutableArray<Exception?>> AppendGroupLockedAsync(IReadOnlyList<CaseAppend> group, int from, CancellationToken cancellationToken)
    {
        ImmutableArray<Exception?> outcomes;
        try
        {
            outcomes = await grouping.AppendGroupAsync(group, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception)
        {
            known.Clear();
            throw;
        }

        for (var i = from; i < group.Count; i++)
        {
            if (outcomes[i] is null)
            {
                Know(group[i].Snapshot);
            }
            else
            {
                known.Remove(group[i].Snapshot.Id);
            }
        }

        return outcomes;
    }

    /// <summary>A held case: its latest snapshot, and whether the store's copy was open.</summary>
    private readonly record struct Held(Case Snapshot, bool StoredOpen);
}

/// <summary>A group handed to the pipelined writer: its appends, and the SQLite store's encoding of them (null for another store).</summary>
/// <param name="Appends">The appends, in order.</param>
/// <param name="Prepared">The group prepared by <see cref="SqliteCaseStore.PrepareGroup"/>, or null.</param>
internal sealed record HandedGroup(CaseAppend[] Appends, SqlitePreparedGroup? Prepared);
