using Fengqiao.Cases;
using Fengqiao.Profiles;
using Fengqiao.Storage.Sqlite;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace Fengqiao.Cli.Tests.Reliability;

/// <summary>Probes: the SQLite file a simulation wrote, under a lock holder and with a damaged page. (The probes that
/// need a case desk on the store — an append under a lock holder, a cancelled read, query-code collisions — are in
/// Fengqiao.Storage.Sqlite.Tests: <c>SqliteCaseStoreDamageTests</c> and <c>CaseStoreContractTests</c>.)</summary>
public partial class ReliabilityProbeTests
{
    // A hang guard, not a speed goal: the old store waited about 31 s whatever its busy timeout.
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Store_OpenWhileAnotherProcessHoldsTheFileExclusively_FailsAsBusyNamingTheFile()
    {
        var path = SimulatedStore();
        using var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        holder.Open();
        Execute(holder, "PRAGMA locking_mode = EXCLUSIVE");
        Execute(holder, "BEGIN EXCLUSIVE");

        var open = Task.Run(() => SqliteCaseStore.Open(path, Calendar(), new SqliteCaseStoreOptions { BusyTimeout = Duration.FromSeconds(1) }));
        var finished = await Task.WhenAny(open, Task.Delay(Hang, TimeProvider.System));

        Assert.Same(open, finished);
        var e = await Assert.ThrowsAsync<SqliteCaseStoreException>(() => open);
        Assert.True(e.IsBusy, e.Message);
        Assert.Equal(SqliteCaseStoreOperation.Open, e.Operation);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
        Assert.Contains("busy timeout (1 s)", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_ADamagedPage_IsRefusedAtOpenNamingTheFile()
    {
        var path = SimulatedStore();
        var pages = new FileInfo(path).Length / 4096;
        using (var file = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            file.Position = 4096 * (pages / 2);
            file.Write(Enumerable.Repeat((byte)0x5A, 4096).ToArray());
        }

        var e = Assert.Throws<SqliteCaseStoreException>(() => SqliteCaseStore.Open(path, Calendar()));

        Assert.Equal(SqliteCaseStoreOperation.Open, e.Operation);
        Assert.Contains($"The case store '{path}' failed to open: the file is damaged", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_AFileFromANewerFengqiao_IsRefusedUnchanged()
    {
        var path = SimulatedStore();
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString()))
        {
            connection.Open();
            Execute(connection, "PRAGMA user_version = 40");
        }

        var e = Assert.Throws<SqliteCaseStoreSchemaException>(() => SqliteCaseStore.Open(path, Calendar()));

        Assert.Equal(40, e.FoundVersion);
        Assert.Contains("newer than this version of Fengqiao knows", e.Message, StringComparison.Ordinal);
    }

    /// <summary>A case store written by <c>fengqiao simulate --database</c>, closed.</summary>
    private static string SimulatedStore()
    {
        var path = Path.Combine(Folder(), "county.db");
        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "40", "--database", path);
        Assert.True(code == FengqiaoCli.Ok, error);
        return path;
    }

    private static Fengqiao.Sla.BusinessCalendar Calendar() => CountyProfileLoader.LoadFile(Saybagh).BuildCalendar();

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
