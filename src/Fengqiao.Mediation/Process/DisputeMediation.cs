using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Lifecycles;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.HandOffs;
using Fengqiao.Mediation.Indicators;
using Fengqiao.Mediation.Limits;
using Fengqiao.Mediation.RoadMap;
using Fengqiao.Mediation.Rules;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Mediation.Process;

/// <summary>
/// One mediation of one dispute (调解): application, acceptance, sessions on the business calendar, psychological
/// counselling, the statutory clock of the dispute type, and the outcome; after an agreement, the judicial-confirmation
/// window; after a failure, the legal road map's next step.
/// </summary>
/// <remarks>
/// <para>Immutable: every step returns a new mediation with one more event. Steps must come in time order; a step
/// that does not fit the status, or comes before the last one, throws <see cref="MediationProcessException"/>.</para>
/// <para>The clock starts at acceptance with, in this order: the limit passed to <see cref="Accept"/>; for a dispute
/// the court referred, <see cref="MediationLimits.CourtReferredMediation"/> (30 days, 特邀调解规定 art.27); the
/// statutory limit of the dispute type (<see cref="MediationLimits.ForMediation"/>: labour 15 days, traffic 10 working
/// days, medical 30 working days with appraisal excluded); otherwise <see cref="HandOffFlows.DefaultMediationLimit"/>.
/// Where the law counts a lapse as failure, <see cref="CheckLapse"/> concludes the mediation as failed at the deadline.</para>
/// <para>A session on a rest day of the calendar is refused unless it is held on call or by video.</para>
/// <para>Which step fits which status is decided by the lifecycle kernel (<see cref="Lifecycle{TState, TTrigger, TArgs}"/>);
/// <see cref="LifecycleDescription"/> exports it for diagrams.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
internal sealed class DisputeMediation
{
    private static readonly LifecycleGuard<Step> ReasonGiven = new("a reason is given", s => !string.IsNullOrWhiteSpace(s.Text));

    private static readonly Lifecycle<MediationStatus, MediationEventKind, Step> Machine = BuildLifecycle();

    private readonly BusinessCalendar calendar;

    private DisputeMediation(
        BusinessCalendar calendar, CaseId caseId, DisputeType disputeType, OrgUnitId body, HandOffRoute? route, CorrelationKey? handOffKey,
        MediationStatus status, ActorId? mediator, Instant? acceptedAt, ImmutableArray<MediationSession> sessions,
        ImmutableArray<CounsellingReferral> counselling, MediationClock? clock, MediationOutcome? outcome,
        MediationClock? confirmationWindow, ImmutableArray<MediationEvent> events)
    {
        this.calendar = calendar;
        CaseId = caseId;
        DisputeType = disputeType;
        Body = body;
        Route = route;
        HandOffKey = handOffKey;
        Status = status;
        Mediator = mediator;
        AcceptedAt = acceptedAt;
        Sessions = sessions;
        Counselling = counselling;
        Clock = clock;
        Outcome = outcome;
        ConfirmationWindow = confirmationWindow;
        Events = events;
    }

    /// <summary>Gets the mediation lifecycle: statuses as states, steps (<see cref="MediationEventKind"/>) as triggers,
    /// with the guards the steps must pass.</summary>
    /// <remarks>Applied → Accepted | Rejected (a reason is given); Accepted → Concluded; counselling (a reason is
    /// given) while Applied or Accepted; sessions, pauses, resumptions and extensions (a reason is given) while
    /// Accepted. Rejected and Concluded are final. What an outcome needs (terms, the instant it takes effect, a note)
    /// is checked by <see cref="Conclude"/>. For diagrams (<see cref="LifecycleDescription{TState, TTrigger}.ToMermaid"/>)
    /// and documentation.</remarks>
    public static LifecycleDescription<MediationStatus, MediationEventKind> LifecycleDescription { get; } = Machine.Describe();

    /// <summary>Gets the actor a lapse is recorded under.</summary>
    public static ActorId LapseActor { get; } = new("system:mediation-lapse");

