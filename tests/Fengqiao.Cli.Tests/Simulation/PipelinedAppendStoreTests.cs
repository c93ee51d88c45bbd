using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Cli.Simulation;
using Fengqiao.Profiles;
using Fengqiao.Storage.Sqlite;
using Fengqiao.Testing;
using Fengqiao.TestSupport;
using NodaTime;
using static Fengqiao.Testing.BareCounty;

namespace Fengqiao.Cli.Tests.Simulation;

/// <summary>The simulation's grouped appends committed by a background writer (pipelined): the desk goes on while
/// groups are written, reads that need the store wait for the writer, and a failed group stops the run.</summary>
public sealed class PipelinedAppendStoreTests : IAsyncDisposable
{
    private readonly SqliteCaseStore sqlite = SqliteCaseStore.OpenInMemory(Calendar);
    private readonly HeldBackStore writes;
    private readonly GroupedAppendStore pipelined;
    private readonly BareCounty county;

    public PipelinedAppendStoreTests()
    {
        writes = new HeldBackStore(sqlite);
        pipelined = new GroupedAppendStore(writes, pipelined: true, chunkSize: 2);
        county = new BareCounty(wrap: _ => pipelined, configure: o => o.DuplicateDetector = pipelined);
    }

    public async ValueTask DisposeAsync()
    {
        writes.Release();
        try
        {
            await pipelined.DisposeAsync();
        }
        catch (FengqiaoException)
        {
            // The failure tests leave the writer failed; disposing says so again.
        }

        await sqlite.DisposeAsync();
    }

    [Theory]
    [InlineData("saybagh.yaml")]
    [InlineData("yumen.yaml")]
    public async Task Simulation_PipelinedCommits_GiveTheSameEventsAndJsonAsCommitsOnTheSimulationThread(string file)
    {
        var profile = CountyProfileLoader.LoadFile(RepositoryPaths.Combine("samples", "profiles", file));
        var options = new SimulationOptions(4, 120, 11) { DrainDays = 3 };

        var (pipelinedRun, pipelinedEvents) = await RunAsync(profile, options);
        var (inline, inlineEvents) = await RunAsync(profile, options with { PipelineCommits = false });

        Assert.Equal(JsonReport.Render(inline), JsonReport.Render(pipelinedRun));
        Assert.Equal(inlineEvents, pipelinedEvents);
        Assert.Empty(pipelinedRun.Refusals);
        Assert.True(pipelinedEvents.Count > 2000, $"a run of {pipelinedEvents.Count} events is too small to compare");
        var commits = Assert.IsType<AppendGroups>(pipelinedRun.Commits);
        Assert.Equal(Assert.IsType<AppendGroups>(inline.Commits).Appends, commits.Appends);
    }

    [Fact]
    public async Task LoadAsync_ACaseWhoseGroupIsNotCommittedYet_ReturnsItsLatestSnapshotFromTheView()
    {
        writes.HoldBack();
        var dispatched = await county.DispatchedAsync();

        Assert.True(pipelined.Groups > 0, "a group was handed to the writer");
        Assert.Null(await sqlite.LoadAsync(dispatched.Id, default));
        Assert.Equal(dispatched.Version, (await pipelined.LoadAsync(dispatched.Id, default))?.Version);
    }

    [Fact]
    public async Task ListDueAsync_WithGroupsNotCommittedYet_WaitsForTheWriterThenSeesThem()
    {
        writes.HoldBack();
        var dispatched = await county.DispatchedAsync();
        writes.ReleaseOnceAGroupArrives();

        var due = await pipelined.ListDueAsync(Start + Duration.FromDays(400), default);

        Assert.Equal(pipelined.Groups, writes.GroupsCommittedAtLastRead);
        Assert.Contains(dispatched.Id, due);
        Assert.Equal(dispatched.Version, (await sqlite.LoadAsync(dispatched.Id, default))?.Version);
        Assert.Equal(dispatched.Version, (await sqlite.ReadEventsAsync(dispatched.Id, default)).Count);
    }

