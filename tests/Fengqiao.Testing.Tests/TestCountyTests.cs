using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Sla;
using Fengqiao.TestSupport;
using NodaTime;

namespace Fengqiao.Testing.Tests;

public class TestCountyTests
{
    private static string Saybagh => RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml");

    private static CaseReport Dispute() =>
        new(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(new OrgUnitId("yashan-grid-02")),
            new Reporter("张三", "13800000000"), "楼上漏水");

    [Fact]
    public async Task FromProfile_SampleProfile_StartsOnMondayMorningWithTheCountysActors()
    {
        await using var county = TestCounty.FromProfile(Saybagh);

        Assert.Equal(new LocalDateTime(2025, 11, 3, 9, 0), county.LocalNow);
        Assert.Equal(new CaseActor(new ActorId("yashan-dispatcher"), CaseActorKind.Staff, new OrgUnitId("street-yashan")), county.Actor("yashan-dispatcher"));
        var e = Assert.Throws<ArgumentException>(() => county.Actor("nobody"));
        Assert.Contains("'nobody' is not a member", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RegisterAsync_NamedCase_GetsThatIdAndTheEventLogRecordsIt()
    {
        await using var county = TestCounty.FromProfile(Saybagh);

        var registered = await county.RegisterAsync("c1", Dispute(), county.Actor("yashan-dispatcher"));

        Assert.Equal(new CaseId("c1"), registered.Case.Id);
        Assert.Equal(new CaseId("c1"), Assert.Single(county.Events).CaseId);
    }

    [Fact]
    public async Task AdvanceAsync_WorkingDaysPastTheLimit_SweepsAndTheEscalationPolicyMovesTheCaseUp()
    {
        await using var county = TestCounty.FromProfile(Saybagh);
        var dispatcher = county.Actor("yashan-dispatcher");
        var id = (await county.RegisterAsync("c1", Dispute(), dispatcher)).Case.Id;
        await county.Desk.AcceptAsync(id, dispatcher);
        await county.Desk.DispatchAsync(id, dispatcher, new OrgUnitId("yashan-grid-02"));
        await county.Desk.ClaimAsync(id, county.Actor("yashan-grid-02-worker"));

        var appended = await county.AdvanceAsync("4 working days");

        Assert.Contains(appended, e => e.Trigger == CaseTrigger.Escalate && e.Actor.Kind == CaseActorKind.System);
        Assert.NotEqual(new OrgUnitId("yashan-grid-02"), (await county.CaseAsync(id)).HoldingUnit);
        Assert.Equal(county.Calendar.Deadline(new LocalDateTime(2025, 11, 3, 9, 0).InZoneLeniently(county.Calendar.Zone).ToInstant(), TimeLimit.WorkingDays(4)).Deadline, county.Clock.GetCurrentInstant());
    }

    [Fact]
    public async Task AdvanceToAsync_TimeBeforeTheClock_IsRefused()
    {
        await using var county = TestCounty.FromProfile(Saybagh);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => county.AdvanceToAsync(new LocalDateTime(2025, 11, 2, 9, 0)));
    }

    [Fact]
    public async Task FromProfile_SqliteStore_KeepsTheCasesInTheFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"fengqiao-testcounty-{Guid.NewGuid():N}.db");
        try
        {
            await using (var county = TestCounty.FromProfile(Saybagh, new TestCountyOptions { SqlitePath = path }))
            {
                await county.RegisterAsync("c1", Dispute(), county.Actor("yashan-dispatcher"));
            }

            await using var again = TestCounty.FromProfile(Saybagh, new TestCountyOptions { SqlitePath = path });
            Assert.Equal(CaseState.Registered, (await again.CaseAsync(new CaseId("c1"))).State);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }
}
