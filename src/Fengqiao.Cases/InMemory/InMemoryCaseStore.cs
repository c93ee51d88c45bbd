using System.Collections.Immutable;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using NodaTime;

namespace Fengqiao.Cases.InMemory;

/// <summary>A thread-safe case store held in memory: for tests, samples and single-process hosts that keep nothing across restarts.</summary>
/// <remarks>
/// <para>
/// Appends are serialised by one lock, checked against the stored version (a stale version throws
/// <see cref="ConcurrencyConflictException"/> and writes nothing) and validated: the events must be numbered on from
/// the expected version and the snapshot must carry the last of them. Reads take a consistent view without waiting
/// for writers.
/// </para>
/// <para>
/// Query codes are indexed by their SHA-256 digest, as the database stores index them by a keyed digest: a look-up
/// digests the code presented. <see cref="EraseReporterAsync"/> replaces the reports in the stored events with their
/// erased form (<see cref="CaseReport.WithPersonalDataErased"/>) and the staff's free texts (replies, reasons, notes)
/// with <see cref="CaseReport.ErasedText"/>, and appends the erasure event, as the database stores do by deleting the
/// personal data they keep apart.
/// </para>
/// <para><see cref="ListDueAsync"/> reads an index of the cases' next due instants kept in order on every append, so a
/// sweep costs the number of cases due, not the number stored.</para>
/// <para>As an <see cref="ICaseListing"/> it keeps each case's <see cref="CaseListingEntry"/> (projected on append, in the
/// same step) and an index in listing order, and filters with <see cref="CaseListingQuery.Matches"/>: a listing costs
/// the number of cases stored after the continuation; a count, the number stored.</para>
/// </remarks>
/// <threadsafety>Thread-safe: every member may be called concurrently.</threadsafety>
public sealed class InMemoryCaseStore : ICaseStore, ICaseListing, ICaseReporterErasure
{
    private readonly object gate = new();
    private ImmutableDictionary<CaseId, Entry> cases = ImmutableDictionary<CaseId, Entry>.Empty;
    private ImmutableDictionary<QueryCodeDigest, CaseId> byQueryCode = ImmutableDictionary<QueryCodeDigest, CaseId>.Empty;
    private ImmutableSortedSet<(Instant At, CaseId Id)> dueIndex = ImmutableSortedSet.Create<(Instant At, CaseId Id)>(DueOrder.Instance);
    private ImmutableSortedSet<(Instant At, CaseId Id)> listingIndex = ImmutableSortedSet.Create<(Instant At, CaseId Id)>(DueOrder.Instance);

    /// <summary>Gets the number of cases stored.</summary>
    public int Count => Volatile.Read(ref cases).Count;

