using System.Security.Cryptography;
using System.Text;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Integrity;
using Fengqiao.Cases.Serialization;
using Fengqiao.Testing;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>On-disk snapshots (schema 9), the contract of the SQLite store's schema 9: written with each append, read
/// by a load instead of a replay, ignored when their format or calendar moved, sealed to the hash chain, checked by
/// verify and rebuilt by repair. What a reopened store loads (on another calendar, after an erasure, over random
/// histories) is the conformance suite's reopen checks; these are the checks that edit the database.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreSnapshotTests(PostgresServer server) : IAsyncLifetime
{
    private static readonly PostgreSqlCaseStoreOptions NoCache = new() { SnapshotCacheSize = 0, QueryCodeKey = QueryCodeKeyBytes };
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task AppendAsync_EachAppend_WritesTheFoldAtItsVersionInTheSameTransaction()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db, NoCache);
        var c = await StoreFactory.Kit(store).RatedAsync();

        var row = Assert.Single(await TextAsync(db, "SELECT case_id || ' ' || version || ' ' || format || ' ' || calendar FROM fengqiao_snapshots"));
        Assert.Equal($"{c.Id} {c.Version} {CaseSnapshotJson.FormatVersion} {Calendar.Fingerprint}", row);
        var body = Assert.Single(await TextAsync(db, "SELECT convert_from(body, 'UTF8') FROM fengqiao_snapshots"));
        Assert.Equal(Encoding.UTF8.GetString(CaseSnapshotJson.SerializeToUtf8Bytes(Case.Replay(await store.ReadEventsAsync(c.Id, default), Calendar))), body);
    }

    [Fact]
    public async Task AppendGroupAsync_AGroupOfAppends_WritesEachCaseSnapshotAtItsLastVersion()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db, NoCache);
        var kit = StoreFactory.Kit(store);
        var a = await kit.RegisterAsync(Report(phone: "13900000001"));
        var b = await kit.RegisterAsync(Report(phone: "13900000002"));
        var a2 = Supervised(a, "一");
        var a3 = Supervised(a2.Snapshot, "二");

        var outcomes = await store.AppendGroupAsync([a2, Supervised(b, "三"), a3], default);

        Assert.All(outcomes, Assert.Null);
        Assert.Equal([$"{a.Id} 3", $"{b.Id} 2"], await TextAsync(db, "SELECT case_id || ' ' || version FROM fengqiao_snapshots ORDER BY case_id"));
        Assert.Null(CaseComparison.Difference(a3.Snapshot, await (await stores.OpenAsync(db, NoCache)).LoadAsync(a.Id, default)));
    }

    [Fact]
    public async Task LoadAsync_AfterReopening_ReadsTheSnapshotRowAndNoEvents()
    {
        var db = await stores.NewDatabaseAsync();
        var writer = await stores.OpenAsync(db);
        var c = await StoreFactory.Kit(writer).RatedAsync();
        var expected = Case.Replay(await writer.ReadEventsAsync(c.Id, default), Calendar);

        // Without the events after registration (and without the chain check on load, which would refuse that), only
        // the snapshot can still give the rated case.
        await ExecuteAsync(db, $"DELETE FROM fengqiao_events WHERE case_id = '{c.Id}' AND version > 1");
        var store = await stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { SnapshotCacheSize = 0, VerifyChainOnLoad = false, QueryCodeKey = QueryCodeKeyBytes });

        Assert.Equal(CaseComparison.Fingerprint(expected), CaseComparison.Fingerprint((await store.LoadAsync(c.Id, default))!));
        Assert.Equal(CaseComparison.Fingerprint(expected), CaseComparison.Fingerprint((await store.LoadManyAsync([c.Id], default))[0]!));
        Assert.Null(CaseComparison.Difference(expected, await store.FindByQueryCodeAsync(c.QueryCodeDigest, default)));
    }

    [Theory]
    [InlineData("format = format + 1")]
    [InlineData("calendar = 'another calendar'")]
    public async Task LoadAsync_ASnapshotWhoseFormatOrCalendarMoved_IsIgnoredReplayedAndRewrittenAtTheNextAppend(string change)
    {
        var db = await stores.NewDatabaseAsync();
        var c = await StoreFactory.Kit(await stores.OpenAsync(db)).InProgressAsync();

        // The body would not read: only a replay gives the case.
        await ExecuteAsync(db, $"UPDATE fengqiao_snapshots SET {change}, body = '\\x7b7d'::bytea");
        var store = await stores.OpenAsync(db, NoCache);
        var expected = Case.Replay(await store.ReadEventsAsync(c.Id, default), Calendar);

        Assert.Null(CaseComparison.Difference(expected, await store.LoadAsync(c.Id, default)));
        Assert.Null(CaseComparison.Difference(expected, (await store.LoadManyAsync([c.Id], default))[0]));
        Assert.True((await store.VerifyAsync(default)).IsIntact);

        await StoreFactory.Kit(store).Desk.SuperviseAsync(c.Id, Leader, "快办", default);
        Assert.Equal([$"{c.Version + 1} {CaseSnapshotJson.FormatVersion} {Calendar.Fingerprint}"],
            await TextAsync(db, "SELECT version || ' ' || format || ' ' || calendar FROM fengqiao_snapshots"));
        Assert.Equal(c.Version + 1, (await store.LoadAsync(c.Id, default))!.Version);
    }

    [Fact]
    public async Task LoadAsync_ASnapshotEditedInTheDatabase_IsRefusedVerifyNamesTheCaseAndRepairRebuildsIt()
    {
        var db = await stores.NewDatabaseAsync();
        var c = await StoreFactory.Kit(await stores.OpenAsync(db)).RatedAsync();

        await ExecuteAsync(db, "UPDATE fengqiao_snapshots SET body = convert_to(replace(convert_from(body, 'UTF8'), '\"rts\":[', '\"rts\":[1,'), 'UTF8')");
        var store = await stores.OpenAsync(db, NoCache);

        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.LoadAsync(c.Id, default).AsTask());
        await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.LoadManyAsync([c.Id], default).AsTask());
        await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.FindByQueryCodeAsync(c.QueryCodeDigest, default).AsTask());
        var verified = await store.VerifyAsync(default);
        var repaired = await store.RepairAsync(default);

        Assert.Equal((c.Id, c.Version, PostgreSqlCaseStoreOperation.Load), (e.CaseId, e.Version, e.Operation));
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
        var db = await stores.NewDatabaseAsync();
        var c = await StoreFactory.Kit(await stores.OpenAsync(db)).RatedAsync();

        await ExecuteAsync(db, $"UPDATE fengqiao_events SET body = replace(body, '\"d1\"', '\"d9\"') WHERE case_id = '{c.Id}' AND version = 2");
        var store = await stores.OpenAsync(db, NoCache);

        // The snapshot was sealed to the chain head when the genuine events were appended: the edit cannot change what
        // a load gives, and the history and verify still name it.
        Assert.Null(CaseComparison.Difference(c, await store.LoadAsync(c.Id, default)));
        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.ReadEventsAsync(c.Id, default).AsTask());
        Assert.Equal((c.Id, 2L), (e.CaseId, e.Version));
        var problem = Assert.Single((await store.VerifyAsync(default)).Problems);
        Assert.Equal((c.Id, 2L, false), (problem.CaseId, problem.Version, problem.IsRepairable));
    }

    [Fact]
    public async Task VerifyAsync_ASnapshotResealedWithoutTheFold_IsReportedAsNotTheFoldOfItsEvents()
    {
        // An unkeyed chain can be resealed by anyone: verify still compares the snapshot with the events' fold.
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db, NoCache);
        var c = await StoreFactory.Kit(store).DispatchedAsync();
        var wrong = CaseSnapshotJson.SerializeToUtf8Bytes(Case.Replay((await store.ReadEventsAsync(c.Id, default)).Take(1), Calendar));
        var head = Convert.FromHexString(Assert.Single(await TextAsync(db, "SELECT encode(head, 'hex') FROM fengqiao_cases")));
        var seal = CaseEventChain.Unkeyed.Link(head, c.Id.Value, c.Version, "snapshot " + Convert.ToHexString(SHA256.HashData(wrong)));
        await ExecuteAsync(db, $"UPDATE fengqiao_snapshots SET body = '\\x{Convert.ToHexString(wrong)}'::bytea, seal = '\\x{Convert.ToHexString(seal)}'::bytea");

        var verified = await store.VerifyAsync(default);

        var problem = Assert.Single(verified.Problems);
        Assert.Equal(c.Id, problem.CaseId);
        Assert.Contains("not the fold", problem.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EraseReporterAsync_LeavesNoPersonalDataInTheSnapshotAndLoadsTheErasedCase()
    {
        const string Text = "我是欧阳明华，电话13912345678，住人民路18号，楼上漏水";
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db, NoCache);
        var kit = StoreFactory.Kit(store);
        var c = (await kit.Desk.RegisterAsync(new CaseReport(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal,
            new CaseLocation(Grid, "人民路18号", 30.1, 120.2), new Reporter("欧阳明华", "13912345678"), Text), Intake)).Case;
        await kit.Desk.RegisterAsync(new CaseReport(c.Report.Channel, c.Report.Category, c.Report.Priority, c.Report.Location, c.Report.Reporter, "又漏了"), Intake);
        const string Bodies = "SELECT convert_from(body, 'UTF8') FROM fengqiao_snapshots";
        Assert.Contains("13912345678", string.Join("\n", await TextAsync(db, Bodies)), StringComparison.Ordinal);

        await kit.Desk.EraseReporterAsync(c.Id, Leader, "reporter", "个人信息保护法 第四十七条");

        var after = string.Join("\n", await TextAsync(db, Bodies));
        foreach (var personal in new[] { "13912345678", "欧阳明华", "人民路18号", "楼上漏水", "又漏了", "30.1" })
        {
            Assert.DoesNotContain(personal, after, StringComparison.Ordinal);
        }

        var loaded = (await (await stores.OpenAsync(db, NoCache)).LoadAsync(c.Id, default))!;
        Assert.All(loaded.JoinedReports.Prepend(loaded.Report), r => Assert.True(r.IsPersonalDataErased));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task Open_ASchemaEightDatabase_BuildsNoSnapshotUntilTheCaseIsAppendedToOrRepaired()
    {
        var db = await stores.NewDatabaseAsync();
        var kit = StoreFactory.Kit(await stores.OpenAsync(db));
        var a = await kit.DispatchedAsync();
        var b = await kit.RegisterAsync(Report(phone: "13900000009", category: "noise"));
        await LegacyDatabases.ToSchemaEightAsync(db);

        var store = await stores.OpenAsync(db, NoCache);

        Assert.Equal([(long)PostgreSqlCaseStore.SchemaVersion], await ColumnAsync(db, "SELECT max(version)::bigint FROM fengqiao_schema_versions"));
        Assert.Equal([0L], await ColumnAsync(db, "SELECT count(*) FROM fengqiao_snapshots"));
        Assert.Null(CaseComparison.Difference(a, await store.LoadAsync(a.Id, default)));
        Assert.Null(CaseComparison.Difference(b, (await store.LoadManyAsync([b.Id], default))[0]));
        Assert.True((await store.VerifyAsync(default)).IsIntact);

        await StoreFactory.Kit(store).Desk.SuperviseAsync(a.Id, Leader, "快办", default);
        Assert.Equal([a.Id.Value], await TextAsync(db, "SELECT case_id FROM fengqiao_snapshots"));

        var repaired = await store.RepairAsync(default);
        Assert.Equal(0, repaired.CasesRepaired);
        Assert.True(repaired.IsIntact);
        Assert.Equal([$"{a.Id} {a.Version + 1}", $"{b.Id} {b.Version}"], await TextAsync(db, "SELECT case_id || ' ' || version FROM fengqiao_snapshots ORDER BY case_id"));
        Assert.True((await store.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task LoadAsync_ASnapshotOlderThanTheCase_ReplaysOnlyTheEventsAfterItAndChecksTheirChain()
    {
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db, new PostgreSqlCaseStoreOptions { SnapshotCacheSize = 0, SnapshotInterval = 4, QueryCodeKey = QueryCodeKeyBytes });
        var c = await StoreFactory.Kit(store).RatedAsync();
        var history = await store.ReadEventsAsync(c.Id, default);
        var snapshotVersion = Assert.Single(await ColumnAsync(db, "SELECT version FROM fengqiao_snapshots"));
        Assert.True(snapshotVersion < c.Version && snapshotVersion % 4 == 0, $"snapshot at {snapshotVersion}, case at {c.Version}");

        Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), await store.LoadAsync(c.Id, default)));
        Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), (await store.LoadManyAsync([c.Id], default))[0]));
        Assert.Null(CaseComparison.Difference(Case.Replay(history, Calendar), await store.FindByQueryCodeAsync(c.QueryCodeDigest, default)));

        await ExecuteAsync(db, $"UPDATE fengqiao_events SET body = body || ' ' WHERE case_id = '{c.Id}' AND version = {c.Version}");
        var e = await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.LoadAsync(c.Id, default).AsTask());
        Assert.Equal(c.Version, e.Version);
        var batch = await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(() => store.LoadManyAsync([c.Id], default).AsTask());
        Assert.Equal(c.Version, batch.Version);
    }

    [Fact]
    public async Task LoadAsync_ACaseHeldAtTheStoredVersion_IsTheCachedFoldWithoutReadingTheSnapshot()
    {
        // The statement leaves the snapshot out for a case this node holds at the stored version: a snapshot that would
        // be refused (edited) is never read, and the cached fold is returned as it is.
        var db = await stores.NewDatabaseAsync();
        var store = await stores.OpenAsync(db);
        var c = await StoreFactory.Kit(store).DispatchedAsync();
        await ExecuteAsync(db, "UPDATE fengqiao_snapshots SET seal = '\\x00'::bytea");

        Assert.Same(await store.LoadAsync(c.Id, default), await store.LoadAsync(c.Id, default));
        Assert.Same(await store.LoadAsync(c.Id, default), (await store.LoadManyAsync([c.Id], default))[0]);
        Assert.Same(await store.LoadAsync(c.Id, default), await store.FindByQueryCodeAsync(c.QueryCodeDigest, default));
        await Assert.ThrowsAsync<PostgreSqlCaseStoreTamperException>(async () => await (await stores.OpenAsync(db, NoCache)).LoadAsync(c.Id, default));
    }

    private static Fengqiao.Cases.Ports.CaseAppend Supervised(Case c, string note)
    {
        var e = new Fengqiao.Cases.Events.CaseEvent(c.Id, c.Version + 1, c.UpdatedAt, Leader, c.State, c.State, new Fengqiao.Cases.Events.CaseSupervised(note));
        return new Fengqiao.Cases.Ports.CaseAppend(c.Version, [e], c.Apply(e));
    }
}
