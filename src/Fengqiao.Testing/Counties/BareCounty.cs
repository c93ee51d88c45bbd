using System.Collections.Concurrent;
using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Testing;

namespace Fengqiao.Testing;

/// <summary>
/// A county in miniature without a profile: a fixed org tree, a one-rule SLA policy, the national calendar, a store,
/// NodaTime.Testing's <see cref="FakeClock"/> and a bare <see cref="CaseDesk"/> wired on them, with no escalation,
/// routing or hand-off policy unless a test adds one. For tests of the case desk, of a store or of a single policy;
/// a county's whole desk (policies from its profile) is <see cref="TestCounty"/>.
/// </summary>
/// <remarks>
/// <para>The tree: the command centre <c>centre</c> (dispatcher and reviewer <c>d1</c>, leader <c>leader</c>) over the
/// street <c>street-1</c> (dispatcher <c>sd</c>, worker <c>w3</c>, deputy <c>deputy-7</c>), the community
/// <c>community-1</c> (worker <c>w1</c>) with the grids <c>grid-1</c> and <c>grid-2</c>, the department <c>housing</c>
/// (worker <c>w2</c>, deputy <c>deputy-8</c>) and the mediation committee <c>mediation-1</c> (mediator <c>m1</c>).
/// Every limit is the <see cref="Policy"/>'s: handle in 3 working days, sign for in 4 working hours, call back in 1
/// working day, extensions of 2 working days, yellow at half time and red 4 hours before.</para>
/// <para>Case ids are <c>case-1</c>, <c>case-2</c>, …; the clock starts at <see cref="Start"/> (Monday 2 November 2026,
/// 09:00 in Beijing). The desk options can be changed before the desk is built (another tree, policy, calendar,
/// authoriser, query codes, added policies), and the store replaced or wrapped (a fault-injecting store, a SQLite
/// store under test).</para>
/// </remarks>
/// <threadsafety>The desk is as thread-safe as <see cref="CaseDesk"/> and <see cref="Published"/> may be read while the
/// desk publishes; the clock and the case-making helpers are meant for one test thread.</threadsafety>
public sealed class BareCounty : IDeskScriptHost
{
    /// <summary>The command centre (综治中心), root of the tree.</summary>
    public static readonly OrgUnitId Centre = new("centre");

    /// <summary>The street (街道) under the centre.</summary>
    public static readonly OrgUnitId Street = new("street-1");

    /// <summary>The community (社区) under the street.</summary>
    public static readonly OrgUnitId Community = new("community-1");

    /// <summary>The first grid (网格) of the community, where reports are located by default.</summary>
    public static readonly OrgUnitId Grid = new("grid-1");

    /// <summary>The second grid of the community.</summary>
    public static readonly OrgUnitId OtherGrid = new("grid-2");

    /// <summary>The housing department (住建局) under the centre.</summary>
    public static readonly OrgUnitId Housing = new("housing");

    /// <summary>The people's mediation committee (人民调解委员会) under the street.</summary>
    public static readonly OrgUnitId MediationCommittee = new("mediation-1");

    // The table the actors and the tree below are read from: each unit and member once.
    private static readonly SmallCountyBuilder Table = new SmallCountyBuilder()
        .AddUnit(Street, "新华街道", OrgUnitKind.Street, Centre)
        .AddUnit(Community, "和平社区", OrgUnitKind.Community, Street)
        .AddUnit(Grid, "第一网格", OrgUnitKind.Grid, Community)
        .AddUnit(OtherGrid, "第二网格", OrgUnitKind.Grid, Community)
        .AddUnit(Housing, "住建局", OrgUnitKind.Department, Centre)
        .AddUnit(MediationCommittee, "人民调解委员会", OrgUnitKind.MediationBody, Street)
        .AddMember(Community, "w1", "办理人", MemberRole.Worker)
        .AddMember(Housing, "w2", "住建办理人", MemberRole.Worker)
        .AddMember(Street, "sd", "街道派单员", MemberRole.Dispatcher)
        .AddMember(Street, "w3", "街道办理人", MemberRole.Worker)
        .AddMember(MediationCommittee, "m1", "调解员", MemberRole.Worker)
        .AddMember(Street, "deputy-7", "街道人大代表", MemberRole.Deputy)
        .AddMember(Housing, "deputy-8", "住建口人大代表", MemberRole.Deputy);

    /// <summary>The centre's dispatcher <c>d1</c> (also its reviewer).</summary>
    public static readonly CaseActor Dispatcher = Table.Actor("d1");

