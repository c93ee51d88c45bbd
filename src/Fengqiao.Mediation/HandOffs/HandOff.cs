using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Lifecycles;
using Fengqiao.Mediation.Bodies;
using Fengqiao.Mediation.Limits;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Mediation.HandOffs;

/// <summary>
/// One dispute moving between an outside body (court, police station, petition office, procuratorate, the centre)
/// and a mediation body, in either direction (移交): its flow, the bodies, who sent it, why and under which rule, the
/// outside body's correlation key, its status, its clock and its history.
/// </summary>
/// <remarks>
/// <para>Immutable: every answer returns a new hand-off with one more event in <see cref="History"/>. The statuses
/// run sent → accepted | declined; accepted → concluded. A decline needs a reason and returns the dispute to
/// <see cref="From"/>: the hand-off stays on record as declined and never disappears. A flow that concludes on
/// acceptance (a return to the court's filing or to the procuratorate) concludes with
/// <see cref="HandOffOutcome.Received"/> when accepted.</para>
/// <para>While sent, the clock runs the answer limit; once accepted, the conclusion limit (the statutory limit of
/// the flow or the dispute type). A pending hand-off whose clock has run out is flagged overdue
/// (<see cref="FlagOverdue"/>, done by <see cref="HandOffLedger.Sweep"/>); the flag belongs to the current phase and
/// the hand-off can still be answered.</para>
/// <para>An answer that does not fit the status, or is dated before the last step, is refused with a
/// <see cref="HandOffRefusedException"/> and changes nothing. Which answer fits which status is decided by the
/// lifecycle kernel (<see cref="Lifecycle{TState, TTrigger, TArgs}"/>); <see cref="LifecycleDescription"/> exports it
/// for diagrams.</para>
/// </remarks>
/// <threadsafety>Immutable; safe to share across threads.</threadsafety>
public sealed class HandOff
{
    private static readonly ImmutableSortedDictionary<string, string> NoFacts =
        ImmutableSortedDictionary<string, string>.Empty.WithComparers(StringComparer.Ordinal);

    private static readonly LifecycleGuard<Step> ReasonGiven = new("a reason is given", s => !string.IsNullOrWhiteSpace(s.Text));

    private static readonly LifecycleGuard<Step> OutcomeReportable = new(
        "the outcome is one an answer may report", s => s.Outcome is { } o && o != HandOffOutcome.Received && Enum.IsDefined(o));

    private static readonly Lifecycle<HandOffStatus, HandOffEventKind, Step> Machine = BuildLifecycle();

    private HandOff(
        HandOffFlow flow, CorrelationKey key, CaseId caseId, DisputeType disputeType, OrgUnitId from, OrgUnitId to, ActorId sentBy,
        string reason, string? ruleId, ActorId? mediator, bool trafficAccident, string? mediationRecord, StatutoryLimit? conclusionLimit, HandOffStatus status,
        HandOffOutcome? outcome, MediationClock? clock, Instant? overdueFlaggedAt, ImmutableArray<HandOffEvent> history)
    {
        Flow = flow;
        Key = key;
        CaseId = caseId;
        DisputeType = disputeType;
        From = from;
        To = to;
        SentBy = sentBy;
        Reason = reason;
        RuleId = ruleId;
        Mediator = mediator;
        TrafficAccident = trafficAccident;
        MediationRecord = mediationRecord;
        ConclusionLimit = conclusionLimit;
        Status = status;
        Outcome = outcome;
        Clock = clock;
        OverdueFlaggedAt = overdueFlaggedAt;
        History = history;
    }

    /// <summary>Gets the hand-off lifecycle: statuses as states, answers (<see cref="HandOffEventKind"/>) as triggers,
    /// with the guards the answers must pass.</summary>
    /// <remarks>Sent → Accepted (or Concluded, when the flow concludes on acceptance) | Declined (a reason is given);
    /// Accepted → Concluded (an outcome an answer may report); while Sent or Accepted, FlaggedOverdue, Extended and
    /// Paused (a reason is given) and Resumed are internal. Declined and Concluded are final. For diagrams
    /// (<see cref="LifecycleDescription{TState, TTrigger}.ToMermaid"/>) and documentation.</remarks>
    public static LifecycleDescription<HandOffStatus, HandOffEventKind> LifecycleDescription { get; } = Machine.Describe();