    [Fact]
    public async Task AppendAsync_AfterTheWriterFailedAGroup_ThrowsTheStoresErrorAndWritesNothingLater()
    {
        var failure = new SqliteCaseStoreException(":memory:", SqliteCaseStoreOperation.Append, "the disk is full");
        writes.HoldBack();
        writes.FailNextGroup(failure);
        var first = await county.DispatchedAsync();
        writes.Release();

        var stopped = await Assert.ThrowsAsync<SqliteCaseStoreException>(() => pipelined.FlushAsync());
        var again = await Assert.ThrowsAsync<SqliteCaseStoreException>(() => county.RegisterAsync(Report(phone: "13800000002")));

        Assert.Same(failure, stopped);
        Assert.Same(failure, again);
        Assert.Null(await sqlite.LoadAsync(first.Id, default));
        Assert.Equal(1, writes.GroupsFailed);
        Assert.Equal(0, writes.GroupsCommitted);
    }

    [Fact]
    public async Task FlushAsync_FileChangedBehindTheView_StopsNamingTheCaseAndVersions()
    {
        var registered = await county.RegisterAsync();
        await pipelined.FlushAsync();
        var accepted = await county.Desk.AcceptAsync(registered.Id, Dispatcher);
        var acceptEvents = county.Published.Where(e => e.CaseId == registered.Id && e.Version > registered.Version).ToList();
        await sqlite.AppendAsync(registered.Version, acceptEvents, accepted, default);

        var refused = await Assert.ThrowsAsync<CliException>(() => pipelined.FlushAsync());

        Assert.Contains($"case '{registered.Id}'", refused.Message);
        Assert.Contains($"version {registered.Version} → {accepted.Version}", refused.Message);
    }

    [Fact]
    public async Task RegisterAsync_SameMatterAsACaseStillWithTheWriter_JoinsIt()
    {
        writes.HoldBack();
        var first = await county.DispatchedAsync();
        writes.ReleaseOnceAGroupArrives();

        var again = await county.Desk.RegisterAsync(Report(), Intake);

        Assert.Equal(pipelined.Groups, writes.GroupsCommittedAtLastRead);
        Assert.True(again.JoinedExisting);
        Assert.Equal(first.Id, again.Case.Id);
    }

    [Fact]
    public async Task RegisterAsync_SameMatterAsACommittedCase_IsAnsweredWithoutWaitingForTheWriter()
    {
        var first = await county.RegisterAsync(Report(phone: "13800000001"));
        await pipelined.FlushAsync();
        writes.HoldBack();
        var other = await county.RegisterAsync(Report(phone: "13800000002"));
        await county.Desk.AcceptAsync(other.Id, Dispatcher);

        var again = await county.Desk.RegisterAsync(Report(phone: "13800000001"), Intake);

        Assert.True(again.JoinedExisting);
        Assert.Equal(first.Id, again.Case.Id);
        Assert.True(writes.GroupsCommittedAtLastRead < pipelined.Groups, "the look-up read the store while a group was still with the writer");
    }

    [Fact]
    public async Task AppendAsync_NewCaseWithAWrittenCasesQueryCode_IsRefusedAsTheStoreRefusesIt()
    {
        var first = await county.RegisterAsync(Report(phone: "13800000001"));
        var second = await county.RegisterAsync(Report(phone: "13800000002"));
        var registration = county.Published.First(e => e.CaseId == first.Id);
        var copy = new CaseEvent(new CaseId("copy-1"), 1, registration.At, registration.Actor, registration.From, registration.To, registration.Payload);

        await Assert.ThrowsAsync<QueryCodeConflictException>(() => pipelined.AppendAsync(0, [copy], Case.Register(copy, Calendar), default).AsTask());

        Assert.Equal(1, pipelined.NewCasesCommittedAtOnce);
        Assert.Equal(first.Version, (await sqlite.LoadAsync(first.Id, default))?.Version);
        Assert.Equal(second.Version, (await sqlite.LoadAsync(second.Id, default))?.Version);
        Assert.Null(await sqlite.LoadAsync(new CaseId("copy-1"), default));
    }