    /// <summary>Gets the case.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the dispute type.</summary>
    public DisputeType DisputeType { get; }

    /// <summary>Gets the mediation body.</summary>
    public OrgUnitId Body { get; }

    /// <summary>Gets the route the dispute came by (诉调、警调、访调、检调、centre), or <see langword="null"/> for a direct application.</summary>
    public HandOffRoute? Route { get; }

    /// <summary>Gets the correlation key of the hand-off that brought the dispute, or <see langword="null"/>.</summary>
    public CorrelationKey? HandOffKey { get; }

    /// <summary>Gets the status.</summary>
    public MediationStatus Status { get; }

    /// <summary>Gets the mediator, once accepted.</summary>
    public ActorId? Mediator { get; }

    /// <summary>Gets when the application was made.</summary>
    public Instant AppliedAt => Events[0].At;

    /// <summary>Gets when it was accepted, or <see langword="null"/>.</summary>
    public Instant? AcceptedAt { get; }

    /// <summary>Gets the sessions scheduled, in the order scheduled.</summary>
    public ImmutableArray<MediationSession> Sessions { get; }

    /// <summary>Gets the counselling attached.</summary>
    public ImmutableArray<CounsellingReferral> Counselling { get; }

    /// <summary>Gets the mediation's clock from acceptance (stopped at the outcome), or <see langword="null"/> before.</summary>
    public MediationClock? Clock { get; }

    /// <summary>Gets the outcome, once concluded.</summary>
    public MediationOutcome? Outcome { get; }

    /// <summary>Gets the parties' window to apply for judicial confirmation (30 days from the agreement taking effect,
    /// 人民调解法 art.33), after an agreement or partial agreement; else <see langword="null"/>.</summary>
    public MediationClock? ConfirmationWindow { get; }

    /// <summary>Gets every step, oldest first.</summary>
    public ImmutableArray<MediationEvent> Events { get; }

    /// <summary>Applies for mediation (申请).</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="disputeType">The dispute type.</param>
    /// <param name="body">The mediation body (the router's choice).</param>
    /// <param name="applicant">Who applied (a party, or the clerk registering a hand-off).</param>
    /// <param name="at">When.</param>
    /// <param name="calendar">The body's business calendar.</param>
    /// <param name="route">The route the dispute came by, or <see langword="null"/> for a direct application.</param>
    /// <param name="handOffKey">The hand-off's correlation key, or <see langword="null"/>.</param>
    /// <returns>An applied mediation.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="calendar"/> is null.</exception>
    public static DisputeMediation Apply(
        CaseId caseId, DisputeType disputeType, OrgUnitId body, ActorId applicant, Instant at, BusinessCalendar calendar,
        HandOffRoute? route = null, CorrelationKey? handOffKey = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var applied = new MediationEvent(caseId, body, MediationEventKind.Applied, at, applicant,
            route is null ? "direct application" : $"came by {route}{(handOffKey is { } k ? $" ({k})" : "")}");
        return new DisputeMediation(calendar, caseId, disputeType, body, route, handOffKey, MediationStatus.Applied, null, null,
            [], [], null, null, null, [applied]);
    }

    /// <summary>Accepts the application (受理) with a mediator and starts the clock.</summary>
    /// <param name="at">When.</param>
    /// <param name="mediator">The mediator assigned (the router's choice).</param>
    /// <param name="limit">A limit to run instead of the default (see the type's remarks), or <see langword="null"/>.</param>
    /// <returns>The accepted mediation.</returns>
    /// <exception cref="MediationProcessException">It is not applied, or <paramref name="at"/> is before the last step.</exception>
    /// <exception cref="CalendarCoverageException">The deadline falls outside the calendar's coverage.</exception>
    public DisputeMediation Accept(Instant at, ActorId mediator, StatutoryLimit? limit = null)
    {
        var fired = Fire(MediationEventKind.Accepted, "accept", at, null, null);
        var chosen = limit ?? LimitFor(DisputeType, Route);
        var clock = MediationClock.Start(chosen, calendar, at);
        return Next(fired, mediator, at, Sessions, Counselling, clock, null, null,
            new(CaseId, Body, MediationEventKind.Accepted, at, mediator, $"{chosen.Name}: {chosen.Limit} ({chosen.Source})"));
    }

