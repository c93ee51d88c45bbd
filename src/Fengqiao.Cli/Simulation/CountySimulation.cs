using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Profiles;
using Fengqiao.Rules;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using NodaTime;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// Runs a county in virtual time through the real <see cref="CaseDesk"/>: citizens report, dispatchers accept and
/// dispatch, workers claim and handle, reviewers approve or reject, cases escalate up the ladder or go to mediation,
/// citizens and deputies rate and reopen, and the sweep runs every simulated hour.
/// </summary>
/// <remarks>Everything random comes from one <see cref="Random"/> seeded by the options, and the agenda runs in
/// (instant, sequence) order, so the same seed gives the same events and the same figures.</remarks>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The grouped appends are also the desk's store (or inside it), which RunAsync disposes when the run ends.")]
internal sealed partial class CountySimulation
{
    private static readonly LocalDate StartDate = new(2025, 3, 3);

    private readonly CountyProfile profile;
    private readonly SimulationOptions options;
    private readonly Random random;
    private readonly Random deskWork;
    private readonly Random intake;
    private readonly SimulationClock clock;
    private readonly BusinessCalendar calendar;
    private readonly OrgTree tree;
    private readonly CaseDesk desk;
    private readonly ICaseStore store;

    private readonly SlaPolicy slaPolicy;
    private readonly Agenda agenda = new();
    private readonly SimulationMetrics metrics;
    private readonly ImmutableArray<OrgUnit> grids;
    private readonly ImmutableArray<(CaseCategory Category, double Weight)> categories;
    private readonly ImmutableArray<CaseChannel> channels;
    private readonly CaseActor dispatcher;
    private readonly ImmutableArray<CaseActor> deputies;
    private readonly MediationRouter? router;
    private readonly Dictionary<(OrgUnitId Grid, OrgUnitId? Department), LadderPath> paths = [];
    private readonly Dictionary<(OrgUnitId Grid, CaseCategory Category), OrgUnitId?> routedDepartments = [];
    private readonly CountyDesk county;
    private readonly Dictionary<CaseId, CaseProgress> open = [];
    private readonly List<CaseReport> recentReports = [];
    private readonly HandOffLedger? ledger;
    private readonly RuleSet<Fengqiao.Mediation.Rules.HandOffFact, Fengqiao.Mediation.Rules.HandOffDecision> handOffRules;
    private readonly MediationDesk? mediationDesk;
    private readonly HashSet<CaseId> unroutable = [];
    private readonly HashSet<CaseId> waiting = [];
    private readonly HashSet<CaseId> gaveUpWaiting = [];
    private int nextCaseNumber;
    private SimulationFootprint footprint = SimulationFootprint.Empty;

    // The desk's appends committed in groups (SQLite and PostgreSQL, unless GroupAppends is off); set by OpenStore.
    private GroupedAppendStore? grouped;

