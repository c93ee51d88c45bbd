using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Storage.Internal;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The cache of folded cases both stores compile from src/Shared (tested here, on the SQLite package's copy):
/// least recently used out, and a fold never replaced by an older one.</summary>
public sealed class SnapshotCacheTests
{
    [Fact]
    public async Task Put_AnOlderFoldAfterANewerOne_KeepsTheNewer()
    {
        var (v1, v2) = await TwoVersionsAsync();
        var cache = new SnapshotCache(4);

        cache.Put(v2);
        cache.Put(v1);

        Assert.True(cache.TryGet(v2.Id, 2, out var held));
        Assert.Same(v2, held);
        Assert.False(cache.TryGet(v1.Id, 1, out _));
        Assert.Equal(2, cache.HeldVersion(v1.Id));
    }

    [Fact]
    public async Task Put_ANewerOrTheSameVersion_ReplacesTheHeldFold()
    {
        var county = new BareCounty();
        var v1 = await county.RegisterAsync();
        var rewritten = Case.Replay(await county.HistoryAsync(v1.Id), Calendar);
        var v2 = await county.Desk.SuperviseAsync(v1.Id, Leader, "快办", default);
        var cache = new SnapshotCache(4);

        cache.Put(v1);
        cache.Put(rewritten);
        Assert.True(cache.TryGet(v1.Id, 1, out var same));
        cache.Put(v2);

        Assert.Same(rewritten, same);
        Assert.True(cache.TryGet(v1.Id, 2, out var newer));
        Assert.Same(v2, newer);
        Assert.Equal(1, cache.Count);
    }

    [Fact]
    public async Task Put_BeyondCapacity_EvictsTheLeastRecentlyUsedCase()
    {
        var county = new BareCounty();
        var a = await county.RegisterAsync(Report(phone: "13900000001"));
        var b = await county.RegisterAsync(Report(phone: "13900000002"));
        var c = await county.RegisterAsync(Report(phone: "13900000003"));
        var cache = new SnapshotCache(2);

        cache.Put(a);
        cache.Put(b);
        Assert.True(cache.TryGet(a.Id, 1, out _)); // a is now the most recently used
        cache.Put(c);

        Assert.Equal(2, cache.Count);
        Assert.True(cache.TryGet(a.Id, 1, out _));
        Assert.False(cache.TryGet(b.Id, 1, out _));
        Assert.Equal(0, cache.HeldVersion(b.Id));
        Assert.True(cache.TryGet(c.Id, 1, out _));
    }

    [Fact]
    public async Task Put_WithCapacityZero_KeepsNothing()
    {
        var (v1, _) = await TwoVersionsAsync();
        var cache = new SnapshotCache(0);

        cache.Put(v1);

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(v1.Id, 1, out _));
    }

    [Fact]
    public async Task Clear_AfterPuts_ForgetsEveryCase()
    {
        var (v1, _) = await TwoVersionsAsync();
        var cache = new SnapshotCache(4);
        cache.Put(v1);

        cache.Clear();

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGet(v1.Id, 1, out _));
    }

    [Fact]
    public void Ctor_ANegativeCapacity_IsRefused() =>
        Assert.Equal("capacity", Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotCache(-1)).ParamName);

    [Fact]
    public async Task Put_ReadersAndWritersAtOnce_EndsHoldingTheNewestVersionOfEachCase()
    {
        // Writers put each case's versions in order while readers put stale versions they read earlier: whatever the
        // interleaving, the cache ends at each case's last version.
        var county = new BareCounty();
        var versions = new List<Case[]>();
        for (var i = 0; i < 8; i++)
        {
            var c = await county.RegisterAsync(Report(phone: $"1390000{i:0000}"));
            var chain = new Case[20];
            chain[0] = c;
            for (var v = 1; v < chain.Length; v++)
            {
                var e = new CaseEvent(c.Id, chain[v - 1].Version + 1, chain[v - 1].UpdatedAt, Leader, c.State, c.State, new CaseSupervised($"{v}"));
                chain[v] = chain[v - 1].Apply(e);
            }

            versions.Add(chain);
        }

        var cache = new SnapshotCache(64);
        await Task.WhenAll(versions.SelectMany(chain => new[]
        {
            Task.Run(() => Array.ForEach(chain, cache.Put)),
            Task.Run(() => Array.ForEach(chain.Reverse().ToArray(), cache.Put)),
        }));

        Assert.All(versions, chain => Assert.Equal(chain[^1].Version, cache.HeldVersion(chain[0].Id)));
    }

    private static async Task<(Case V1, Case V2)> TwoVersionsAsync()
    {
        var county = new BareCounty();
        var v1 = await county.RegisterAsync();
        var v2 = await county.Desk.SuperviseAsync(v1.Id, Leader, "快办", default);
        return (v1, v2);
    }
}
