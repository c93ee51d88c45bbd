using Fengqiao.Cases;
using Fengqiao.Cases.Desk;
using Fengqiao.Cases.InMemory;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Escalation.Desk;
using Fengqiao.Escalation.Routing;
using Fengqiao.Mediation.Desk;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Routing;
using Fengqiao.Mediation.Rules;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Profiles;

/// <summary>
/// The composition root: from a <see cref="CountyProfile"/>, a store and a clock, the whole desk — calendar, SLA policy,
/// org tree with mediation bodies, routing, escalation policy and desk rules, hand-off rules, mediation desk and ledger,
/// duplicate detector and authoriser — built the same way for every host, test and tool.
/// </summary>
/// <remarks>
/// <para>A mutable builder that yields an immutable <see cref="CountyDesk"/>, as Polly's <c>ResiliencePipelineBuilder</c> and
/// Serilog's <c>LoggerConfiguration</c> do. Every part has a default from the profile; <c>Use…</c> replaces one part and
/// <c>Configure…</c> adjusts the options the profile gives. <see cref="Build"/> may be called more than once; each call
/// builds new parts (a new ledger, a new desk) over the same store.</para>
/// <para>Defaults: the tree is <see cref="CountyProfile.BuildOrgTreeWithMediationBodies"/>; the authoriser an
/// <see cref="OrgCaseAuthorizer"/> over it; duplicates the store itself when it is an <see cref="IDuplicateDetector"/>
/// (the SQLite and PostgreSQL stores: durable, shared by every desk on the database), else a
/// <see cref="RecentReportDuplicateDetector"/> with a 7-day window;
/// routing a <see cref="RoutingAuthority"/> over <see cref="CountyProfile.Routing"/>, the profile's channels and categories;
/// the hand-off sender the tree's first root.</para>
/// </remarks>
/// <example>
/// <code>
/// var county = new CountyDeskBuilder(CountyProfileLoader.LoadFile("saybagh.yaml"))
///     .UseStore(new InMemoryCaseStore())
///     .UseClock(SystemClock.Instance)
///     .UseQueryCodeKey(new QueryCodeKey(File.ReadAllBytes("/etc/fengqiao/query-code.key")))
///     .Build();
/// var registered = await county.Desk.RegisterAsync(report, intake);
/// </code>
/// </example>
/// <threadsafety>Not thread-safe: configure on one thread, then build; the desk it builds is thread-safe.</threadsafety>
public sealed class CountyDeskBuilder
{
    private readonly CountyProfile profile;
    private readonly List<ICasePolicy> extraPolicies = [];
    private readonly List<Action<EscalationCasePolicyOptions>> escalationSteps = [];
    private readonly List<Action<CaseDeskOptions>> deskSteps = [];
    private QueryCodeKey? queryCodeKey;
    private List<QueryCodeKey> retiredQueryCodeKeys = [];
    private ICaseStore? store;
    private IClock? clock;
    private BusinessCalendar? calendar;
    private SlaPolicy? slaPolicy;
    private OrgTree? tree;
    private Func<OrgTree, ICaseAuthorizer>? authorizer;
    private IDuplicateDetector? duplicates;
    private QueryCodeGenerator? queryCodes;
    private Func<CaseId>? caseIds;
    private RoutingTable? routing;
    private bool routingReplaced;
    private OrgUnitId? handOffSender;
    private Func<Case, HandOffFact?>? handOffFacts;
    private Func<MediationDeskOptions, MediationDeskOptions>? mediationOptions;

    /// <summary>Starts a desk for one county.</summary>
    /// <param name="profile">The county's profile (loaded, or built in code).</param>
    /// <exception cref="ArgumentNullException"><paramref name="profile"/> is null.</exception>
    public CountyDeskBuilder(CountyProfile profile)
    {
        ArgumentNullException.ThrowIfNull(profile);
        this.profile = profile;
    }