    /// <summary>Gets the flow (the four-way docking's table row: route, direction, limits).</summary>
    internal HandOffFlow Flow { get; }

    /// <summary>Gets the flow's name for people, e.g. <c>Pre-filing mediation 诉前委派调解</c>.</summary>
    public string FlowName => Flow.Name;

    /// <summary>Gets whether the flow ends when the receiving body signs for it (return to the court's filing, outcome to the procuratorate): its acceptance concludes it as <see cref="HandOffOutcome.Received"/>.</summary>
    public bool ConcludesOnAcceptance => Flow.ConcludesOnAcceptance;

    /// <summary>Gets the flow's purpose.</summary>
    public HandOffPurpose Purpose => Flow.Purpose;

    /// <summary>Gets the route (诉调、警调、访调、检调 or the centre).</summary>
    public HandOffRoute Route => Flow.Route;

    /// <summary>Gets the direction.</summary>
    public HandOffDirection Direction => Flow.Direction;

    /// <summary>Gets the outside body's correlation key.</summary>
    public CorrelationKey Key { get; }

    /// <summary>Gets the case the dispute belongs to.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the dispute type.</summary>
    public DisputeType DisputeType { get; }

    /// <summary>Gets the sending body.</summary>
    public OrgUnitId From { get; }

    /// <summary>Gets the receiving body.</summary>
    public OrgUnitId To { get; }

    /// <summary>Gets who sent it.</summary>
    public ActorId SentBy { get; }

    /// <summary>Gets why it was sent.</summary>
    public string Reason { get; }

    /// <summary>Gets the rule that decided it, or <see langword="null"/> for a person's decision.</summary>
    public string? RuleId { get; }

    /// <summary>Gets the mediator assigned when it was sent (<see cref="HandOffRequest.Mediator"/>), or <see langword="null"/>.</summary>
    public ActorId? Mediator { get; }

    /// <summary>Gets whether the dispute is a traffic accident (<see cref="HandOffRequest.TrafficAccident"/>).</summary>
    public bool TrafficAccident { get; }

    /// <summary>Gets the reference of the attached mediation record, if any.</summary>
    public string? MediationRecord { get; }

    /// <summary>Gets the limit that applies once accepted, or <see langword="null"/> when the flow concludes on acceptance.</summary>
    public StatutoryLimit? ConclusionLimit { get; }

    /// <summary>Gets the status.</summary>
    public HandOffStatus Status { get; }

    /// <summary>Gets the outcome once concluded, else <see langword="null"/>.</summary>
    public HandOffOutcome? Outcome { get; }

    /// <summary>Gets the clock of the current phase (answer limit while sent, conclusion limit once accepted);
    /// stopped once the hand-off is closed; <see langword="null"/> after an acceptance that concluded it.</summary>
    public MediationClock? Clock { get; }

    /// <summary>Gets when the current phase was flagged overdue, or <see langword="null"/> if it was not.</summary>
    public Instant? OverdueFlaggedAt { get; }

    /// <summary>Gets every step, oldest first (the first is <see cref="HandOffEventKind.Sent"/>).</summary>
    public ImmutableArray<HandOffEvent> History { get; }

    /// <summary>Gets the instant it was sent.</summary>
    public Instant SentAt => History[0].At;

    /// <summary>Gets whether it is still waiting (sent or accepted).</summary>
    public bool IsPending => Status is HandOffStatus.Sent or HandOffStatus.Accepted;

    /// <summary>Gets the instant of the last step.</summary>
    public Instant LastChangedAt => History[^1].At;

    /// <summary>Sends a hand-off: validates the request against its flow and starts the answer clock.</summary>
    /// <param name="request">The request.</param>
    /// <param name="calendar">The business calendar the limits count on.</param>
    /// <returns>A sent hand-off.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="HandOffRefusedException">The reason is empty; the bodies are the same; a judicial confirmation
    /// has no agreement date or is sent after the 30-day window (人民调解法 art.33); a switch to police mediation has no
    /// termination date or is sent after 3 working days; a return to petition handling has no mediation record.</exception>
    /// <exception cref="CalendarCoverageException">A limit needs a date the calendar does not cover.</exception>
    public static HandOff Send(HandOffRequest request, BusinessCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(calendar);
        var flow = HandOffFlows.For(request.Purpose);
        string Where() => $"{flow.Name} '{request.Key}' of case {request.CaseId} from {request.From} to {request.To}";
        HandOffRefusedException Refuse(HandOffRefusal why, string text) => new(why, request.Key, null, $"{Where()} refused: {text}.");

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            throw Refuse(HandOffRefusal.Incomplete, "a hand-off needs a reason for the case history");
        }

