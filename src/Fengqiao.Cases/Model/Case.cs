using System.Collections.Immutable;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.QueryCodes;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Cases;

/// <summary>A case (案件): the fold of its events — where it is, who holds it, by when, and how it got there.</summary>
/// <remarks>
/// <para>
/// A case is never edited: <see cref="Apply"/> returns a new case one version on. <see cref="Replay"/> rebuilds a
/// case from its events and the calendar only — the limits it runs under were recorded at registration
/// (<see cref="Sla"/>), so a county may change its SLA policy or lifecycle without rewriting open cases.
/// </para>
/// <para>
/// <see cref="Apply"/> checks only that the event belongs here (same case, next version, not before the last event);
/// whether the step was allowed is decided before the event exists, by the desk (lifecycle, authoriser, caps).
/// </para>
/// <para>
/// Clocks: the citizen clock runs from registration (and from each reopening) until approval; the unit clock runs from
/// dispatch, restarts for each new holder (re-dispatch, escalation, reopening) and stops at approval; a return
/// stops the unit clock but never touches the citizen clock. Suspend and HandOff pause the running clocks, Resume and
/// HandBack resume them; Resolve pauses the unit clock (Reject resumes it); a granted extension extends the citizen
/// and unit clocks; Decline, Withdraw, Merge and Close stop them all.
/// </para>
/// <para>
/// Supervision and whistle-and-report: a Supervise event naming a target, an issuer and a limit opens a tracked
/// <see cref="CaseSupervision"/>; Summon opens a <see cref="CaseSummons"/> and ReportIn records a department. Both
/// close when the case reaches Resolved or later; a supervision also closes when its target held the case and no
/// longer does, when it is re-issued above, or (for a summoned department) when the department reports in. Their
/// deadlines are part of <see cref="NextDueAt"/> until the sweep has recorded them passing.
/// </para>
/// <para><see cref="Report"/> holds personal data; <see cref="ToString"/> prints none.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1716:Identifiers should not match keywords",
    Justification = "Case is the domain's word (案件); Visual Basic callers write [Case].")]
public sealed partial class Case
{
    // One slot per CaseClockKind value. Never changed once the case is published: a fold copies the array on its first
    // clock change (ownsClocks) and then changes the copy in place.
    private static readonly int ClockKinds = Enum.GetValues<CaseClockKind>().Max(k => (int)k) + 1;
    private SlaClock?[] clocks = new SlaClock?[ClockKinds];
    private bool ownsClocks;
    private ImmutableDictionary<CaseClockKind, (SlaStage Stage, string? Warning)> recorded =
        ImmutableDictionary<CaseClockKind, (SlaStage Stage, string? Warning)>.Empty;

    // A fold copies the case (MemberwiseClone), so the case keeps only what most steps change. What registration fixed
    // is one shared object, replaced only when a reporter is erased; what rare steps change (hand-offs, extensions,
    // supervision, deputies, joined reports…) is one more, shared with the case it was folded from until a fold first
    // writes to it (Own), like the clock array.
    private Registered fixedPart;
    private Extras extras = Extras.Empty;
    private bool ownsExtras;
    private CaseEvent? folding; // the event Apply is folding into this fresh copy; null once it is published

    private Case(CaseEvent registered, CaseRegistration registration, BusinessCalendar calendar)
    {
        fixedPart = new Registered(registered.CaseId, calendar, registration, registered.At,
            registered.Actor.Unit ?? registration.Report.Location.Grid,
            registration.Sla.Thresholds.IsDefault ? null : registration.Sla.Thresholds);
        State = registered.To;
        UpdatedAt = registered.At;
        Version = 1;
        Cycle = 1;
        Ratings = [];
        HeldBy = [];
        ownsClocks = true;
        SetClock(CaseClockKind.Citizen, Start(registered.At, registration.Sla.Handle));
        if (registration.Sla.Accept is { } accept && State == CaseState.Registered)
        {
            SetClock(CaseClockKind.Accept, Start(registered.At, accept));
        }

        ownsClocks = false;
    }

    /// <summary>Gets the correlation key of the hand-off now holding the case (<see cref="CaseHandOffTerms.Key"/> of its last <see cref="CaseHandedOff"/>), or <see langword="null"/> when it is not handed off or was handed off without terms.</summary>
    public string? HandOffKey => extras.HandOffKey;