    /// <summary>The centre's leader <c>leader</c> (supervises, instructs, erases personal data).</summary>
    public static readonly CaseActor Leader = Table.Actor("leader");

    /// <summary>The community's worker <c>w1</c>.</summary>
    public static readonly CaseActor Worker = Table.Actor("w1");

    /// <summary>The housing department's worker <c>w2</c>.</summary>
    public static readonly CaseActor HousingWorker = Table.Actor("w2");

    /// <summary>The street's worker <c>w3</c>.</summary>
    public static readonly CaseActor StreetWorker = Table.Actor("w3");

    /// <summary>The street's dispatcher <c>sd</c>.</summary>
    public static readonly CaseActor StreetDispatcher = Table.Actor("sd");

    /// <summary>The mediation committee's mediator <c>m1</c>.</summary>
    public static readonly CaseActor Mediator = Table.Actor("m1");

    /// <summary>The people's deputy <c>deputy-7</c> (人大代表), a member of the street.</summary>
    public static readonly CaseActor Deputy = Table.Actor("deputy-7");

    /// <summary>The people's deputy <c>deputy-8</c>, a member of the housing department.</summary>
    public static readonly CaseActor OtherDeputy = Table.Actor("deputy-8");

    /// <summary>Who registers reports by default: the centre's dispatcher.</summary>
    public static readonly CaseActor Intake = Dispatcher;

    /// <summary>The org tree described in the remarks.</summary>
    public static readonly OrgTree Tree = Table.BuildTree();

    /// <summary>The national calendar (国务院办公厅 holiday notices), projected past its last published year.</summary>
    public static readonly BusinessCalendar Calendar = new BusinessCalendarBuilder().UseChinaNational().AllowProjection().Build();

    /// <summary>The SLA policy described in the remarks: one rule for every category.</summary>
    public static readonly SlaPolicy Policy = SmallCountyBuilder.OneRulePolicy("test county", new Dictionary<string, TimeLimit>
    {
        [SlaLimitNames.Handle] = TimeLimit.WorkingDays(3),
        [SlaLimitNames.SignFor] = TimeLimit.WorkingHours(4),
        [SlaLimitNames.Callback] = TimeLimit.WorkingDays(1),
        [SlaLimitNames.Extension] = TimeLimit.WorkingDays(2),
    }, 0.5, Duration.FromHours(4));

    /// <summary>The test county's query-code key (a fixed, public key: for tests only). Every desk a kit builds uses it,
    /// so a store written by one test desk is read by another.</summary>
    public static readonly QueryCodeKey QueryCodeKey = new(QueryCodeKeyBytes.Span);

    /// <summary>Gets the bytes of <see cref="QueryCodeKey"/>, for a store's options (a store given them can migrate a
    /// file written before query codes were kept as digests).</summary>
    public static ReadOnlyMemory<byte> QueryCodeKeyBytes => "fengqiao-test-query-code-key-32b"u8.ToArray();

    /// <summary>Where the clock starts: Monday 2 November 2026, 09:00 in Beijing (01:00 UTC), a working morning.</summary>
    public static readonly Instant Start = Instant.FromUtc(2026, 11, 2, 1, 0);

    private readonly ConcurrentQueue<CaseEvent> published = new();
    private readonly OrgTree scriptTree;
    private readonly ICaseAuthorizer scriptAuthorizer;
    private int ids;

    /// <summary>Builds the county and its desk.</summary>
    /// <param name="shared">An in-memory store to write to (another county's, to have two desks on one store), or <see langword="null"/> for a new one.</param>
    /// <param name="wrap">Turns the in-memory store into the store the desk uses (a fault-injecting wrapper, or a store of its own that ignores it), or <see langword="null"/> to use it as is.</param>
    /// <param name="configure">Changes the desk options before the desk is built (tree, policy, calendar, policies, authoriser, query codes…), or <see langword="null"/>.</param>
    /// <exception cref="ArgumentException">The options, as configured, do not make a desk (the desk's message names the option).</exception>
    /// <exception cref="InvalidOperationException">The options, as configured, do not make a desk (the desk's message names the option).</exception>
    public BareCounty(InMemoryCaseStore? shared = null, Func<ICaseStore, ICaseStore>? wrap = null, Action<CaseDeskOptions>? configure = null)
    {
        InMemory = shared ?? new InMemoryCaseStore();
        Store = wrap is null ? InMemory : wrap(InMemory);
        var options = new CaseDeskOptions
        {
            SlaPolicy = Policy,
            Calendar = Calendar,
            Store = Store,
            Clock = Clock,
            Directory = Tree,
            NewCaseId = () => new CaseId($"case-{Interlocked.Increment(ref ids)}"),
            QueryCodeKey = QueryCodeKey,
        };
        configure?.Invoke(options);
        Options = options;
        Desk = new CaseDesk(options);
        Desk.Events.Subscribe(published.Enqueue);
        scriptTree = options.Directory as OrgTree ?? Tree;
        scriptAuthorizer = options.Authorizer ?? new OrgCaseAuthorizer(options.Directory ?? Tree);
    }

