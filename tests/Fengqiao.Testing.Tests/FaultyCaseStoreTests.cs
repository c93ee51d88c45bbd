using Fengqiao.Cases;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class FaultyCaseStoreTests
{
    private static readonly CaseId Nobody = new("nobody");

    [Fact]
    public async Task LoadAsync_ThrowOnSecondCall_FailsOnlyThatCall()
    {
        var store = new FaultyCaseStore(new InMemoryCaseStore(),
            CaseStoreFaultRule.OnCalls(CaseStoreOperation.Load, CaseStoreFault.ThrowIo("disk full"), 2));

        Assert.Null(await store.LoadAsync(Nobody, default));
        var failure = await Assert.ThrowsAsync<IOException>(async () => await store.LoadAsync(Nobody, default));
        Assert.Null(await store.LoadAsync(Nobody, default));

        Assert.Equal("disk full", failure.Message);
        Assert.Equal(3, store.Calls(CaseStoreOperation.Load));
        Assert.Equal(["Load #2: throw IOException (on Load call 2)"], store.Injected);
    }

    [Fact]
    public async Task ListDueAsync_HeldCall_WaitsForTheRelease()
    {
        var release = new TaskCompletionSource();
        var store = new FaultyCaseStore(new InMemoryCaseStore(),
            CaseStoreFaultRule.Always(CaseStoreOperation.ListDue, CaseStoreFault.Hold(release.Task)));

        var call = store.ListDueAsync(Instant.FromUtc(2026, 1, 1, 0, 0), default).AsTask();
        await Task.Yield();
        Assert.False(call.IsCompleted);

        release.SetResult();
        Assert.Empty(await call);
    }

    [Fact]
    public async Task Randomly_SameSeed_FailsTheSameCalls()
    {
        static async Task<string> PatternAsync(int seed)
        {
            var store = new FaultyCaseStore(new InMemoryCaseStore(),
                CaseStoreFaultRule.Randomly(CaseStoreOperation.ReadEvents, CaseStoreFault.ThrowIo(), 0.5, seed));
            var pattern = "";
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    await store.ReadEventsAsync(Nobody, default);
                    pattern += ".";
                }
                catch (IOException)
                {
                    pattern += "x";
                }
            }

            return pattern;
        }

        var first = await PatternAsync(3);

        Assert.Equal(first, await PatternAsync(3));
        Assert.Contains('x', first);
        Assert.Contains('.', first);
    }

    [Fact]
    public async Task Conformance_OnAStoreThatConflictsOnEveryAppend_FailsNamingTheCheck()
    {
        var failure = await Assert.ThrowsAsync<CaseStoreConformanceException>(() => CaseStoreConformance.RunAsync(
            "load-after-desk-steps",
            _ => new FaultyCaseStore(new InMemoryCaseStore(), CaseStoreFaultRule.Always(CaseStoreOperation.Append, CaseStoreFault.Conflict()))));

        Assert.Equal("load-after-desk-steps", failure.Check);
        Assert.Contains(nameof(ConcurrencyConflictException), failure.Message);
    }

    [Fact]
    public async Task Conformance_OnAStoreThatForgetsSnapshots_FailsNamingTheProblem()
    {
        var failure = await Assert.ThrowsAsync<CaseStoreConformanceException>(() => CaseStoreConformance.RunAsync(
            "read-events-oldest-first", _ => new ForgetfulStore(new InMemoryCaseStore())));

        Assert.Contains("the stored events differ from those published: 6 events expected, 5 found", failure.Message);
    }

    [Fact]
    public async Task RunAsync_UnknownCheck_ListsTheChecks()
    {
        var failure = await Assert.ThrowsAsync<ArgumentException>(() => CaseStoreConformance.RunAsync("nope", _ => new InMemoryCaseStore()));

        Assert.Contains("concurrent-writers", failure.Message);
    }

    /// <summary>A broken store: it reads every history but the last event.</summary>
    private sealed class ForgetfulStore(ICaseStore inner) : ICaseStore
    {
        public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => inner.LoadAsync(id, cancellationToken);

        public ValueTask<Case?> FindByQueryCodeAsync(Fengqiao.Cases.QueryCodes.QueryCodeDigest digest, CancellationToken cancellationToken) => inner.FindByQueryCodeAsync(digest, cancellationToken);

        public async ValueTask<IReadOnlyList<Fengqiao.Cases.Events.CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) =>
            [.. (await inner.ReadEventsAsync(id, cancellationToken)).SkipLast(1)];

        public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<Fengqiao.Cases.Events.CaseEvent> events, Case snapshot, CancellationToken cancellationToken) =>
            inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);

        public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) => inner.ListDueAsync(dueBy, cancellationToken);
    }
}