    private CountySimulation(CountyProfile profile, SimulationOptions options)
    {
        profile = WithMediatorsAtRunVolume(profile, options.CasesPerDay);
        this.profile = profile;
        this.options = options;
        behaviour = profile.Simulation ?? Fengqiao.Profiles.SimulationProfile.Default;
        random = new Random(options.Seed);
        deskWork = new Random(unchecked(options.Seed * 7919) + 17);
        intake = new Random(unchecked(options.Seed * 104729) + 3);
        calendar = profile.BuildCalendar();
        var start = (options.StartDate ?? StartDate).AtStartOfDayInZone(calendar.Zone).ToInstant();
        clock = new SimulationClock(start);
        tree = SimulationOrg.Build(profile);
        var root = tree.Roots[0];
        dispatcher = CaseActor.Staff(SimulationOrg.DispatcherOf(root.Id), root.Id);

        // People's deputies 人大代表: only the profile's members with the deputy role; a county whose profile has none has
        // no deputies' reviews (the simulation invents none).
        var deputyRole = new MemberRole("deputy");
        deputies = [.. tree.Units.SelectMany(u => u.Members).Where(m => m.Holds(deputyRole)).Select(m => CaseActor.Deputy(m.Id))];
        grids = [.. tree.Units.Where(u => profile.Ladder.Levels[0].IsServedBy(u) && tree.ChildrenOf(u.Id).All(child => child.Kind == OrgUnitKind.MediationBody))];
        categories = profile.Categories.IsDefaultOrEmpty
            ? [(new CaseCategory("other"), 1.0)]
            : [.. profile.Categories.Select(c => (c.Key, Math.Max(0.0001, c.Share)))];
        channels = profile.Channels.IsDefaultOrEmpty ? [CaseChannel.Hotline12345] : profile.Channels;
        if (grids.IsEmpty)
        {
            throw new CliException($"The profile '{profile.Name}' has no units at the bottom of its ladder to report from.");
        }

        slaPolicy = profile.BuildSlaPolicy();

        // The whole desk from the profile's composition root; the simulation adds only its staff, seeds and store.
        var mediates = !profile.Mediation.Bodies.IsDefaultOrEmpty;
        county = new CountyDeskBuilder(profile)
            .UseOrgTree(tree)
            .UseCalendar(calendar)
            .UseSlaPolicy(slaPolicy)
            .UseStore(store = OpenStore(options, calendar))
            .UseClock(clock)
            .UseQueryCodes(new QueryCodeGenerator(new SeededRandomNumberGenerator(options.Seed)))

            // No citizen looks a simulated case up: a key of the run's own, drawn from the seed, keeps runs repeatable.
            .UseQueryCodeKey(SimulationKey(options.Seed))
            .UseCaseIds(() => new CaseId($"C{++nextCaseNumber:D7}"))
            .UseHandOffSender(root.Id)

            // The county's hand-off rules decide which matters go to mediation (访调、诉调…), not the simulation.
            .UseHandOffFacts(c => mediates ? HandOffFactOf(c) : null)
            .ConfigureMediation(MediationOptions)
            .Build();
        desk = county.Desk;
        handOffRules = county.HandOffRules;
        router = mediates ? county.Router : null;
        ledger = mediates ? county.Ledger : null;
        mediationDesk = mediates ? county.Mediation : null;
        metrics = new SimulationMetrics(profile, calendar, start, options.Days, LevelOf);
        ConfigureCountyMetrics();
        // Concurrent sweepers (PostgreSQL) publish from several threads: the observers see one event at a time.
        desk.Events.Subscribe(e =>
        {
            lock (observeGate)
            {
                metrics.Observe(e);
                AuditSweep(e);
                if (e.Trigger == CaseTrigger.Close)
                {
                    lastCloseAt = e.At;
                }
            }
        });
        desk.Events.Subscribe(e =>
        {
            lock (observeGate)
            {
                FollowRules(e);
            }
        });
    }