    /// <summary>Gets when the body holding the handed-off case signed for it (<see cref="CaseHandOffAccepted"/> of <see cref="HandOffKey"/>), or <see langword="null"/> while it has not (and whenever the case is not handed off).</summary>
    public Instant? HandOffAcceptedAt => extras.HandOffAcceptedAt;

    /// <summary>Gets the unit that registered the case (登记单位): the registering actor's unit, or for a report that came in through an intake channel or from a citizen, the report's grid.</summary>
    /// <remarks>
    /// It holds a registered case that nobody has accepted yet: when the <see cref="CaseClockKind.Accept"/> clock runs out,
    /// the escalation rules treat this unit as the holder and move the case up its ladder. It never changes, and it is
    /// not <see cref="HoldingUnit"/> (which stays <see langword="null"/> until a dispatch or an escalation).
    /// </remarks>
    public OrgUnitId RegisteringUnit => fixedPart.RegisteringUnit;

    /// <summary>Gets the people's deputies (人大代表) assigned to follow the case (<see cref="CaseDeputyAssigned"/>), in the order first assigned, each once.</summary>
    public ImmutableArray<ActorId> AssignedDeputies => extras.AssignedDeputies;

    /// <summary>Gets every unit that has held the case (<see cref="HoldingUnit"/>), in the order each first held it, each once.</summary>
    /// <remarks>A written-report requirement (<see cref="Desk.CaseDeskOptions.WrittenReports"/>) reads it: a case its unit
    /// has held needs the report before it closes, wherever the case went afterwards.</remarks>
    public ImmutableArray<OrgUnitId> HeldBy { get; private set; }

    /// <summary>Gets the post within the holding unit that has the case (岗位, <see cref="CasePostHandedOver"/>), or <see langword="null"/>
    /// when no post took it since the unit did.</summary>
    /// <remarks>Cleared when the case leaves the unit and when it ends.</remarks>
    public CasePost? Post => extras.Post;

    /// <summary>Gets the written reports (书面报送) filed on the case (<see cref="CaseWrittenReportFiled"/>), oldest first.</summary>
    public ImmutableArray<CaseWrittenReport> WrittenReports => extras.WrittenReports;

    /// <summary>Gets the people's deputies' scores of the case (测评打分, <see cref="CaseDeputyScored"/>), oldest first.</summary>
    public ImmutableArray<CaseDeputyScore> DeputyScores => extras.DeputyScores;

    /// <summary>Gets the return flow (回流) a hand-back staged and no hand-off has carried out yet (<see cref="CaseHandedBack.Return"/>), or <see langword="null"/>.</summary>
    /// <remarks>Cleared by the next <see cref="CaseHandedOff"/> and when the case is resolved or ends. It lives in the case's events, so it survives a restart.</remarks>
    public CaseHandOffReturn? PendingReturn => extras.PendingReturn;

    /// <summary>Gets the case id.</summary>
    public CaseId Id => fixedPart.Id;

    /// <summary>Gets the calendar the case's clocks count on.</summary>
    public BusinessCalendar Calendar => fixedPart.Calendar;

    /// <summary>Gets the registration record: report, query-code digest, lifecycle version and SLA terms.</summary>
    public CaseRegistration Registration => fixedPart.Registration;

    /// <summary>Gets the keyed digest of the query code (查询码) the citizen uses; the code itself is not kept.</summary>
    public QueryCodeDigest QueryCodeDigest => Registration.QueryCodeDigest;

    /// <summary>Gets whether a query-code digest finds this case: it is the case's own (<see cref="QueryCodeDigest"/>) or
    /// one given to a joined report (<see cref="JoinedQueryCodeDigests"/>).</summary>
    /// <param name="digest">The digest of the code presented, under one of the desk's keys.</param>
    /// <returns><see langword="true"/> when the case holds it; comparisons take constant time per digest.</returns>
    public bool HoldsQueryCode(QueryCodeDigest digest)
    {
        var found = digest == QueryCodeDigest;
        foreach (var joined in extras.JoinedQueryCodeDigests)
        {
            found |= digest == joined;
        }

        return found && digest != default;
    }

    /// <summary>Gets the report as registered (personal data).</summary>
    public CaseReport Report => Registration.Report;

    /// <summary>Gets the SLA limits the case was registered under.</summary>
    public CaseSlaTerms Sla => Registration.Sla;

