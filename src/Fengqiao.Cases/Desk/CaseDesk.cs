using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.InMemory;
using Fengqiao.Lifecycles;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Cases.Ports;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Cases.Desk;

/// <summary>The host's entry point for cases: one call per action, each validated, authorised, fired on the lifecycle, timed, stored and published.</summary>
/// <remarks>
/// <para>
/// Every action loads the case, checks the actor with the authoriser, fires the trigger on the lifecycle
/// (<see cref="Lifecycle{TState, TTrigger, TArgs}.TryFire"/>), applies the desk's own checks (target units exist,
/// extension caps), folds the resulting <see cref="CaseEvent"/> into the case (which starts, pauses, resumes, extends
/// and stops the SLA clocks — see <see cref="Case"/>), lets the policies act on that case (<see cref="ICasePolicy"/>),
/// appends the step and the policies' steps together, with the version the step was decided on, and publishes them on
/// <see cref="Events"/>.
/// </para>
/// <para>
/// The desk never half-fails: an action either changes nothing and throws, or is saved and returns. The policies'
/// follow-up steps are part of the same append as the step that prompted them. A policy that throws, asks for an
/// action the desk refuses, or keeps asking past <see cref="CaseDeskOptions.MaxPolicySteps"/> does not fail the
/// caller: the desk records a <see cref="CasePolicyFailed"/> event (the policy and the reason) in that same append
/// after the steps that were taken, the returned case shows it (<see cref="Case.PolicyFailure"/>), and the case stays
/// due so that <see cref="SweepAsync"/> runs the policies again (recording <see cref="CasePolicyRecovered"/> once they
/// run cleanly; the same failure again is not recorded twice). <see cref="CasePolicyException"/> is never thrown by
/// an action; the sweep lists the failures it met in <see cref="SweepResult.PolicyFailures"/>.
/// </para>
/// <para>
/// A refused action throws <see cref="CaseActionRefusedException"/> (or <see cref="CaseNotFoundException"/>) and
/// changes nothing; its <see cref="CaseActionRefusedException.PermittedTriggers"/> list what that actor may do on the
/// case now, the same way whatever refused it. A concurrent change between the load and the append throws
/// <see cref="ConcurrencyConflictException"/> and changes nothing. A store failure propagates and nothing is
/// published. Events are published only after the store accepted them, in the order they were appended.
/// </para>
/// <para>
/// "Now" is the clock's instant, but never earlier than the case's last event (a clock that steps back does not
/// reorder a history). A county guard that throws surfaces as <see cref="TransitionFailedException"/>, and a deadline
/// beyond the calendar's range as <see cref="CalendarCoverageException"/>; both change nothing.
/// </para>
/// <para>
/// Subscribers are called while the desk holds its append lock: an observer must not wait synchronously on a desk
/// call (that would deadlock); hand the work to another thread or scheduler instead.
/// </para>
/// </remarks>
/// <threadsafety>
/// Thread-safe: call it from any number of threads. Appends and publication are serialised within one desk so that
/// subscribers see each case's events in order; several desks (nodes) may share one store.
/// </threadsafety>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1001:Types that own disposable fields should be disposable",
    Justification = "The only disposable fields are SemaphoreSlims whose wait handles are never created; a desk lives as long as the host.")]
public sealed partial class CaseDesk
{
    private const string SupervisionDeadlineRuleId = "sla.supervision-deadline";
    private const string SummonsDeadlineRuleId = "sla.summons-deadline";
    private const string PolicyFailedRuleId = "desk.policy-failed";
    private const string PolicyRecoveredRuleId = "desk.policy-recovered";
    private const string LifecycleEffectRuleId = "lifecycle.effect";
    private static readonly CaseEventCause SweepCause = new("sla.clock-stage");

    /// <summary>How many fresh query codes <see cref="RegisterAsync(CaseReport, CaseActor, CancellationToken)"/> draws before it gives up on a registration whose
    /// every code collides with a stored one (only a broken random source makes even two collide).</summary>
    public const int QueryCodeAttempts = 5;

    // How often a join that lost a race to another desk's append reloads and tries again before the conflict propagates.
    private const int JoinAttempts = 100;

