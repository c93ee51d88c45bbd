using Microsoft.Data.Sqlite;

namespace Fengqiao.Cli.Tests.Reliability;

/// <summary>Probes: forgery in a simulated county's case store, found by <c>fengqiao verify</c> and (derived columns
/// only) fixed by <c>fengqiao repair</c>.</summary>
public partial class ReliabilityProbeTests
{
    [Fact]
    public void Verify_AnUntouchedStore_PrintsASummaryAndExitsZero()
    {
        var path = SimulatedStore();
        var (cases, events) = Counts(path);

        var (code, output, error) = CliRun.Invoke("verify", "--database", path);

        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains($"{cases} cases, {events} events; every hash chain and derived column holds", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AnEventEditedInTheFile_NamesTheFirstBrokenCaseAndVersionAndRepairLeavesIt()
    {
        var path = SimulatedStore();
        var (id, version) = First(path, "SELECT case_id, max(version) FROM events GROUP BY case_id ORDER BY case_id LIMIT 1");
        // A space after the instant's name: the event reads the same, but its bytes (and so its chain link) differ.
        Execute(path, $"UPDATE events SET body = body_blob(replace(body_text(body), '\"t\":', '\"t\": ')) WHERE case_id = '{id}' AND version = {version} AND instr(body_text(body), '\"t\":') > 0", expectRows: 1);

        var (code, output, _) = CliRun.Invoke("verify", "--database", path);
        var (repairCode, repairOutput, _) = CliRun.Invoke("repair", "--database", path);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains($"First broken: case '{id}' at version {version}", output, StringComparison.Ordinal);
        Assert.Contains("restore the file from a backup", output, StringComparison.Ordinal);
        Assert.Equal(FengqiaoCli.Invalid, repairCode);
        Assert.Contains("0 case(s) repaired", repairOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ACasesLastEventDeleted_NamesTheMissingVersion()
    {
        var path = SimulatedStore();
        var (id, version) = First(path, "SELECT id, version FROM cases WHERE version > 1 ORDER BY id LIMIT 1");
        Execute(path, $"DELETE FROM events WHERE case_id = '{id}' AND version = {version}", expectRows: 1);

        var (code, output, _) = CliRun.Invoke("verify", "--database", path);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains($"First broken: case '{id}' at version {version}", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Repair_NextDueSetToNull_RestoresItAndVerifyThenPasses()
    {
        var path = SimulatedStore();
        var (id, _) = First(path, "SELECT id, version FROM cases WHERE next_due IS NOT NULL ORDER BY id LIMIT 1");
        Execute(path, $"UPDATE cases SET next_due = NULL WHERE id = '{id}'", expectRows: 1);

        var (code, output, _) = CliRun.Invoke("verify", "--database", path);
        var (repairCode, repairOutput, repairError) = CliRun.Invoke("repair", "--database", path);
        var (afterCode, afterOutput, _) = CliRun.Invoke("verify", "--database", path);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains($"First broken: case '{id}'", output, StringComparison.Ordinal);
        Assert.Contains("run 'fengqiao repair'", output, StringComparison.Ordinal);
        Assert.True(repairCode == FengqiaoCli.Ok, repairOutput + repairError);
        Assert.Contains("1 case(s) repaired", repairOutput, StringComparison.Ordinal);
        Assert.Equal(FengqiaoCli.Ok, afterCode);
        Assert.Contains("holds", afterOutput, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AMissingDatabase_IsOneLineNamingThePath()
    {
        var path = Path.Combine(Folder(), "absent.db");

        var (code, _, error) = CliRun.Invoke("verify", "--database", path);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.False(File.Exists(path));
        AssertOneLine(error);
    }

    private static (long Cases, long Events) Counts(string path)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM cases), (SELECT count(*) FROM events)";
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        Assert.True(reader.GetInt64(0) > 0);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private static (string Id, long Version) First(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read(), $"no row for {sql}");
        return (reader.GetString(0), reader.GetInt64(1));
    }

    private static void Execute(string path, string sql, int expectRows)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        connection.WithBodyFunctions();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(expectRows, command.ExecuteNonQuery());
    }
}