    /// <summary>Gets when the case was registered.</summary>
    public Instant RegisteredAt => fixedPart.RegisteredAt;

    /// <summary>Gets the current lifecycle state.</summary>
    public CaseState State { get; private set; }

    /// <summary>Gets the version: the number of events folded (1 after registration).</summary>
    public long Version { get; private set; }

    /// <summary>Gets when the last event happened.</summary>
    public Instant UpdatedAt { get; private set; }

    /// <summary>Gets the relay level (接力层级) the case is held at, when it runs under relay budgets (<see cref="CaseSlaTerms.RelayBudgets"/>) and the last dispatch or escalation named one; otherwise <see langword="null"/>.</summary>
    /// <remarks>Cleared by a return (the case is back with the dispatcher, at no level).</remarks>
    public string? RelayLevel { get; private set; }

    /// <summary>Gets the budget clock of a relay level (<see cref="CaseClockKind.Relay"/>): running for the level holding the case, paused for a level it has left, or <see langword="null"/> for a level it never reached or one with no budget.</summary>
    /// <param name="level">The relay level key, e.g. <c>street</c>.</param>
    /// <returns>The clock; its elapsed working time is the level's cumulative consumption.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="level"/> is null.</exception>
    public SlaClock? RelayClock(string level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return level == RelayLevel && TryGetClock(CaseClockKind.Relay, out var current)
            ? current
            : extras.ParkedRelayClocks.TryGetValue(level, out var parked) ? parked : null;
    }

    /// <summary>Gets the unit holding the case (dispatched, escalated to), or <see langword="null"/> while it is with the dispatcher.</summary>
    public OrgUnitId? HoldingUnit { get; private set; }

    /// <summary>Gets the worker who claimed the case in the holding unit, or <see langword="null"/>.</summary>
    public ActorId? Worker { get; private set; }

    /// <summary>Gets the handling cycle, 1 at first and one more for each reopening (重办); each cycle is rated again.</summary>
    public int Cycle { get; private set; }

    /// <summary>Gets the latest reply (答复) given on Resolve, or <see langword="null"/>.</summary>
    public string? Reply { get; private set; }

    /// <summary>Gets the ratings given, oldest first, across all cycles.</summary>
    public ImmutableArray<CaseRating> Ratings { get; private set; }

    /// <summary>Gets the rating of the current cycle, or <see cref="CaseRating.NotRated"/>.</summary>
    public CaseRating CurrentRating { get; private set; }

    /// <summary>Gets who gave the current cycle's rating (the citizen, staff on the citizen's behalf at call-back, or a
    /// people's deputy 人大代表), or <see langword="null"/> while the cycle is not rated.</summary>
    public CaseActorKind? CurrentRatedBy { get; private set; }

    /// <summary>Gets how many times the case was supervised (督办).</summary>
    public int SupervisionCount => extras.SupervisionCount;

    /// <summary>Gets how many leader instructions (批示) were recorded.</summary>
    public int InstructionCount => extras.InstructionCount;

    /// <summary>Gets how many times the case was escalated (升级).</summary>
    public int EscalationCount => extras.EscalationCount;

    /// <summary>Gets how many times a unit returned the case (退回).</summary>
    public int ReturnCount => extras.ReturnCount;

    /// <summary>Gets how many call-back attempts (回访) were recorded.</summary>
    public int CallBackCount => extras.CallBackCount;

    /// <summary>Gets whether a clock of the case has been recorded overdue (超期) at least once.</summary>
    public bool HasBeenOverdue { get; private set; }

    /// <summary>Gets the state the case was suspended from, while it is suspended; else <see langword="null"/>.</summary>
    public CaseState? SuspendedFrom => extras.SuspendedFrom;

    /// <summary>Gets the state the case was handed off from, while it is handed off; else <see langword="null"/>.</summary>
    public CaseState? HandedOffFrom => extras.HandedOffFrom;

    /// <summary>Gets the body the case is handed off to (mediation, court…), while it is handed off; else <see langword="null"/>.</summary>
    public OrgUnitId? HandedOffTo => extras.HandedOffTo;

    /// <summary>Gets the extension limit requested and not yet decided, or <see langword="null"/>.</summary>
    public TimeLimit? PendingExtension => extras.PendingExtension;

    /// <summary>Gets whether an extension request (延期申请) awaits a decision.</summary>
    public bool HasPendingExtension => extras.HasPendingExtension;

