using Xunit.Abstractions;
using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Joined reports' own query codes on PostgreSQL (schema 8, <c>fengqiao_case_codes</c>): found by a fresh store,
/// checked by verify and rebuilt by repair from the ReportJoined events — as on SQLite.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreJoinedCodeTests(PostgresServer server, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

    [Fact]
    public async Task AppendAsync_ANewCase_ChecksItsCodeAgainstJoinedReportsInItsInsertBatch()
    {
        // One mechanism for "is a new case's code held by a joined report": the code_held look-up sent with the insert,
        // on a lone append as in a group, never a round trip of its own.
        var db = await stores.NewDatabaseAsync();
        var kit = StoreFactory.Kit(await stores.OpenAsync(db));
        await kit.RegisterAsync(Report(phone: "13900000001"));

        IReadOnlyList<string> sent;
        using (var statements = new ServerStatements())
        {
            await kit.RegisterAsync(Report(phone: "13900000002", category: "noise"));
            sent = statements.Sent;
        }

        output.WriteLine($"{sent.Count} statements for a new case's registration:{Environment.NewLine}{string.Join(Environment.NewLine, sent)}");
        var check = Assert.Single(sent, s => s.Contains("fengqiao_case_codes", StringComparison.Ordinal));
        Assert.Contains("code_held", check, StringComparison.Ordinal);
        Assert.Contains("INSERT INTO fengqiao_cases", check, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RepairAsync_AJoinedCodeRowDeleted_VerifyReportsItAndRepairRestoresTheLookUp()
    {
        var db = await stores.NewDatabaseAsync();
        var kit = StoreFactory.Kit(await stores.OpenAsync(db));
        var c = await kit.RegisterAsync();
        var joinedCode = (await kit.Desk.RegisterAsync(Report(), Intake)).QueryCode!.Value;
        var digest = QueryCodeKey.Digest(joinedCode);
        Assert.Equal(c.Id, (await (await stores.OpenAsync(db)).FindByQueryCodeAsync(digest, default))?.Id);

        await ExecuteAsync(db, "DELETE FROM fengqiao_case_codes");
        var store = await stores.OpenAsync(db);
        Assert.Null(await store.FindByQueryCodeAsync(digest, default));
        var problem = Assert.Single((await store.VerifyAsync(default)).Problems);
        Assert.True(problem.IsRepairable);
        Assert.Contains("joined reports", problem.Description, StringComparison.Ordinal);
        Assert.DoesNotContain(digest.ToString(), problem.Description, StringComparison.Ordinal);

        Assert.Equal(1, (await store.RepairAsync(default)).CasesRepaired);

        var fresh = await stores.OpenAsync(db);
        Assert.Equal(c.Id, (await fresh.FindByQueryCodeAsync(digest, default))?.Id);
        Assert.True((await fresh.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task VerifyAsync_AJoinedCodeRowOfADeletedCase_IsReportedAsNotRepairable()
    {
        var db = await stores.NewDatabaseAsync();
        await StoreFactory.Kit(await stores.OpenAsync(db)).RegisterAsync();
        await ExecuteAsync(db, $"INSERT INTO fengqiao_case_codes (digest, case_id, version) VALUES ('{new string('A', 64)}', 'gone-1', 2)");

        var problem = Assert.Single((await (await stores.OpenAsync(db)).VerifyAsync(default)).Problems);

        Assert.Equal(new Cases.CaseId("gone-1"), problem.CaseId);
        Assert.False(problem.IsRepairable);
        Assert.Contains("no case row", problem.Description, StringComparison.Ordinal);
    }
}