    /// <summary>Declines the application (不予受理) with a reason.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who declined it.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <returns>The rejected mediation (final).</returns>
    /// <exception cref="MediationProcessException">It is not applied, the reason is empty, or <paramref name="at"/> is
    /// before the last step.</exception>
    public DisputeMediation Reject(Instant at, ActorId by, string reason)
    {
        var fired = Fire(MediationEventKind.Rejected, "reject", at, reason, "a rejection needs a reason");
        return Next(fired, Mediator, AcceptedAt, Sessions, Counselling, Clock, null, null,
            new(CaseId, Body, MediationEventKind.Rejected, at, by, reason));
    }

    /// <summary>Schedules a session on the business calendar.</summary>
    /// <param name="at">When it is scheduled (not when it is held).</param>
    /// <param name="by">Who scheduled it.</param>
    /// <param name="session">The session.</param>
    /// <returns>The mediation with the session.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="session"/> is null.</exception>
    /// <exception cref="MediationProcessException">It is not accepted, <paramref name="at"/> is before the last step,
    /// the session is before <paramref name="at"/>, or it falls on a rest day and is neither on call nor by video (the
    /// message names the day and why it is a rest day).</exception>
    /// <exception cref="CalendarCoverageException">The session's date is outside the calendar's coverage.</exception>
    public DisputeMediation Schedule(Instant at, ActorId by, MediationSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        var fired = Fire(MediationEventKind.SessionScheduled, "schedule", at, null, null);
        if (session.At < at)
        {
            throw Refused("schedule", $"the session at {session.At} is before the moment it is scheduled ({at})");
        }

        var day = calendar.Describe(session.At.InZone(calendar.Zone).Date);
        if (!day.IsWorkingDay && !session.AllowedOnRestDay)
        {
            throw Refused("schedule", $"{day.Date:uuuu-MM-dd} is not a working day ({day.Reason}); hold the session on a working day, on call, or by video");
        }

        var text = $"{session.Mode} session at {session.At}{(session.Place is null ? "" : $" in {session.Place}")}{(session.OnCall ? " (on call)" : "")}";
        return Next(fired, Mediator, AcceptedAt, Sessions.Add(session), Counselling, Clock, null, null,
            new(CaseId, Body, MediationEventKind.SessionScheduled, at, by, text));
    }

    /// <summary>Attaches psychological counselling (心理疏导).</summary>
    /// <param name="referral">The referral.</param>
    /// <param name="by">Who attached it.</param>
    /// <returns>The mediation with the counselling.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="referral"/> is null.</exception>
    /// <exception cref="MediationProcessException">It is concluded or rejected, the reason is empty, or the referral is
    /// before the last step.</exception>
    public DisputeMediation AttachCounselling(CounsellingReferral referral, ActorId by)
    {
        ArgumentNullException.ThrowIfNull(referral);
        var fired = Fire(MediationEventKind.CounsellingAttached, "attach counselling", referral.At, referral.Reason, "counselling needs a reason");
        return Next(fired, Mediator, AcceptedAt, Sessions, Counselling.Add(referral), Clock, null, null,
            new(CaseId, Body, MediationEventKind.CounsellingAttached, referral.At, by, $"counselling by {referral.Counsellor}: {referral.Reason}"));
    }

    /// <summary>Pauses the clock for an appraisal (鉴定): that time is not counted.</summary>
    /// <param name="at">When the appraisal started.</param>
    /// <param name="by">Who recorded it.</param>
    /// <returns>The mediation with a paused clock.</returns>
    /// <exception cref="MediationProcessException">It is not accepted, the limit excludes no time (the message cites
    /// its source), the clock is already paused, or <paramref name="at"/> is before the last step.</exception>
    public DisputeMediation PauseForAppraisal(Instant at, ActorId by)
    {
        var fired = Fire(MediationEventKind.Paused, "pause for appraisal", at, null, null);
        var clock = Guard("pause for appraisal", () => Clock!.PauseForExclusion(at));
        return Next(fired, Mediator, AcceptedAt, Sessions, Counselling, clock, null, null,
            new(CaseId, Body, MediationEventKind.Paused, at, by, Clock!.Limit.PausesFor));
    }