    /// <summary>Gets how many extensions were granted.</summary>
    public int ExtensionCount => extras.ExtensionCount;

    /// <summary>Gets the working time the granted extensions added to the citizen clock.</summary>
    public Duration ExtensionTotal => extras.ExtensionTotal;

    /// <summary>Gets the case this one was merged into (合并), or <see langword="null"/>.</summary>
    public CaseId? MergedInto => extras.MergedInto;

    /// <summary>Gets the duplicate reports that joined this case, oldest first.</summary>
    public ImmutableArray<CaseReport> JoinedReports => extras.JoinedReports;

    /// <summary>Gets when each of <see cref="JoinedReports"/> joined the case, in the same order (for repeat-complaint
    /// rules that count reports of the same matter within a window).</summary>
    public ImmutableArray<Instant> JoinedReportTimes => extras.JoinedReportTimes;

    /// <summary>Gets the keyed digests of the query codes given to the reporters of joined reports
    /// (<see cref="CaseReportJoined.QueryCodeDigest"/>), in the order they joined.</summary>
    /// <value>Empty when no joined report got a code (merges and joins from before such codes give none), so it is not
    /// parallel to <see cref="JoinedReports"/>. Each finds this case like <see cref="QueryCodeDigest"/> does; kept after an
    /// erasure of the reporters' personal data, as the case's own digest is.</value>
    public ImmutableArray<QueryCodeDigest> JoinedQueryCodeDigests => extras.JoinedQueryCodeDigests;

    /// <summary>Gets the tracked supervisions (督办) of the case, open and closed, oldest first (see <see cref="CaseSupervision"/>).</summary>
    /// <remarks>A supervision recorded with a note only (<see cref="Desk.CaseDesk.SuperviseAsync(CaseId, CaseActor, string?, CancellationToken)"/>) is counted in <see cref="SupervisionCount"/> but not tracked here.</remarks>
    public ImmutableArray<CaseSupervision> Supervisions => extras.Supervisions;

    /// <summary>Gets the case's complexity tier (简单/复杂/疑难), as recorded with its report at registration, or <see langword="null"/> when it has none.</summary>
    public CaseTier? Tier => Report.Tier;

    /// <summary>Gets the whistle-and-report calls (吹哨报到) on the case, oldest first (see <see cref="CaseSummons"/>).</summary>
    public ImmutableArray<CaseSummons> Summonses => extras.Summonses;

    /// <summary>Gets the policy failure recorded after an accepted step and not yet cleared, or <see langword="null"/>.</summary>
    /// <remarks>
    /// Set by a <see cref="CasePolicyFailed"/> event and cleared by <see cref="CasePolicyRecovered"/>. While it is set
    /// the case is due (<see cref="NextDueAt"/>), so the sweep runs the policies again.
    /// </remarks>
    public CasePolicyFailure? PolicyFailure => extras.PolicyFailure;

    /// <summary>Gets the next instant at which a running clock changes stage or warning level (or now, if one has changed unrecorded); <see langword="null"/> when no clock runs.</summary>
    /// <remarks>The store's due index: the sweep takes up the case when this instant has come.</remarks>
    public Instant? NextDueAt { get; private set; }

    /// <summary>Gets the clocks the case has started, running, paused or stopped.</summary>
    public IReadOnlyDictionary<CaseClockKind, SlaClock> Clocks => new ClockView(clocks);

    /// <summary>Gets one clock, or <see langword="null"/> if it was never started.</summary>
    /// <param name="kind">Which clock.</param>
    /// <returns>The clock, or <see langword="null"/>.</returns>
    public SlaClock? Clock(CaseClockKind kind) => (uint)kind < (uint)clocks.Length ? clocks[(int)kind] : null;

    /// <summary>Gets the stage last recorded for a clock by a <see cref="CaseClockStageChanged"/> event (on track until one is).</summary>
    /// <param name="kind">Which clock.</param>
    /// <returns>The recorded stage.</returns>
    public SlaStage RecordedStage(CaseClockKind kind) => recorded.TryGetValue(kind, out var r) ? r.Stage : SlaStage.OnTrack;

    /// <summary>Gets the warning level last recorded for a clock (the threshold's name), or <see langword="null"/>.</summary>
    /// <param name="kind">Which clock.</param>
    /// <returns>The recorded warning name, or <see langword="null"/>.</returns>
    public string? RecordedWarning(CaseClockKind kind) => recorded.TryGetValue(kind, out var r) ? r.Warning : null;

