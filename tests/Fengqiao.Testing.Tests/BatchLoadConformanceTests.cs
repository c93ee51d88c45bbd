using System.Collections.Concurrent;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using NodaTime;

namespace Fengqiao.Testing.Tests;

/// <summary>The batch-load checks pass on a batch that loads each id as <see cref="ICaseStore.LoadAsync"/> does, and fail
/// on batches that break the contract (out of order, remembered versions).</summary>
public class BatchLoadConformanceTests
{
    public static TheoryData<string> Checks() => new(CaseStoreConformance.BatchLoadCheckNames);

    [Theory]
    [MemberData(nameof(Checks))]
    public Task RunAsync_BatchLoadCheckOnABatchOfSingleLoads_Passes(string check) =>
        CaseStoreConformance.RunAsync(check, _ => new BatchOverLoads(new InMemoryCaseStore(), BatchFault.None));

    [Fact]
    public async Task RunAsync_OrderCheckOnABatchInReverseOrder_FailsNamingTheOrder()
    {
        var failure = await Assert.ThrowsAsync<CaseStoreConformanceException>(() =>
            CaseStoreConformance.RunAsync("batch-load-order-unknown-and-repeated-ids", _ => new BatchOverLoads(new InMemoryCaseStore(), BatchFault.Reversed)));

        Assert.Contains("out of order", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_VersionsCheckOnABatchThatRemembersCases_FailsNamingTheVersions()
    {
        var failure = await Assert.ThrowsAsync<CaseStoreConformanceException>(() =>
            CaseStoreConformance.RunAsync("batch-load-stored-versions", _ => new BatchOverLoads(new InMemoryCaseStore(), BatchFault.Remembers)));

        Assert.Contains("not 2,1", failure.Message, StringComparison.Ordinal);
    }

    private enum BatchFault
    {
        None,
        Reversed,
        Remembers,
    }

    /// <summary>The in-memory store with a batch load made of single loads, correct or broken as asked.</summary>
    private sealed class BatchOverLoads(InMemoryCaseStore inner, BatchFault fault) : ICaseStore, ICaseBatchLoad, ICaseReporterErasure
    {
        private readonly ConcurrentDictionary<CaseId, Case> remembered = new();

        public async ValueTask<IReadOnlyList<Case?>> LoadManyAsync(IReadOnlyList<CaseId> ids, CancellationToken cancellationToken)
        {
            var cases = new List<Case?>(ids.Count);
            foreach (var id in ids)
            {
                if (fault == BatchFault.Remembers && remembered.TryGetValue(id, out var kept))
                {
                    cases.Add(kept);
                    continue;
                }

                var c = await inner.LoadAsync(id, cancellationToken);
                if (c is not null)
                {
                    remembered[id] = c;
                }

                cases.Add(c);
            }

            if (fault == BatchFault.Reversed)
            {
                cases.Reverse();
            }

            return cases;
        }

        public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) => inner.FindByQueryCodeAsync(digest, cancellationToken);

        public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => inner.ReadEventsAsync(id, cancellationToken);

        public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken) =>
            inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);

        public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) => inner.ListDueAsync(dueBy, cancellationToken);

        public ValueTask EraseReporterAsync(long expectedVersion, CaseEvent erasure, Case snapshot, CancellationToken cancellationToken) =>
            inner.EraseReporterAsync(expectedVersion, erasure, snapshot, cancellationToken);
    }
}
