using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cli.Simulation;
using Fengqiao.Storage.Sqlite;
using Fengqiao.Testing;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>The simulation's grouped appends on the SQLite store: each append checked at once, committed in groups.</summary>
public sealed class GroupedAppendStoreTests : IAsyncDisposable
{
    private readonly SqliteCaseStore sqlite = SqliteCaseStore.OpenInMemory(Calendar);
    private readonly GroupedAppendStore grouped;
    private readonly BareCounty county;

    public GroupedAppendStoreTests()
    {
        grouped = new GroupedAppendStore(sqlite);
        county = new BareCounty(wrap: _ => grouped, configure: o => o.DuplicateDetector = grouped);
    }

    public ValueTask DisposeAsync() => grouped.DisposeAsync();

    [Fact]
    public async Task AppendAsync_ToAStoredCase_IsHeldUntilTheDueListIsRead()
    {
        var dispatched = await county.DispatchedAsync();
        var registered = await sqlite.ReadEventsAsync(dispatched.Id, default);

        Assert.True(registered.Count < dispatched.Version, "the accept and dispatch are held, not yet in the file");
        Assert.Equal(dispatched.Version, (await grouped.LoadAsync(dispatched.Id, default))?.Version);

        await grouped.ListDueAsync(Start, default);

        Assert.Equal(dispatched.Version, (await sqlite.LoadAsync(dispatched.Id, default))?.Version);
        Assert.Equal(dispatched.Version, (await sqlite.ReadEventsAsync(dispatched.Id, default)).Count);
    }

    [Fact]
    public async Task AppendAsync_StaleVersion_FailsOnlyThatAppendAndTheOthersAreCommitted()
    {
        var first = await county.RegisterAsync(Report(phone: "13800000001"));
        var second = await county.RegisterAsync(Report(phone: "13800000002"));
        var accepted = await county.Desk.AcceptAsync(first.Id, Dispatcher);
        var acceptEvents = county.Published.Where(e => e.CaseId == first.Id && e.Version > first.Version).ToList();

        var stale = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => grouped.AppendAsync(first.Version, acceptEvents, accepted, default).AsTask());
        var other = await county.Desk.AcceptAsync(second.Id, Dispatcher);
        await grouped.FlushAsync();

