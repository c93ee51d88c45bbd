using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Testing;

namespace Fengqiao.Storage.Sqlite.Tests;

/// <summary>The SQLite store as the durable duplicate detector (#12's cross-desk duplicate race): desks composed by
/// CountyDeskBuilder on one file make one case of identical reports, and the detector survives a restart.</summary>
public sealed class SqliteDuplicateDetectorTests : IDisposable
{
    private static readonly string Profile = Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml");

    private readonly StoreFactory stores = new();

    public void Dispose() => stores.Dispose();

    private static CaseReport Report(string phone = "13812345678") =>
        new(CaseChannel.QrCode, new CaseCategory("dispute"), CasePriority.Normal, new CaseLocation(new OrgUnitId("yashan-grid-01")), new Reporter("张三", phone), "楼道堆物");

    private static TestCounty Desk(string path, string name, int seed) =>
        TestCounty.FromProfile(Profile, new TestCountyOptions
        {
            SqlitePath = path,
            QueryCodeSeed = seed,
            Configure = b => b.UseCaseIds(() => new CaseId($"{name}-{Guid.NewGuid():N}")),
        });

    [Fact]
    public async Task RegisterAsync_SameMatterFromTwoDesksOnOneFile_MakesOneCase()
    {
        var path = stores.NewPath();
        await using var east = Desk(path, "east", 1);
        await using var west = Desk(path, "west", 2);

        var results = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            (i % 2 == 0 ? east : west).Desk.RegisterAsync(Report()))));

        var ids = results.Select(r => r.Case.Id).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(15, results.Count(r => r.JoinedExisting));
        var counts = await ((ICaseListing)east.Store).CountAsync(new CaseListingQuery(), default);
        Assert.Equal(1, counts.Total);
        Assert.Equal(15, (await west.Store.LoadAsync(ids[0], default))!.JoinedReports.Length);
    }

    [Fact]
    public async Task FindDuplicateAsync_AfterARestart_FindsTheOpenCase()
    {
        var path = stores.NewPath();
        CaseId first;
        await using (var before = Desk(path, "before", 1))
        {
            first = (await before.Desk.RegisterAsync(Report())).Case.Id;
        }

        await using var after = Desk(path, "after", 2);
        var again = await after.Desk.RegisterAsync(Report());
        var other = await after.Desk.RegisterAsync(Report(phone: "13900000000"));

        Assert.True(again.JoinedExisting);
        Assert.Equal(first, again.Case.Id);
        Assert.False(other.JoinedExisting);
    }

    [Fact]
    public async Task FindDuplicateAsync_OutsideTheWindowOrWhenOff_FindsNothing()
    {
        await using var store = SqliteCaseStore.Open(stores.NewPath(), BareCounty.Calendar,
            new SqliteCaseStoreOptions { DuplicateWindow = NodaTime.Duration.FromDays(1) });
        var kit = StoreFactory.Kit(store);
        var registered = await kit.RegisterAsync();

        Assert.Equal(registered.Id, await store.FindDuplicateAsync(BareCounty.Report(), registered.RegisteredAt + NodaTime.Duration.FromHours(23), default));
        Assert.Null(await store.FindDuplicateAsync(BareCounty.Report(), registered.RegisteredAt + NodaTime.Duration.FromHours(25), default));
        await using var off = SqliteCaseStore.OpenInMemory(BareCounty.Calendar, new SqliteCaseStoreOptions { DuplicateWindow = null });
        Assert.Null(await off.FindDuplicateAsync(BareCounty.Report(), registered.RegisteredAt, default));
    }

    [Fact]
    public void Options_ANonPositiveDuplicateWindow_IsRefusedNamingIt()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() =>
            SqliteCaseStore.OpenInMemory(BareCounty.Calendar, new SqliteCaseStoreOptions { DuplicateWindow = NodaTime.Duration.Zero }));
        Assert.Equal("DuplicateWindow", e.ParamName);
    }
}