    /// <summary>How many due cases a sweep reads in one batch and commits together on a store with group commit.</summary>
    /// <remarks>512: the SQLite store's group limit, so a sweep's group is one transaction there. Against 256, a sweep of
    /// 10,261 due cases among 1,000,000 on the file makes 21 commits instead of 41 (each also a WAL checkpoint), about a
    /// tenth less CPU; 1,024 measured no better (docs/benchmarks.md, "The sweep with an acting policy, session 11"). A
    /// portal append arriving during a sweep waits for at most the one group being committed, as with any caller's group.</remarks>
    private const int SweepGroup = 512;

    private readonly Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> lifecycle;
    private readonly string lifecycleVersion;
    private readonly SlaPolicy slaPolicy;
    private readonly BusinessCalendar calendar;
    private readonly ICaseStore store;
    private readonly IClock clock;
    private readonly IOrgDirectory? directory;
    private readonly ICaseAuthorizer authorizer;
    private readonly ICaseRouting? routing;
    private readonly ImmutableArray<CaseTierRule> tierRules;
    private readonly IDuplicateDetector duplicates;
    private readonly QueryCodeGenerator queryCodes;
    private readonly QueryCodeKey queryCodeKey;
    private readonly ImmutableArray<QueryCodeKey> lookupKeys;
    private readonly Func<CaseId> newCaseId;
    private readonly ImmutableArray<ICasePolicy> policies;
    private readonly int maxPolicySteps;
    private readonly int maxExtensions;
    private readonly Duration? maxExtensionTotal;
    private readonly Func<OrgUnitId, string?>? relayLevelOf;
    private readonly ImmutableArray<WrittenReportRequirement> writtenReports;
    private readonly Dictionary<MemberRole, UnitPost> posts;
    private readonly Dictionary<OrgUnitId, StationedDepartment> stationed;
    private readonly EventHub hub;

    // Never disposed: a SemaphoreSlim holds no kernel handle unless AvailableWaitHandle is read, which it never is.
    private readonly SemaphoreSlim commitGate = new(1, 1);

    // Registrations one at a time: the duplicate check, the append and remembering the case belong together.
    private readonly SemaphoreSlim registrationGate = new(1, 1);

