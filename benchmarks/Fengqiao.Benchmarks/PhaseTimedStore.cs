using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using NodaTime;

namespace Fengqiao.Benchmarks;

/// <summary>A case store that passes every call to the one it wraps and adds up the wall time of the calls a sweep makes,
/// by phase: the due list, the batch loads, the group commits (and single appends). What a sweep spends outside them is
/// the desk's own steps and its policies. Not thread-safe: one sweep at a time.</summary>
internal sealed class PhaseTimedStore(ICaseStore inner) : ICaseStore, ICaseBatchLoad, ICaseGroupCommit
{
    private long due;
    private long loads;
    private long commits;
    private int loadCalls;
    private int commitCalls;

    public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => inner.LoadAsync(id, cancellationToken);

    public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) => inner.FindByQueryCodeAsync(digest, cancellationToken);

    public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => inner.ReadEventsAsync(id, cancellationToken);

    public async ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        await inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken).ConfigureAwait(false);
        commits += Stopwatch.GetTimestamp() - started;
        commitCalls++;
    }

    public async ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await inner.ListDueAsync(dueBy, cancellationToken).ConfigureAwait(false);
        due += Stopwatch.GetTimestamp() - started;
        return result;
    }

    public async ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await ((ICaseBatchLoad)inner).LoadManyAsync(ids, cancellationToken).ConfigureAwait(false);
        loads += Stopwatch.GetTimestamp() - started;
        loadCalls++;
        return result;
    }

    public async ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await ((ICaseGroupCommit)inner).AppendGroupAsync(appends, cancellationToken).ConfigureAwait(false);
        commits += Stopwatch.GetTimestamp() - started;
        commitCalls++;
        return result;
    }

    /// <summary>The phases of a sweep that took <paramref name="totalMs"/>, in milliseconds.</summary>
    public string Report(double totalMs)
    {
        var (d, l, c) = (Ms(due), Ms(loads), Ms(commits));
        return string.Create(CultureInfo.InvariantCulture,
            $"phases: due list {d:0} ms, batch loads {l:0} ms ({loadCalls} calls), group commits {c:0} ms ({commitCalls} calls), desk and policies {totalMs - d - l - c:0} ms");
    }

    private static double Ms(long ticks) => Stopwatch.GetElapsedTime(0, ticks).TotalMilliseconds;
}