    /// <summary>Gets the last re-projection recorded for a clock (a <see cref="CaseDeadlineReprojected"/> event) since
    /// the clock last started, or <see langword="null"/>.</summary>
    /// <param name="kind">Which clock.</param>
    /// <returns>The recorded re-projection, or <see langword="null"/> when none was recorded or the clock restarted since.</returns>
    /// <remarks>The deadlines themselves always come from replaying the clock on the case's <see cref="Calendar"/>; this
    /// only tells which notices the clock has already been re-projected for.</remarks>
    public CaseDeadlineReprojected? LastReprojection(CaseClockKind kind) => extras.Reprojected.TryGetValue(kind, out var r) ? r : null;

    /// <summary>Starts a case from its registration event.</summary>
    /// <param name="registered">The version-1 event carrying the <see cref="CaseRegistration"/>.</param>
    /// <param name="calendar">The calendar the clocks count on.</param>
    /// <returns>The new case.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="CaseEventMismatchException">The event is not a version-1 registration.</exception>
    /// <exception cref="CalendarCoverageException">A deadline needs a date the calendar does not cover.</exception>
    public static Case Register(CaseEvent registered, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(registered);
        ArgumentNullException.ThrowIfNull(calendar);
        if (registered.Version != 1 || registered.Payload is not CaseRegistration registration)
        {
            throw new CaseEventMismatchException(registered.CaseId, 0, registered.Version,
                $"a case starts with a version-1 event carrying its registration, not {registered}");
        }

        var c = new Case(registered, registration, calendar);
        c.NextDueAt = c.ComputeNextDue(registered.At);
        return c;
    }

    /// <summary>Rebuilds a case from its whole history.</summary>
    /// <param name="events">The events, oldest first, starting with the registration.</param>
    /// <param name="calendar">The calendar the clocks count on.</param>
    /// <returns>The case exactly as the events made it.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="events"/> is empty.</exception>
    /// <exception cref="CaseEventMismatchException">An event is out of order or belongs to another case.</exception>
    public static Case Replay(IEnumerable<CaseEvent> events, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(calendar);
        Case? c = null;
        foreach (var e in events)
        {
            c = c is null ? Register(e, calendar) : c.Apply(e);
        }

        return c ?? throw new ArgumentException("A case needs at least its registration event.", nameof(events));
    }

    /// <summary>Folds one more event into the case.</summary>
    /// <param name="e">The next event: same case, version one more, not before <see cref="UpdatedAt"/>, from the current state, not a registration.</param>
    /// <returns>The new case; this one is unchanged.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="e"/> is null.</exception>
    /// <exception cref="CaseEventMismatchException">The event does not follow this case's history, or its payload names a supervision or summons the case does not have.</exception>
    /// <exception cref="CalendarCoverageException">A deadline needs a date the calendar does not cover.</exception>
    public Case Apply(CaseEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e.CaseId != Id || e.Version != Version + 1 || e.At < UpdatedAt || e.From != State || e.Payload is CaseRegistration)
        {
            throw new CaseEventMismatchException(Id, Version, e.Version,
                $"event {e} does not follow version {Version} in state {State} at {UpdatedAt}");
        }

        var next = (Case)MemberwiseClone();
        next.ownsClocks = false; // the clock array is shared with this case until the fold first changes a clock
        next.ownsExtras = false; // so are the rarely-changed parts, until the fold first writes to them
        next.Version = e.Version;
        next.UpdatedAt = e.At;
        next.State = e.To;
        next.folding = e;
        e.Payload.Accept(next);
        next.folding = null;
        if (next.State != CaseState.Registered)
        {
            // The accept clock (受理时限) measures only the wait in Registered.
            next.Stop(CaseClockKind.Accept, e.At);
        }

        if (next.PendingReturn is not null && next.State is CaseState.Resolved or CaseState.Closed or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn)
        {
            next.Own.PendingReturn = null; // the case was settled another way: nothing is left to return
        }

        if (next.Post is { } post && (post.Unit != next.HoldingUnit || !IsOpenState(next.State)))
        {
            next.Own.Post = null;
        }

        if (next.HoldingUnit is { } holder && !next.HeldBy.Contains(holder))
        {
            next.HeldBy = next.HeldBy.Add(holder);
        }

