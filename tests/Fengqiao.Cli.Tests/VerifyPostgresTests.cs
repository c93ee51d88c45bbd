using Fengqiao.Storage.PostgreSql.Tests;
using Npgsql;

namespace Fengqiao.Cli.Tests;

/// <summary><c>fengqiao verify --store postgres --connection …</c> against a real server.</summary>
[Collection(PostgresTests.Name)]
public sealed class VerifyPostgresTests(PostgresServer server)
{
    [Fact]
    public async Task Verify_APostgresStoreUntouchedThenEdited_PassesThenNamesTheEditedCase()
    {
        var db = await server.NewDatabaseAsync();
        Assert.Equal(FengqiaoCli.Ok, CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "10", "--store", "postgres", "--connection", db).ExitCode);

        var (code, output, error) = CliRun.Invoke("verify", "--store", "postgres", "--connection", db);
        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains("every hash chain and derived column holds", output, StringComparison.Ordinal);

        string id;
        await using (var connection = new NpgsqlConnection(db))
        {
            await connection.OpenAsync();
            await using var edit = new NpgsqlCommand(
                "UPDATE fengqiao_events SET body = replace(body, '\"f\":3', '\"f\": 3') WHERE (case_id, version) = (SELECT case_id, 1 FROM fengqiao_events ORDER BY case_id LIMIT 1) RETURNING case_id",
                connection);
            id = (string)(await edit.ExecuteScalarAsync())!;
        }

        var (brokenCode, brokenOutput, _) = CliRun.Invoke("verify", "--store", "postgres", "--connection", db);
        Assert.Equal(FengqiaoCli.Invalid, brokenCode);
        Assert.Contains($"First broken: case '{id}' at version 1", brokenOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("Password", brokenOutput, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("--store", "postgres")]
    [InlineData("--connection", "Host=x")]
    [InlineData("--store", "oracle", "--database", "x.db")]
    public void Verify_BadStoreOptions_ExitTwoNamingTheOption(params string[] arguments)
    {
        var (code, _, error) = CliRun.Invoke(["verify", .. arguments]);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains(arguments[0] == "--store" && arguments[1] == "postgres" ? "--connection" : arguments[0], error, StringComparison.Ordinal);
    }
}