    /// <summary>Resumes the clock after the appraisal: the deadline moves by exactly the working time paused.</summary>
    /// <param name="at">When the appraisal ended.</param>
    /// <param name="by">Who recorded it.</param>
    /// <returns>The mediation with a running clock.</returns>
    /// <exception cref="MediationProcessException">It is not accepted, the clock is not paused, or
    /// <paramref name="at"/> is before the last step.</exception>
    public DisputeMediation ResumeAfterAppraisal(Instant at, ActorId by)
    {
        var fired = Fire(MediationEventKind.Resumed, "resume after appraisal", at, null, null);
        var clock = Guard("resume after appraisal", () => Clock!.ResumeAfterExclusion(at));
        return Next(fired, Mediator, AcceptedAt, Sessions, Counselling, clock, null, null,
            new(CaseId, Body, MediationEventKind.Resumed, at, by, null));
    }

    /// <summary>Extends the limit as the law allows (by agreement for medical mediation, by consent of all parties for
    /// court-referred mediation).</summary>
    /// <param name="by">The extension.</param>
    /// <param name="at">When.</param>
    /// <param name="actor">Who recorded it.</param>
    /// <param name="reason">The agreement or consent; not empty.</param>
    /// <returns>The mediation with the later deadline.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="by"/> is null.</exception>
    /// <exception cref="MediationProcessException">It is not accepted, the reason is empty, the limit cannot be
    /// extended (the message cites its source), or <paramref name="at"/> is before the last step.</exception>
    public DisputeMediation Extend(TimeLimit by, Instant at, ActorId actor, string reason)
    {
        ArgumentNullException.ThrowIfNull(by);
        var fired = Fire(MediationEventKind.Extended, "extend", at, reason, "an extension needs the parties' agreement or consent as its reason");
        var clock = Guard("extend", () => Clock!.Extend(by, at));
        return Next(fired, Mediator, AcceptedAt, Sessions, Counselling, clock, null, null,
            new(CaseId, Body, MediationEventKind.Extended, at, actor, $"{reason} (+{by})"));
    }

    /// <summary>Concludes the mediation with an outcome.</summary>
    /// <param name="outcome">The outcome: an agreement or partial agreement needs terms and the instant it takes effect
    /// (not before acceptance); a failure or withdrawal needs a note.</param>
    /// <param name="by">Who recorded it.</param>
    /// <returns>The concluded mediation; after an agreement or partial agreement, with the judicial-confirmation window
    /// running from the agreement taking effect.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="outcome"/> is null.</exception>
    /// <exception cref="MediationProcessException">It is not accepted, the outcome lacks what it needs, or it is dated
    /// before the last step.</exception>
    /// <exception cref="CalendarCoverageException">The confirmation window falls outside the calendar's coverage.</exception>
    public DisputeMediation Conclude(MediationOutcome outcome, ActorId by)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var fired = Fire(MediationEventKind.Concluded, "conclude", outcome.At, null, null);
        MediationClock? window = null;
        if (outcome.IsSuccess)
        {
            RequireText("conclude", outcome.Terms, "an agreement needs its terms");
            var effect = outcome.TakesEffect ?? throw Refused("conclude", "an agreement needs the instant it takes effect");
            if (effect < AcceptedAt!.Value)
            {
                throw Refused("conclude", $"the agreement cannot take effect ({effect}) before the mediation was accepted ({AcceptedAt})");
            }

            window = MediationClock.Start(MediationLimits.JudicialConfirmationApplication, calendar, effect);
        }
        else
        {
            RequireText("conclude", outcome.Note, "a failure or withdrawal needs a note saying why");
        }

