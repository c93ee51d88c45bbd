using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Profiles;
using Fengqiao.TestSupport;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.EarlyWarning.Tests;

/// <summary>Yumen's sample profile (with its warnings: section) built into a real desk with an in-memory store and a fake clock.</summary>
internal sealed class YumenDesk
{
    public static readonly CaseActor Dispatcher = CaseActor.Staff(new ActorId("centre-dispatcher"), new OrgUnitId("centre"));

    private readonly List<CaseEvent> events = [];

    public YumenDesk(Instant start, Fengqiao.Cases.Ports.ICaseStore? store = null)
    {
        Profile = LoadProfile();
        Clock = new FakeClock(start);
        County = new CountyDeskBuilder(Profile).UseStore(store ?? new InMemoryCaseStore()).UseClock(Clock).UseQueryCodeKey(Fengqiao.Testing.BareCounty.QueryCodeKey).Build();
        County.Desk.Events.Subscribe(e => events.Add(e));
    }

    public CountyProfile Profile { get; }

    public static CountyProfile LoadProfile() => CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"));

    public FakeClock Clock { get; }

    public CountyDesk County { get; }

    /// <summary>Every event the desk published, in order.</summary>
    public IReadOnlyList<CaseEvent> Events => events;

    public async Task<Case> ReportAsync(string category, string grid, string text, string? phone = null, Duration? after = null)
    {
        Clock.Advance(after ?? Duration.FromHours(1));
        var report = new CaseReport(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal,
            new CaseLocation(new OrgUnitId(grid)), new Reporter("居民", phone ?? $"1380000{events.Count:0000}"), text);
        return (await County.Desk.RegisterAsync(report, Dispatcher)).Case;
    }
}
