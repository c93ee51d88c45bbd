using Fengqiao.Cases;
using Fengqiao.Testing;
using Microsoft.Data.Sqlite;
using NodaTime;
using static Fengqiao.Testing.BareCounty;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The store under contention and damage: busy timeouts, cancellation, corruption, migrations, file modes.
/// Every failure is a <see cref="SqliteCaseStoreException"/> naming the file and the operation.</summary>
public sealed class SqliteCaseStoreDamageTests : IDisposable
{
    // A hang guard, not a speed goal: the old store waited about 31 s whatever the busy timeout said.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task AppendAsync_AnotherConnectionHoldsTheWriteLock_FailsAsBusyNamingTheFileAndWritesNothing()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, new SqliteCaseStoreOptions { BusyTimeout = Duration.FromSeconds(1) });
        var kit = StoreFactory.Kit(store);
        var c = await kit.RegisterAsync();
        using var holder = HoldWriteLock(path);

        var append = Task.Run(() => kit.Desk.AcceptAsync(c.Id, Dispatcher));
        var finished = await Task.WhenAny(append, Task.Delay(Hang, TimeProvider.System));

        Assert.Same(append, finished);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreException>(() => append);
        Assert.True(e.IsBusy);
        Assert.Equal(SqliteCaseStoreOperation.Append, e.Operation);
        Assert.Equal(path, e.DataSource);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("busy timeout (1 s)", e.Message, StringComparison.Ordinal);
        Assert.IsType<SqliteException>(e.InnerException);
        holder.Dispose();
        Assert.Equal(1, (await store.LoadAsync(c.Id, default))!.Version);
    }

    [Fact]
    public async Task LoadAsync_CancelledWhileAnAppendWaitsForTheLock_ReturnsBeforeTheAppend()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path, new SqliteCaseStoreOptions { BusyTimeout = Duration.FromSeconds(5) });
        var kit = StoreFactory.Kit(store);
        var c = await kit.RegisterAsync();
        var holder = HoldWriteLock(path);
        var append = Task.Run(() => kit.Desk.AcceptAsync(c.Id, Dispatcher));
        Assert.True(SpinWait.SpinUntil(() => store.IsCallInProgress, Hang), "the append never started");
        using var cancel = new CancellationTokenSource();

        var load = Task.Run(() => store.LoadAsync(c.Id, cancel.Token).AsTask());
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => load);
        Assert.False(append.IsCompleted, "the load should not have waited for the append");
        holder.Dispose();
        await Task.WhenAny(append, Task.Delay(Hang, TimeProvider.System));
        Assert.True(append.IsCompleted);
    }

    [Fact]
    public async Task Open_ACorruptedPage_IsReportedAtOpen()
    {
        var path = stores.NewPath();
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            var kit = StoreFactory.Kit(store);
            for (var i = 0; i < 60; i++)
            {
                await kit.RegisterAsync(Report(phone: $"1380000{i:D4}"));
            }
        }

        var pages = new FileInfo(path).Length / 4096;
        Assert.True(pages > 6, $"the file has only {pages} pages");
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096 * (pages - 2);
            file.Write(Enumerable.Repeat((byte)0xA5, 4096).ToArray());
        }

        var e = Assert.Throws<SqliteCaseStoreException>(() => SqliteCaseStore.Open(path, Calendar));

        Assert.Equal(SqliteCaseStoreOperation.Open, e.Operation);
        Assert.Contains("the file is damaged", e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Open_AVersionOneFile_MigratesItForwardAndKeepsItsCases()
    {
        var path = stores.NewPath();
        Case registered;
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            registered = await StoreFactory.Kit(store).RegisterAsync();
        }

        // What a file written before schema_versions existed looks like.
        LegacyFiles.ToSchemaFour(path);
        LegacyFiles.Downgrade(path, 1);

        await using (var reopened = SqliteCaseStore.Open(path, Calendar, LegacyFiles.Keyed()))
        {
            Assert.Equal(Fingerprint(registered), Fingerprint((await reopened.LoadAsync(registered.Id, default))!));
        }

        Assert.Equal([$"{SqliteCaseStore.SchemaVersion}"], Rows(path, "PRAGMA user_version"));
        Assert.Equal([.. Enumerable.Range(1, SqliteCaseStore.SchemaVersion).Select(v => $"{v}")], Rows(path, "SELECT version FROM schema_versions ORDER BY version"));
    }

    [Fact]
    public void Open_ANewFile_RecordsEveryMigration()
    {
        var path = stores.NewPath();

        stores.OpenFile(path).Dispose();

        Assert.Equal([.. Enumerable.Range(1, SqliteCaseStore.SchemaVersion).Select(v => $"{v}")], Rows(path, "SELECT version FROM schema_versions ORDER BY version"));
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Open_ANewFile_IsReadableByItsOwnerOnly()
    {
        var path = stores.NewPath();
        var store = stores.OpenFile(path);
        await StoreFactory.Kit(store).RegisterAsync();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path + "-wal"));
    }

    [Fact]
    public void Open_APathThatIsAFolder_FailsNamingIt()
    {
        var e = Assert.Throws<SqliteCaseStoreException>(() => SqliteCaseStore.Open(stores.Folder, Calendar));

        Assert.Contains("is a folder", e.Message, StringComparison.Ordinal);
        Assert.Equal(stores.Folder, e.DataSource);
    }

    [Fact]
    public void Open_AnUnwritableFolder_FailsNamingTheFile()
    {
        // /proc refuses new files even to root, which a chmod'ed folder would not.
        var e = Assert.Throws<SqliteCaseStoreException>(() => SqliteCaseStore.Open("/proc/self/cases.db", Calendar));

        Assert.Contains("/proc/self/cases.db", e.Message, StringComparison.Ordinal);
        Assert.Equal(SqliteCaseStoreOperation.Open, e.Operation);
    }

    private static SqliteConnection HoldWriteLock(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "BEGIN IMMEDIATE";
        command.ExecuteNonQuery();
        return connection;
    }
}
