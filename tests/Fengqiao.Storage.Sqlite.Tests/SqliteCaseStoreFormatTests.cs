using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Serialization;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The compact event form (format 3) beside bodies written in the long form (format 2) by earlier versions:
/// both load, and one case's hash chain runs over both.</summary>
public sealed class SqliteCaseStoreFormatTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task AppendAsync_ANewCase_WritesEveryBodyInTheRowFormWithoutCaseIdOrVersion()
    {
        var path = stores.NewPath();
        await StoreFactory.Kit(stores.OpenFile(path)).InProgressAsync();

        var bodies = SqliteFile.Bodies(path);

        Assert.NotEmpty(bodies);
        Assert.All(bodies, body =>
        {
            Assert.StartsWith($"{{\"f\":{CaseEventJson.RowFormatVersion},", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"c\":", body, StringComparison.Ordinal);
            Assert.DoesNotContain("\"v\":", body, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task LoadAsync_ACaseWrittenInTheLongFormThenContinuedInTheRowForm_LoadsAndItsChainVerifies()
    {
        var path = stores.NewPath();
        var chainKey = "county-650103"u8.ToArray();
        var options = LegacyFiles.Keyed(chainKey);
        Case before;
        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            before = await StoreFactory.Kit(store).DispatchedAsync();
        }

        LegacyFiles.ToLongForm(path, chainKey);
        var longBodies = SqliteFile.Bodies(path);
        Assert.All(longBodies, body => Assert.StartsWith($"{{\"format\":{CaseEventJson.FormatVersion},", body, StringComparison.Ordinal));

        await using (var store = SqliteCaseStore.Open(path, Calendar, options))
        {
            Assert.True((await store.VerifyAsync(default)).IsIntact);
            Assert.Equal(Fingerprint(before), Fingerprint((await store.LoadAsync(before.Id, default))!));
            var kit = StoreFactory.Kit(store);
            await kit.Desk.ClaimAsync(before.Id, Worker);
            await kit.Desk.StartAsync(before.Id, Worker);
            Assert.True((await store.VerifyAsync(default)).IsIntact);
        }

        var bodies = SqliteFile.Bodies(path, "ORDER BY version");
        Assert.Equal(longBodies.Count + 2, bodies.Count);
        Assert.All(bodies.Skip(longBodies.Count), body => Assert.StartsWith($"{{\"f\":{CaseEventJson.RowFormatVersion},", body, StringComparison.Ordinal));
        await using var reopened = SqliteCaseStore.Open(path, Calendar, options);
        var loaded = (await reopened.LoadAsync(before.Id, default))!;
        Assert.Equal(CaseState.InProgress, loaded.State);
        Assert.Equal(before.Report, loaded.Report);
        Assert.Equal(before.Id, (await reopened.FindByQueryCodeAsync(before.QueryCodeDigest, default))?.Id);
        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task Open_AFileOfSchemaFive_DropsEventsAtKeepsItsBodiesAndContinuesInTheRowForm()
    {
        var path = stores.NewPath();
        Case before;
        await using (var store = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            before = await StoreFactory.Kit(store).DispatchedAsync();
        }

        // The same query-code key then as now: the digests stay, so migration 7 leaves the compact bodies as they are.
        LegacyFiles.ToSchemaFive(path, oldCodeKey: BareCounty.QueryCodeKeyBytes.ToArray());
        var compactBodies = SqliteFile.Bodies(path, "ORDER BY version");
        Assert.All(compactBodies, body => Assert.StartsWith($"{{\"f\":{CaseEventJson.CompactFormatVersion},\"c\":", body, StringComparison.Ordinal));
        Assert.Contains("at", Rows(path, "SELECT name FROM pragma_table_info('events')"));

        await using (var store = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            Assert.True((await store.VerifyAsync(default)).IsIntact);
            Assert.Equal(Fingerprint(before), Fingerprint((await store.LoadAsync(before.Id, default))!));
            await StoreFactory.Kit(store).Desk.ClaimAsync(before.Id, Worker);
            Assert.True((await store.VerifyAsync(default)).IsIntact);
        }

        Assert.DoesNotContain("at", Rows(path, "SELECT name FROM pragma_table_info('events')"));
        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "SELECT CAST(max(version) AS TEXT) FROM schema_versions"));
        var bodies = SqliteFile.Bodies(path, "ORDER BY version");
        Assert.Equal(compactBodies, bodies.Take(compactBodies.Count));
        Assert.StartsWith($"{{\"f\":{CaseEventJson.RowFormatVersion},", bodies[^1], StringComparison.Ordinal);
    }

    private static List<string> Rows(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
