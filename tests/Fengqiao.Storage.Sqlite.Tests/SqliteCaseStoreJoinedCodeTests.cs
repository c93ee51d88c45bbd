using Fengqiao.Cases;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;
using static Fengqiao.Storage.Sqlite.Tests.SqliteFile;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>Joined reports' own query codes in the file (schema 12, <c>case_codes</c>): found after a reopen, checked by
/// verify and rebuilt by repair from the ReportJoined events.</summary>
public sealed class SqliteCaseStoreJoinedCodeTests : IDisposable
{
    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    [Fact]
    public async Task FindByQueryCodeAsync_AJoinedReportsCodeAfterReopen_FindsTheCase()
    {
        var (path, c, joinedCode) = await JoinedCaseAsync();

        await using var reopened = SqliteCaseStore.Open(path, Calendar, StoreFactory.Replaying);
        var found = await reopened.FindByQueryCodeAsync(QueryCodeKey.Digest(joinedCode), default);

        Assert.Equal(c.Id, found?.Id);
        Assert.Equal([QueryCodeKey.Digest(joinedCode)], found!.JoinedQueryCodeDigests.ToArray());
        Assert.Equal(["1"], Rows(path, "SELECT count(*) FROM case_codes"));
        Assert.True((await reopened.VerifyAsync(default)).IsIntact);
    }

    [Fact]
    public async Task RepairAsync_AJoinedCodeRowDeleted_VerifyReportsItAndRepairRestoresTheLookUp()
    {
        var (path, c, joinedCode) = await JoinedCaseAsync();

        Execute(path, "DELETE FROM case_codes");

        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            Assert.Null(await store.FindByQueryCodeAsync(QueryCodeKey.Digest(joinedCode), default));
            var problem = Assert.Single((await store.VerifyAsync(default)).Problems);
            Assert.True(problem.IsRepairable);
            Assert.Equal(c.Id, problem.CaseId);
            Assert.Contains("joined reports", problem.Description, StringComparison.Ordinal);
            Assert.DoesNotContain(QueryCodeKey.Digest(joinedCode).ToString(), problem.Description, StringComparison.Ordinal);

            Assert.Equal(1, (await store.RepairAsync(default)).CasesRepaired);

            Assert.Equal(c.Id, (await store.FindByQueryCodeAsync(QueryCodeKey.Digest(joinedCode), default))?.Id);
            Assert.True((await store.VerifyAsync(default)).IsIntact);
        }
    }

    [Fact]
    public async Task VerifyAsync_AJoinedCodeRowOfADeletedCase_IsReportedAsNotRepairable()
    {
        var path = stores.NewPath();
        await using (var store = SqliteCaseStore.Open(path, Calendar))
        {
            await StoreFactory.Kit(store).RegisterAsync();
        }

        Execute(path, $"INSERT INTO case_codes (digest, case_id, version) VALUES ('{new string('A', 64)}', 'gone-1', 2)");

        await using var reopened = SqliteCaseStore.Open(path, Calendar);
        var problem = Assert.Single((await reopened.VerifyAsync(default)).Problems);

        Assert.Equal(new CaseId("gone-1"), problem.CaseId);
        Assert.False(problem.IsRepairable);
        Assert.Contains("no case row", problem.Description, StringComparison.Ordinal);
    }

    /// <summary>A case with a joined report that got a query code of its own, on a file no store holds open.</summary>
    private async Task<(string Path, Case Case, Cases.QueryCodes.QueryCode JoinedCode)> JoinedCaseAsync()
    {
        var path = stores.NewPath();
        await using var store = SqliteCaseStore.Open(path, Calendar);
        var kit = StoreFactory.Kit(store);
        var c = await kit.RegisterAsync();
        return (path, c, (await kit.Desk.RegisterAsync(Report(), Intake)).QueryCode!.Value);
    }
}
