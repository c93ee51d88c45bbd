using Fengqiao.Storage.PostgreSql.Tests;
using Npgsql;

namespace Fengqiao.Cli.Tests;

/// <summary><c>fengqiao repair</c> and <c>fengqiao erase</c> with <c>--store postgres --connection …</c> against a real
/// server: the same verbs as on a SQLite file.</summary>
[Collection(PostgresTests.Name)]
public sealed class RepairErasePostgresTests(PostgresServer server)
{
    [Fact]
    public async Task Repair_APostgresStoreWithANextDueEdited_VerifyNamesItRepairRebuildsItThenVerifyPasses()
    {
        var db = await server.NewDatabaseAsync();
        Assert.Equal(FengqiaoCli.Ok, CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "10", "--store", "postgres", "--connection", db).ExitCode);

        // The simulation drains (every case closes, next due empty), so the damage is a due instant no event gives.
        var id = await ScalarAsync(db, "UPDATE fengqiao_cases SET next_due = 1 WHERE id = (SELECT id FROM fengqiao_cases ORDER BY id LIMIT 1) RETURNING id");
        Assert.NotEqual("", id);

        var (brokenCode, brokenOutput, _) = CliRun.Invoke("verify", "--store", "postgres", "--connection", db);
        Assert.Equal(FengqiaoCli.Invalid, brokenCode);
        Assert.Contains($"First broken: case '{id}'", brokenOutput, StringComparison.Ordinal);
        Assert.Contains("run 'fengqiao repair' on the database", brokenOutput, StringComparison.Ordinal);

        var (code, output, error) = CliRun.Invoke("repair", "--store", "postgres", "--connection", db);

        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains("1 case(s) repaired", output, StringComparison.Ordinal);
        Assert.Equal(FengqiaoCli.Ok, CliRun.Invoke("verify", "--store", "postgres", "--connection", db).ExitCode);
        Assert.Equal("0", await ScalarAsync(db, $"SELECT count(*) FROM fengqiao_cases WHERE id = '{id}' AND next_due = 1"));
    }

    [Fact]
    public async Task Erase_APostgresCase_ErasesItsPersonalDataOnceAndTheStoreStillVerifies()
    {
        var db = await server.NewDatabaseAsync();
        Assert.Equal(FengqiaoCli.Ok, CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "10", "--store", "postgres", "--connection", db).ExitCode);
        var id = await ScalarAsync(db, "SELECT id FROM fengqiao_cases ORDER BY id LIMIT 1");
        string[] erase = ["erase", "--store", "postgres", "--connection", db, "--case", id, "--reason", "个人信息保护法 第四十七条", "--operator", "ops-1"];

        var (code, output, error) = CliRun.Invoke(erase);

        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains($"case '{id}': the reporter's personal data was erased", output, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", output, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("0", await ScalarAsync(db, $"SELECT count(data) FROM fengqiao_personal WHERE case_id = '{id}'"));
        Assert.Equal(FengqiaoCli.Ok, CliRun.Invoke("verify", "--store", "postgres", "--connection", db).ExitCode);
        var (again, _, againError) = CliRun.Invoke(erase);
        Assert.Equal(FengqiaoCli.Invalid, again);
        Assert.Contains("erased already", againError, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("repair", "--store", "postgres")]
    [InlineData("erase", "--connection", "Host=x", "--case", "c-1", "--reason", "r")]
    [InlineData("erase", "--store", "postgres", "--database", "x.db", "--case", "c-1", "--reason", "r")]
    public void StoreVerbs_BadStoreOptions_ExitTwoNamingTheOption(params string[] arguments)
    {
        var (code, _, error) = CliRun.Invoke(arguments);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains(arguments[1] == "--store" && arguments.Length == 3 ? "--connection" : arguments[1] == "--connection" ? "--connection" : "--database", error, StringComparison.Ordinal);
    }

    private static async Task<string> ScalarAsync(string db, string sql)
    {
        await using var connection = new NpgsqlConnection(db);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
