using System.Collections.Concurrent;
using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>
/// An <see cref="ICaseStore"/> decorator that injects faults at chosen or random points — throw, hold until released,
/// refuse an append as a conflict, or run something first — and otherwise passes every call to the inner store.
/// </summary>
/// <remarks>
/// <para>Calls are counted per operation from 1. Rules are checked in the order given; every rule that applies to a
/// call is injected in that order (a <see cref="CaseStoreFault.Before"/> and then a throw, say). A throwing fault ends
/// the call without touching the inner store.</para>
/// <para><see cref="Injected"/> records each injection, so a test can assert the fault really happened.</para>
/// </remarks>
/// <threadsafety>Thread-safe if the inner store is: counters are atomic and random rules draw under a lock.</threadsafety>
public sealed class FaultyCaseStore : ICaseStore, ICaseReporterErasure
{
    private readonly ICaseStore inner;
    private readonly ImmutableArray<CaseStoreFaultRule> rules;
    private readonly Random?[] randoms;
    private readonly int[] calls = new int[Enum.GetValues<CaseStoreOperation>().Length];
    private readonly ConcurrentQueue<string> injected = new();

    /// <summary>Creates the store.</summary>
    /// <param name="inner">The store that does the work.</param>
    /// <param name="rules">When to inject which faults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="inner"/>, <paramref name="rules"/> or a rule is null.</exception>
    public FaultyCaseStore(ICaseStore inner, params CaseStoreFaultRule[] rules)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(rules);
        this.inner = inner;
        this.rules = [.. rules.Select(r => r ?? throw new ArgumentNullException(nameof(rules), "A fault rule is null."))];
        randoms = [.. this.rules.Select(r => r.Seed is { } seed ? new Random(seed) : null)];
    }

    /// <summary>Gets the store calls are passed to.</summary>
    public ICaseStore Inner => inner;

    /// <summary>Gets what was injected so far, oldest first, such as <c>Append #2: conflict (on Append call 2)</c>.</summary>
    public IReadOnlyList<string> Injected => [.. injected];

    /// <summary>Gets how many times an operation has been called.</summary>
    /// <param name="operation">The operation.</param>
    /// <returns>The count.</returns>
    public int Calls(CaseStoreOperation operation) => Volatile.Read(ref calls[(int)operation]);

    /// <inheritdoc />
    public async ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken)
    {
        await InjectAsync(CaseStoreOperation.Load, null, cancellationToken).ConfigureAwait(false);
        return await inner.LoadAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken)
    {
        await InjectAsync(CaseStoreOperation.FindByQueryCode, null, cancellationToken).ConfigureAwait(false);
        return await inner.FindByQueryCodeAsync(digest, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken)
    {
        await InjectAsync(CaseStoreOperation.ReadEvents, null, cancellationToken).ConfigureAwait(false);
        return await inner.ReadEventsAsync(id, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        await InjectAsync(CaseStoreOperation.Append, (snapshot.Id, expectedVersion), cancellationToken).ConfigureAwait(false);
        await inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>Faults are injected as for <see cref="AppendAsync"/> (an erasure is an append), then the call goes to the inner store.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="snapshot"/> is null.</exception>
    /// <exception cref="NotSupportedException">The inner store does not implement <see cref="ICaseReporterErasure"/>; nothing changed.</exception>
    public async ValueTask EraseReporterAsync(long expectedVersion, CaseEvent erasure, Case snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (inner is not ICaseReporterErasure erasing)
        {
            throw new NotSupportedException($"The inner store {inner.GetType().Name} cannot erase personal data (it does not implement {nameof(ICaseReporterErasure)}). Nothing changed.");
        }

        await InjectAsync(CaseStoreOperation.Append, (snapshot.Id, expectedVersion), cancellationToken).ConfigureAwait(false);
        await erasing.EraseReporterAsync(expectedVersion, erasure, snapshot, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken)
    {
        await InjectAsync(CaseStoreOperation.ListDue, null, cancellationToken).ConfigureAwait(false);
        return await inner.ListDueAsync(dueBy, cancellationToken).ConfigureAwait(false);
    }

    private async ValueTask InjectAsync(CaseStoreOperation operation, (CaseId Id, long Expected)? append, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref calls[(int)operation]);
        for (var i = 0; i < rules.Length; i++)
        {
            var rule = rules[i];
            if (rule.Operation != operation)
            {
                continue;
            }

            bool applies;
            var random = randoms[i];
            if (random is null)
            {
                applies = rule.Applies(call, null);
            }
            else
            {
                lock (random)
                {
                    applies = rule.Applies(call, random);
                }
            }

            if (!applies)
            {
                continue;
            }

            var fault = rule.Fault;
            if (fault.IsConflict && append is null)
            {
                continue;
            }

            injected.Enqueue($"{operation} #{call}: {fault.Name} ({rule.When})");
            if (fault.FirstAction is { } before)
            {
                await before(cancellationToken).ConfigureAwait(false);
            }

            if (fault.Release is { } release)
            {
                await release.WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            if (fault.Exception is { } make)
            {
                throw make();
            }

            if (fault.IsConflict && append is { } a)
            {
                throw new ConcurrencyConflictException(a.Id, a.Expected, a.Expected + 1);
            }
        }
    }
}