        next.CloseSupervisionsAndSummonses(e.At);
        next.NextDueAt = next.ComputeNextDue(e.At);
        next.ownsClocks = false;
        next.ownsExtras = false;
        return next;
    }

    /// <summary>Describes the case without personal data.</summary>
    /// <returns>For example <c>Case(case-1 v4 Dispatched @ community-3)</c>.</returns>
    public override string ToString() => $"Case({Id} v{Version} {State}{(HoldingUnit is { } u ? $" @ {u}" : "")})";

    private CaseSupervision? FindSupervision(int sequence) => sequence >= 1 && sequence <= Supervisions.Length ? Supervisions[sequence - 1] : null;

    private CaseSummons? FindSummons(int sequence) => sequence >= 1 && sequence <= Summonses.Length ? Summonses[sequence - 1] : null;

    private CaseEventMismatchException Mismatch(CaseEvent e, string problem) => new(Id, Version - 1, e.Version, $"event {e} {problem}");

    private void CloseSupervisionsAndSummonses(Instant at)
    {
        var resolved = State is CaseState.Resolved or CaseState.UnderReview or CaseState.CallbackPending or CaseState.Rated or CaseState.Closed
            or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn;
        for (var i = 0; i < Supervisions.Length; i++)
        {
            var s = Supervisions[i];
            if (!s.IsOpen)
            {
                continue;
            }

            if (resolved)
            {
                Own.Supervisions = Supervisions.SetItem(i, s.Close(at, CaseSupervisionClosure.CaseResolved));
            }
            else if (s.TargetHeldCase && HoldingUnit != s.TargetUnit)
            {
                Own.Supervisions = Supervisions.SetItem(i, s.Close(at, CaseSupervisionClosure.TargetNoLongerHolds));
            }
        }

        if (resolved)
        {
            for (var i = 0; i < Summonses.Length; i++)
            {
                if (Summonses[i].IsOpen)
                {
                    Own.Summonses = Summonses.SetItem(i, Summonses[i].Close(at));
                }
            }
        }
    }

    private SlaClock Start(Instant at, TimeLimit limit) => SlaClock.Start(Calendar, at, limit, fixedPart.Thresholds);

    private bool TryGetClock(CaseClockKind kind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SlaClock? clock)
    {
        clock = clocks[(int)kind];
        return clock is not null;
    }

    /// <summary>Sets (or with <see langword="null"/> removes) a clock of this fresh copy: the shared array is copied on the first change of a fold.</summary>
    private void SetClock(CaseClockKind kind, SlaClock? clock)
    {
        if (!ownsClocks)
        {
            clocks = (SlaClock?[])clocks.Clone();
            ownsClocks = true;
        }

        clocks[(int)kind] = clock;
    }

    private void StartClock(CaseClockKind kind, Instant at, TimeLimit limit)
    {
        Stop(kind, at);
        SetClock(kind, Start(at, limit));
        recorded = recorded.Remove(kind);
        if (extras.Reprojected.ContainsKey(kind))
        {
            Own.Reprojected = extras.Reprojected.Remove(kind);
        }
    }

    private void RestartUnitClock(Instant at) => StartClock(CaseClockKind.Unit, at, Sla.Handle);

    /// <summary>Parks the level clock of the level the case leaves (paused, keeping what it consumed) and runs the entered level's: resumed where it stopped, or started with the level's budget.</summary>
    private void EnterRelayLevel(string? level, Instant at)
    {
        if (Sla.RelayBudgets.IsEmpty)
        {
            return;
        }

        if (RelayLevel is { } left && TryGetClock(CaseClockKind.Relay, out var leaving))
        {
            Own.ParkedRelayClocks = extras.ParkedRelayClocks.SetItem(left, leaving.State == SlaClockState.Running ? leaving.Pause(at) : leaving);
        }

        if (Clock(CaseClockKind.Relay) is not null)
        {
            SetClock(CaseClockKind.Relay, null);
        }

        recorded = recorded.Remove(CaseClockKind.Relay);
        if (extras.Reprojected.ContainsKey(CaseClockKind.Relay))
        {
            Own.Reprojected = extras.Reprojected.Remove(CaseClockKind.Relay);
        }
        RelayLevel = level;
        if (level is null || !Sla.RelayBudgets.TryGetValue(level, out var budget))
        {
            return;
        }

        var clock = extras.ParkedRelayClocks.TryGetValue(level, out var parked)
            ? (parked.State == SlaClockState.Paused ? parked.Resume(at) : parked)
            : Start(at, budget);
        if (extras.ParkedRelayClocks.ContainsKey(level))
        {
            Own.ParkedRelayClocks = extras.ParkedRelayClocks.Remove(level);
        }
        SetClock(CaseClockKind.Relay, clock);
    }

    private void Stop(CaseClockKind kind, Instant at)
    {
        if (TryGetClock(kind, out var c) && c.State != SlaClockState.Stopped)
        {
            SetClock(kind, c.Stop(at));
        }
    }

    private void StopAll(Instant at)
    {
        for (var kind = (CaseClockKind)0; (int)kind < clocks.Length; kind++)
        {
            Stop(kind, at);
        }
    }

    private void Pause(CaseClockKind kind, Instant at)
    {
        if (TryGetClock(kind, out var c) && c.State == SlaClockState.Running)
        {
            SetClock(kind, c.Pause(at));
        }
    }

    private void ResumeClock(CaseClockKind kind, Instant at)
    {
        if (TryGetClock(kind, out var c) && c.State == SlaClockState.Paused)
        {
            SetClock(kind, c.Resume(at));
        }
    }

    private void PauseAll(Instant at)
    {
        for (var kind = (CaseClockKind)0; (int)kind < clocks.Length; kind++)
        {
            Pause(kind, at);
        }
    }

    private void ResumeAll(Instant at)
    {
        for (var kind = (CaseClockKind)0; (int)kind < clocks.Length; kind++)
        {
            // The unit and level clocks stay paused while the reply awaits review (Resolve paused them), and the level
            // clock stays paused after approval (the citizen clock has stopped) until a reopening resumes it.
            if (kind is CaseClockKind.Unit or CaseClockKind.Relay && State is CaseState.Resolved or CaseState.UnderReview)
            {
                continue;
            }

            if (kind == CaseClockKind.Relay && TryGetClock(CaseClockKind.Citizen, out var citizen) && citizen.State == SlaClockState.Stopped)
            {
                continue;
            }

            ResumeClock(kind, at);
        }
    }

    private void Extend(CaseClockKind kind, TimeLimit limit, Instant at)
    {
        if (TryGetClock(kind, out var c) && c.State != SlaClockState.Stopped)
        {
            SetClock(kind, c.Extend(limit, at));
        }
    }

    private Instant? ComputeNextDue(Instant at)
    {
        if (PolicyFailure is not null)
        {
            return at; // A recorded policy failure keeps the case due: the sweep retries the policies.
        }

        Instant? next = null;
        for (var kind = (CaseClockKind)0; (int)kind < clocks.Length; kind++)
        {
            if (clocks[(int)kind] is not { State: SlaClockState.Running } clock)
            {
                continue;
            }

            var (stage, warning) = clock.StageAt(at);
            var candidate = stage != RecordedStage(kind) || warning?.Name != RecordedWarning(kind)
                ? at
                : clock.NextStageChangeAfter(at);
            if (candidate is { } c && (next is null || c < next))
            {
                next = c;
            }
        }

        // Tracked deadlines wake the sweep once: at the first instant after the deadline, until the sweep records it.
        void Consider(Instant deadline)
        {
            var candidate = at > deadline ? at : deadline + Duration.Epsilon;
            if (next is null || candidate < next)
            {
                next = candidate;
            }
        }

        if (Post is { Deadline: { } postDeadline, EscalatesTo: not null })
        {
            Consider(postDeadline);
        }

        foreach (var s in Supervisions)
        {
            if (s.IsOpen && s.OverdueRecordedAt is null)
            {
                Consider(s.Deadline);
            }
        }

        foreach (var summons in Summonses)
        {
            if (!summons.IsOpen)
            {
                continue;
            }

            foreach (var d in summons.Departments)
            {
                if (!d.HasReported && d.NoShowRecordedAt is null)
                {
                    Consider(d.Deadline);
                }
            }
        }

        return next;
    }

    private static bool IsOpenState(CaseState state) => state is not (CaseState.Closed or CaseState.Declined or CaseState.Merged or CaseState.Withdrawn);

    /// <summary>The rarely-changed part of this fresh copy, for writing: the part shared with the case it was folded from is copied on the first write of a fold.</summary>
    private Extras Own
    {
        get
        {
            if (!ownsExtras)
            {
                extras = extras.Copy();
                ownsExtras = true;
            }

            return extras;
        }
    }

    /// <summary>What registration fixed: shared by every version of the case, replaced only by an erasure of the reporter.</summary>
    /// <param name="Id">The case id.</param>
    /// <param name="Calendar">The calendar the clocks count on.</param>
    /// <param name="Registration">The registration record.</param>
    /// <param name="RegisteredAt">When the case was registered.</param>
    /// <param name="RegisteringUnit">The unit that registered it.</param>
    /// <param name="Thresholds">The SLA terms' thresholds, boxed once for every clock of the case.</param>
    private sealed record Registered(
        CaseId Id, BusinessCalendar Calendar, CaseRegistration Registration, Instant RegisteredAt, OrgUnitId RegisteringUnit,
        IReadOnlyList<WarningThreshold>? Thresholds);

    /// <summary>What only rare steps change. Never written once a case is published: a fold writes to its own copy (<see cref="Own"/>).</summary>
    [System.Diagnostics.CodeAnalysis.SuppressMessage("Design", "CA1051:Do not declare visible instance fields",
        Justification = "A private bag of the case's rarely-changed fields, copied as a whole.")]
    private sealed class Extras
    {
        public static readonly Extras Empty = new();

        public string? HandOffKey;
        public Instant? HandOffAcceptedAt;
        public CaseState? HandedOffFrom;
        public OrgUnitId? HandedOffTo;
        public CaseHandOffReturn? PendingReturn;
        public TimeLimit? PendingExtension;
        public bool HasPendingExtension;
        public int ExtensionCount;
        public Duration ExtensionTotal;
        public CaseId? MergedInto;
        public ImmutableArray<CaseReport> JoinedReports = [];
        public ImmutableArray<Instant> JoinedReportTimes = [];
        public ImmutableArray<QueryCodeDigest> JoinedQueryCodeDigests = [];
        public ImmutableArray<ActorId> AssignedDeputies = [];
        public ImmutableArray<CaseWrittenReport> WrittenReports = [];
        public ImmutableArray<CaseDeputyScore> DeputyScores = [];
        public ImmutableDictionary<string, SlaClock> ParkedRelayClocks = ImmutableDictionary<string, SlaClock>.Empty.WithComparers(StringComparer.Ordinal);
        public ImmutableDictionary<CaseClockKind, CaseDeadlineReprojected> Reprojected = ImmutableDictionary<CaseClockKind, CaseDeadlineReprojected>.Empty;
        public CaseState? SuspendedFrom;
        public int InstructionCount;
        public int SupervisionCount;
        public int EscalationCount;
        public int ReturnCount;
        public int CallBackCount;
        public ImmutableArray<CaseSupervision> Supervisions = [];
        public ImmutableArray<CaseSummons> Summonses = [];
        public CasePolicyFailure? PolicyFailure;
        public CasePost? Post;

        public Extras Copy() => (Extras)MemberwiseClone();
    }

    /// <summary>The started clocks as a read-only dictionary over the case's (never changed) clock array, in kind order.</summary>
    private sealed class ClockView(SlaClock?[] slots) : IReadOnlyDictionary<CaseClockKind, SlaClock>
    {
        public int Count => slots.Count(c => c is not null);

        public IEnumerable<CaseClockKind> Keys => this.Select(p => p.Key);

        public IEnumerable<SlaClock> Values => this.Select(p => p.Value);

        public SlaClock this[CaseClockKind key] =>
            TryGetValue(key, out var clock) ? clock : throw new KeyNotFoundException($"The case never started its {key} clock.");

        public bool ContainsKey(CaseClockKind key) => TryGetValue(key, out _);

        public bool TryGetValue(CaseClockKind key, [System.Diagnostics.CodeAnalysis.MaybeNullWhen(false)] out SlaClock value)
        {
            value = (uint)key < (uint)slots.Length ? slots[(int)key] : null;
            return value is not null;
        }

        public IEnumerator<KeyValuePair<CaseClockKind, SlaClock>> GetEnumerator()
        {
            for (var i = 0; i < slots.Length; i++)
            {
                if (slots[i] is { } clock)
                {
                    yield return new KeyValuePair<CaseClockKind, SlaClock>((CaseClockKind)i, clock);
                }
            }
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