        if (request.From == request.To)
        {
            throw Refuse(HandOffRefusal.Incomplete, "the sending and the receiving body are the same");
        }

        switch (flow.Purpose)
        {
            case HandOffPurpose.CourtJudicialConfirmation:
            {
                var effect = request.AgreementTakesEffect
                    ?? throw Refuse(HandOffRefusal.Incomplete, "judicial confirmation needs the date the agreement took effect");
                var window = calendar.Deadline(effect, MediationLimits.JudicialConfirmationApplication.Limit).Deadline;
                if (request.At < effect || request.At > window)
                {
                    throw Refuse(HandOffRefusal.OutsideWindow,
                        $"the application must fall within {MediationLimits.JudicialConfirmationApplication.Limit} of the agreement taking effect ({MediationLimits.JudicialConfirmationApplication.Source}); the window closed at {window}");
                }

                break;
            }

            case HandOffPurpose.PoliceTrafficSwitch:
            {
                var ended = request.MediationTerminated
                    ?? throw Refuse(HandOffRefusal.Incomplete, "a switch to police mediation needs the date the people's mediation terminated");
                var window = calendar.Deadline(ended, MediationLimits.TrafficSwitchToPolice.Limit).Deadline;
                if (request.At < ended || request.At > window)
                {
                    throw Refuse(HandOffRefusal.OutsideWindow,
                        $"the switch must come within {MediationLimits.TrafficSwitchToPolice.Limit} of the termination ({MediationLimits.TrafficSwitchToPolice.Source}); the window closed at {window}");
                }

                break;
            }

            case HandOffPurpose.PetitionReturn when string.IsNullOrWhiteSpace(request.MediationRecord):
                throw Refuse(HandOffRefusal.Incomplete, "a failed mediation returns to petition handling with the mediation record attached");
        }

