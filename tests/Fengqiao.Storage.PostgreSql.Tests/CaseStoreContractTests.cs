using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cases.Tests.Desk;
using NodaTime;
using static Fengqiao.Cases.Tests.Desk.DeskKit;

namespace Fengqiao.Storage.PostgreSql.Tests;

/// <summary>What every ICaseStore must do (the SQLite store's contract tests, until Fengqiao.Testing's conformance checks land), on the PostgreSQL store.</summary>
[Collection(PostgresTests.Name)]
public sealed class CaseStoreContractTests(PostgresServer server) : IAsyncLifetime
{
    private readonly StoreFactory stores = new(server);

    public static TheoryData<string> Kinds() => new() { "postgres" };

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await stores.CloseAsync();

    private static CaseEvent Supervise(Case c, string note = "督办") =>
        new(c.Id, c.Version + 1, c.UpdatedAt, Leader, CaseEventKind.Transition, c.State, c.State) { Trigger = CaseTrigger.Supervise, Text = note };

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task LoadAsync_AfterDeskSteps_ReturnsTheCaseAtItsLastVersion(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = StoreFactory.Kit(store);
        var c = await kit.DispatchedAsync();

        var loaded = await store.LoadAsync(c.Id, default);

        Assert.Equal(3, loaded!.Version);
        Assert.Equal(Fingerprint(c), Fingerprint(loaded));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RegisterAsync_ACodeTakenByAnotherCase_IsRefusedByTheStoreAndRetriedWithAFreshCode(string kind)
    {
        // Each value is drawn twice, so the second registration's first code is the first case's: had the store
        // accepted it, the first citizen's code would now open the second case.
        var store = await stores.OpenKindAsync(kind);
        var kit = new DeskKit(wrap: _ => store, configure: o => o.QueryCodes = new QueryCodeGenerator(new RepeatingRandom(repeats: 2)));
        var first = await kit.RegisterAsync(Report(phone: "13800000001"));

        var second = await kit.RegisterAsync(Report(phone: "13800000002"));

        Assert.NotEqual(first.QueryCode, second.QueryCode);
        Assert.Equal(first.Id, (await store.FindByQueryCodeAsync(first.QueryCode, default))!.Id);
        Assert.Equal(second.Id, (await store.FindByQueryCodeAsync(second.QueryCode, default))!.Id);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task RegisterAsync_ConstantRandomSource_FailsAfterTheAttemptsWithoutRepointingTheCode(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = new DeskKit(wrap: _ => store, configure: o => o.QueryCodes = new QueryCodeGenerator(new RepeatingRandom()));
        var first = await kit.RegisterAsync(Report(phone: "13800000001"));

        var e = await Assert.ThrowsAsync<QueryCodeConflictException>(() => kit.RegisterAsync(Report(phone: "13800000002")));

        Assert.Equal(CaseDesk.QueryCodeAttempts, e.Attempts);
        Assert.Equal(first.Id, (await store.FindByQueryCodeAsync(first.QueryCode, default))!.Id);
        Assert.Null(await store.LoadAsync(e.CaseId, default));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Reads_UnknownCase_FindNothing(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        await StoreFactory.Kit(store).RegisterAsync();

        Assert.Null(await store.LoadAsync(new CaseId("nobody"), default));
        Assert.Empty(await store.ReadEventsAsync(new CaseId("nobody"), default));
        Assert.Null(await store.FindByQueryCodeAsync(new QueryCodeGenerator().Next(), default));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ReadEventsAsync_ReturnsWhatTheDeskPublished_OldestFirst(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = StoreFactory.Kit(store);
        var c = await kit.InProgressAsync();
        await kit.Desk.ResolveAsync(c.Id, Worker, "已修复，\"漏水\"已止");

        var events = await store.ReadEventsAsync(c.Id, default);

        Assert.Equal(kit.Published.Where(e => e.CaseId == c.Id), events);
        Assert.Equal([1L, 2, 3, 4, 5, 6], events.Select(e => e.Version));
        Assert.Equal(Fingerprint((await store.LoadAsync(c.Id, default))!), Fingerprint(Case.Replay(events, Calendar)));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task FindByQueryCodeAsync_TheCitizensCode_FindsTheLatestCase(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = StoreFactory.Kit(store);
        var c = await kit.DispatchedAsync();
        await kit.RegisterAsync(Report(phone: "13900000000"));

        var found = await store.FindByQueryCodeAsync(c.QueryCode, default);

        Assert.Equal((c.Id, 3L), (found!.Id, found.Version));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AppendAsync_StaleVersion_ThrowsConflictAndWritesNothing(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var c = await StoreFactory.Kit(store).RegisterAsync();
        var first = Supervise(c, "first");
        await store.AppendAsync(1, [first], c.Apply(first), default);
        var late = Supervise(c, "late");

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.AppendAsync(1, [late], c.Apply(late), default));

        Assert.Equal((c.Id, 1L, 2L), (conflict.CaseId, conflict.ExpectedVersion, conflict.ActualVersion));
        var events = await store.ReadEventsAsync(c.Id, default);
        Assert.Equal([1L, 2], events.Select(e => e.Version));
        Assert.Equal("first", events[1].Text);
        Assert.Equal(2, (await store.LoadAsync(c.Id, default))!.Version);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AppendAsync_NewCaseWhoseIdExists_Conflicts(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = StoreFactory.Kit(store);
        var c = await kit.RegisterAsync();
        var registered = (await store.ReadEventsAsync(c.Id, default))[0];

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(async () => await store.AppendAsync(0, [registered], c, default));

        Assert.Equal((0L, 1L), (conflict.ExpectedVersion, conflict.ActualVersion));
        Assert.Single(await store.ReadEventsAsync(c.Id, default));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AppendAsync_BadInput_IsRefusedTheSameWayByEveryStore(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var c = await StoreFactory.Kit(store).RegisterAsync();
        var e = Supervise(c);

        Assert.Equal("events", (await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(1, [], c, default))).ParamName);
        Assert.Equal("events", (await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(1, [e with { Version = 5 }], c, default))).ParamName);
        Assert.Equal("snapshot", (await Assert.ThrowsAsync<ArgumentException>(async () => await store.AppendAsync(1, [e], c, default))).ParamName);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await store.AppendAsync(-1, [e], c.Apply(e), default));
        await Assert.ThrowsAsync<ArgumentNullException>(async () => await store.AppendAsync(1, null!, c, default));
        Assert.Single(await store.ReadEventsAsync(c.Id, default));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AppendAsync_Cancelled_WritesNothing(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var c = await StoreFactory.Kit(store).RegisterAsync();
        var e = Supervise(c);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await store.AppendAsync(1, [e], c.Apply(e), cancelled.Token));

        Assert.Equal(1, (await store.LoadAsync(c.Id, default))!.Version);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task ListDueAsync_ListsOnlyCasesWhoseNextDueInstantHasCome(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = StoreFactory.Kit(store);
        var a = await kit.RegisterAsync();
        kit.Clock.Advance(Duration.FromHours(1));
        var b = await kit.RegisterAsync(Report(phone: "13900000000"));
        Assert.True(a.NextDueAt < b.NextDueAt);

        Assert.Empty(await store.ListDueAsync(Start, default));
        Assert.Equal([a.Id], await store.ListDueAsync(a.NextDueAt!.Value, default));
        Assert.Equal([a.Id, b.Id], (await store.ListDueAsync(b.NextDueAt!.Value, default)).OrderBy(id => id.Value));

        await kit.Desk.WithdrawAsync(a.Id, CaseActor.Citizen(a.QueryCode));
        Assert.Null((await store.LoadAsync(a.Id, default))!.NextDueAt);
        Assert.Equal([b.Id], await store.ListDueAsync(b.NextDueAt!.Value + Duration.FromDays(365), default));
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Sweep_OnTheStoresDueList_RecordsOverdueClocks(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = StoreFactory.Kit(store);
        var c = await kit.DispatchedAsync();
        kit.Clock.Advance(Duration.FromDays(14));

        await kit.Desk.SweepAsync(kit.Clock.Now);

        var swept = (await store.LoadAsync(c.Id, default))!;
        Assert.True(swept.HasBeenOverdue);
        Assert.Contains(await store.ReadEventsAsync(c.Id, default), e => e.Kind == CaseEventKind.ClockStageChanged && e.Cause is not null);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task Register_TheSameMatterTwice_JoinsTheFirstCase(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var kit = StoreFactory.Kit(store);
        var c = await kit.RegisterAsync();

        var again = await kit.Desk.RegisterAsync(Report(), Intake);

        Assert.Equal(c.Id, again.Case.Id);
        var loaded = (await store.LoadAsync(c.Id, default))!;
        Assert.Single(loaded.JoinedReports);
        Assert.Equal(CaseEventKind.ReportJoined, (await store.ReadEventsAsync(c.Id, default))[^1].Kind);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task AppendAsync_ManyConcurrentWriters_ExactlyOneWinsEachVersion(string kind)
    {
        var store = await stores.OpenKindAsync(kind);
        var c = await StoreFactory.Kit(store).RegisterAsync();
        var accepted = 0;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, 6).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                var current = (await store.LoadAsync(c.Id, default))!;
                var e = Supervise(current, $"writer {writer}");
                try
                {
                    await store.AppendAsync(current.Version, [e], current.Apply(e), default);
                    Interlocked.Increment(ref accepted);
                }
                catch (ConcurrencyConflictException)
                {
                    Interlocked.Increment(ref conflicts);
                }
            }
        })));

        var history = await store.ReadEventsAsync(c.Id, default);
        Assert.Equal(120, accepted + conflicts);
        Assert.Equal(Enumerable.Range(1, 1 + accepted).Select(v => (long)v), history.Select(e => e.Version));
        Assert.Equal(accepted, (await store.LoadAsync(c.Id, default))!.SupervisionCount);
    }
}