    /// <summary>Builds a desk from options.</summary>
    /// <param name="options">The options; copied, so later changes do not affect the desk.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    /// <exception cref="ArgumentException">The options are incomplete or invalid; the message lists every problem.</exception>
    public CaseDesk(CaseDeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        if (options.Lifecycle is null)
        {
            problems.Add("Lifecycle is required");
        }

        if (string.IsNullOrWhiteSpace(options.LifecycleVersion))
        {
            problems.Add("LifecycleVersion must name the lifecycle and its version");
        }

        if (options.SlaPolicy is null)
        {
            problems.Add("SlaPolicy is required");
        }

        if (options.Calendar is null)
        {
            problems.Add("Calendar is required");
        }

        if (options.Store is null)
        {
            problems.Add("Store is required");
        }

        if (options.Clock is null)
        {
            problems.Add("Clock is required");
        }

        if (options.Authorizer is null && options.Directory is null)
        {
            problems.Add("Authorizer is required when no Directory is given");
        }

        if (options.QueryCodes is null)
        {
            problems.Add("QueryCodes is required");
        }

        if (options.QueryCodeKey is null)
        {
            problems.Add("QueryCodeKey is required (the county's secret key for query-code digests; a host reads it from its configuration, Fengqiao:QueryCodeKey)");
        }

        if (options.RetiredQueryCodeKeys.Any(k => k is null))
        {
            problems.Add("RetiredQueryCodeKeys contains a null key");
        }
        else
        {
            if (options.QueryCodeKey is { } currentKey && options.RetiredQueryCodeKeys.Any(k => k.Id == currentKey.Id))
            {
                problems.Add($"RetiredQueryCodeKeys contains the current QueryCodeKey ({currentKey.Id})");
            }

            foreach (var repeated in options.RetiredQueryCodeKeys.GroupBy(k => k.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                problems.Add($"RetiredQueryCodeKeys lists key {repeated.Key} {repeated.Count()} times");
            }
        }

        if (options.Policies.Any(p => p is null))
        {
            problems.Add("Policies contains a null policy");
        }

        if (options.MaxPolicySteps < 1)
        {
            problems.Add($"MaxPolicySteps must be at least 1, not {options.MaxPolicySteps}");
        }

        if (options.MaxExtensions < 0)
        {
            problems.Add($"MaxExtensions must not be negative, not {options.MaxExtensions}");
        }

        if (options.MaxExtensionTotal is { } total && total < Duration.Zero)
        {
            problems.Add("MaxExtensionTotal must not be negative");
        }

        if (options.WrittenReports.Any(r => r is null))
        {
            problems.Add("WrittenReports contains a null requirement");
        }

        problems.AddRange(UnitPosts.Problems(options.Posts));

        if (options.StationedDepartments.Any(d => d is null))
        {
            problems.Add("StationedDepartments contains a null department");
        }
        else
        {
            problems.AddRange(options.StationedDepartments.GroupBy(d => d.Department).Where(g => g.Count() > 1)
                .Select(g => $"StationedDepartments lists department '{g.Key}' {g.Count()} times"));
        }

        if (problems.Count > 0)
        {
            throw new ArgumentException($"The case desk options have {problems.Count} problem(s): {string.Join("; ", problems)}.", nameof(options));
        }

        lifecycle = options.Lifecycle!;
        lifecycleVersion = options.LifecycleVersion;
        slaPolicy = options.SlaPolicy!;
        calendar = options.Calendar!;
        store = options.Store!;
        clock = options.Clock!;
        directory = options.Directory;
        authorizer = options.Authorizer ?? new OrgCaseAuthorizer(options.Directory!);
        routing = options.Routing;
        duplicates = options.DuplicateDetector ?? new RecentReportDuplicateDetector(Duration.FromDays(7));
        queryCodes = options.QueryCodes!;
        queryCodeKey = options.QueryCodeKey!;
        lookupKeys = [queryCodeKey, .. options.RetiredQueryCodeKeys];
        newCaseId = options.NewCaseId ?? (() => new CaseId("case-" + Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture)));
        policies = [.. options.Policies];
        maxPolicySteps = options.MaxPolicySteps;
        maxExtensions = options.MaxExtensions;
        maxExtensionTotal = options.MaxExtensionTotal;
        relayLevelOf = options.RelayLevelOf;
        tierRules = [.. options.TierRules ?? []];
        writtenReports = [.. options.WrittenReports];
        posts = options.Posts.Where(p => p is not null).GroupBy(p => p.Role).ToDictionary(g => g.Key, g => g.First());
        stationed = options.StationedDepartments.Where(d => d is not null).GroupBy(d => d.Department).ToDictionary(g => g.Key, g => g.First());
        hub = new EventHub(options.OnSubscriberError);
    }

    /// <summary>Gets the policies the desk runs after every accepted step and on a sweep, in the order they run.</summary>
    /// <remarks>The list given in <see cref="CaseDeskOptions.Policies"/> when the desk was built; it never changes. A
    /// component that relies on a policy being registered (the mediation desk's return flows rely on its hand-off
    /// policy) checks it here when it is constructed, rather than after a step is saved.</remarks>
    /// <threadsafety>Immutable; safe to read from any thread.</threadsafety>
    public ImmutableArray<ICasePolicy> Policies => policies;

    /// <summary>Gets the accepted events of every case, published after the store accepted them.</summary>
    /// <remarks>
    /// Never null, never a subject: subscribers cannot publish. Events arrive on the thread of the call that appended
    /// them, in append order; observe them on your own scheduler if handling is slow. A subscriber that throws is
    /// dropped (and the exception passed to <see cref="CaseDeskOptions.OnSubscriberError"/>); the desk carries on.
    /// </remarks>
    public IObservable<CaseEvent> Events => hub.Events;

    /// <summary>Loads a case.</summary>
    /// <param name="id">The case id.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The case, or <see langword="null"/>.</returns>
    public ValueTask<Case?> FindAsync(CaseId id, CancellationToken cancellationToken = default) => store.LoadAsync(id, cancellationToken);