    /// <inheritdoc />
    public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Volatile.Read(ref cases).TryGetValue(id, out var entry) ? entry.Snapshot : null);
    }

    /// <inheritdoc />
    public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Volatile.Read(ref byQueryCode).TryGetValue(digest, out var id) ? LoadAsync(id, cancellationToken) : ValueTask.FromResult<Case?>(null);
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<CaseEvent>>(
            Volatile.Read(ref cases).TryGetValue(id, out var entry) ? entry.Events : ImmutableList<CaseEvent>.Empty);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="events"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is negative.</exception>
    /// <exception cref="QueryCodeConflictException">A new case's query code is held by another case; nothing was written.</exception>
    /// <exception cref="ArgumentException">No events, events not numbered on from the expected version or for another case, or a snapshot that does not match the last event (see <see cref="CaseAppendValidation"/>).</exception>
    public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        CaseAppendValidation.Validate(expectedVersion, events, snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var stored = cases.TryGetValue(snapshot.Id, out var entry) ? entry.Snapshot.Version : 0;
            CaseAppendValidation.ThrowIfConflict(snapshot.Id, expectedVersion, stored);
            if (entry is null && byQueryCode.ContainsKey(snapshot.QueryCodeDigest))
            {
                // Never re-point a code: it is another citizen's key to their case.
                throw new QueryCodeConflictException(snapshot.Id);
            }

            var list = (entry?.Events ?? ImmutableList<CaseEvent>.Empty).AddRange(events);
            var due = dueIndex;
            if (entry?.Snapshot.NextDueAt is { } before)
            {
                due = due.Remove((before, snapshot.Id));
            }

            if (snapshot.NextDueAt is { } after)
            {
                due = due.Add((after, snapshot.Id));
            }

            Volatile.Write(ref dueIndex, due);
            Volatile.Write(ref cases, cases.SetItem(snapshot.Id, new Entry(snapshot, list, CaseListingEntry.From(snapshot))));
            if (entry is null)
            {
                Volatile.Write(ref byQueryCode, byQueryCode.SetItem(snapshot.QueryCodeDigest, snapshot.Id));
                Volatile.Write(ref listingIndex, listingIndex.Add((snapshot.RegisteredAt, snapshot.Id)));
            }
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="erasure"/> or <paramref name="snapshot"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="expectedVersion"/> is less than 1.</exception>
    /// <exception cref="ArgumentException">The event is not an erasure or does not fit the snapshot.</exception>
    public ValueTask EraseReporterAsync(long expectedVersion, CaseEvent erasure, Case snapshot, CancellationToken cancellationToken)
    {
        CaseAppendValidation.ValidateErasure(expectedVersion, erasure, snapshot);
        cancellationToken.ThrowIfCancellationRequested();
        lock (gate)
        {
            var stored = cases.TryGetValue(snapshot.Id, out var entry) ? entry.Snapshot.Version : 0;
            CaseAppendValidation.ThrowIfConflict(snapshot.Id, expectedVersion, stored);
            var erased = entry!.Events.Select(e => e.Payload switch
            {
                CaseRegistration r => e with { Payload = r with { Report = r.Report.WithPersonalDataErased() } },
                CaseReportJoined j => e with { Payload = StaffTexts.Erase(j with { Report = j.Report.WithPersonalDataErased() }) },
                _ when StaffTexts.Of(e.Payload).Count > 0 => e with { Payload = StaffTexts.Erase(e.Payload) },
                _ => e,
            }).ToImmutableList().Add(erasure);
            var due = dueIndex;
            if (entry.Snapshot.NextDueAt is { } before)
            {
                due = due.Remove((before, snapshot.Id));
            }

            if (snapshot.NextDueAt is { } after)
            {
                due = due.Add((after, snapshot.Id));
            }

            Volatile.Write(ref dueIndex, due);
            Volatile.Write(ref cases, cases.SetItem(snapshot.Id, new Entry(snapshot, erased, CaseListingEntry.From(snapshot))));
        }

        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var due = new List<CaseId>();
        foreach (var (at, id) in Volatile.Read(ref dueIndex))
        {
            if (at > dueBy)
            {
                break;
            }

            due.Add(id);
        }

        return ValueTask.FromResult<IReadOnlyList<CaseId>>(due);
    }


    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    public ValueTask<CaseListingPage> ListAsync(CaseListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        query.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        ImmutableSortedSet<(Instant At, CaseId Id)> index;
        ImmutableDictionary<CaseId, Entry> snapshot;
        lock (gate)
        {
            // One consistent view: the index and the entries as of the same append.
            index = listingIndex;
            snapshot = cases;
        }

        var matches = new List<CaseListingEntry>(query.PageSize + 1);
        var start = 0;
        if (query.After is { } after)
        {
            // A binary search: the first key strictly after the position, whether or not that case still exists.
            var at = index.IndexOf((after.RegisteredAt, after.CaseId));
            start = at >= 0 ? at + 1 : ~at;
        }

        for (var i = start; i < index.Count && matches.Count <= query.PageSize; i++)
        {
            var entry = snapshot[index[i].Id].Listing;
            if (query.Matches(entry))
            {
                matches.Add(entry);
            }
        }

        return ValueTask.FromResult(CaseListingPage.Cut(matches, query.PageSize));
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="ArgumentException">The query is invalid (the message names the field).</exception>
    public ValueTask<CaseCounts> CountAsync(CaseListingQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        (query with { After = null, PageSize = 1 }).Validate();
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(CaseCounts.Of(Volatile.Read(ref cases).Values.Select(e => e.Listing).Where(query.Matches)));
    }

    private sealed record Entry(Case Snapshot, ImmutableList<CaseEvent> Events, CaseListingEntry Listing);

    /// <summary>Orders the due index by instant, then by case id (ordinal), so ties list in a stable order.</summary>
    private sealed class DueOrder : IComparer<(Instant At, CaseId Id)>
    {
        public static readonly DueOrder Instance = new();

        public int Compare((Instant At, CaseId Id) x, (Instant At, CaseId Id) y)
        {
            var byTime = x.At.CompareTo(y.At);
            return byTime != 0 ? byTime : string.CompareOrdinal(x.Id.Value, y.Id.Value);
        }
    }
}
