using Fengqiao.Cases;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using static Fengqiao.Testing.BareCounty;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Tamper evidence: each case's events form a hash chain; an edit, a deleted event or a damaged derived column
/// is refused at load and reported by verify. A damaged derived column, which repair fixes, is the conformance suite's
/// case-row checks (<see cref="CaseStoreConformance.CaseRowCheckNames"/>).</summary>
public sealed class SqliteCaseStoreChainTests : IDisposable
{
    // The reply is kept in the personal document; the body holds its place ("rp":true), where a forger would write one.
    private const string ReplyInBody = "\"rp\":true";

    private const string ForgedReply = "\"rp\":\"未维修\"";

    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task LoadAsync_TheLastEventDeleted_IsRefusedAndVerifyNamesTheMissingVersion()
    {
        var (path, c) = await ClosedCaseAsync();
        Execute(path, $"DELETE FROM events WHERE case_id = '{c.Id}' AND version = {c.Version}");

        await using var store = SqliteCaseStore.Open(path, Calendar, StoreFactory.Replaying);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadAsync(c.Id, default).AsTask());
        var verified = await store.VerifyAsync(default);
        var repaired = await store.RepairAsync(default);

        Assert.Equal(c.Version, e.Version);
        Assert.Contains("deleted", e.Message, StringComparison.Ordinal);
        Assert.Equal(c.Version, Assert.Single(verified.Problems).Version);
        Assert.Equal(0, repaired.CasesRepaired);
        Assert.Single(repaired.Problems);
    }

    [Fact]
    public async Task VerifyAsync_AnUntouchedFile_IsIntactAndCountsEveryEvent()
    {
        var (path, c) = await ClosedCaseAsync();

        await using var store = SqliteCaseStore.Open(path, Calendar);
        var verified = await store.VerifyAsync(default);

        Assert.True(verified.IsIntact, string.Join("; ", verified.Problems));
        Assert.Equal(1, verified.CasesChecked);
        Assert.Equal(c.Version, verified.EventsChecked);
    }

    [Fact]
    public async Task LoadAsync_VerifyChainOnLoadOff_LoadsAnEditedCaseButVerifyStillReportsIt()
    {
        var (path, c) = await ClosedCaseAsync();
        EditEvent(path, c.Id, ReplyInBody, ForgedReply);

        await using var store = SqliteCaseStore.Open(path, Calendar, new SqliteCaseStoreOptions { VerifyChainOnLoad = false });

        Assert.NotNull(await store.LoadAsync(c.Id, default));
        Assert.False((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task Open_WithAChainKey_AnotherKeyFailsVerificationAndTheSameKeyPasses()
    {
        var key = new SqliteCaseStoreOptions { ChainKey = "county-441900"u8.ToArray() };
        var path = stores.NewPath();
        Case c;
        await using (var store = SqliteCaseStore.Open(path, Calendar, key))
        {
            c = await StoreFactory.Kit(store).DispatchedAsync();
        }

        await using (var unkeyed = SqliteCaseStore.Open(path, Calendar))
        {
            Assert.Equal(1, Assert.Single((await unkeyed.VerifyAsync(default)).Problems).Version);
        }

        await using (var keyed = SqliteCaseStore.Open(path, Calendar, key))
        {
            Assert.True((await keyed.VerifyAsync(default)).IsIntact);
            Assert.Equal(c.Version, (await keyed.LoadAsync(c.Id, default))!.Version);
        }
    }

    [Fact]
    public async Task Open_AVersionTwoFile_ChainsItsEventsAndLaterAppendsContinueTheChain()
    {
        var path = stores.NewPath();
        Case c;
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            c = await StoreFactory.Kit(store).DispatchedAsync();
        }

        // What a file written before the chain existed looks like.
        LegacyFiles.ToSchemaFour(path);
        LegacyFiles.Downgrade(path, 2);

        await using (var store = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            Assert.True((await store.VerifyAsync(default)).IsIntact);
            await StoreFactory.Kit(store).Desk.ClaimAsync(c.Id, Worker);
            Assert.True((await store.VerifyAsync(default)).IsIntact);
            Assert.Equal(c.Version + 1, (await store.LoadAsync(c.Id, default))!.Version);
        }
    }

    private async Task<(string Path, Case Case)> ClosedCaseAsync()
    {
        var path = stores.NewPath();
        await using var store = SqliteCaseStore.Open(path, Calendar);
        return (path, await StoreFactory.Kit(store).ClosedAsync());
    }

    /// <summary>Edits the first event of the case whose body holds <paramref name="from"/>, as a forger with a SQLite shell would.</summary>
    /// <returns>The version edited.</returns>
    private static long EditEvent(string path, CaseId id, string from, string to)
    {
        var bodies = SqliteFile.Bodies(path, $"WHERE case_id = '{id.Value}' ORDER BY version");
        var index = bodies.FindIndex(b => b.Contains(from, StringComparison.Ordinal));
        var version = index >= 0 ? index + 1L : throw new InvalidOperationException($"no event of {id} holds {from}");
        Assert.Equal(1, SqliteFile.EditBodies(path, $"WHERE case_id = '{id.Value}' AND version = {version}", b => b.Replace(from, to, StringComparison.Ordinal)));
        return version;
    }
}
