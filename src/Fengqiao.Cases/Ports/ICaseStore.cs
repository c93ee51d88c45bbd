using Fengqiao.Cases.Events;
using Fengqiao.Cases.QueryCodes;
using NodaTime;

namespace Fengqiao.Cases.Ports;

/// <summary>The port through which the desk keeps cases: their append-only events and a snapshot of the fold.</summary>
/// <remarks>
/// <para>Contract:</para>
/// <list type="bullet">
/// <item><see cref="AppendAsync"/> is atomic and optimistic: it writes all the events and the snapshot, or nothing.
/// When the stored version is not <c>expectedVersion</c> (0 for a new case) it throws
/// <see cref="ConcurrencyConflictException"/> naming the case and both versions, and writes nothing. The events are
/// numbered <c>expectedVersion + 1</c> onward and the snapshot carries the last of them. A new case whose query code
/// another case holds (the same <see cref="Case.QueryCodeDigest"/>) is refused with <see cref="QueryCodeConflictException"/>
/// and nothing is written: a code is never re-pointed. The same holds for the digest a joined report carries
/// (<see cref="CaseReportJoined.QueryCodeDigest"/>): it must be held by no case, as its own or a joined report's code.
/// A store keeps only digests, never a plain query code.</item>
/// <item>A store that detects duplicates durably may refuse a new case whose <see cref="ReportMatterKey"/> an open
/// case registered within its window holds, with <see cref="DuplicateReportException"/>, writing nothing; the desk then
/// joins the report to that case. The check and the write are one atomic step, so desks racing on one store make one case.</item>
/// <item>Loads return the latest accepted snapshot, or <see langword="null"/> when there is none; a digest that
/// no case holds is simply not found.</item>
/// <item><see cref="ListDueAsync"/> returns the ids of cases whose <see cref="Case.NextDueAt"/> is at or before the
/// instant, in any order; a case may be listed and have moved on by the time it is loaded.</item>
/// <item>Every member may be called concurrently from any thread, for the same case or different ones.
/// Implementations throw only <see cref="ConcurrencyConflictException"/>, <see cref="QueryCodeConflictException"/>,
/// <see cref="OperationCanceledException"/>
/// or their own infrastructure exceptions, which the desk lets through (nothing is published then).</item>
/// </list>
/// </remarks>
/// <threadsafety>Implementations must be thread-safe, including concurrent appends to one case (exactly one wins).</threadsafety>
public interface ICaseStore
{
    /// <summary>Loads the latest snapshot of a case.</summary>
    /// <param name="id">The case id.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The case, or <see langword="null"/> when there is none with that id.</returns>
    ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken);

    /// <summary>Finds a case by the digest of a query code (查询码) it holds: its own (<see cref="Case.QueryCodeDigest"/>) or one
    /// given to a report joined to it (<see cref="Case.JoinedQueryCodeDigests"/>).</summary>
    /// <param name="digest">The code's keyed digest; the desk digests the code a citizen types.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The case, or <see langword="null"/>.</returns>
    ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken);

    /// <summary>Reads a case's events, oldest first.</summary>
    /// <param name="id">The case id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events; empty when there is no such case.</returns>
    ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken);

    /// <summary>Appends events and the resulting snapshot, if the stored version is still <paramref name="expectedVersion"/>.</summary>
    /// <param name="expectedVersion">The version the events were decided on; 0 for a new case.</param>
    /// <param name="events">The events, numbered from <paramref name="expectedVersion"/> + 1; at least one.</param>
    /// <param name="snapshot">The case after the events.</param>
    /// <param name="cancellationToken">Cancels the append (before it is committed).</param>
    /// <returns>A task that completes when the events are durable.</returns>
    /// <exception cref="ConcurrencyConflictException">The stored version differs; nothing was written.</exception>
    /// <exception cref="QueryCodeConflictException">A new case's query code is held by another case; nothing was written.</exception>
    /// <exception cref="DuplicateReportException">A store that detects duplicates durably found an open case for the same matter; nothing was written.</exception>
    ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken);

    /// <summary>Lists the cases due by an instant (their <see cref="Case.NextDueAt"/> is at or before it).</summary>
    /// <param name="dueBy">The instant, usually now.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The ids, in any order.</returns>
    ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken);
}
