using Microsoft.Data.Sqlite;

namespace Fengqiao.Cli.Tests.Reliability;

/// <summary><c>fengqiao erase</c>: one case's reporter data goes by an erasure event, and the store still verifies.</summary>
public partial class ReliabilityProbeTests
{
    [Fact]
    public void Erase_ACaseOfASimulatedStore_DeletesItsPersonalDataAndVerifyStillPasses()
    {
        var path = SimulatedStore();
        var (id, version) = First(path, "SELECT id, version FROM cases ORDER BY id LIMIT 1");
        Assert.True(Scalar(path, $"SELECT count(*) FROM personal WHERE case_id = '{id}' AND data IS NOT NULL") >= 1, "the case holds no personal data to erase");

        var (code, output, error) = CliRun.Invoke("erase", "--database", path, "--case", id, "--reason", "个人信息保护法 第四十七条", "--operator", "ops-1");
        var (verifyCode, verifyOutput, _) = CliRun.Invoke("verify", "--database", path);
        var (againCode, _, againError) = CliRun.Invoke("erase", "--database", path, "--case", id, "--reason", "个人信息保护法 第四十七条");

        Assert.True(code == FengqiaoCli.Ok, error + output);
        Assert.Contains($"case '{id}'", output, StringComparison.Ordinal);
        Assert.Equal(0, Scalar(path, $"SELECT count(*) FROM personal WHERE case_id = '{id}' AND data IS NOT NULL"));
        Assert.Equal(version + 1, Scalar(path, $"SELECT version FROM cases WHERE id = '{id}'"));
        Assert.True(verifyCode == FengqiaoCli.Ok, verifyOutput);
        Assert.Equal(FengqiaoCli.Invalid, againCode);
        Assert.Contains("erased already", againError, StringComparison.Ordinal);
    }

    [Fact]
    public void Erase_AnUnknownCase_ExitsOneAndChangesNothing()
    {
        var path = SimulatedStore();
        var (cases, events) = Counts(path);

        var (code, _, error) = CliRun.Invoke("erase", "--database", path, "--case", "no-such-case", "--reason", "个人信息保护法 第四十七条");

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains("no case 'no-such-case'", error, StringComparison.Ordinal);
        Assert.Equal((cases, events), Counts(path));
        AssertOneLine(error);
    }

    [Fact]
    public void Erase_AnEmptyReason_IsRefusedAsBadInput()
    {
        var path = SimulatedStore();
        var (id, _) = First(path, "SELECT id, version FROM cases ORDER BY id LIMIT 1");

        var (code, _, error) = CliRun.Invoke("erase", "--database", path, "--case", id, "--reason", " ");

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("legal ground", error, StringComparison.Ordinal);
    }

    // A load from the case's snapshot does not re-read the events behind it; the erasure must not be appended on top
    // of an edited event (and then claim the history verifies) nor leave a hole after a deleted last event.
    [Theory]
    [InlineData("edited")]
    [InlineData("last-deleted")]
    public void Erase_ACaseWhoseHistoryIsBroken_IsRefusedNamingTheVersionAndChangesNothing(string damage)
    {
        var path = SimulatedStore();
        var (id, version) = First(path, "SELECT id, version FROM cases WHERE version > 2 ORDER BY id LIMIT 1");
        var broken = damage == "edited" ? 2 : version;
        Execute(path, damage == "edited"
            ? $"UPDATE events SET body = body_blob(replace(body_text(body), '\"t\":', '\"t\": ')) WHERE case_id = '{id}' AND version = 2 AND instr(body_text(body), '\"t\":') > 0"
            : $"DELETE FROM events WHERE case_id = '{id}' AND version = {version}", expectRows: 1);
        var (cases, events) = Counts(path);

        var (code, output, error) = CliRun.Invoke("erase", "--database", path, "--case", id, "--reason", "个人信息保护法 第四十七条");

        Assert.True(code == FengqiaoCli.Invalid, error + output);
        Assert.Contains($"case '{id}' fails its hash chain at version {broken}", error, StringComparison.Ordinal);
        Assert.Contains("not erased and nothing was changed", error, StringComparison.Ordinal);
        Assert.DoesNotContain("still verifies", output, StringComparison.Ordinal);
        Assert.Equal((cases, events), Counts(path));
        Assert.Equal(version, Scalar(path, $"SELECT version FROM cases WHERE id = '{id}'"));
        Assert.True(Scalar(path, $"SELECT count(*) FROM personal WHERE case_id = '{id}' AND data IS NOT NULL") >= 1, "the personal data went");
        AssertOneLine(error);
    }

    private static long Scalar(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