    /// <summary>Runs the simulation and returns its report.</summary>
    /// <param name="profile">The county.</param>
    /// <param name="options">Days, reports a day, seed.</param>
    /// <param name="progress">Receives the fraction of simulated time done, for a progress bar.</param>
    /// <param name="observe">Sees every case event the desk publishes, in order (for tests and tracing).</param>
    public static async Task<SimulationReport> RunAsync(CountyProfile profile, SimulationOptions options, Action<double>? progress = null, Action<Fengqiao.Cases.Events.CaseEvent>? observe = null)
    {
        var simulation = new CountySimulation(profile, options);
        try
        {
            if (observe is not null)
            {
                simulation.desk.Events.Subscribe(e =>
                {
                    lock (simulation.observeGate)
                    {
                        observe(e);
                    }
                });
            }

            await simulation.RunAsync(progress).ConfigureAwait(false);
            var report = simulation.metrics.Report(options, simulation.open.Values.Select(p => p.Id), simulation.ledger?.All() ?? []);
            return report with
            {
                Sweeps = simulation.Audit(),
                DrainDays = simulation.drained,
                HasMediationBodies = !profile.Mediation.Bodies.IsDefaultOrEmpty,
                Published = PublishedFigures.Compare(profile, report.Indicators, options),
                Commits = simulation.grouped is { } grouped ? await grouped.CommittedAsync().ConfigureAwait(false) : null,
                Footprint = simulation.footprint,
            };
        }
        finally
        {
            await simulation.CloseSweepersAsync().ConfigureAwait(false);
            if (simulation.store is IAsyncDisposable disposable)
            {
                await disposable.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task RunAsync(Action<double>? progress)
    {
        var start = clock.GetCurrentInstant();
        var end = start + Duration.FromDays(options.Days);
        ScheduleDays(start);
        while (agenda.TryTake(end, out var at, out var action))
        {
            clock.Set(at);
            await action().ConfigureAwait(false);
            metrics.ThrowIfEventAfterRetirement();
            progress?.Invoke(Math.Min(1.0, (at - start) / (end - start)));
        }

        clock.Set(end);
        await DrainAsync(end).ConfigureAwait(false);
    }

    /// <summary>The mediation desk's options: the county's hand-off rules and, where the profile's tree has them as
    /// outside bodies under the conventional ids <c>court</c>, <c>police</c>, <c>petition-office</c> and
    /// <c>procuratorate</c>, the bodies the return flows (诉调、警调、访调、检调) go back to.</summary>
    private MediationDeskOptions MediationOptions(MediationDeskOptions defaults)
    {
        OrgUnitId? Outside(string id) => tree.Find(new OrgUnitId(id)) is { Kind: var kind } unit && kind == OrgUnitKind.OutsideBody ? unit.Id : null;
        return defaults with
        {
            Court = Outside("court"),
            PoliceStation = Outside("police"),
            PetitionOffice = Outside("petition-office"),
            Procuratorate = Outside("procuratorate"),
        };
    }

    /// <summary>
    /// The profile with each mediator's capacity (the open mediations they may carry at once, <c>mediation.mediators[].capacity</c>)
    /// scaled to the run's volume: a run at <paramref name="casesPerDay"/> reports a day against the county's own
    /// <c>simulation.reports-per-day</c> simulates that many times the county, so its mediators stand for that many
    /// times as many (at least one open mediation each). Without <c>reports-per-day</c>, or at the county's own volume,
    /// the profile is returned as it is.
    /// </summary>
    /// <remarks>As the early-warning index's populations are scaled (<see cref="SimulationWarnings.VolumeScale"/>): without
    /// it a run of 600 reports a day sends 120 Yumens' court filings and police calls to Yumen's eight mediators, the
    /// committees are full, and the diversion and follow-up figures measure the run's size instead of the county.</remarks>
    internal static CountyProfile WithMediatorsAtRunVolume(CountyProfile profile, int casesPerDay)
    {
        var mediators = profile.Mediation?.Mediators ?? [];
        if (profile.Simulation?.ReportsPerDay is not { } own || own <= 0 || own == casesPerDay || mediators.IsDefaultOrEmpty)
        {
            return profile;
        }

        var scale = casesPerDay / (double)own;
        return profile with
        {
            Mediation = profile.Mediation! with
            {
                Mediators = [.. mediators.Select(m => m with { Capacity = Math.Max(1, (int)Math.Round(m.Capacity * scale, MidpointRounding.AwayFromZero)) })],
            },
        };
    }

    private static QueryCodeKey SimulationKey(int seed)
    {
        Span<byte> key = stackalloc byte[32];
        new SeededRandomNumberGenerator(unchecked(seed ^ 0x5EED_C0DE)).GetBytes(key);
        return new QueryCodeKey(key);
    }

    /// <summary>How often the simulation's SQLite store writes a case's snapshot (<see cref="SqliteCaseStoreOptions.SnapshotInterval"/>).</summary>
    internal const int SnapshotInterval = 8;

    // A simulation's SQLite store is written by one process and rebuilt by running it again, so it never flushes each
    // append. On a file (a county-year is 1.48 million cases, gigabytes) the writer keeps 64 MiB of pages, so most pages
    // its open cases touch stay in memory: with SQLite's default 2 MB it read them back from the file, about 190 read
    // calls a case against 25. The log takes 16,384 pages (64 MiB) between checkpoints, so a page written by several
    // groups is copied into the file once. Measured (docs/benchmarks.md): 0.87x the CPU with 128 MiB at 1/10 of the
    // county-year, but a 497 MB peak there, too close to the full run's 500 MB goal; 64 MiB read about as little at
    // 40,000 cases, for 50 MB less.
    private static readonly SqliteCaseStoreOptions InMemorySqlite = new() { FlushEachAppend = false, SnapshotInterval = SnapshotInterval };

    private static readonly SqliteCaseStoreOptions FileSqlite = new() { FlushEachAppend = false, SnapshotInterval = SnapshotInterval, WriteCacheKiB = FilePageCacheKiB, WalCheckpointPages = 16_384 };

    /// <summary>How many appends a group handed to the writer holds on a SQLite file: all that may be held
    /// (<see cref="GroupedAppendStore.MaxHeld"/>), not <see cref="GroupedAppendStore.ChunkSize"/>.</summary>
    /// <remarks>A commit writes every page its appends touched to the file's log, once, and a checkpoint copies it into
    /// the file: appends to different open cases share few pages, so the more appends a commit holds, the fewer pages
    /// each append writes. Measured at 1/100 of the county-year (docs/benchmarks.md, "1.48 million on the SQLite file,
    /// session 11"): 2,021 → 362 commits, half the bytes written, 0.88× the CPU, the same report. The store in memory keeps
    /// the smaller groups, which let the writer start sooner.</remarks>
    internal const int FileGroupSize = GroupedAppendStore.MaxHeld;

    /// <summary>The page cache of a simulation's SQLite file store, in KiB (<see cref="SqliteCaseStoreOptions.WriteCacheKiB"/>;
    /// counted in <see cref="SimulationBudget.FileStoreCacheBytes"/>).</summary>
    internal const int FilePageCacheKiB = 64 * 1024;

    /// <summary>Opens the run's case store. A simulation writes each case once and rereads open ones, so the SQLite
    /// store does not flush to disk after every append (a crashed run is simply run again), and the desk's appends on
    /// SQLite and PostgreSQL are committed in groups (<see cref="GroupedAppendStore"/>, kept in <see cref="grouped"/>).</summary>
    private ICaseStore OpenStore(SimulationOptions options, BusinessCalendar calendar)
    {
        if (options.Store == SimulationStore.Memory)
        {
            return new InMemoryCaseStore();
        }

        if (options.Store == SimulationStore.Postgres)
        {
            return OpenPostgres(options, calendar);
        }

        // A snapshot every 8 versions, not every append: the simulation loads its open cases from the grouped view, rarely
        // from the store, so the snapshot written with each append (its JSON, seal and compression: the largest part of
        // an append's work) bought nothing (docs/benchmarks.md, "A snapshot every N versions").
        var sqlite = options.Database is null ? InMemorySqlite : FileSqlite;
        var opened = options.Database is { } path ? SqliteCaseStore.Open(path, calendar, sqlite) : SqliteCaseStore.OpenInMemory(calendar, sqlite);

        // The desk's appends are checked one by one and committed in groups (the sole writer of its store).
        if (!options.GroupAppends)
        {
            return opened;
        }

        // The store is new (an in-memory one, or a file the command refuses to reuse) and nothing else writes to it, so
        // its commits can trail the desk's decisions on a writer of their own.
        var groupedStore = new GroupedAppendStore(opened, pipelined: options.PipelineCommits, chunkSize: options.Database is null ? GroupedAppendStore.ChunkSize : FileGroupSize);
        grouped = groupedStore;
        return groupedStore;
    }

    private Task EndOfDay(int day)
    {
        metrics.EndOfDay(day, clock.GetCurrentInstant(), open.Values.Select(p => p.Id));
        footprint = footprint.Max(new SimulationFootprint(metrics.LiveCases, open.Count, agenda.Count, unroutable.Count + waiting.Count + gaveUpWaiting.Count,
            grouped?.KnownCases ?? 0, ledger?.All().Length ?? 0, metrics.RetiredCases));
        return Task.CompletedTask;
    }

    private async Task SweepAsync()
    {
        // On PostgreSQL the concurrent sweepers act on the due cases first; the desk's own sweep then finds none left.
        var concurrent = sweepers.Count > 0 ? await SweepConcurrentlyAsync().ConfigureAwait(false) : null;
        if (mediationDesk is null)
        {
            metrics.Swept(Combine(concurrent, await desk.SweepAsync(clock.GetCurrentInstant()).ConfigureAwait(false)));
            return;
        }

        // The mediation desk sweeps the case desk, then flags hand-offs past their statutory limit (督办 on the case).
        var result = await mediationDesk.SweepAsync(clock.GetCurrentInstant(), dispatcher).ConfigureAwait(false);
        metrics.Swept(Combine(concurrent, result.Desk));
        metrics.HandOffsFlagged(result.Flagged.Length, result.Failures);
    }

    /// <summary>
    /// Schedules a step of case <paramref name="c"/> after <paramref name="workingTime"/> of working time from now. If
    /// something else moves the case first (a rule escalates it), the step is dropped: it belonged to the old holder.
    /// </summary>
    private void After(CaseProgress c, Duration workingTime, Func<Task> step)
    {
        var generation = c.Generation;
        Step(c, calendar.AddWorkingTime(clock.GetCurrentInstant(), workingTime), () => c.Generation == generation ? step() : Task.CompletedTask);
    }

    /// <summary>Puts a step of case <paramref name="c"/> on the agenda, counted in <see cref="CaseProgress.Pending"/>; once
    /// it has run the case's figures are retired if it is done (<see cref="RetireIfDone"/>).</summary>
    private void Step(CaseProgress c, Instant at, Func<Task> step)
    {
        c.Pending++;
        agenda.Add(at, async () =>
        {
            c.Pending--;
            await step().ConfigureAwait(false);
            RetireIfDone(c);
        }, c.Number);
    }

    /// <summary>
    /// Drops what the run keeps about a case that gets no more events: none of its steps is on the agenda, it is not
    /// among the open cases (so no desk work or rule follows it), no hand-off of it is pending (the mediation sweep could
    /// still flag one), and its state is final. Its figures go into the metrics' running totals.
    /// </summary>
    /// <remarks>A closed case a deputy may still review keeps its review step, so it is retired after the review.</remarks>
    private void RetireIfDone(CaseProgress c)
    {
        if (c.Pending > 0 || open.ContainsKey(c.Id) || (ledger is not null && ledger.ForCase(c.Id).Any(h => h.IsPending)) || !metrics.TryRetire(c.Id))
        {
            return;
        }

        unroutable.Remove(c.Id);
        waiting.Remove(c.Id);
        gaveUpWaiting.Remove(c.Id);
    }

    private Duration Minutes(int min, int max) => Duration.FromMinutes(min + random.Next(Math.Max(1, max - min)));

    private bool Chance(double p) => random.NextDouble() < p;

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
}