        var clock = Clock!.Clock.State == SlaClockState.Stopped ? Clock : Clock.Stop(outcome.At);
        return Next(fired, Mediator, AcceptedAt, Sessions, Counselling, clock, outcome, window,
            new(CaseId, Body, MediationEventKind.Concluded, outcome.At, by,
                $"{outcome.Kind}{(outcome.Lapsed ? " (limit lapsed)" : "")}{(outcome.Note is null ? "" : ": " + outcome.Note)}"));
    }

    /// <summary>Concludes the mediation as failed if its limit has lapsed and the law counts that as failure
    /// (医疗纠纷预防和处理条例 art.38: 逾期视为调解不成).</summary>
    /// <param name="now">The instant of the check.</param>
    /// <returns>The failed mediation (dated at the later of the deadline and the last step), or this same instance.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="now"/> is outside the calendar's range.</exception>
    public DisputeMediation CheckLapse(Instant now)
    {
        if (Status != MediationStatus.Accepted || Clock is null || !Clock.HasLapsedAsFailure(now))
        {
            return this;
        }

        var at = Instant.Max(Clock.Clock.At(now).Deadline, Events[^1].At);
        return Conclude(new MediationOutcome(MediationOutcomeKind.Failure, at,
            Note: $"{Clock.Limit.Name}: {Clock.Limit.Limit} lapsed ({Clock.Limit.Source})", Lapsed: true), LapseActor);
    }

    /// <summary>Recommends the next step on the legal road map after a failed (or partly failed) mediation.</summary>
    /// <param name="roadMap">The road map; <see langword="null"/> for <see cref="LegalRoadMap.Default"/>.</param>
    /// <returns>The next step with its statutory limit.</returns>
    /// <exception cref="MediationProcessException">The mediation did not end in failure or partial agreement.</exception>
    public RoadMapStep NextStep(LegalRoadMap? roadMap = null)
    {
        if (Outcome?.Kind is not (MediationOutcomeKind.Failure or MediationOutcomeKind.PartialAgreement))
        {
            throw Refused("next step", "the road map applies after a failure or a partial agreement");
        }

        return (roadMap ?? LegalRoadMap.Default).NextAfter(DisputeType, RoadMapStepKind.Mediation)
            ?? throw Refused("next step", "the road map has no step after mediation");
    }

    /// <summary>Describes the mediation for the hand-off rules: a matter with a mediation body, the route it came by
    /// and how it ended.</summary>
    /// <returns>The fact; set the parties' requests (confirmation, switch to police) and the traffic flag with
    /// <c>with</c>.</returns>
    public HandOffFact ToHandOffFact() => new(HandOffOrigin.Mediation, DisputeType)
    {
        CameBy = Route,
        TrafficAccident = DisputeType == DisputeType.Traffic,
        MediationOutcome = Outcome?.Kind switch
        {
            MediationOutcomeKind.Agreement => HandOffOutcome.Agreement,
            MediationOutcomeKind.PartialAgreement => HandOffOutcome.PartialAgreement,
            MediationOutcomeKind.Failure => HandOffOutcome.Failure,
            MediationOutcomeKind.Withdrawal => HandOffOutcome.Withdrawal,
            _ => null,
        },
    };

    /// <summary>Flattens the mediation into the record the indicators read.</summary>
    /// <returns>The record.</returns>
    public MediationRecord ToRecord() =>
        new(CaseId, Body, Mediator, Route, AcceptedAt, Outcome?.At, Outcome?.Kind);

    /// <summary>Describes the mediation without personal data.</summary>
    /// <returns>For example <c>case-1 at committee-1: Accepted</c>.</returns>
    public override string ToString() => $"{CaseId} at {Body}: {Status}{(Outcome is { } o ? $" ({o.Kind})" : "")}";

    private static StatutoryLimit LimitFor(DisputeType type, HandOffRoute? route) =>
        route == HandOffRoute.Court ? MediationLimits.CourtReferredMediation
        : MediationLimits.ForMediation(type) ?? HandOffFlows.DefaultMediationLimit;

    private static Lifecycle<MediationStatus, MediationEventKind, Step> BuildLifecycle()
    {
        var b = new LifecycleBuilder<MediationStatus, MediationEventKind, Step>(MediationStatus.Applied);
        b.LabelTrigger(MediationEventKind.Accepted, "Accept 受理")
            .LabelTrigger(MediationEventKind.Rejected, "Reject 不予受理")
            .LabelTrigger(MediationEventKind.SessionScheduled, "Schedule 安排调解")
            .LabelTrigger(MediationEventKind.CounsellingAttached, "AttachCounselling 心理疏导")
            .LabelTrigger(MediationEventKind.Paused, "PauseForAppraisal 鉴定")
            .LabelTrigger(MediationEventKind.Resumed, "ResumeAfterAppraisal 恢复计时")
            .LabelTrigger(MediationEventKind.Extended, "Extend 延期")
            .LabelTrigger(MediationEventKind.Concluded, "Conclude 调解终结");
        b.Configure(MediationStatus.Applied).Label("Applied 申请")
            .Permit(MediationEventKind.Accepted, MediationStatus.Accepted)
            .Permit(MediationEventKind.Rejected, MediationStatus.Rejected, ReasonGiven)
            .InternalTransition(MediationEventKind.CounsellingAttached, ReasonGiven);
        b.Configure(MediationStatus.Accepted).Label("Accepted 受理")
            .InternalTransition(MediationEventKind.CounsellingAttached, ReasonGiven)
            .InternalTransition(MediationEventKind.SessionScheduled)
            .InternalTransition(MediationEventKind.Paused)
            .InternalTransition(MediationEventKind.Resumed)
            .InternalTransition(MediationEventKind.Extended, ReasonGiven)
            .Permit(MediationEventKind.Concluded, MediationStatus.Concluded);
        b.Configure(MediationStatus.Rejected).Label("Rejected 不予受理").Terminal();
        b.Configure(MediationStatus.Concluded).Label("Concluded 调解终结").Terminal();
        return b.Build();
    }

    /// <summary>Fires a step in the kernel and turns a refusal into a typed one: a status that does not permit the
    /// step, then a step dated before the last one, then a failed guard.</summary>
    private MediationStatus Fire(MediationEventKind trigger, string step, Instant at, string? text, string? incomplete)
    {
        var fired = Machine.TryFire(Status, trigger, new Step(text));
        if (fired.Status == TransitionStatus.NotPermitted)
        {
            var allowed = LifecycleDescription.Transitions.Where(t => t.Trigger == trigger).Select(t => t.Source.ToString().ToLowerInvariant()).Distinct();
            throw Refused(step, $"permitted only when {string.Join(" or ", allowed)}");
        }

        if (at < Events[^1].At)
        {
            throw Refused(step, $"dated {at}, before the last step at {Events[^1].At}");
        }

        if (!fired.IsCompleted)
        {
            throw Refused(step, incomplete ?? string.Join("; ", fired.FailedGuards));
        }

        return fired.Destination;
    }

    private void RequireText(string step, string? text, string why)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw Refused(step, why);
        }
    }

    private MediationClock Guard(string step, Func<MediationClock> change)
    {
        try
        {
            return change();
        }
        catch (InvalidOperationException e)
        {
            throw Refused(step, e.Message);
        }
    }

    private MediationProcessException Refused(string step, string reason) => new(CaseId, Body, Status, step, reason);

    private DisputeMediation Next(
        MediationStatus status, ActorId? mediator, Instant? acceptedAt, ImmutableArray<MediationSession> sessions,
        ImmutableArray<CounsellingReferral> counselling, MediationClock? clock, MediationOutcome? outcome, MediationClock? window,
        MediationEvent step) =>
        new(calendar, CaseId, DisputeType, Body, Route, HandOffKey, status, mediator, acceptedAt, sessions, counselling, clock,
            outcome ?? Outcome, window ?? ConfirmationWindow, Events.Add(step));

    /// <summary>The arguments of a step for the kernel's guards.</summary>
    private readonly record struct Step(string? Text);
}