        var conclusionLimit = flow.ConcludesOnAcceptance ? null
            : request.ConclusionLimit ?? HandOffFlows.ConclusionLimitFor(flow.Purpose, request.DisputeType);
        var clock = MediationClock.Start(request.AnswerLimit ?? flow.AnswerLimit, calendar, request.At);
        var sent = new HandOffEvent(request.Key, request.CaseId, HandOffEventKind.Sent, request.At, request.SentBy, flow.Purpose,
            request.From, request.To, request.Reason, request.RuleId, request.Facts.WithComparers(StringComparer.Ordinal), null);
        return new HandOff(flow, request.Key, request.CaseId, request.DisputeType, request.From, request.To, request.SentBy,
            request.Reason, request.RuleId, request.Mediator, request.TrafficAccident, request.MediationRecord, conclusionLimit, HandOffStatus.Sent, null, clock, null, [sent]);
    }

    /// <summary>The receiving body signs for the hand-off (签收): the conclusion clock starts, or the hand-off concludes
    /// with <see cref="HandOffOutcome.Received"/> when its flow ends on acceptance.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who signed for it.</param>
    /// <returns>The accepted (or concluded) hand-off.</returns>
    /// <exception cref="HandOffRefusedException">It is not sent (already accepted, declined or concluded), or
    /// <paramref name="at"/> is before its last step.</exception>
    /// <exception cref="CalendarCoverageException">The conclusion limit needs a date the calendar does not cover.</exception>
    public HandOff Accept(Instant at, ActorId by)
    {
        var fired = Fire(HandOffEventKind.Accepted, "accept", at, null, null, null);
        var stopped = Clock!.Stop(at);
        var accepted = Event(HandOffEventKind.Accepted, at, by, null, null);
        if (fired.Destination == HandOffStatus.Concluded)
        {
            var concluded = Event(HandOffEventKind.Concluded, at, by, "received by the outside body", HandOffOutcome.Received);
            return With(HandOffStatus.Concluded, HandOffOutcome.Received, stopped, null, [accepted, concluded]);
        }

        // The kernel chose Accepted: the flow has a conclusion limit (its selector reads ConclusionLimit).
        var clock = MediationClock.Start(ConclusionLimit!, stopped.Clock.Calendar, at);
        return With(HandOffStatus.Accepted, null, clock, null, [accepted]);
    }

    /// <summary>The receiving body declines the hand-off (退回) with a reason: the dispute returns to <see cref="From"/>.</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who declined it.</param>
    /// <param name="reason">Why; not empty.</param>
    /// <returns>The declined hand-off (final).</returns>
    /// <exception cref="HandOffRefusedException">It is not sent, the reason is empty, or <paramref name="at"/> is
    /// before its last step.</exception>
    public HandOff Decline(Instant at, ActorId by, string reason)
    {
        var fired = Fire(HandOffEventKind.Declined, "decline", at, reason, null,
            "a decline needs a reason, so that the sender knows why the dispute came back");
        return With(fired.Destination, null, Clock!.Stop(at), OverdueFlaggedAt,
            [Event(HandOffEventKind.Declined, at, by, reason, null)]);
    }

    /// <summary>Records the outcome of an accepted hand-off (agreement, partial agreement, failure, withdrawal).</summary>
    /// <param name="at">When.</param>
    /// <param name="by">Who reported it.</param>
    /// <param name="outcome">The outcome; <see cref="HandOffOutcome.Received"/> is given only by <see cref="Accept"/>.</param>
    /// <param name="note">A note for the case history, or <see langword="null"/>.</param>
    /// <returns>The concluded hand-off (final).</returns>
    /// <exception cref="HandOffRefusedException">It is not accepted (not yet, or already closed), the outcome is
    /// <see cref="HandOffOutcome.Received"/> or undefined, or <paramref name="at"/> is before its last step.</exception>
    public HandOff Conclude(Instant at, ActorId by, HandOffOutcome outcome, string? note = null)
    {
        var fired = Fire(HandOffEventKind.Concluded, "conclude", at, note, outcome, $"{outcome} is not an outcome an answer may report");
        return With(fired.Destination, outcome, Clock!.Stop(at), OverdueFlaggedAt,
            [Event(HandOffEventKind.Concluded, at, by, note, outcome)]);
    }

    /// <summary>Flags the pending hand-off overdue (逾期) at <paramref name="at"/>, if its clock has run out and it is not
    /// flagged yet.</summary>
    /// <param name="at">The instant of the check.</param>
    /// <param name="system">The actor the flag is recorded under (the sweep).</param>
    /// <returns>The flagged hand-off, or this same instance when there is nothing to flag.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="at"/> is outside the calendar's range.</exception>
    public HandOff FlagOverdue(Instant at, ActorId system)
    {
        if (!IsPending || OverdueFlaggedAt is not null || at < LastChangedAt || !IsOverdueAt(at))
        {
            return this;
        }

        var text = $"{Clock!.Limit.Name}: {Clock.Limit.Limit} ran out at {Clock.Clock.At(at).Deadline} ({Clock.Limit.Source})";
        _ = Fire(HandOffEventKind.FlaggedOverdue, "flag overdue", at, text, null, null);
        return With(Status, null, Clock, at, [Event(HandOffEventKind.FlaggedOverdue, at, system, text, null)]);
    }

    /// <summary>Gets whether the hand-off is pending and its current limit has run out at <paramref name="at"/>.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>Whether it is overdue.</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="at"/> is outside the calendar's range.</exception>
    public bool IsOverdueAt(Instant at) => IsPending && Clock is not null && Clock.Clock.At(at).Stage == SlaStage.Overdue;

    /// <summary>Extends the current limit as the law allows (延期), e.g. court-referred mediation by consent of all parties.</summary>
    /// <param name="by">The extension.</param>
    /// <param name="at">When it was granted.</param>
    /// <param name="actor">Who granted it.</param>
    /// <param name="reason">Why (the consent, the approval); not empty.</param>
    /// <returns>The hand-off with the later deadline; an overdue flag is cleared if the new deadline lies ahead.</returns>
    /// <exception cref="HandOffRefusedException">It is not pending, the reason is empty, the limit cannot be extended
    /// (the message cites its source), or <paramref name="at"/> is before its last step.</exception>
    public HandOff Extend(TimeLimit by, Instant at, ActorId actor, string reason)
    {
        ArgumentNullException.ThrowIfNull(by);
        _ = Fire(HandOffEventKind.Extended, "extend", at, reason, null, "an extension needs a reason (the parties' consent, the approval)");

        MediationClock clock;
        try
        {
            clock = Clock!.Extend(by, at);
        }
        catch (InvalidOperationException e)
        {
            throw Refused(HandOffRefusal.NotPermitted, "extend", e.Message);
        }

        var flag = clock.Clock.At(at).Stage == SlaStage.Overdue ? OverdueFlaggedAt : null;
        return With(Status, null, clock, flag, [Event(HandOffEventKind.Extended, at, actor, $"{reason} (+{by})", null)]);
    }

    /// <summary>Pauses the current limit for excluded time (e.g. a medical appraisal 鉴定).</summary>
    /// <param name="at">When the excluded step started.</param>
    /// <param name="actor">Who recorded it.</param>
    /// <param name="reason">What the excluded step is; not empty.</param>
    /// <returns>The hand-off with a paused clock.</returns>
    /// <exception cref="HandOffRefusedException">It is not pending, its limit has no excluded time, the clock is
    /// already paused, or <paramref name="at"/> is before its last step.</exception>
    public HandOff PauseForExclusion(Instant at, ActorId actor, string reason)
    {
        _ = Fire(HandOffEventKind.Paused, "pause", at, reason, null, "a pause needs a reason (the appraisal, the hearing)");

        try
        {
            return With(Status, null, Clock!.PauseForExclusion(at), OverdueFlaggedAt, [Event(HandOffEventKind.Paused, at, actor, reason, null)]);
        }
        catch (InvalidOperationException e)
        {
            throw Refused(HandOffRefusal.NotPermitted, "pause", e.Message);
        }
    }

    /// <summary>Resumes the current limit after excluded time: the deadline moves by exactly the working time paused.</summary>
    /// <param name="at">When the excluded step ended.</param>
    /// <param name="actor">Who recorded it.</param>
    /// <returns>The hand-off with a running clock.</returns>
    /// <exception cref="HandOffRefusedException">It is not pending, its clock is not paused, or <paramref name="at"/>
    /// is before its last step.</exception>
    /// <exception cref="CalendarCoverageException">The new deadline needs a date the calendar does not cover.</exception>
    public HandOff Resume(Instant at, ActorId actor)
    {
        _ = Fire(HandOffEventKind.Resumed, "resume", at, null, null, null);
        try
        {
            return With(Status, null, Clock!.ResumeAfterExclusion(at), OverdueFlaggedAt, [Event(HandOffEventKind.Resumed, at, actor, null, null)]);
        }
        catch (InvalidOperationException e)
        {
            throw Refused(HandOffRefusal.NotPermitted, "resume", e.Message);
        }
    }

    /// <summary>Describes the hand-off without personal data.</summary>
    /// <returns>For example <c>Pre-filing mediation 诉前委派调解 '(2025)1号' of case c-1 from court to committee: Accepted</c>.</returns>
    public override string ToString() => $"{Describe()}: {Status}{(Outcome is { } o ? $" ({o})" : "")}{(OverdueFlaggedAt is null ? "" : ", overdue")}";

    internal HandOffRefusedException Refused(HandOffRefusal why, string answer, string text) =>
        new(why, Key, this, $"{Describe()} is {Status.ToString().ToLowerInvariant()}: the answer '{answer}' is refused: {text}.");

    private string Describe() => $"{Flow.Name} '{Key}' of case {CaseId} from {From} to {To}";

    private static Lifecycle<HandOffStatus, HandOffEventKind, Step> BuildLifecycle()
    {
        var b = new LifecycleBuilder<HandOffStatus, HandOffEventKind, Step>(HandOffStatus.Sent);
        b.LabelTrigger(HandOffEventKind.Accepted, "Accept 签收")
            .LabelTrigger(HandOffEventKind.Declined, "Decline 退回")
            .LabelTrigger(HandOffEventKind.Concluded, "Conclude 办结")
            .LabelTrigger(HandOffEventKind.FlaggedOverdue, "FlagOverdue 逾期")
            .LabelTrigger(HandOffEventKind.Extended, "Extend 延期")
            .LabelTrigger(HandOffEventKind.Paused, "Pause 中止计时")
            .LabelTrigger(HandOffEventKind.Resumed, "Resume 恢复计时");
        Pending(b.Configure(HandOffStatus.Sent).Label("Sent 移交"))
            .PermitDynamic(
                HandOffEventKind.Accepted, [HandOffStatus.Accepted, HandOffStatus.Concluded],
                s => s.HandOff.ConclusionLimit is null ? HandOffStatus.Concluded : HandOffStatus.Accepted)
            .Permit(HandOffEventKind.Declined, HandOffStatus.Declined, ReasonGiven);
        Pending(b.Configure(HandOffStatus.Accepted).Label("Accepted 签收"))
            .Permit(HandOffEventKind.Concluded, HandOffStatus.Concluded, OutcomeReportable);
        b.Configure(HandOffStatus.Declined).Label("Declined 退回").Terminal();
        b.Configure(HandOffStatus.Concluded).Label("Concluded 办结").Terminal();
        return b.Build();

        static LifecycleStateBuilder<HandOffStatus, HandOffEventKind, Step> Pending(LifecycleStateBuilder<HandOffStatus, HandOffEventKind, Step> state) =>
            state.InternalTransition(HandOffEventKind.FlaggedOverdue)
                .InternalTransition(HandOffEventKind.Extended, ReasonGiven)
                .InternalTransition(HandOffEventKind.Paused, ReasonGiven)
                .InternalTransition(HandOffEventKind.Resumed);
    }

    /// <summary>Fires an answer in the kernel and turns a refusal into a typed one: a closed hand-off first, then a
    /// status that does not permit the answer, then an answer dated before the last step, then a failed guard.</summary>
    private TransitionOutcome<HandOffStatus, HandOffEventKind> Fire(
        HandOffEventKind trigger, string answer, Instant at, string? text, HandOffOutcome? outcome, string? incomplete)
    {
        var fired = Machine.TryFire(Status, trigger, new Step(this, text, outcome));
        if (fired.Status == TransitionStatus.NotPermitted)
        {
            if (!IsPending)
            {
                throw Refused(HandOffRefusal.AlreadyClosed, answer,
                    $"it was {Status.ToString().ToLowerInvariant()} at {LastChangedAt}{(Outcome is { } o ? $" ({o})" : "")}; an answer is never applied twice");
            }

            var allowed = LifecycleDescription.Transitions.Where(t => t.Trigger == trigger).Select(t => t.Source.ToString().ToLowerInvariant()).Distinct();
            throw Refused(HandOffRefusal.NotPermitted, answer, $"it is permitted only when {string.Join(" or ", allowed)}");
        }

        if (at < LastChangedAt)
        {
            throw Refused(HandOffRefusal.OutOfOrder, answer, $"it is dated {at}, before the last step at {LastChangedAt}");
        }

        if (!fired.IsCompleted)
        {
            throw Refused(HandOffRefusal.Incomplete, answer, incomplete ?? string.Join("; ", fired.FailedGuards));
        }

        return fired;
    }

    private HandOffEvent Event(HandOffEventKind kind, Instant at, ActorId actor, string? text, HandOffOutcome? outcome) =>
        new(Key, CaseId, kind, at, actor, Purpose, From, To, text, null, NoFacts, outcome);

    private HandOff With(HandOffStatus status, HandOffOutcome? outcome, MediationClock? clock, Instant? overdue, ImmutableArray<HandOffEvent> events) =>
        new(Flow, Key, CaseId, DisputeType, From, To, SentBy, Reason, RuleId, Mediator, TrafficAccident, MediationRecord, ConclusionLimit, status, outcome, clock, overdue,
            History.AddRange(events));

    /// <summary>The arguments of an answer for the kernel's guards and selectors.</summary>
    private readonly record struct Step(HandOff HandOff, string? Text, HandOffOutcome? Outcome);
}
