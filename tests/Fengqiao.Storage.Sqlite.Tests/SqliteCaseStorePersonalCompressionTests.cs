using System.Text;
using Fengqiao.Cases;
using Fengqiao.Storage.Sqlite.Internal;
using Fengqiao.Testing;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Compressed personal documents (schema 14): <c>personal.data</c> stored as the marker byte and a zstd frame,
/// as bodies are; the digest in each body covers the document's JSON, so documents written as text before schema 14
/// read, verify, repair and erase beside compressed ones, and an undecodable one is refused as edited.</summary>
public sealed class SqliteCaseStorePersonalCompressionTests : IDisposable
{
    private const string Phone = "13912345678";
    private static readonly SqliteCaseStoreOptions NoCache = new() { SnapshotCacheSize = 0 };
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task AppendAsync_ACaseWithPersonalData_StoresEveryDocumentCompressedBehindTheMarkerAndSmallerThanItsJson()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, NoCache);
        var kit = StoreFactory.Kit(store);
        var c = await kit.RegisterAsync(Report(phone: Phone));
        c = await kit.Desk.SuperviseAsync(c.Id, Leader, "督办：请尽快回复");

        var documents = Rows(path, "SELECT version FROM personal ORDER BY version");
        Assert.Equal(["1", $"{c.Version}"], documents);
        Assert.Equal(["blob 2"], Rows(path, "SELECT typeof(data), count(*) FROM personal GROUP BY typeof(data)"));
        Assert.Equal(["2"], Rows(path, $"SELECT count(*) FROM personal WHERE substr(data, 1, 1) = X'0{StoredBodies.ZstdPersonal1}'"));
        var stored = long.Parse(Assert.Single(Rows(path, "SELECT sum(length(data)) FROM personal")), System.Globalization.CultureInfo.InvariantCulture);
        var json = PersonalDocuments(path).Sum(d => Encoding.UTF8.GetByteCount(d));
        Assert.True(stored < json, $"{stored} stored bytes for {json} bytes of JSON");
        Assert.Contains(Phone, string.Join("\n", PersonalDocuments(path)), StringComparison.Ordinal);
        Assert.DoesNotContain(Phone, Encoding.UTF8.GetString(Blobs(path, "SELECT data FROM personal").SelectMany(b => b).ToArray()), StringComparison.Ordinal);
        Assert.Null(CaseComparison.Difference(c, await store.LoadAsync(c.Id, default)));
        Assert.Equal("督办：请尽快回复", ((Cases.Events.CaseSupervised)(await store.ReadEventsAsync(c.Id, default))[^1].Payload).Note);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Open_ASchemaThirteenFile_ReadsItsTextDocumentsAndCompressesOnlyTheNewOnes(bool keyedChain)
    {
        var chainKey = keyedChain ? Enumerable.Range(1, 32).Select(i => (byte)i).ToArray() : null;
        var path = stores.NewPath();
        var (a, b) = await LegacyFiles.DispatchedAndNoiseAsync(path, 13, chainKey);
        Assert.Equal(["13"], Rows(path, "PRAGMA user_version"));
        Assert.Equal(["0"], Rows(path, "SELECT count(*) FROM personal WHERE typeof(data) <> 'text'"));
        var textRows = Rows(path, "SELECT case_id, version, data FROM personal ORDER BY case_id, version");

        var store = stores.OpenFile(path, new SqliteCaseStoreOptions { ChainKey = chainKey, SnapshotCacheSize = 0 });
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Assert.Contains("14 personal documents written from now on are compressed", string.Join("\n", Rows(path, "SELECT version, description FROM schema_versions")), StringComparison.Ordinal);
        Assert.Null(CaseComparison.Difference(a, await store.LoadAsync(a.Id, default)));
        Assert.Null(CaseComparison.Difference(b, (await store.LoadManyAsync([b.Id], default))[0]));

        var supervised = await StoreFactory.Kit(store).Desk.SuperviseAsync(a.Id, Leader, "快办");

        // The old documents stay text, untouched; only the new one is compressed.
        Assert.Equal(textRows, Rows(path, "SELECT case_id, version, data FROM personal WHERE typeof(data) = 'text' ORDER BY case_id, version"));
        Assert.Equal([$"{a.Id} {supervised.Version}"], Rows(path, "SELECT case_id, version FROM personal WHERE typeof(data) = 'blob'"));
        Assert.Null(CaseComparison.Difference(supervised, await store.LoadAsync(a.Id, default)));
        var history = await store.ReadEventsAsync(a.Id, default);
        Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), supervised));
        Assert.Equal("快办", ((Cases.Events.CaseSupervised)history[^1].Payload).Note);
        Assert.Equal(LegacyFiles.NoisePhone, (await store.LoadAsync(b.Id, default))!.Report.Reporter.Phone);
        var verified = await store.VerifyAsync(default);
        Assert.True(verified.IsIntact, string.Join("; ", verified.Problems.Select(p => p.Description)));
        Assert.Equal(0, (await store.RepairAsync(default)).CasesRepaired);
    }

    [Fact]
    public async Task EraseReporterAsync_ACaseWithTextAndCompressedDocuments_DeletesBothAndTheCaseStillVerifies()
    {
        var path = stores.NewPath();
        Case c;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            var writing = StoreFactory.Kit(writer);
            c = await writing.RegisterAsync(Report(phone: Phone));
            c = await writing.Desk.SuperviseAsync(c.Id, Leader, "旧督办");
        }

        LegacyFiles.ToSchemaThirteen(path);
        var store = stores.OpenFile(path, NoCache);
        var kit = StoreFactory.Kit(store);
        c = await kit.Desk.SuperviseAsync(c.Id, Leader, "新督办");
        Assert.Equal(["blob", "text", "text"], Rows(path, $"SELECT typeof(data) FROM personal WHERE case_id = '{c.Id}' ORDER BY typeof(data)"));

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        Assert.Equal(["null 3"], Rows(path, $"SELECT typeof(data), count(*) FROM personal WHERE case_id = '{c.Id}' GROUP BY typeof(data)"));
        foreach (var text in new[] { string.Join("\n", Bodies(path)), string.Join("\n", SnapshotBodies(path)), string.Join("\n", PersonalDocuments(path)) })
        {
            Assert.DoesNotContain(Phone, text, StringComparison.Ordinal);
            Assert.DoesNotContain("旧督办", text, StringComparison.Ordinal);
            Assert.DoesNotContain("新督办", text, StringComparison.Ordinal);
        }

        var verified = await store.VerifyAsync(default);
        Assert.True(verified.IsIntact, string.Join("; ", verified.Problems.Select(p => p.Description)));
        var loaded = (await store.LoadAsync(c.Id, default))!;
        Assert.True(loaded.Report.IsPersonalDataErased);
        Assert.Equal(c.Version + 1, loaded.Version);
        var notes = (await store.ReadEventsAsync(c.Id, default)).Select(e => e.Payload).OfType<Cases.Events.CaseSupervised>().Select(s => s.Note);
        Assert.Equal([CaseReport.ErasedText, CaseReport.ErasedText], notes);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(9)]
    public async Task VerifyAsync_ACompressedPersonalDocumentDamagedInTheFile_ReportsItsCaseAndEventAndLoadIsRefused(int offset)
    {
        var path = stores.NewPath();
        // Replaying (no snapshots): the load reads the personal documents, as a cache miss without a snapshot does.
        var store = stores.OpenFile(path, new SqliteCaseStoreOptions { SnapshotCacheSize = 0, SnapshotInterval = 0 });
        var c = await StoreFactory.Kit(store).RegisterAsync(Report(phone: Phone));
        var before = Assert.Single(Blobs(path, $"SELECT data FROM personal WHERE case_id = '{c.Id}' AND version = 1"));
        var after = before.ToArray();
        after[Math.Min(offset, after.Length - 1)] ^= 0x5A;
        using (var connection = Connect(path))
        using (var write = connection.CreateCommand())
        {
            write.CommandText = $"UPDATE personal SET data = $data WHERE case_id = '{c.Id}' AND version = 1";
            write.Parameters.AddWithValue("$data", after);
            Assert.Equal(1, write.ExecuteNonQuery());
        }

        var verified = await store.VerifyAsync(default);

        var problem = Assert.Single(verified.Problems);
        Assert.Equal(c.Id, problem.CaseId);
        Assert.Contains($"Event 1 of case '{c.Id}'", problem.Description, StringComparison.Ordinal);
        Assert.False(problem.IsRepairable);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadAsync(c.Id, default).AsTask());
        Assert.Equal((c.Id, 1L), (e.CaseId, e.Version));
        Assert.DoesNotContain(Phone, e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"salt\":\"BS6xn55vjC4jalA+cPf2sw==\",\"location\":{},\"reporter\":{\"name\":\"居民21053\",\"phone\":\"13661576846\"},\"text\":\"livelihood matter in 雅山网格5\"}")]
    [InlineData("{\"salt\":\"P1iF23lCttx3Fp6hqXWkgg==\",\"staff\":{\"reply\":\"handled by yashan-community-1 已办理并答复 \u0001 \uD83D\uDE00\"}}")]
    public void EncodePersonal_ADocumentOfTheUsualShape_IsCompressedBehindThePersonalMarkerAndReadsBackTheSame(string json)
    {
        var stored = Assert.IsType<byte[]>(StoredBodies.EncodePersonal(json));

        Assert.Equal(StoredBodies.ZstdPersonal1, stored[0]);
        Assert.True(stored.Length < Encoding.UTF8.GetByteCount(json) * 0.8, $"{stored.Length} stored bytes for {Encoding.UTF8.GetByteCount(json)} bytes of JSON");
        Assert.Equal(json, StoredBodies.DecodeText(stored));
    }

    [Theory]
    [InlineData("")]
    [InlineData("{}")]
    [InlineData("x")]
    public void EncodePersonal_ADocumentNoSmallerCompressed_IsStoredAsItsText(string json)
    {
        Assert.Same(json, StoredBodies.EncodePersonal(json));
    }

    [Fact]
    public void PersonalDictionaryDigest_IsTheShippedDictionary_WhichMustNeverChange()
    {
        // Personal dictionary 1 is part of the file format: every document written under its marker needs exactly these bytes to read.
        Assert.Equal("9331AA06FCB799E13BA07D8D0C19F9004CCE5335E5620F5E1D8B138B45F0755F", StoredBodies.PersonalDictionaryDigest);
    }

    private static List<byte[]> Blobs(string path, string sql)
    {
        using var connection = Connect(path);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var blobs = new List<byte[]>();
        while (reader.Read())
        {
            blobs.Add((byte[])reader.GetValue(0));
        }

        return blobs;
    }
}
