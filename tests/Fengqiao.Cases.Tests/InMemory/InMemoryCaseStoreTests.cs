using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.Tests.Desk;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cases.Tests.InMemory;

public class InMemoryCaseStoreTests
{
    private static CaseEvent Supervise(Case c, int writer) =>
        new(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new CaseSupervised($"writer {writer}"));

    [Fact]
    public async Task AppendAsync_ManyConcurrentWriters_EveryAcceptedEventKeptOnceInOrder()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        var store = kit.InMemory;
        var accepted = 0;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, 8).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 50; i++)
            {
                var current = (await store.LoadAsync(c.Id, default))!;
                var e = Supervise(current, writer);
                try
                {
                    await store.AppendAsync(current.Version, [e], current.Apply(e), default);
                    Interlocked.Increment(ref accepted);
                }
                catch (ConcurrencyConflictException conflict)
                {
                    Assert.True(conflict.ActualVersion > conflict.ExpectedVersion);
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var history = await store.ReadEventsAsync(c.Id, default);
        var final = (await store.LoadAsync(c.Id, default))!;
        Assert.Equal(400, accepted + conflicts);
        Assert.Equal(1 + accepted, history.Count);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(v => (long)v), history.Select(e => e.Version));
        Assert.Equal(accepted, final.SupervisionCount);
        Assert.Equal(Fingerprint(final), Fingerprint(Case.Replay(history, Calendar)));
    }

    [Fact]
    public async Task AppendAsync_StaleVersion_WritesNothing()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        var e = Supervise(c, 1);
        await kit.InMemory.AppendAsync(1, [e], c.Apply(e), default);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await kit.InMemory.AppendAsync(1, [e], c.Apply(e), default));

        Assert.Equal((c.Id, 1L, 2L), (conflict.CaseId, conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Contains("case-1", conflict.Message, StringComparison.Ordinal);
        Assert.Equal(2, (await kit.InMemory.ReadEventsAsync(c.Id, default)).Count);
    }

    [Fact]
    public async Task AppendAsync_EventsNotNumberedOn_IsRejected()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();
        var e = Supervise(c, 1) with { Version = 5 };

        await Assert.ThrowsAsync<ArgumentException>(async () => await kit.InMemory.AppendAsync(1, [e], c, default));
    }

    [Fact]
    public async Task ListDueAsync_ListsOnlyCasesWhoseNextDueInstantHasCome()
    {
        var kit = new BareCounty();
        var c = await kit.RegisterAsync();

        Assert.Empty(await kit.InMemory.ListDueAsync(Start, default));
        Assert.Equal([c.Id], await kit.InMemory.ListDueAsync(c.NextDueAt!.Value, default));
        Assert.Equal([c.Id], await kit.InMemory.ListDueAsync(c.NextDueAt!.Value + Duration.FromDays(30), default));
    }

    [Fact]
    public async Task ListDueAsync_FollowsEachCasesNextDueInstantAsItMoves_InDueOrder()
    {
        var kit = new BareCounty();
        var ids = new List<CaseId>();
        for (var i = 0; i < 6; i++)
        {
            kit.Clock.Advance(Duration.FromMinutes(37 * (i + 1)));
            ids.Add((await kit.RegisterAsync(Report(phone: $"1390000000{i}"))).Id);
        }

        // Moving two cases on changes their next due instants: each must be listed once, at its new place.
        await kit.Desk.AcceptAsync(ids[0], Dispatcher);
        await kit.Desk.DispatchAsync(ids[0], Dispatcher, Community);
        await kit.Desk.AcceptAsync(ids[3], Dispatcher);

        var all = new List<Case>();
        foreach (var id in ids)
        {
            all.Add((await kit.InMemory.LoadAsync(id, default))!);
        }

        foreach (var probe in all.Select(c => c.NextDueAt!.Value).Append(Start).Append(Start + Duration.FromDays(60)))
        {
            var expected = all.Where(c => c.NextDueAt <= probe).OrderBy(c => c.NextDueAt).ThenBy(c => c.Id.Value, StringComparer.Ordinal).Select(c => c.Id);
            Assert.Equal(expected, await kit.InMemory.ListDueAsync(probe, default));
        }
    }
}