    [Fact]
    public async Task RegisterAsync_NewMatters_AreHeldWithoutAskingTheStore()
    {
        writes.HoldBack();
        for (var i = 0; i < 12; i++)
        {
            await county.RegisterAsync(Report(phone: $"138000001{i:D2}"));
        }

        Assert.Equal(0, pipelined.NewCasesCommittedAtOnce);
        Assert.Equal(0, writes.Reads);
        Assert.True(pipelined.Groups > 0, "groups were handed to the writer while it was held back");
    }

    private static async Task<(SimulationReport Report, List<string> Events)> RunAsync(CountyProfile profile, SimulationOptions options)
    {
        var events = new List<string>();
        var report = await CountySimulation.RunAsync(profile, options, observe: e => events.Add($"{e.At} {e}"));
        return (report, events);
    }

    /// <summary>A SQLite store whose group commits can be held back (each waits until released) or failed, and which
    /// counts the reads the view makes of it.</summary>
    private sealed class HeldBackStore(SqliteCaseStore inner) : ICaseStore, ICaseGroupCommit, IDuplicateDetector
    {
        private readonly TaskCompletionSource arrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource release = Released();
        private Exception? failNext;
        private int committed;

        public int GroupsCommitted => Volatile.Read(ref committed);

        /// <summary>Gets how many groups were committed when the view last read the store.</summary>
        public int GroupsCommittedAtLastRead { get; private set; } = -1;

        public int GroupsFailed { get; private set; }

        public int Reads { get; private set; }

        public void HoldBack() => release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release() => release.TrySetResult();

        public void FailNextGroup(Exception failure) => failNext = failure;

        /// <summary>Releases the held-back groups from another thread once the writer has taken one, so a read that
        /// waits for the writer gets its answer, and one that does not wait reads before the groups are committed.</summary>
        public void ReleaseOnceAGroupArrives() => _ = Task.Run(async () =>
        {
            await arrived.Task.ConfigureAwait(false);
            Release();
        });

        public async ValueTask<ImmutableArray<Exception?>> AppendGroupAsync(IReadOnlyList<CaseAppend> appends, CancellationToken cancellationToken)
        {
            arrived.TrySetResult();
            await release.Task.ConfigureAwait(false);
            if (Interlocked.Exchange(ref failNext, null) is { } failure)
            {
                GroupsFailed++;
                throw failure;
            }

            var outcomes = await inner.AppendGroupAsync(appends, cancellationToken).ConfigureAwait(false);
            Interlocked.Increment(ref committed);
            return outcomes;
        }

        public ValueTask<Case?> LoadAsync(CaseId id, CancellationToken cancellationToken) => Read(() => inner.LoadAsync(id, cancellationToken));

        public ValueTask<Case?> FindByQueryCodeAsync(QueryCodeDigest digest, CancellationToken cancellationToken) => Read(() => inner.FindByQueryCodeAsync(digest, cancellationToken));

        public ValueTask<IReadOnlyList<CaseEvent>> ReadEventsAsync(CaseId id, CancellationToken cancellationToken) => Read(() => inner.ReadEventsAsync(id, cancellationToken));

        public ValueTask AppendAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken) =>
            inner.AppendAsync(expectedVersion, events, snapshot, cancellationToken);

        public ValueTask<IReadOnlyList<CaseId>> ListDueAsync(Instant dueBy, CancellationToken cancellationToken) => Read(() => inner.ListDueAsync(dueBy, cancellationToken));

        public ValueTask<CaseId?> FindDuplicateAsync(CaseReport report, Instant at, CancellationToken cancellationToken) => Read(() => inner.FindDuplicateAsync(report, at, cancellationToken));

        public ValueTask RememberAsync(Case registered, CancellationToken cancellationToken) => inner.RememberAsync(registered, cancellationToken);

        private ValueTask<T> Read<T>(Func<ValueTask<T>> read)
        {
            Reads++;
            GroupsCommittedAtLastRead = GroupsCommitted;
            return read();
        }

        private static TaskCompletionSource Released()
        {
            var done = new TaskCompletionSource();
            done.SetResult();
            return done;
        }
    }
}