    /// <summary>Sets the case store; required.</summary>
    /// <param name="caseStore">The store (in memory, SQLite, …).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="caseStore"/> is null.</exception>
    public CountyDeskBuilder UseStore(ICaseStore caseStore)
    {
        ArgumentNullException.ThrowIfNull(caseStore);
        store = caseStore;
        return this;
    }

    /// <summary>Sets the clock, the desk's only source of "now"; required.</summary>
    /// <param name="deskClock">The clock (<c>SystemClock.Instance</c> in production, a fake clock in tests).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="deskClock"/> is null.</exception>
    public CountyDeskBuilder UseClock(IClock deskClock)
    {
        ArgumentNullException.ThrowIfNull(deskClock);
        clock = deskClock;
        return this;
    }

    /// <summary>Replaces the calendar built from the profile (<see cref="CountyProfile.BuildCalendar"/>).</summary>
    /// <param name="businessCalendar">The calendar.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="businessCalendar"/> is null.</exception>
    public CountyDeskBuilder UseCalendar(BusinessCalendar businessCalendar)
    {
        ArgumentNullException.ThrowIfNull(businessCalendar);
        calendar = businessCalendar;
        return this;
    }

    /// <summary>Replaces the SLA policy built from the profile (<see cref="CountyProfile.BuildSlaPolicy"/>).</summary>
    /// <param name="policy">The SLA policy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public CountyDeskBuilder UseSlaPolicy(SlaPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        slaPolicy = policy;
        return this;
    }

    /// <summary>Replaces the org tree built from the profile (e.g. one with more staff); it must hold the profile's units.</summary>
    /// <param name="orgTree">The org tree.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="orgTree"/> is null.</exception>
    public CountyDeskBuilder UseOrgTree(OrgTree orgTree)
    {
        ArgumentNullException.ThrowIfNull(orgTree);
        tree = orgTree;
        return this;
    }

    /// <summary>Replaces the default authoriser (an <see cref="OrgCaseAuthorizer"/> over the tree).</summary>
    /// <param name="create">Makes the authoriser from the desk's org tree.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="create"/> is null.</exception>
    public CountyDeskBuilder UseAuthorizer(Func<OrgTree, ICaseAuthorizer> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        authorizer = create;
        return this;
    }

    /// <summary>Replaces the default duplicate detector (the store when it is an <see cref="IDuplicateDetector"/>, else a 7-day <see cref="RecentReportDuplicateDetector"/>).</summary>
    /// <param name="detector">The detector.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="detector"/> is null.</exception>
    public CountyDeskBuilder UseDuplicateDetector(IDuplicateDetector detector)
    {
        ArgumentNullException.ThrowIfNull(detector);
        duplicates = detector;
        return this;
    }

    /// <summary>Replaces the query code generator (e.g. a seeded one for reproducible runs).</summary>
    /// <param name="generator">The generator.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="generator"/> is null.</exception>
    public CountyDeskBuilder UseQueryCodes(QueryCodeGenerator generator)
    {
        ArgumentNullException.ThrowIfNull(generator);
        queryCodes = generator;
        return this;
    }

    /// <summary>Sets the county's query-code key: the desk keeps, and looks cases up by, only the keyed digest of each
    /// query code (<see cref="CaseDeskOptions.QueryCodeKey"/>). Required: <see cref="Build"/> refuses a desk without one.</summary>
    /// <param name="key">The county's key, the same for every desk and store of the county (a host reads it from its configuration).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="key"/> is null.</exception>
    public CountyDeskBuilder UseQueryCodeKey(QueryCodeKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        queryCodeKey = key;
        return this;
    }

    /// <summary>Sets the county's retired query-code keys, newest first: the desk still finds cases by codes digested
    /// under them (<see cref="CaseDeskOptions.RetiredQueryCodeKeys"/>) after a key rotation; new codes use the key of
    /// <see cref="UseQueryCodeKey"/>. Replaces any set before.</summary>
    /// <param name="keys">The retired keys; none null, repeated or equal to the current key (<see cref="Build"/> checks).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="keys"/> is null.</exception>
    public CountyDeskBuilder UseRetiredQueryCodeKeys(IEnumerable<QueryCodeKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        retiredQueryCodeKeys = [.. keys];
        return this;
    }

    /// <summary>Replaces how case ids are made (they must never repeat).</summary>
    /// <param name="next">Makes the next id.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="next"/> is null.</exception>
    public CountyDeskBuilder UseCaseIds(Func<CaseId> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        caseIds = next;
        return this;
    }

    /// <summary>Replaces the profile's routing table (<see cref="CountyProfile.Routing"/>); <see langword="null"/> for none.</summary>
    /// <param name="table">The routing table, or <see langword="null"/>.</param>
    /// <returns>This builder.</returns>
    public CountyDeskBuilder UseRouting(RoutingTable? table)
    {
        routing = table;
        routingReplaced = true;
        return this;
    }

    /// <summary>Sets the unit recorded as sending cases to mediation (the hand-off policy's sender); the tree's first root by default.</summary>
    /// <param name="sender">The sending unit.</param>
    /// <returns>This builder.</returns>
    public CountyDeskBuilder UseHandOffSender(OrgUnitId sender)
    {
        handOffSender = sender;
        return this;
    }

    /// <summary>Replaces how the hand-off policy reads a case's facts (<see cref="CaseHandOffFacts.FromCase"/> by default).</summary>
    /// <param name="facts">Reads a case's hand-off facts, or returns <see langword="null"/> to leave it alone.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="facts"/> is null.</exception>
    public CountyDeskBuilder UseHandOffFacts(Func<Case, HandOffFact?> facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        handOffFacts = facts;
        return this;
    }

    /// <summary>Gives the mediation desk options (the outside bodies of the return flows); by default it has none and drives no return flows.</summary>
    /// <param name="configure">Returns the options to use, given the defaults (tree and the county's hand-off rules).</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public CountyDeskBuilder ConfigureMediation(Func<MediationDeskOptions, MediationDeskOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        mediationOptions = configure;
        return this;
    }

    /// <summary>Adjusts the escalation policy's options after the profile's desk rules and routing are set.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public CountyDeskBuilder ConfigureEscalation(Action<EscalationCasePolicyOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        escalationSteps.Add(configure);
        return this;
    }

    /// <summary>Adjusts the case desk's options (extension caps, policy step budget, subscriber errors) after the parts are set.</summary>
    /// <param name="configure">Changes the options.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="configure"/> is null.</exception>
    public CountyDeskBuilder ConfigureDesk(Action<CaseDeskOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        deskSteps.Add(configure);
        return this;
    }

    /// <summary>Adds a policy evaluated after the escalation and hand-off policies.</summary>
    /// <param name="policy">The policy.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="policy"/> is null.</exception>
    public CountyDeskBuilder AddPolicy(ICasePolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        extraPolicies.Add(policy);
        return this;
    }

    /// <summary>Builds the desk and its parts.</summary>
    /// <returns>The county's desk.</returns>
    /// <exception cref="InvalidOperationException">No store or no clock was set.</exception>
    /// <exception cref="ArgumentException">No query-code key was set (<see cref="UseQueryCodeKey"/>), or the desk's or the escalation policy's options are invalid (after <see cref="ConfigureDesk"/> or <see cref="ConfigureEscalation"/>); the message lists every problem.</exception>
    /// <exception cref="OrgTreeException">The profile's tree is invalid (a loaded profile's never is).</exception>
    /// <exception cref="MediationDeskConfigurationException">The mediation options name a unit that is not in the tree.</exception>
    public CountyDesk Build()
    {
        if (store is null || clock is null)
        {
            throw new InvalidOperationException(
                $"The county desk for '{profile.Name}' needs {(store is null ? "a store (UseStore)" : "")}{(store is null && clock is null ? " and " : "")}{(clock is null ? "a clock (UseClock)" : "")}.");
        }

        var orgTree = tree ?? profile.BuildOrgTreeWithMediationBodies();
        var businessCalendar = calendar ?? profile.BuildCalendar();
        var sla = slaPolicy ?? profile.BuildSlaPolicy();
        var table = routingReplaced ? routing : profile.Routing;
        var categories = profile.Categories.IsDefaultOrEmpty ? [] : profile.Categories.Select(c => c.Key);
        var authority = new RoutingAuthority(orgTree, profile.Ladder, businessCalendar.Zone, table, profile.Channels.IsDefault ? [] : profile.Channels, categories);
        var escalationOptions = new EscalationCasePolicyOptions { DeskRules = profile.BuildDeskEscalationRules(), Routing = table };
        foreach (var step in escalationSteps)
        {
            step(escalationOptions);
        }

        var escalation = new EscalationCasePolicy(orgTree, profile.Ladder, profile.BuildEscalationPolicy(), escalationOptions);
        var handOffRules = profile.BuildHandOffRules();
        var router = new MediationRouter(profile.BuildMediationDirectory(), orgTree, businessCalendar.IsWorkingDay);
        var ledger = new HandOffLedger(businessCalendar);
        var handOffs = new HandOffCasePolicy(ledger, router, handOffSender ?? orgTree.Roots[0].Id, handOffRules, handOffFacts);
        var caseAuthorizer = authorizer?.Invoke(orgTree) ?? new OrgCaseAuthorizer(orgTree) { DeputyScope = profile.DeputyScope, DeputiesSupervise = profile.DeputiesSupervise };
        var options = new CaseDeskOptions
        {
            SlaPolicy = sla,
            Calendar = businessCalendar,
            Store = store,
            Clock = clock,
            Directory = orgTree,
            Authorizer = caseAuthorizer,
            Routing = authority,
            DuplicateDetector = duplicates ?? store as IDuplicateDetector ?? new RecentReportDuplicateDetector(Duration.FromDays(7)),
            NewCaseId = caseIds,
            QueryCodeKey = queryCodeKey,
            // Relay budgets (sla limits relay.<level>) are kept per ladder level: a unit's level is the first it serves at.
            RelayLevelOf = unit => orgTree.Find(unit) is { } found ? profile.Ladder.Levels.FirstOrDefault(l => l.IsServedBy(found))?.Key : null,
            // Complexity tiers (tiers:): a report registered without one gets the first matching rule's.
            TierRules = profile.TierRules.IsDefault ? [] : profile.TierRules,
        };
        foreach (var retired in retiredQueryCodeKeys)
        {
            options.RetiredQueryCodeKeys.Add(retired);
        }

        if (queryCodes is not null)
        {
            options.QueryCodes = queryCodes;
        }

        foreach (var requirement in profile.WrittenReports.IsDefault ? [] : profile.WrittenReports)
        {
            options.WrittenReports.Add(requirement);
        }

        foreach (var post in profile.Posts.IsDefault ? [] : profile.Posts)
        {
            options.Posts.Add(post);
        }

        foreach (var department in profile.Stationed.IsDefault ? [] : profile.Stationed)
        {
            options.StationedDepartments.Add(department);
        }

        options.Policies.Add(escalation);
        options.Policies.Add(handOffs);
        foreach (var policy in extraPolicies)
        {
            options.Policies.Add(policy);
        }

        foreach (var step in deskSteps)
        {
            step(options);
        }

        var desk = new CaseDesk(options);
        var mediation = mediationOptions is null
            ? new MediationDesk(desk, ledger, clock, handOffRules)
            : new MediationDesk(desk, ledger, clock, mediationOptions(new MediationDeskOptions { Directory = orgTree, Rules = handOffRules }));
        return new CountyDesk(profile, clock, orgTree, businessCalendar, sla, authority, escalation, handOffRules, router, ledger, handOffs, desk, mediation, caseAuthorizer);
    }
}
