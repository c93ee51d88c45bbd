using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.Serialization;
using Fengqiao.Storage.Sqlite.Internal;
using Fengqiao.Testing;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Compressed bodies (schema 13): event and snapshot bodies stored as a marker byte and a zstd frame with the
/// package's dictionary; the chain and the seals cover the JSON, so text rows written before read, verify, repair and
/// erase beside compressed ones.</summary>
public sealed class SqliteCaseStoreCompressionTests : IDisposable
{
    private static readonly SqliteCaseStoreOptions NoCache = new() { SnapshotCacheSize = 0 };
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task AppendAsync_ANewCase_StoresEveryBodyCompressedBehindTheMarkerAndSmallerThanItsJson()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, NoCache);
        var c = await StoreFactory.Kit(store).RatedAsync();

        Assert.Equal([$"blob {c.Version}"], Rows(path, "SELECT typeof(body), count(*) FROM events GROUP BY typeof(body)"));
        Assert.Equal([$"{c.Version}"], Rows(path, $"SELECT count(*) FROM events WHERE substr(body, 1, 1) = X'0{StoredBodies.ZstdDictionary1}'"));
        Assert.Equal(["1"], Rows(path, $"SELECT count(*) FROM snapshots WHERE substr(body, 1, 1) = X'0{StoredBodies.ZstdDictionary1}'"));
        var stored = long.Parse(Assert.Single(Rows(path, "SELECT sum(length(body)) FROM events")), System.Globalization.CultureInfo.InvariantCulture);
        var json = Bodies(path).Sum(b => Encoding.UTF8.GetByteCount(b));
        Assert.True(stored * 2 < json, $"{stored} stored bytes for {json} bytes of JSON");
        var snapshot = Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(Case.Replay(await store.ReadEventsAsync(c.Id, default), Calendar)));
        Assert.Equal([snapshot], SnapshotBodies(path));
        Assert.Null(CaseComparison.Difference(c, await store.LoadAsync(c.Id, default)));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task Open_ASchemaTwelveFile_ReadsItsTextRowsAndCompressesOnlyWhatIsWrittenAfter()
    {
        var path = stores.NewPath();
        var (a, b) = await LegacyFiles.DispatchedAndNoiseAsync(path, 12);
        var textRows = Rows(path, "SELECT case_id, version FROM events WHERE typeof(body) = 'text' ORDER BY case_id, version");
        Assert.Equal(["0"], Rows(path, "SELECT count(*) FROM events WHERE typeof(body) <> 'text'"));

        var store = stores.OpenFile(path, NoCache);
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Assert.Null(CaseComparison.Difference(a, await store.LoadAsync(a.Id, default)));
        Assert.Null(CaseComparison.Difference(b, (await store.LoadManyAsync([b.Id], default))[0]));

        var supervised = await StoreFactory.Kit(store).Desk.SuperviseAsync(a.Id, Leader, "快办", default);

        // The old rows stay text, untouched; only the new event and the rewritten snapshot are compressed.
        Assert.Equal(textRows, Rows(path, "SELECT case_id, version FROM events WHERE typeof(body) = 'text' ORDER BY case_id, version"));
        Assert.Equal([$"{a.Id} {supervised.Version}"], Rows(path, "SELECT case_id, version FROM events WHERE typeof(body) = 'blob'"));
        Assert.Equal([$"{a.Id} 1", $"{b.Id} 0"], Rows(path, $"SELECT case_id, substr(body, 1, 1) = X'0{StoredBodies.ZstdDictionary1}' FROM snapshots ORDER BY case_id"));
        Assert.Null(CaseComparison.Difference(supervised, await store.LoadAsync(a.Id, default)));
        Assert.Null(CaseComparison.Difference(Case.Replay(await store.ReadEventsAsync(a.Id, default), Calendar), supervised));
        var verified = await store.VerifyAsync(default);
        Assert.True(verified.IsIntact, string.Join("; ", verified.Problems.Select(p => p.Description)));
        Assert.Equal(0, (await store.RepairAsync(default)).CasesRepaired);
    }

    [Fact]
    public async Task EraseReporterAsync_ACaseOfTextRowsInASchemaTwelveFile_RemovesThePersonalDataAndTheMixedChainVerifies()
    {
        var path = stores.NewPath();
        Case c;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            var writing = StoreFactory.Kit(writer);
            c = await writing.RegisterAsync(Report(phone: "13912345678"));
            c = await writing.Desk.AcceptAsync(c.Id, Dispatcher);
        }

        LegacyFiles.ToSchemaTwelve(path);
        var store = stores.OpenFile(path, NoCache);
        var kit = StoreFactory.Kit(store);

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        Assert.Contains("text", Rows(path, $"SELECT typeof(body) FROM events WHERE case_id = '{c.Id}'"));
        Assert.Contains("blob", Rows(path, $"SELECT typeof(body) FROM events WHERE case_id = '{c.Id}'"));
        foreach (var text in new[] { string.Join("\n", Bodies(path)), string.Join("\n", SnapshotBodies(path)), string.Join("\n", PersonalDocuments(path)) })
        {
            Assert.DoesNotContain("13912345678", text, StringComparison.Ordinal);
        }

        var verified = await store.VerifyAsync(default);
        Assert.True(verified.IsIntact, string.Join("; ", verified.Problems.Select(p => p.Description)));
        Assert.True((await store.LoadAsync(c.Id, default))!.Report.IsPersonalDataErased);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public async Task VerifyAsync_ACompressedBodyDamagedInTheFile_ReportsItsCaseAndVersionAndLoadIsRefused(int offset)
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, NoCache);
        var c = await StoreFactory.Kit(store).DispatchedAsync();
        var damaged = Damage(path, c.Id, 2, offset);

        var verified = await store.VerifyAsync(default);

        Assert.False(verified.IsIntact);
        var problem = Assert.Single(verified.Problems);
        Assert.Equal((c.Id, 2L), (problem.CaseId, problem.Version));
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.ReadEventsAsync(c.Id, default).AsTask());
        Assert.Equal((c.Id, 2L), (e.CaseId, e.Version));
        Assert.NotEqual(damaged.Before, damaged.After);
    }

    [Fact]
    public async Task LoadAsync_ACompressedSnapshotDamagedInTheFile_IsRefusedAndRepairRebuildsIt()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, NoCache);
        var c = await StoreFactory.Kit(store).DispatchedAsync();
        Execute(path, "UPDATE snapshots SET body = CAST(substr(body, 1, length(body) - 3) || X'7F7F7F' AS BLOB)");

        await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadAsync(c.Id, default).AsTask());
        Assert.False((await store.VerifyAsync(default)).IsIntact);
        Assert.Equal(1, (await store.RepairAsync(default)).CasesRepaired);
        Assert.Null(CaseComparison.Difference(c, await store.LoadAsync(c.Id, default)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("{\"f\":4,\"t\":1740971820,\"a\":{\"i\":\"dispatcher@district-secretary\",\"u\":\"district-secretary\"},\"s\":0,\"e\":1,\"k\":9}")]
    [InlineData("居民81288 在 雅山网格12 反映：楼上漏水，已维修人民路路灯 \u0001 \uD83D\uDE00")]
    public void EncodeEvent_AnyText_DecodesToTheSameText(string json)
    {
        var stored = StoredBodies.EncodeEvent(json);

        Assert.Equal(StoredBodies.ZstdDictionary1, stored[0]);
        Assert.Equal(json, StoredBodies.DecodeText(stored));
    }

    [Fact]
    public void EncodeEvent_ALongBodyPastTheLengthHeadersFirstByte_DecodesToTheSameText()
    {
        var json = "{\"tx\":\"" + string.Concat(Enumerable.Range(0, 20_000).Select(i => (char)('a' + (i * 7 % 26)))) + "\"}";

        Assert.Equal(json, StoredBodies.DecodeText(StoredBodies.EncodeEvent(json)));
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 3, 1, 2, 3 })]
    [InlineData(new byte[] { 1 })]
    [InlineData(new byte[] { 1, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01 })]
    [InlineData(new byte[] { 1, 5, 0xFF, 0xFF, 0xFF })]
    public void DecodeText_BytesThatDoNotDecode_GiveTextThatIsNotJson(byte[] stored)
    {
        var text = StoredBodies.DecodeText(stored);

        Assert.StartsWith("\u0000undecodable stored body: ", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadSnapshot_JsonWrittenBeforeSchemaThirteen_IsReturnedAsItIs()
    {
        var json = "{\"f\":1,\"v\":3}"u8.ToArray();

        Assert.Same(json, StoredBodies.ReadSnapshot(json));
        Assert.Equal(json, StoredBodies.ReadSnapshot(StoredBodies.Encode(json)));
    }

    [Fact]
    public void DictionaryDigest_IsTheShippedDictionary_WhichMustNeverChange()
    {
        // Dictionary 1 is part of the file format: every file written since schema 13 needs exactly these bytes to read.
        Assert.Equal("731020B520923F3FAA3543B9B5ACBDC7E38A0C8D1125ED84E477E425E0138734", StoredBodies.DictionaryDigest);
    }

    private static (byte[] Before, byte[] After) Damage(string path, CaseId id, long version, int offset)
    {
        using var connection = Connect(path);
        using var read = connection.CreateCommand();
        read.CommandText = $"SELECT body FROM events WHERE case_id = '{id.Value}' AND version = {version}";
        var before = (byte[])read.ExecuteScalar()!;
        var after = before.ToArray();
        after[Math.Min(offset, after.Length - 1)] ^= 0x5A;
        using var write = connection.CreateCommand();
        write.CommandText = $"UPDATE events SET body = $body WHERE case_id = '{id.Value}' AND version = {version}";
        write.Parameters.AddWithValue("$body", after);
        Assert.Equal(1, write.ExecuteNonQuery());
        return (before, after);
    }
}
