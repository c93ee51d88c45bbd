using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Profiles;
using Fengqiao.Sla;
using Fengqiao.Storage.Sqlite;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Testing;

/// <summary>
/// A ready county desk for tests: the county's whole desk as <see cref="CountyDeskBuilder"/> composes it (calendar, SLA
/// policy, routing, escalation and hand-off policies), on NodaTime.Testing's <see cref="FakeClock"/>, with an in-memory
/// or SQLite store, the log of every event the desk published, actors by member id, and helpers that move time
/// forward while sweeping hourly, as a host's scheduler would.
/// </summary>
/// <remarks>
/// <para>Case ids are <c>case-1</c>, <c>case-2</c>, … unless a test names the next one (<see cref="RegisterAsync(string, CaseReport, CaseActor, CancellationToken)"/>);
/// query codes come from a seeded source, so a run is repeatable.</para>
/// <para>Dispose the county to close a SQLite store; the in-memory store needs no disposal.</para>
/// </remarks>
/// <threadsafety>The desk is as thread-safe as <see cref="CaseDesk"/>; the clock helpers (<see cref="AdvanceAsync(TimeLimit, CancellationToken)"/> and
/// the others) and case naming are meant for one test thread.</threadsafety>
public sealed class TestCounty : IAsyncDisposable, IDeskScriptHost
{
    private readonly object gate = new();
    private readonly List<CaseEvent> log = [];
    private readonly IDisposable subscription;
    private int sequence;
    private CaseId? nextId;

    private TestCounty(CountyProfile profile, TestCountyOptions options)
    {
        Profile = profile;
        Options = options;
        var calendar = profile.BuildCalendar();
        Clock = new FakeClock(options.Start.InZoneLeniently(calendar.Zone).ToInstant());
        Store = options.SqlitePath is null ? new InMemoryCaseStore() : SqliteCaseStore.Open(options.SqlitePath, calendar);
        var builder = new CountyDeskBuilder(profile)
            .UseCalendar(calendar)
            .UseStore(Store)
            .UseClock(Clock)
            .UseQueryCodes(FengqiaoArbitraries.SeededQueryCodes(options.QueryCodeSeed))
            .UseQueryCodeKey(BareCounty.QueryCodeKey)
            .UseCaseIds(NextCaseId);
        if (options.HandOffSender is { } sender)
        {
            builder.UseHandOffSender(sender);
        }

        options.Configure?.Invoke(builder);
        County = builder.Build();
        subscription = County.Desk.Events.Subscribe(new LogObserver(this));
    }

    /// <summary>Gets the county profile the desk was built from.</summary>
    public CountyProfile Profile { get; }

    /// <summary>Gets the options the county was set up with.</summary>
    public TestCountyOptions Options { get; }

    /// <summary>Gets the whole desk as the composition root built it (tree, calendar, routing, policies, mediation).</summary>
    public CountyDesk County { get; }

    /// <summary>Gets the case desk.</summary>
    public CaseDesk Desk => County.Desk;

    /// <summary>Gets the org tree (with the profile's mediation bodies).</summary>
    public OrgTree Tree => County.Tree;

    /// <summary>Gets the county's business calendar.</summary>
    public BusinessCalendar Calendar => County.Calendar;

    /// <summary>Gets the fake clock the desk reads; move it with the <c>Advance</c> helpers to have sweeps run.</summary>
    public FakeClock Clock { get; }

    /// <summary>Gets the store the desk writes to.</summary>
    public ICaseStore Store { get; }

    /// <summary>Gets the current local date and time in the county's zone.</summary>
    public LocalDateTime LocalNow => Clock.GetCurrentInstant().InZone(Calendar.Zone).LocalDateTime;

    /// <summary>Gets a snapshot of every event the desk published, in order (actions, registrations and the policies' system events).</summary>
    public IReadOnlyList<CaseEvent> Events
    {
        get
        {
            lock (gate)
            {
                return [.. log];
            }
        }
    }