    /// <summary>Finds a case by its query code (查询码), as a citizen looks it up.</summary>
    /// <param name="code">The query code.</param>
    /// <param name="cancellationToken">Cancels the look-up.</param>
    /// <returns>The case, or <see langword="null"/>.</returns>
    /// <remarks>The code is digested with the desk's key (<see cref="CaseDeskOptions.QueryCodeKey"/>) and the store is
    /// asked for the digest: no store ever sees the code. When no case has it, the digest under each retired key
    /// (<see cref="CaseDeskOptions.RetiredQueryCodeKeys"/>) is tried in turn, so codes handed out before a key rotation
    /// still work; the first case found is returned.</remarks>
    public async ValueTask<Case?> FindByQueryCodeAsync(QueryCode code, CancellationToken cancellationToken = default)
    {
        foreach (var key in lookupKeys)
        {
            if (await store.FindByQueryCodeAsync(key.Digest(code), cancellationToken).ConfigureAwait(false) is { } found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>Creates the actor of a citizen who presents <paramref name="code"/>: a citizen actor carrying the code's
    /// digest under the desk's current key, which the authoriser compares with the case's.</summary>
    /// <param name="code">The query code the citizen typed.</param>
    /// <returns>A citizen actor (<see cref="CaseActor.Citizen"/>) with the code's digest, never the code.</returns>
    /// <remarks>A case registered under a retired key (<see cref="CaseDeskOptions.RetiredQueryCodeKeys"/>) holds that
    /// key's digest, which this actor does not carry; use <see cref="Citizen(QueryCode, Case)"/> for a case already found.</remarks>
    /// <threadsafety>Safe to call from any thread.</threadsafety>
    public CaseActor Citizen(QueryCode code) => CaseActor.Citizen(queryCodeKey.Digest(code));

    /// <summary>Creates the actor of a citizen who presents <paramref name="code"/> for a case found by it: the code's
    /// digest under whichever of the desk's keys (current, then retired) gives the case's digest.</summary>
    /// <param name="code">The query code the citizen typed.</param>
    /// <param name="forCase">The case the citizen acts on (as <see cref="FindByQueryCodeAsync"/> returned it).</param>
    /// <returns>A citizen actor with the matching digest; when no key gives the case's digest (the code is not this
    /// case's), the digest under the current key, which the authoriser then refuses.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="forCase"/> is null.</exception>
    /// <threadsafety>Safe to call from any thread.</threadsafety>
    public CaseActor Citizen(QueryCode code, Case forCase)
    {
        ArgumentNullException.ThrowIfNull(forCase);
        foreach (var key in lookupKeys)
        {
            var digest = key.Digest(code);
            if (forCase.HoldsQueryCode(digest))
            {
                return CaseActor.Citizen(digest);
            }
        }

        return CaseActor.Citizen(queryCodeKey.Digest(code));
    }

    /// <summary>Reads a case's history, oldest first.</summary>
    /// <param name="id">The case id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The events; empty when there is no such case.</returns>
    public ValueTask<IReadOnlyList<CaseEvent>> GetHistoryAsync(CaseId id, CancellationToken cancellationToken = default) =>
        store.ReadEventsAsync(id, cancellationToken);

    /// <summary>Registers a report that a citizen made through its channel (登记), recorded as by <see cref="CaseActor.Channel"/> of the report's channel.</summary>
    /// <param name="report">The report.</param>
    /// <param name="cancellationToken">Cancels the registration before it is stored.</param>
    /// <returns>The new case, or the existing case the report joined.</returns>
    /// <remarks>The same as <see cref="RegisterAsync(CaseReport, CaseActor, CancellationToken)"/> with the channel's actor: a portal or QR-code intake needs no actor of its own.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The SLA policy has no rule or no handle limit for the report's category, channel and priority.</exception>
    /// <exception cref="ConcurrencyConflictException">The case id was already taken, or the joined case changed meanwhile.</exception>
    public Task<CaseRegistrationResult> RegisterAsync(CaseReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return RegisterAsync(report, CaseActor.Channel(report.Channel), cancellationToken);
    }

    /// <summary>Registers a report (登记): a new case with its query code and citizen clock, or — if it is a duplicate of an open case — joins that case.</summary>
    /// <param name="report">The report.</param>
    /// <param name="actor">Who registers it (the citizen's channel, <see cref="CaseActor.Channel"/>; an intake clerk; the hotline bridge).</param>
    /// <param name="cancellationToken">Cancels the registration before it is stored.</param>
    /// <returns>The new case, or the existing case the report joined.</returns>
    /// <remarks>
    /// <para>Anyone may report; the authoriser is not asked. A duplicate joins only a case that is still open; otherwise a new case is opened.</para>
    /// <para>Registrations through one desk are taken one at a time (look for a duplicate, append, remember), so
    /// identical reports sent at the same moment make one case and join it. Several desks (nodes) over one store do
    /// not share that order; a store that detects duplicates durably (the SQLite and PostgreSQL stores) settles the
    /// race in the append with <see cref="DuplicateReportException"/>, and the desk then joins the report to the case
    /// the other desk registered.</para>
    /// <para>A policy failure after the registration does not throw: it is recorded on the case (<see cref="Case.PolicyFailure"/>).</para>
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="report"/> or <paramref name="actor"/> is null.</exception>
    /// <exception cref="KeyNotFoundException">The SLA policy has no rule or no handle limit for the report's category, channel and priority.</exception>
    /// <exception cref="CaseReportRefusedException">The county's routing (<see cref="CaseDeskOptions.Routing"/>) refused the report: a channel or category the county does not list, or one no unit owns.</exception>
    /// <exception cref="ConcurrencyConflictException">The case id was already taken, or the joined case changed meanwhile.</exception>
    /// <exception cref="QueryCodeConflictException">Each of <see cref="QueryCodeAttempts"/> freshly drawn query codes was
    /// already held by another case (the generator's random source is broken); no case was registered.</exception>
    /// <exception cref="DuplicateReportException">The store kept refusing the report as a duplicate of a case that was
    /// closed by the time the desk tried to join it (only under heavy concurrent closing); no case was registered.</exception>
    public async Task<CaseRegistrationResult> RegisterAsync(CaseReport report, CaseActor actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        await registrationGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await RegisterCoreAsync(report, actor, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            registrationGate.Release();
        }
    }

    private async Task<CaseRegistrationResult> RegisterCoreAsync(CaseReport report, CaseActor actor, CancellationToken cancellationToken)
    {
        var now = clock.GetCurrentInstant();
        if (report.Tier is null && !tierRules.IsEmpty && tierRules.FirstOrDefault(r => r.Covers(report)) is { } tierRule)
        {
            report = report with { Tier = tierRule.Tier };
        }

        if (routing?.CheckReport(report, now) is { IsAllowed: false } refused)
        {
            throw new CaseReportRefusedException(report, refused.Reason!);
        }

        if (await duplicates.FindDuplicateAsync(report, now, cancellationToken).ConfigureAwait(false) is { } existingId
            && await JoinAsync(existingId, report, actor, now, cancellationToken).ConfigureAwait(false) is { } joined)
        {
            return joined;
        }

        var terms = ResolveTerms(report, now);
        var id = newCaseId();
        for (var attempt = 1; ; attempt++)
        {
            // The code is handed back once, in the result; the case and the store keep only its keyed digest.
            var code = queryCodes.Next();
            var registered = new CaseEvent(id, 1, now, actor, lifecycle.InitialState, lifecycle.InitialState,
                new CaseRegistration(report, queryCodeKey.Digest(code), lifecycleVersion, terms));
            var events = new List<CaseEvent>(2) { registered };
            var (created, _) = await RunPoliciesAsync(Case.Register(registered, calendar), registered, now, events, cancellationToken).ConfigureAwait(false);
            try
            {
                await CommitAsync(0, events, created, cancellationToken).ConfigureAwait(false);
            }
            catch (QueryCodeConflictException) when (attempt < QueryCodeAttempts)
            {
                // Only a broken random source repeats a code: draw again (and decide again); the store never re-points one.
                continue;
            }
            catch (QueryCodeConflictException)
            {
                throw new QueryCodeConflictException(id, attempt);
            }
            catch (DuplicateReportException duplicate) when (attempt < QueryCodeAttempts)
            {
                // Another desk on the same store registered the matter first: join its case (if still open).
                if (await JoinAsync(duplicate.ExistingCaseId, report, actor, now, cancellationToken).ConfigureAwait(false) is { } joinedElsewhere)
                {
                    return joinedElsewhere;
                }

                continue;
            }

            await duplicates.RememberAsync(created, cancellationToken).ConfigureAwait(false);
            return new(created, false, code);
        }
    }

    /// <summary>Joins a report to an existing case if it is still open; null when it is gone or closed.</summary>
    /// <remarks>Another desk may append to the case meanwhile (joining its own copy of the report): a join does not
    /// depend on what else happened, so it reloads and tries again, up to <see cref="JoinAttempts"/> times.</remarks>
    private async Task<CaseRegistrationResult?> JoinAsync(CaseId existingId, CaseReport report, CaseActor actor, Instant now, CancellationToken cancellationToken)
    {
        var codeAttempt = 1;
        for (var attempt = 1; ; attempt++)
        {
            if (await store.LoadAsync(existingId, cancellationToken).ConfigureAwait(false) is not { } existing || !IsOpen(existing.State))
            {
                return null;
            }

            var at = Instant.Max(now, existing.UpdatedAt);

            // The joined report's reporter gets a code of their own, kept (like the case's) only as its digest.
            var code = queryCodes.Next();
            var joined = new CaseEvent(existing.Id, existing.Version + 1, at, actor, existing.State, existing.State,
                new CaseReportJoined(report) { QueryCodeDigest = queryCodeKey.Digest(code) });
            var appended = new List<CaseEvent>(2) { joined };
            var (after, _) = await RunPoliciesAsync(existing.Apply(joined), joined, at, appended, cancellationToken).ConfigureAwait(false);
            try
            {
                await CommitAsync(existing.Version, appended, after, cancellationToken).ConfigureAwait(false);
            }
            catch (ConcurrencyConflictException) when (attempt < JoinAttempts)
            {
                continue;
            }
            catch (QueryCodeConflictException) when (codeAttempt < QueryCodeAttempts)
            {
                // Only a broken random source repeats a code: draw again; the store never re-points one.
                codeAttempt++;
                attempt--;
                continue;
            }
            catch (QueryCodeConflictException)
            {
                throw new QueryCodeConflictException(existing.Id, codeAttempt);
            }

            return new(after, true, code);
        }
    }

    private static Case RecordPassedDeadlines(Case next, Instant at, List<CaseEvent> events)
    {
        foreach (var s in next.Supervisions)
        {
            if (s.OverdueRecordedAt is null && s.IsOverdueAt(at))
            {
                var e = new CaseEvent(next.Id, next.Version + 1, at, CaseActor.System, next.State, next.State, new CaseSupervisionOverdue(s.Sequence, s.TargetUnit))
                {
                    Cause = new CaseEventCause(SupervisionDeadlineRuleId, new Dictionary<string, string>
                    {
                        ["supervision"] = s.Sequence.ToString(CultureInfo.InvariantCulture),
                        ["issuer"] = s.IssuingUnit.Value,
                        ["target"] = s.TargetUnit.Value,
                        ["grade"] = s.Grade.ToString(),
                        ["deadline"] = InstantPattern.ExtendedIso.Format(s.Deadline),
                    }),
                };
                events.Add(e);
                next = next.Apply(e);
            }
        }

        foreach (var summons in next.Summonses)
        {
            if (!summons.IsOpen)
            {
                continue;
            }

            foreach (var d in summons.Departments)
            {
                if (d.NoShowRecordedAt is null && d.IsNoShowAt(at))
                {
                    var e = new CaseEvent(next.Id, next.Version + 1, at, CaseActor.System, next.State, next.State, new CaseSummonsOverdue(summons.Sequence, d.Department))
                    {
                        Cause = new CaseEventCause(SummonsDeadlineRuleId, new Dictionary<string, string>
                        {
                            ["summons"] = summons.Sequence.ToString(CultureInfo.InvariantCulture),
                            ["caller"] = summons.CallingUnit.Value,
                            ["department"] = d.Department.Value,
                            ["deadline"] = InstantPattern.ExtendedIso.Format(d.Deadline),
                        }),
                    };
                    events.Add(e);
                    next = next.Apply(e);
                }
            }
        }

        return next;
    }

    private static bool IsOpen(CaseState state) => state is not (CaseState.Closed or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn);

    private static string PriorityKey(CasePriority priority) => priority switch
    {
        CasePriority.Urgent => "urgent",
        CasePriority.Emergency => "emergency",
        _ => "normal",
    };

    private static string? TierKey(CaseTier? tier) => tier switch
    {
        CaseTier.Simple => "simple",
        CaseTier.Complex => "complex",
        CaseTier.Difficult => "difficult",
        _ => null,
    };

    private CaseSlaTerms ResolveTerms(CaseReport report, Instant now)
    {
        var month = now.InZone(calendar.Zone).Month;
        var rule = slaPolicy.Resolve(report.Category.Key, report.Channel.Key(), PriorityKey(report.Priority), TierKey(report.Tier), month);
        var handle = rule.Limits.TryGetValue(SlaLimitNames.Handle, out var handleLimit)
            ? handleLimit
            : slaPolicy.Limit(SlaLimitNames.Handle, report.Category.Key, report.Channel.Key(), PriorityKey(report.Priority), TierKey(report.Tier), month);
        TimeLimit? Optional(string name) => rule.Limits.TryGetValue(name, out var l) ? l : null;
        return new CaseSlaTerms(slaPolicy.Name, handle, Optional(SlaLimitNames.SignFor), Optional(SlaLimitNames.Callback),
            Optional(SlaLimitNames.Extension), [.. rule.Thresholds])
        {
            Accept = Optional(SlaLimitNames.Accept),
            RelayBudgets = rule.Limits
                .Where(l => l.Key.StartsWith(SlaLimitNames.RelayPrefix, StringComparison.Ordinal) && l.Key.Length > SlaLimitNames.RelayPrefix.Length)
                .ToImmutableSortedDictionary(l => l.Key[SlaLimitNames.RelayPrefix.Length..], l => l.Value, StringComparer.Ordinal),
        };
    }

    private async Task CommitAsync(long expectedVersion, IReadOnlyList<CaseEvent> events, Case snapshot, CancellationToken cancellationToken)
    {
        await commitGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await store.AppendAsync(expectedVersion, events, snapshot, cancellationToken).ConfigureAwait(false);
            hub.Publish(events);
        }
        finally
        {
            commitGate.Release();
        }
    }

    /// <summary>Lets the policies act on a case decided but not yet appended; their events join <paramref name="events"/>, to be appended together.</summary>
    /// <returns>The case after the policies' steps, and the failure recorded (as a <see cref="CasePolicyFailed"/> event) if a policy failed.</returns>
    private async Task<(Case Case, CasePolicyException? Failure)> RunPoliciesAsync(
        Case current, CaseEvent? lastEvent, Instant now, List<CaseEvent> events, CancellationToken cancellationToken)
    {
        var run = await RunPoliciesCoreAsync(current, lastEvent, now, events, null, cancellationToken).ConfigureAwait(false);
        return (run.Case, run.Failure);
    }

    /// <summary>Lets the policies act on a case, as <see cref="RunPoliciesAsync"/>; the first round may have been
    /// evaluated already (<paramref name="asked"/>: the sweep's batch policies on the whole batch).</summary>
    /// <returns>The case after the policies' steps, the failure recorded if a policy failed, and whether the run appended
    /// an event other cases' policies may read (a step asked by a policy that is not an <see cref="ICaseBatchPolicy"/>,
    /// or a failure or recovery record).</returns>
    private async Task<PolicyRun> RunPoliciesCoreAsync(
        Case current, CaseEvent? lastEvent, Instant now, List<CaseEvent> events, PolicyAsk? asked, CancellationToken cancellationToken)
    {
        if (policies.IsEmpty)
        {
            return new(current, null, false);
        }

        // The step budget is per case and per run: MaxPolicySteps, plus one step for each tracked deadline the case has
        // open (supervisions and summoned departments), since a single sweep may rightly act once on each of them.
        var budget = maxPolicySteps + current.Supervisions.Count(s => s.IsOpen) + current.Summonses.Where(s => s.IsOpen).Sum(s => s.Pending.Length);
        var steps = 0;
        var shared = false;
        string? requestedBy = null;
        while (true)
        {
            IReadOnlyList<CasePolicyAction>? actions = null;
            ICasePolicy? asking = null;
            var first = 0;
            if (asked is { } given)
            {
                // The first round's answer, already evaluated on the batch: the asking policy, or where the round goes on.
                (first, asking, actions) = (given.From, given.Policy, given.Actions);
                asked = null;
                if (asking is not null)
                {
                    first = policies.Length;
                }
            }

            for (var p = first; p < policies.Length; p++)
            {
                var policy = policies[p];
                try
                {
                    actions = await policy.EvaluateAsync(new CasePolicyArguments(current, now, lastEvent, requestedBy), cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // Any policy bug is recorded on the case, naming the policy; the caller's saved step stands.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    return new(Fail(ref current, events, policy.Name, $"it threw {e.GetType().Name}: {e.Message}", e, out var failure), failure, true);
                }

                if (actions is { Count: > 0 })
                {
                    asking = policy;
                    break;
                }
            }

            if (asking is null || actions is null)
            {
                if (current.PolicyFailure is { } cleared)
                {
                    current = Append(current, events, new CasePolicyRecovered(cleared.Policy), new CaseEventCause(PolicyRecoveredRuleId,
                        new Dictionary<string, string> { ["policy"] = cleared.Policy, ["failed-at"] = InstantPattern.ExtendedIso.Format(cleared.At) }));
                    shared = true;
                }

                return new(current, null, shared);
            }

            foreach (var action in actions)
            {
                if (action is null)
                {
                    return new(Fail(ref current, events, asking.Name, "it returned a null action", null, out var failure), failure, true);
                }

                if (steps >= budget)
                {
                    return new(Fail(ref current, events, asking.Name,
                        $"policies asked for more than {budget} actions in a row (the last: {action.Step.Trigger} by rule '{action.Cause.RuleId}'); this looks like a loop",
                        null, out var failure), failure, true);
                }

                try
                {
                    var (next, e, effects) = await DecideAsync(current, CaseActor.System, action.Step, action.Cause, null, cancellationToken).ConfigureAwait(false);
                    if (effects.Count > 0)
                    {
                        // The lifecycle's effects of a policy's step join it; if one fails, neither is kept.
                        var withEffects = new List<CaseEvent> { e };
                        (next, e) = await CarryOutEffectsAsync(next, e, effects, withEffects, cancellationToken).ConfigureAwait(false);
                        events.AddRange(withEffects);
                    }
                    else
                    {
                        events.Add(e);
                    }

                    current = next;
                    lastEvent = e;
                    requestedBy = asking.Name;
                    shared |= asking is not ICaseBatchPolicy;
                    now = e.At;
                    steps++;
                }
                catch (CaseActionRefusedException e)
                {
                    return new(Fail(ref current, events, asking.Name,
                        $"its action {action.Step.Trigger} (rule '{action.Cause.RuleId}') was refused: {e.Reason}", e, out var failure), failure, true);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
#pragma warning disable CA1031 // A guard, the calendar or the authoriser failing on a policy's action is recorded like a refusal.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    return new(Fail(ref current, events, asking.Name,
                        $"its action {action.Step.Trigger} (rule '{action.Cause.RuleId}') failed: {e.GetType().Name}: {e.Message}", e, out var failure), failure, true);
                }
            }
        }
    }

    /// <summary>The first round of a case's policy evaluation, done on a batch: the policy that asked and its actions, or
    /// (<paramref name="Policy"/> null) that none of the first <paramref name="From"/> policies asked.</summary>
    private readonly record struct PolicyAsk(int From, ICasePolicy? Policy, IReadOnlyList<CasePolicyAction>? Actions);

    /// <summary>What a policy run did: the case after it, the failure it recorded, and whether it appended an event other
    /// cases' policies may read.</summary>
    private readonly record struct PolicyRun(Case Case, CasePolicyException? Failure, bool Shared);

    /// <summary>Records a policy failure on the case (once: the same failure already recorded is not repeated) and builds the exception the sweep reports.</summary>
    private Case Fail(ref Case current, List<CaseEvent> events, string policy, string reason, Exception? inner, out CasePolicyException failure)
    {
        failure = new CasePolicyException(current, policy, reason, inner);
        if (current.PolicyFailure is not { } recorded || recorded.Policy != policy || recorded.Reason != failure.Problem)
        {
            current = Append(current, events, new CasePolicyFailed(policy, failure.Problem), new CaseEventCause(PolicyFailedRuleId,
                new Dictionary<string, string> { ["policy"] = policy }));
        }

        return current;
    }

    private Case Append(Case current, List<CaseEvent> events, CaseEventPayload payload, CaseEventCause cause)
    {
        var e = new CaseEvent(current.Id, current.Version + 1, Instant.Max(clock.GetCurrentInstant(), current.UpdatedAt), CaseActor.System,
            current.State, current.State, payload) { Cause = cause };
        events.Add(e);
        return current.Apply(e);
    }
}