    /// <summary>Gets the fake clock the desk reads; it starts at <see cref="Start"/>.</summary>
    public FakeClock Clock { get; } = new(Start);

    /// <summary>Gets the in-memory store the county made or was given (unused by the desk when <c>wrap</c> replaced it).</summary>
    public InMemoryCaseStore InMemory { get; }

    /// <summary>Gets the store the desk writes to.</summary>
    public ICaseStore Store { get; }

    /// <summary>Gets the options the desk was built from, after <c>configure</c> ran (do not change them: the desk has read them).</summary>
    public CaseDeskOptions Options { get; }

    /// <summary>Gets the desk.</summary>
    public CaseDesk Desk { get; }

    /// <summary>Gets every event the desk published, in order (a live view: it grows as the desk publishes).</summary>
    public IReadOnlyCollection<CaseEvent> Published => published;

    /// <summary>Makes a report with the defaults a test rarely cares about: by QR code, a normal-priority matter "楼上漏水" in <see cref="Grid"/> by 张三.</summary>
    /// <param name="phone">The reporter's phone.</param>
    /// <param name="category">The category key.</param>
    /// <param name="grid">The grid, or <see langword="null"/> for <see cref="Grid"/>.</param>
    /// <param name="reference">The channel's own reference (a petition number), or <see langword="null"/>.</param>
    /// <returns>The report.</returns>
    public static CaseReport Report(string phone = "13812345678", string category = "dispute", OrgUnitId? grid = null, string? reference = null) =>
        new(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(grid ?? Grid), new Reporter("张三", phone),
            "楼上漏水", reference);

    /// <summary>Registers a report (by default <see cref="Report"/>'s) through <see cref="Intake"/>.</summary>
    /// <param name="report">The report, or <see langword="null"/> for the default.</param>
    /// <returns>The case the report made or joined.</returns>
    /// <exception cref="CaseReportRefusedException">The desk refused the report.</exception>
    public async Task<Case> RegisterAsync(CaseReport? report = null) => (await Desk.RegisterAsync(report ?? Report(), Intake).ConfigureAwait(false)).Case;

    /// <summary>Registers the default report, accepts it and dispatches it to <see cref="Community"/>.</summary>
    /// <returns>The dispatched case.</returns>
    /// <exception cref="CaseActionRefusedException">A configured policy or authoriser refused a step.</exception>
    public async Task<Case> DispatchedAsync()
    {
        var c = await RegisterAsync().ConfigureAwait(false);
        await Desk.AcceptAsync(c.Id, Dispatcher).ConfigureAwait(false);
        return await Desk.DispatchAsync(c.Id, Dispatcher, Community).ConfigureAwait(false);
    }

    /// <summary>Makes a dispatched case that <see cref="Worker"/> claimed and started.</summary>
    /// <returns>The case in progress.</returns>
    /// <exception cref="CaseActionRefusedException">A configured policy or authoriser refused a step.</exception>
    public async Task<Case> InProgressAsync()
    {
        var c = await DispatchedAsync().ConfigureAwait(false);
        await Desk.ClaimAsync(c.Id, Worker).ConfigureAwait(false);
        return await Desk.StartAsync(c.Id, Worker).ConfigureAwait(false);
    }

