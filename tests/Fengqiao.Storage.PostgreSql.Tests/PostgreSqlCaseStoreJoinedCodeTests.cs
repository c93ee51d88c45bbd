using static Fengqiao.Storage.PostgreSql.Tests.PostgreSqlCaseStoreTests;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>Joined reports' own query codes on PostgreSQL (schema 8, <c>fengqiao_case_codes</c>): found by a fresh store,
/// checked by verify and rebuilt by repair from the ReportJoined events — as on SQLite.</summary>
[Collection(PostgresTests.Name)]
public sealed class PostgreSqlCaseStoreJoinedCodeTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => stores.CloseAsync();

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