    /// <summary>Builds a test county from a profile file.</summary>
    /// <param name="path">The profile's path.</param>
    /// <param name="options">The set-up, or <see langword="null"/> for the defaults.</param>
    /// <returns>The ready county.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="ProfileLoadException">The profile is invalid; every problem is named with file, line and column.</exception>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    public static TestCounty FromProfile(string path, TestCountyOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return FromProfile(CountyProfileLoader.LoadFile(path), options);
    }

    /// <summary>Builds a test county from a loaded or built profile.</summary>
    /// <param name="profile">The profile.</param>
    /// <param name="options">The set-up, or <see langword="null"/> for the defaults.</param>
    /// <returns>The ready county.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    /// <exception cref="ArgumentException">The desk cannot be composed from the profile (the message names every problem).</exception>
    public static TestCounty FromProfile(CountyProfile profile, TestCountyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(profile);
        return new TestCounty(profile, options ?? new TestCountyOptions());
    }

    /// <summary>Gets the staff actor of a member, in the first unit the member belongs to.</summary>
    /// <param name="memberId">The member's id, as in the profile.</param>
    /// <returns>The actor.</returns>
    /// <exception cref="ArgumentException"><paramref name="memberId"/> is empty or not a member of any unit (the message says so).</exception>
    public CaseActor Actor(string memberId)
    {
        ArgumentException.ThrowIfNullOrEmpty(memberId);
        var id = new ActorId(memberId);
        var units = Tree.UnitsOf(id);
        if (units.IsDefaultOrEmpty)
        {
            throw new ArgumentException($"'{memberId}' is not a member of any unit in county '{Profile.Name}'.", nameof(memberId));
        }

        return CaseActor.Staff(id, units[0]);
    }

    /// <summary>Gets every staff actor of the county (each member in each of its units), in tree order.</summary>
    /// <returns>The actors.</returns>
    public ImmutableArray<CaseActor> StaffActors() =>
        [.. Tree.Units.SelectMany(u => u.Members.Select(m => CaseActor.Staff(m.Id, u.Id)))];

    /// <summary>Gets the citizen actor of a case (the reporter, with the case's query code).</summary>
    /// <param name="id">The case.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The citizen actor.</returns>
    /// <exception cref="CaseNotFoundException">No such case.</exception>
    public async Task<CaseActor> CitizenAsync(CaseId id, CancellationToken cancellationToken = default) =>
        CaseActor.Citizen((await CaseAsync(id, cancellationToken).ConfigureAwait(false)).QueryCodeDigest);

    /// <summary>Loads a case that must exist.</summary>
    /// <param name="id">The case.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The case.</returns>
    /// <exception cref="CaseNotFoundException">No such case.</exception>
    public async Task<Case> CaseAsync(CaseId id, CancellationToken cancellationToken = default) =>
        await Desk.FindAsync(id, cancellationToken).ConfigureAwait(false) ?? throw new CaseNotFoundException(id);

    /// <summary>Registers a report under a case id the test chooses (when it becomes a new case).</summary>
    /// <param name="caseId">The id the new case gets; a report that joins an existing case keeps that case's id.</param>
    /// <param name="report">The report.</param>
    /// <param name="actor">Who registers it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The desk's registration result.</returns>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> is empty.</exception>
    /// <exception cref="CaseReportRefusedException">The desk refused the report (channel, category or routing).</exception>
    public async Task<CaseRegistrationResult> RegisterAsync(string caseId, CaseReport report, CaseActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(caseId);
        nextId = new CaseId(caseId);
        try
        {
            return await Desk.RegisterAsync(report, actor, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            nextId = null;
        }
    }

    /// <summary>Moves the clock forward by a time limit measured on the county's calendar (so "3 working days" skips nights, weekends and holidays), sweeping hourly.</summary>
    /// <param name="limit">The limit; the clock ends at the deadline the calendar gives for it from now.</param>
    /// <param name="cancellationToken">Cancels between sweeps.</param>
    /// <returns>The events the sweeps appended.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="limit"/> is null.</exception>
    public Task<IReadOnlyList<CaseEvent>> AdvanceAsync(TimeLimit limit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(limit);
        return AdvanceToAsync(Calendar.Deadline(Clock.GetCurrentInstant(), limit).Deadline, cancellationToken);
    }

    /// <summary>Moves the clock forward by a limit written as Fengqiao.Sla limit text, such as <c>4 working days</c> or <c>2 hours</c>, sweeping hourly.</summary>
    /// <param name="limit">The limit text (<see cref="TimeLimit.Parse(string)"/>).</param>
    /// <param name="cancellationToken">Cancels between sweeps.</param>
    /// <returns>The events the sweeps appended.</returns>
    /// <exception cref="FormatException">The text is not a time limit (the message says why).</exception>
    public Task<IReadOnlyList<CaseEvent>> AdvanceAsync(string limit, CancellationToken cancellationToken = default) =>
        AdvanceAsync(TimeLimit.Parse(limit), cancellationToken);

    /// <summary>Moves the clock forward by elapsed time, sweeping hourly.</summary>
    /// <param name="duration">How long; zero sweeps once at the current time.</param>
    /// <param name="cancellationToken">Cancels between sweeps.</param>
    /// <returns>The events the sweeps appended.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    public Task<IReadOnlyList<CaseEvent>> AdvanceAsync(Duration duration, CancellationToken cancellationToken = default)
    {
        if (duration < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Time does not run backwards.");
        }

        return AdvanceToAsync(Clock.GetCurrentInstant() + duration, cancellationToken);
    }

    /// <summary>Moves the clock forward to a local date and time in the county's zone, sweeping hourly.</summary>
    /// <param name="local">The local time (mapped leniently across daylight-saving gaps).</param>
    /// <param name="cancellationToken">Cancels between sweeps.</param>
    /// <returns>The events the sweeps appended.</returns>
    /// <exception cref="ArgumentOutOfRangeException">The time is before the clock's.</exception>
    public Task<IReadOnlyList<CaseEvent>> AdvanceToAsync(LocalDateTime local, CancellationToken cancellationToken = default) =>
        AdvanceToAsync(local.InZoneLeniently(Calendar.Zone).ToInstant(), cancellationToken);

    /// <summary>Moves the clock forward to an instant, sweeping every hour of elapsed time and once at the end, as a host's hourly scheduler would.</summary>
    /// <param name="target">Where the clock ends.</param>
    /// <param name="cancellationToken">Cancels between sweeps.</param>
    /// <returns>The events the sweeps appended.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="target"/> is before the clock's time.</exception>
    public async Task<IReadOnlyList<CaseEvent>> AdvanceToAsync(Instant target, CancellationToken cancellationToken = default)
    {
        var now = Clock.GetCurrentInstant();
        if (target < now)
        {
            throw new ArgumentOutOfRangeException(nameof(target), target, $"The clock is already at {now}; time does not run backwards.");
        }

        var before = Count;
        await HourlySweeps.AdvanceAsync(Clock, Desk, target, cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            return [.. log.Skip(before)];
        }
    }

    /// <summary>Runs one sweep at the clock's current time.</summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>The desk's sweep result.</returns>
    public Task<SweepResult> SweepAsync(CancellationToken cancellationToken = default) => Desk.SweepAsync(Clock.GetCurrentInstant(), cancellationToken);

    /// <summary>Stops recording events and closes a SQLite store.</summary>
    /// <returns>A task that completes when the store is closed.</returns>
    public async ValueTask DisposeAsync()
    {
        subscription.Dispose();
        if (Store is IAsyncDisposable disposable)
        {
            await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc/>
    ICaseAuthorizer IDeskScriptHost.Authorizer => County.Authorizer;

    /// <inheritdoc/>
    ImmutableArray<CaseCategory> IDeskScriptHost.Categories =>
        Profile.Categories.IsDefaultOrEmpty ? [] : [.. Profile.Categories.Select(c => c.Key)];

    /// <inheritdoc/>
    ImmutableArray<CaseChannel> IDeskScriptHost.Channels => Profile.Channels.IsDefaultOrEmpty ? [] : [.. Profile.Channels];

    private int Count
    {
        get
        {
            lock (gate)
            {
                return log.Count;
            }
        }
    }

    /// <inheritdoc/>
    CaseAuthorization IDeskScriptHost.CheckTarget(CaseActor actor, CaseTrigger trigger, Case current, OrgUnitId target) =>
        County.Routing.CheckTarget(actor, trigger, current, target);

    /// <inheritdoc/>
    Task IDeskScriptHost.AdvanceAsync(Duration duration, CancellationToken cancellationToken) => AdvanceAsync(duration, cancellationToken);

    private CaseId NextCaseId() => nextId ?? new CaseId($"case-{Interlocked.Increment(ref sequence)}");

    private sealed class LogObserver(TestCounty county) : IObserver<CaseEvent>
    {
        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }

        public void OnNext(CaseEvent value)
        {
            lock (county.gate)
            {
                county.log.Add(value);
            }
        }
    }
}
