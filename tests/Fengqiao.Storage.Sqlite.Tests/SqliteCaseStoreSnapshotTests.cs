using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Serialization;
using Fengqiao.Testing;
using NodaTime;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>On-disk snapshots (schema 9): written with each append, read by a load instead of a replay, ignored when
/// their format or calendar moved, sealed to the hash chain, checked by verify and rebuilt by repair. What a reopened
/// store loads (on another calendar, after an erasure, over random histories) is the conformance suite's reopen checks
/// (<see cref="CaseStoreConformance.ReopenCheckNames"/>), which both stores run; these are the checks that edit the file.</summary>
public sealed class SqliteCaseStoreSnapshotTests : IDisposable
{
    private static readonly SqliteCaseStoreOptions NoCache = new() { SnapshotCacheSize = 0 };

    /// <summary>A snapshot every fourth version, and no cache.</summary>
    private static readonly SqliteCaseStoreOptions EveryFourth = new() { SnapshotCacheSize = 0, SnapshotInterval = 4 };
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task AppendAsync_EachAppend_WritesTheFoldAtItsVersionInTheSameTransaction()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, NoCache);
        var kit = StoreFactory.Kit(store);
        var c = await kit.RatedAsync();

        var row = Assert.Single(Rows(path, "SELECT case_id, version, format, calendar FROM snapshots"));
        Assert.Equal($"{c.Id} {c.Version} {CaseSnapshotJson.FormatVersion} {Calendar.Fingerprint}", row);
        var body = Assert.Single(SnapshotBodies(path));
        Assert.Equal(System.Text.Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(Case.Replay(await store.ReadEventsAsync(c.Id, default), Calendar))), body);
    }

    [Fact]
    public async Task LoadAsync_AfterReopening_ReadsTheSnapshotRowAndNoEvents()
    {
        var path = stores.NewPath();
        Case c;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            c = await StoreFactory.Kit(writer).RatedAsync();
        }

        var expected = Case.Replay(await stores.OpenFile(path).ReadEventsAsync(c.Id, default), Calendar);

        // Without the events after registration (and without the chain check on load, which would refuse that), only
        // the snapshot can still give the rated case.
        Execute(path, $"DELETE FROM events WHERE case_id = '{c.Id}' AND version > 1");
        var store = stores.OpenFile(path, new SqliteCaseStoreOptions { SnapshotCacheSize = 0, VerifyChainOnLoad = false });

        Assert.Equal(CaseComparison.Fingerprint(expected), CaseComparison.Fingerprint((await store.LoadAsync(c.Id, default))!));
        Assert.Equal(CaseComparison.Fingerprint(expected), CaseComparison.Fingerprint((await store.LoadManyAsync([c.Id], default))[0]!));
        Assert.Null(CaseComparison.Difference(expected, await store.FindByQueryCodeAsync(c.QueryCodeDigest, default)));
    }

    [Theory]
    [InlineData("format = format + 1")]
    [InlineData("calendar = 'another calendar'")]
    public async Task LoadAsync_ASnapshotWhoseFormatOrCalendarMoved_IsIgnoredReplayedAndRewrittenAtTheNextAppend(string change)
    {
        var path = stores.NewPath();
        Case c;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            c = await StoreFactory.Kit(writer).InProgressAsync();
        }

        // The body would not read: only a replay gives the case.
        Execute(path, $"UPDATE snapshots SET {change}, body = X'7B7D'");
        var store = stores.OpenFile(path, NoCache);
        var expected = Case.Replay(await store.ReadEventsAsync(c.Id, default), Calendar);

        Assert.Null(CaseComparison.Difference(expected, await store.LoadAsync(c.Id, default)));
        Assert.Null(CaseComparison.Difference(expected, (await store.LoadManyAsync([c.Id], default))[0]));
        Assert.True((await store.VerifyAsync(default)).IsIntact);

        await StoreFactory.Kit(store).Desk.SuperviseAsync(c.Id, Leader, "快办", default);
        Assert.Equal([$"{c.Version + 1} {CaseSnapshotJson.FormatVersion} {Calendar.Fingerprint}"], Rows(path, "SELECT version, format, calendar FROM snapshots"));
        Assert.Equal(c.Version + 1, (await store.LoadAsync(c.Id, default))!.Version);
    }

    [Fact]
    public async Task LoadAsync_ASnapshotEditedInTheFile_IsRefusedVerifyNamesTheCaseAndRepairRebuildsIt()
    {
        var path = stores.NewPath();
        Case c;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            c = await StoreFactory.Kit(writer).RatedAsync();
        }

        Assert.Equal(1, EditSnapshots(path, b => b.Replace("\"rts\":[", "\"rts\":[1,", StringComparison.Ordinal)));
        var store = stores.OpenFile(path, NoCache);

        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadAsync(c.Id, default).AsTask());
        await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadManyAsync([c.Id], default).AsTask());
        var verified = await store.VerifyAsync(default);
        var repaired = await store.RepairAsync(default);

        Assert.Equal((c.Id, c.Version, SqliteCaseStoreOperation.Load), (e.CaseId, e.Version, e.Operation));
        Assert.Contains("snapshot", e.Message, StringComparison.Ordinal);
        var problem = Assert.Single(verified.Problems);
        Assert.Equal((c.Id, true), (problem.CaseId, problem.IsRepairable));
        Assert.Contains("snapshot", problem.Description, StringComparison.Ordinal);
        Assert.Equal(1, repaired.CasesRepaired);
        Assert.True((await store.VerifyAsync(default)).IsIntact);
        Assert.Equal<CaseRating>(c.Ratings, (await store.LoadAsync(c.Id, default))!.Ratings);
    }

    [Fact]
    public async Task LoadAsync_AnEventEditedBehindItsSnapshot_GivesTheSealedFoldWhileReadEventsAndVerifyRefuseTheEdit()
    {
        var path = stores.NewPath();
        Case c;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            c = await StoreFactory.Kit(writer).RatedAsync();
        }

        Assert.Equal(1, EditBodies(path, $"WHERE case_id = '{c.Id}' AND version = 2", b => b.Replace("\"d1\"", "\"d9\"", StringComparison.Ordinal)));
        var store = stores.OpenFile(path, NoCache);

        // The snapshot was sealed to the chain head when the genuine events were appended: the edit cannot change what
        // a load gives, and the history and verify still name it.
        Assert.Null(CaseComparison.Difference(c, await store.LoadAsync(c.Id, default)));
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.ReadEventsAsync(c.Id, default).AsTask());
        Assert.Equal((c.Id, 2L), (e.CaseId, e.Version));
        Assert.Equal((c.Id, 2L, false), Assert.Single((await store.VerifyAsync(default)).Problems) is var p ? (p.CaseId, p.Version, p.IsRepairable) : default);
    }

    [Fact]
    public async Task VerifyAsync_ASnapshotResealedWithoutTheFold_IsReportedAsNotTheFoldOfItsEvents()
    {
        // An unkeyed chain can be resealed by anyone: verify still compares the snapshot with the events' fold.
        var path = stores.NewPath();
        var store = stores.OpenFile(path, NoCache);
        var c = await StoreFactory.Kit(store).DispatchedAsync();
        var wrong = CaseSnapshotJson.SerializeToUtf8Bytes(Case.Replay((await store.ReadEventsAsync(c.Id, default)).Take(1), Calendar));
        var head = Convert.FromHexString(Assert.Single(Rows(path, "SELECT hex(head) FROM cases")));
        var seal = Fengqiao.Cases.Integrity.CaseEventChain.Unkeyed.Link(head, c.Id.Value, c.Version, "snapshot " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(wrong)));
        Execute(path, $"UPDATE snapshots SET body = X'{Convert.ToHexString(wrong)}', seal = X'{Convert.ToHexString(seal)}'");

        var verified = await store.VerifyAsync(default);

        var problem = Assert.Single(verified.Problems);
        Assert.Equal(c.Id, problem.CaseId);
        Assert.Contains("not the fold", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EraseReporterAsync_LeavesNoPersonalDataInTheSnapshotAndLoadsTheErasedCase()
    {
        const string Text = "我是欧阳明华，电话13912345678，住人民路18号，楼上漏水";
        var path = stores.NewPath();
        var store = stores.OpenFile(path, NoCache);
        var kit = StoreFactory.Kit(store);
        var c = (await kit.Desk.RegisterAsync(new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, "人民路18号", 30.1, 120.2), new Reporter("欧阳明华", "13912345678"), Text), Intake)).Case;
        await kit.Desk.RegisterAsync(new CaseReport(c.Report.Channel, c.Report.Category, c.Report.Priority, c.Report.Location, c.Report.Reporter, "又漏了"), Intake);
        var before = string.Join("\n", SnapshotBodies(path));
        Assert.Contains("13912345678", before, StringComparison.Ordinal);

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        var after = string.Join("\n", SnapshotBodies(path));
        foreach (var personal in new[] { "13912345678", "欧阳明华", "人民路18号", "楼上漏水", "又漏了", "30.1" })
        {
            Assert.DoesNotContain(personal, after, StringComparison.Ordinal);
        }

        var loaded = (await store.LoadAsync(c.Id, default))!;
        Assert.All(loaded.JoinedReports.Prepend(loaded.Report), r => Assert.True(r.IsPersonalDataErased));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task Open_ASchemaSevenFile_BuildsNoSnapshotUntilTheCaseIsAppendedToOrRepaired()
    {
        var path = stores.NewPath();
        Case a, b;
        await using (var writer = SqliteCaseStore.Open(path, Calendar))
        {
            var kit = StoreFactory.Kit(writer);
            a = await kit.DispatchedAsync();
            b = await kit.RegisterAsync(Report(phone: "13900000009", category: "noise"));
        }

        LegacyFiles.ToSchemaSeven(path);

        var store = stores.OpenFile(path, NoCache);
        Assert.Equal(["0"], Rows(path, "SELECT count(*) FROM snapshots"));
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Assert.Equal(a.Version, (await store.LoadAsync(a.Id, default))!.Version);
        Assert.Equal(b.Version, (await store.LoadManyAsync([b.Id], default))[0]!.Version);

        await StoreFactory.Kit(store).Desk.SuperviseAsync(a.Id, Leader, "快办", default);
        Assert.Equal([$"{a.Id}"], Rows(path, "SELECT case_id FROM snapshots"));

        var repaired = await store.RepairAsync(default);
        Assert.Equal(0, repaired.CasesRepaired);
        Assert.Equal([$"{a.Id} {a.Version + 1}", $"{b.Id} {b.Version}"], Rows(path, "SELECT case_id, version FROM snapshots ORDER BY case_id"));
    }

    [Fact]
    public async Task LoadAsync_ASnapshotOlderThanTheCase_ReplaysOnlyTheEventsAfterItAndChecksTheirChain()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, new SqliteCaseStoreOptions { SnapshotCacheSize = 0, SnapshotInterval = 4 });
        var kit = StoreFactory.Kit(store);
        var c = await kit.RatedAsync();
        var history = await store.ReadEventsAsync(c.Id, default);
        var snapshotVersion = long.Parse(Assert.Single(Rows(path, "SELECT version FROM snapshots")), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(snapshotVersion < c.Version && snapshotVersion % 4 == 0, $"snapshot at {snapshotVersion}, case at {c.Version}");

        Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), await store.LoadAsync(c.Id, default)));
        Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), (await store.LoadManyAsync([c.Id], default))[0]));

        Assert.Equal(1, EditBodies(path, $"WHERE case_id = '{c.Id}' AND version = {c.Version}", b => b + " "));
        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadAsync(c.Id, default).AsTask());
        Assert.Equal(c.Version, e.Version);
    }

    [Fact]
    public async Task LoadManyAsync_SnapshotsOlderThanTheirCases_FoldsEachFromOneBatchedReadOfTheEventsAfterIt()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, EveryFourth);
        var kit = StoreFactory.Kit(store);
        Case[] cases = [await kit.RatedAsync(), await kit.RegisterAsync(Report(phone: "13800000002")), await DispatchedAsync(kit, "13800000003"), await StartedAsync(kit, "13800000004")];
        var snapshotAt = Rows(path, "SELECT case_id, version FROM snapshots").Select(r => r.Split(' ')).ToDictionary(r => r[0], r => long.Parse(r[1], System.Globalization.CultureInfo.InvariantCulture));
        var olderSnapshots = cases.Count(c => snapshotAt[c.Id.Value] < c.Version);
        Assert.True(olderSnapshots >= 2, $"{olderSnapshots} of {cases.Length} cases have a snapshot older than the case");

        var loaded = await store.LoadManyAsync([.. cases.Select(c => c.Id)], default);

        Assert.Equal(olderSnapshots, store.SnapshotTailsRead);
        Assert.Equal(0, store.CasesReplayed);
        for (var i = 0; i < cases.Length; i++)
        {
            Assert.Null(CaseComparison.Difference(Case.Replay(await store.ReadEventsAsync(cases[i].Id, default), Calendar), loaded[i]));
        }
    }

    [Fact]
    public async Task LoadManyAsync_AnEventAfterAnOlderSnapshotEdited_RefusesTheBatchNamingTheCaseAndVersion()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, EveryFourth);
        var kit = StoreFactory.Kit(store);
        var bad = await kit.RatedAsync();
        var good = await DispatchedAsync(kit, "13800000002");
        Assert.Equal(1, EditBodies(path, $"WHERE case_id = '{bad.Id}' AND version = {bad.Version}", b => b + " "));

        var e = await Assert.ThrowsAsync<SqliteCaseStoreTamperException>(() => store.LoadManyAsync([good.Id, bad.Id], default).AsTask());

        Assert.Equal((bad.Id, bad.Version, SqliteCaseStoreOperation.Load), (e.CaseId, e.Version, e.Operation));
        Assert.Equal(good.Version, (await store.LoadManyAsync([good.Id], default))[0]?.Version);
    }

    [Fact]
    public void TailsQuery_ReadsEachCasesEventsByAPrimaryKeyRange()
    {
        var path = stores.NewPath();
        stores.OpenFile(path);

        var plan = string.Join(" | ", Rows(path, "EXPLAIN QUERY PLAN " + SqliteCaseStore.TailsQuery.Replace("$tails", "'[[\"a\",2],[\"b\",5]]'", StringComparison.Ordinal), column: 3));

        Assert.Contains("SEARCH e USING PRIMARY KEY (case_id=? AND version>?)", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SCAN e", plan, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SweepAsync_WithASnapshotInterval_FoldsEachDueCaseFromItsSnapshotAndTheEventsAfterIt()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, EveryFourth);
        var kit = StoreFactory.Kit(store);
        Case[] cases = [await DispatchedAsync(kit, "13800000001"), await StartedAsync(kit, "13800000002"), await DispatchedAsync(kit, "13800000003")];

        var result = await kit.Desk.SweepAsync(cases.Max(c => c.NextDueAt!.Value));

        Assert.Equal(cases.Length, result.CasesSwept);
        Assert.True(store.SnapshotTailsRead >= 2, $"{store.SnapshotTailsRead} cases folded from an older snapshot");
        Assert.Equal(0, store.CasesReplayed);
        foreach (var c in cases)
        {
            var history = await store.ReadEventsAsync(c.Id, default);
            Assert.True(history.Count > c.Version, $"case {c.Id}: {history.Count} events after the sweep, {c.Version} before");
            Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), (await store.LoadManyAsync([c.Id], default))[0]));
        }
    }

    /// <summary>A case of its own (a report with its own phone, so it is not joined to the kit's first case), dispatched.</summary>
    private static async Task<Case> DispatchedAsync(BareCounty kit, string phone)
    {
        var c = await kit.RegisterAsync(Report(phone: phone));
        await kit.Desk.AcceptAsync(c.Id, Dispatcher);
        return await kit.Desk.DispatchAsync(c.Id, Dispatcher, Community);
    }

    /// <summary>A case of its own, dispatched, claimed and started by <see cref="BareCounty.Worker"/>.</summary>
    private static async Task<Case> StartedAsync(BareCounty kit, string phone)
    {
        var c = await DispatchedAsync(kit, phone);
        await kit.Desk.ClaimAsync(c.Id, Worker);
        return await kit.Desk.StartAsync(c.Id, Worker);
    }
}