    /// <summary>Makes a case handled, approved and rated "unsatisfied" by the citizen: a deputy may now reopen it.</summary>
    /// <returns>The rated case.</returns>
    /// <exception cref="CaseActionRefusedException">A configured policy or authoriser refused a step.</exception>
    public async Task<Case> RatedAsync()
    {
        var c = await InProgressAsync().ConfigureAwait(false);
        await Desk.ResolveAsync(c.Id, Worker, "已处理").ConfigureAwait(false);
        await Desk.SubmitForReviewAsync(c.Id, Worker).ConfigureAwait(false);
        await Desk.ApproveAsync(c.Id, Dispatcher).ConfigureAwait(false);
        return await Desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), CaseRating.Unsatisfied).ConfigureAwait(false);
    }

    /// <summary>Makes a case that went the whole main path: in progress, resolved by <see cref="Worker"/> with the reply
    /// "11月3日已维修人民路路灯", submitted, approved by <see cref="Dispatcher"/>, called back, rated "satisfied" by the
    /// citizen and closed by <see cref="Dispatcher"/>.</summary>
    /// <returns>The closed case (its events: every step of the main path once, no rejection).</returns>
    /// <exception cref="CaseActionRefusedException">A configured policy or authoriser refused a step.</exception>
    public async Task<Case> ClosedAsync()
    {
        var c = await InProgressAsync().ConfigureAwait(false);
        await Desk.ResolveAsync(c.Id, Worker, "11月3日已维修人民路路灯").ConfigureAwait(false);
        await Desk.SubmitForReviewAsync(c.Id, Worker).ConfigureAwait(false);
        await Desk.ApproveAsync(c.Id, Dispatcher).ConfigureAwait(false);
        await Desk.CallBackAsync(c.Id, Dispatcher, "电话回访").ConfigureAwait(false);
        await Desk.RateAsync(c.Id, CaseActor.Citizen(c.QueryCodeDigest), CaseRating.Satisfied).ConfigureAwait(false);
        return await Desk.CloseAsync(c.Id, Dispatcher).ConfigureAwait(false);
    }

    /// <summary>Reads a case's events, oldest first.</summary>
    /// <param name="id">The case.</param>
    /// <returns>The events (none for an unknown case).</returns>
    public async Task<IReadOnlyList<CaseEvent>> HistoryAsync(CaseId id) => await Desk.GetHistoryAsync(id).ConfigureAwait(false);

    /// <summary>Moves the clock forward by elapsed time, sweeping every hour of it and once at the end, as a host's hourly scheduler would.</summary>
    /// <param name="duration">How long; zero sweeps once at the current time.</param>
    /// <param name="cancellationToken">Cancels between sweeps.</param>
    /// <returns>The events the desk published meanwhile (the sweeps' system events).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="duration"/> is negative.</exception>
    /// <exception cref="OperationCanceledException">Cancelled between sweeps; the clock stays where the last sweep ran.</exception>
    public async Task<IReadOnlyList<CaseEvent>> AdvanceAsync(Duration duration, CancellationToken cancellationToken = default)
    {
        if (duration < Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(duration), duration, "Time does not run backwards.");
        }

        var before = published.Count;
        await HourlySweeps.AdvanceAsync(Clock, Desk, Clock.GetCurrentInstant() + duration, cancellationToken).ConfigureAwait(false);
        return [.. published.Skip(before)];
    }

    /// <inheritdoc/>
    OrgTree IDeskScriptHost.Tree => scriptTree;

    /// <inheritdoc/>
    BusinessCalendar IDeskScriptHost.Calendar => Options.Calendar ?? Calendar;

    /// <inheritdoc/>
    ICaseAuthorizer IDeskScriptHost.Authorizer => scriptAuthorizer;

    /// <inheritdoc/>
    ImmutableArray<CaseCategory> IDeskScriptHost.Categories { get; } = [new("dispute"), new("livelihood")];

    /// <inheritdoc/>
    ImmutableArray<CaseChannel> IDeskScriptHost.Channels { get; } = [CaseChannel.QrCode];

    /// <inheritdoc/>
    CaseAuthorization IDeskScriptHost.CheckTarget(CaseActor actor, CaseTrigger trigger, Case current, OrgUnitId target) =>
        Options.Routing?.CheckTarget(actor, trigger, current, target) ?? CaseAuthorization.Allow;

    /// <inheritdoc/>
    Task IDeskScriptHost.AdvanceAsync(Duration duration, CancellationToken cancellationToken) => AdvanceAsync(duration, cancellationToken);

    /// <summary>Gets everything a case is, as one line of text (see <see cref="CaseComparison.Fingerprint(Case)"/>).</summary>
    /// <param name="c">The case.</param>
    /// <returns>The fingerprint.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="c"/> is null.</exception>
    public static string Fingerprint(Case c) => CaseComparison.Fingerprint(c);

    /// <summary>Gets whether an event is a step the default lifecycle can take (see <see cref="CaseComparison.IsLifecycleEdge(CaseEvent)"/>).</summary>
    /// <param name="e">The event.</param>
    /// <returns>Whether it is an edge.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    public static bool IsEdge(CaseEvent e) => CaseComparison.IsLifecycleEdge(e);
}