        Assert.Contains(first.Id.Value, stale.Message);
        Assert.Equal(accepted.Version, (await sqlite.LoadAsync(first.Id, default))?.Version);
        Assert.Equal(other.Version, (await sqlite.LoadAsync(second.Id, default))?.Version);
        Assert.Equal(CaseState.Accepted, (await sqlite.LoadAsync(second.Id, default))?.State);
    }

    [Fact]
    public async Task AppendAsync_NewCase_CommitsTheHeldAppendsWithItInOneGroup()
    {
        var dispatched = await county.DispatchedAsync();
        var groupsBefore = grouped.Groups;

        var next = await county.RegisterAsync(Report(phone: "13800000009"));

        Assert.Equal(groupsBefore + 1, grouped.Groups);
        Assert.Equal(dispatched.Version, (await sqlite.LoadAsync(dispatched.Id, default))?.Version);
        Assert.Equal(next.Version, (await sqlite.LoadAsync(next.Id, default))?.Version);
    }

    [Fact]
    public async Task FlushAsync_FileChangedBehindTheView_StopsNamingTheCaseAndVersions()
    {
        var registered = await county.RegisterAsync();
        var accepted = await county.Desk.AcceptAsync(registered.Id, Dispatcher);
        var acceptEvents = county.Published.Where(e => e.CaseId == registered.Id && e.Version > registered.Version).ToList();
        await sqlite.AppendAsync(registered.Version, acceptEvents, accepted, default);

        var refused = await Assert.ThrowsAsync<CliException>(() => grouped.FlushAsync());

        Assert.Contains($"case '{registered.Id}'", refused.Message);
        Assert.Contains($"version {registered.Version} → {accepted.Version}", refused.Message);
        Assert.IsAssignableFrom<FengqiaoException>(refused);
    }

    [Fact]
    public async Task RegisterAsync_SameMatterAsACaseAcceptedWhileHeld_JoinsIt()
    {
        var first = await county.RegisterAsync();
        await county.Desk.AcceptAsync(first.Id, Dispatcher);

        var again = await county.Desk.RegisterAsync(Report(), Intake);

        Assert.True(again.JoinedExisting);
        Assert.Equal(first.Id, again.Case.Id);
    }

    [Fact]
    public async Task RegisterAsync_SameMatterAsACaseDeclinedWhileHeld_OpensANewCase()
    {
        var first = await county.RegisterAsync();
        var declined = await county.Desk.DeclineAsync(first.Id, Dispatcher, "outside the platform's remit");
        Assert.Equal(first.Version, (await sqlite.LoadAsync(first.Id, default))?.Version);

        var again = await county.Desk.RegisterAsync(Report(), Intake);

        Assert.Equal(CaseState.Declined, declined.State);
        Assert.False(again.JoinedExisting);
        Assert.NotEqual(first.Id, again.Case.Id);
        Assert.Equal(CaseState.Declined, (await sqlite.LoadAsync(first.Id, default))?.State);
    }

    [Fact]
    public async Task RegisterAsync_FirstKeyOnACaseDeclinedWhileHeldSecondOnAnOpenOne_JoinsTheOpenOne()
    {
        var referenced = await county.RegisterAsync(Report(phone: "13800000001", reference: "信访-2026-001"));
        var open = await county.RegisterAsync(Report(phone: "13800000002"));
        await county.Desk.DeclineAsync(referenced.Id, Dispatcher, "outside the platform's remit");

        // Its first key (the reference) is the declined case's; the store, asked before the decline is committed, names
        // that case, and only after it names the open case of its second key (the reporter).
        var again = await county.Desk.RegisterAsync(Report(phone: "13800000002", reference: "信访-2026-001"), Intake);
        var next = await county.RegisterAsync(Report(phone: "13800000003"));

        Assert.True(again.JoinedExisting);
        Assert.Equal(open.Id, again.Case.Id);

        // Found at once, as the store alone finds it: no new case was tried (and refused at its append as a duplicate),
        // so no case id or query code was drawn for it and the next case's id is the one a run without grouping gives.
        Assert.Equal(new CaseId("case-3"), next.Id);
    }

    [Fact]
    public async Task ForgetAsync_ACaseWrittenBehindTheView_IsReadFromTheStoreAgain()
    {
        var registered = await county.RegisterAsync();
        await grouped.FlushAsync();

        // Another node (a PostgreSQL sweeper in the simulation) writes the case behind the view.
        var e = new CaseEvent(registered.Id, registered.Version + 1, registered.UpdatedAt, Leader, registered.State, registered.State, new CaseSupervised());
        var supervised = registered.Apply(e);
        await sqlite.AppendAsync(registered.Version, [e], supervised, default);
        var kept = await grouped.LoadAsync(registered.Id, default);

        await grouped.ForgetAsync([registered.Id]);

        Assert.Equal(registered.Version, kept?.Version);
        Assert.Equal(supervised.Version, (await grouped.LoadAsync(registered.Id, default))?.Version);
        var accepted = await county.Desk.AcceptAsync(registered.Id, Dispatcher);
        await grouped.FlushAsync();
        Assert.Equal(supervised.Version + 1, accepted.Version);
        Assert.Equal(accepted.Version, (await sqlite.LoadAsync(registered.Id, default))?.Version);
    }

    [Fact]
    public async Task DisposeAsync_WithAppendsHeld_CommitsThemToTheFile()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-grouped-").FullName, "cases.db");
        var file = SqliteCaseStore.Open(path, Calendar);
        Case dispatched;
        await using (var view = new GroupedAppendStore(file))
        {
            var onFile = new BareCounty(wrap: _ => view, configure: o => o.DuplicateDetector = view);
            dispatched = await onFile.DispatchedAsync();
        }

        await using var reopened = SqliteCaseStore.Open(path, Calendar);
        Assert.Equal(dispatched.Version, (await reopened.LoadAsync(dispatched.Id, default))?.Version);
    }

    [Fact]
    public void Constructor_StoreWithoutGroupCommit_IsRefusedNamingIt()
    {
        var refused = Assert.Throws<ArgumentException>(() => new GroupedAppendStore(new Fengqiao.Cases.InMemory.InMemoryCaseStore()));

        Assert.Contains("InMemoryCaseStore", refused.Message);
    }
}
