using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Lifecycles;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Escalation.Whistle;
using Fengqiao.Rules;
using Fengqiao.Sla;
using NodaTime;
using NodaTime.Text;

namespace Fengqiao.Escalation.Desk;

/// <summary>Plugs the escalation rules into the case desk (升级): after each event and on each sweep it reads the case, asks the <see cref="EscalationPolicy"/> and asks the desk to escalate, reopen or supervise.</summary>
/// <remarks>
/// <para>
/// Install it in <c>CaseDeskOptions.Policies</c>. On each evaluation it builds <see cref="EscalationFacts"/> from the
/// case: category, priority, the <see cref="EscalationCasePolicyOptions.Keywords"/> found in the report's text, the
/// holding unit, the unit clock's stage at the evaluation instant, the same-matter reports (registration and joined
/// reports), the current rating, the unit that closed it (the holder once the case is rated or closed), a
/// 无法解决 declaration (<see cref="CannotResolve"/>), a leader's instruction or a deputy's reopening when that is the
/// event just accepted, and the last move up. It resolves the case's <see cref="LadderPath"/> from the report's grid
/// (cached per grid and department; the department level is the holding unit when a department holds the case, else
/// the department the county's routing names (<see cref="EscalationCasePolicyOptions.Routing"/>), else
/// <see cref="EscalationCasePolicyOptions.DepartmentFor"/> of the category) and maps the <see cref="EscalationMove"/> to desk actions, asked for together (the desk takes them in order, in the same append):
/// </para>
/// <list type="bullet">
/// <item>a move up → <see cref="CaseTrigger.Escalate"/> to the new level's unit; when the move carries supervision
/// (督办, the overdue rule), a <see cref="CaseSupervisionIssued"/> on the new holder follows (a
/// <see cref="CaseSupervised"/> note when the rule names no issuer);</item>
/// <item>reopen above the closer → <see cref="CaseReopened"/>, followed by <see cref="CaseEscalated"/> to that unit; a case a deputy already reopened is escalated directly;</item>
/// <item>supervision alone (a leader's instruction) → <see cref="CaseTrigger.Supervise"/>.</item>
/// </list>
/// <para>
/// Supervisions are tracked on the case (<see cref="Case.Supervisions"/>): the Supervise after an overdue escalation
/// presses the new holder, issued by the rule's supervision issuer with <see cref="EscalationCasePolicyOptions.SupervisionLimit"/>;
/// a leader's instruction presses the holder, issued by the instructing level with the instruction's limit. When no
/// escalation rule moves the case, the desk rules (<see cref="DeskEscalationRules"/>, overridable by id through
/// <see cref="EscalationCasePolicyOptions.DeskRules"/>) look at the case's tracked deadlines once the sweep has recorded them passing:
/// </para>
/// <list type="bullet">
/// <item><c>supervision-overdue</c> (<see cref="EscalationRuleIds.SupervisionOverdue"/>): an open overdue supervision is
/// re-issued by the level above its issuer, one grade higher, and the overdue
/// one closes; an issuer at the top of the ladder, or off the case's path, has nowhere to go and nothing happens;</item>
/// <item><c>whistle-no-show</c> (<see cref="EscalationRuleIds.WhistleNoShow"/>): each summoned department that did not
/// report in by its deadline is supervised, once, by the level above the caller;
/// that supervision closes when the department reports in.</item>
/// </list>
/// <para>
/// Every action carries <see cref="CaseEventCause"/> with the rule id and the facts (<c>from</c>, <c>to</c>, levels,
/// the condition parts that held, and the case facts), plus <c>policy</c> naming this policy. The cause is an
/// explanation only: the values the follow-up step needs (target, issuer, grade, limit) are in its typed payload, and
/// the policy never reads a cause back.
/// </para>
/// <para>
/// Never loops: it does nothing for a case without a holding unit (unless the event just accepted is a 无法解决
/// return), in a terminal state, whose holder is not on its ladder path, or where the lifecycle does not permit the
/// action now; after its own steps (<see cref="CasePolicyArguments.RequestedBy"/>) only the desk rules may act, so one evaluation run moves a case at most once;
/// and the moves themselves only go up and stop at the top. A sweep escalates an overdue case when its unit clock's
/// overdue stage is recorded; the new holder's clock starts afresh, so the next sweep at the same instant finds nothing due.
/// </para>
/// <para>
/// A registered case that nobody accepts (受理) within the accept limit (<see cref="CaseSlaTerms.Accept"/>) escalates
/// too: while it is <see cref="CaseState.Registered"/> with an accept clock, the registering unit
/// (<see cref="Case.RegisteringUnit"/>) is its holder and the accept clock's stage is its handling stage, so the
/// overdue rule moves it up from that unit once the sweep records the accept clock overdue.
/// </para>
/// <para>
/// The facts come from the case snapshot: reports of the same matter are dated by registration and
/// <see cref="Case.JoinedReportTimes"/>, the rater is <see cref="Case.CurrentRatedBy"/> (a people's deputy or the
/// citizen; staff rating at call-back rate for the citizen), and the last move up is the start of the current unit
/// clock once the case has been escalated.
/// </para>
/// </remarks>
/// <threadsafety>Immutable after construction apart from a concurrent path cache; safe to evaluate concurrently, one case or a batch at a time.</threadsafety>
public sealed class EscalationCasePolicy : ICaseBatchPolicy
{
    private const string PolicyFact = "policy";
    private readonly OrgTree tree;
    private readonly Ladder ladder;
    private readonly Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> lifecycle;
    private readonly string departmentLevel;
    private readonly Func<CaseCategory, OrgUnitId?> departmentFor;
    private readonly Routing.RoutingTable? routing;
    private readonly bool routingByMonth;
    private readonly ConcurrentDictionary<(string Category, CaseChannel Channel, CasePriority Priority, OrgUnitId Grid, int Month, CaseTier? Tier), OrgUnitId?> routed = new();
    private readonly ImmutableArray<string> keywords;
    private readonly TimeLimit instructionLimit;
    private readonly TimeLimit supervisionLimit;
    private readonly RuleSet<TrackedDeadline, LadderStep> deskRules;
    private readonly ConcurrentDictionary<(OrgUnitId Grid, OrgUnitId? Department), LadderPath> paths = new();

    /// <summary>Creates the policy for one county.</summary>
    /// <param name="tree">The county's org tree.</param>
    /// <param name="ladder">The county's ladder (<see cref="BuiltInLadders"/> or its own).</param>
    /// <param name="policy">The escalation rules; <see langword="null"/> for <see cref="DefaultEscalationRules"/> checked against <paramref name="ladder"/>.</param>
    /// <param name="options">How to read cases; <see langword="null"/> for the defaults.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tree"/> or <paramref name="ladder"/> is null.</exception>
    /// <exception cref="EscalationException"><paramref name="policy"/> is null and the default rules name levels <paramref name="ladder"/> lacks (Baiyin's ladder needs its own rule options).</exception>
    /// <exception cref="ArgumentException">The options' name or department level is empty, or a keyword is empty.</exception>
    public EscalationCasePolicy(OrgTree tree, Ladder ladder, EscalationPolicy? policy = null, EscalationCasePolicyOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tree);
        ArgumentNullException.ThrowIfNull(ladder);
        options ??= new EscalationCasePolicyOptions();
        if (string.IsNullOrWhiteSpace(options.Name) || string.IsNullOrWhiteSpace(options.DepartmentLevel) || options.Lifecycle is null
            || options.InstructionLimit is null || options.SupervisionLimit is null || options.Keywords.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("The escalation case policy options need a name, a lifecycle, a department level, an instruction limit, a supervision limit and non-empty keywords.", nameof(options));
        }

        if (options.DeskRules is { HitPolicy: HitPolicy.Collect } collecting)
        {
            throw new ArgumentException($"Desk rule set '{collecting.Name}' collects every match; the policy needs one decision per deadline (first, priority or unique).", nameof(options));
        }

        this.tree = tree;
        this.ladder = ladder;
        Policy = policy ?? new EscalationPolicy(DefaultEscalationRules.Create(null, ladder));
        Name = options.Name;
        lifecycle = options.Lifecycle;
        departmentLevel = options.DepartmentLevel;
        departmentFor = options.DepartmentFor ?? (category => DepartmentTagged(category.Key));
        routing = options.Routing;
        routingByMonth = routing?.Rows.Any(r => !r.Months.IsDefaultOrEmpty) == true;
        keywords = [.. options.Keywords];
        instructionLimit = options.InstructionLimit;
        supervisionLimit = options.SupervisionLimit;
        deskRules = options.DeskRules ?? DeskEscalationRules.Default;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the escalation rules this policy asks.</summary>
    public EscalationPolicy Policy { get; }

    /// <summary>Gets the desk rules this policy asks when a tracked deadline has passed (<see cref="DeskEscalationRules"/>).</summary>
    public RuleSet<TrackedDeadline, LadderStep> DeskRules => deskRules;

    /// <inheritdoc />
    /// <exception cref="LadderResolutionException">The case's ladder path cannot be resolved from its grid (the desk reports it as a policy failure).</exception>
    /// <exception cref="EscalationException">A rule's move is inconsistent with the ladder.</exception>
    /// <exception cref="ArgumentException"><paramref name="arguments"/> is the default value, with no case.</exception>
    public ValueTask<IReadOnlyList<CasePolicyAction>> EvaluateAsync(CasePolicyArguments arguments, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        RequireCase(arguments);
        return ValueTask.FromResult<IReadOnlyList<CasePolicyAction>>(Evaluate(arguments));
    }

    /// <inheritdoc />
    /// <remarks>Each case is decided as <see cref="EvaluateAsync"/> decides it, from its own snapshot alone (the ladder
    /// paths and routes are cached per grid, department and month, so a batch of cases from a few grids resolves each
    /// path once): the desk's sweep asks this on up to 512 due cases at once and commits its escalations with the rest of
    /// the batch.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="arguments"/> is null.</exception>
    /// <exception cref="ArgumentException">An argument is the default value, with no case.</exception>
    /// <exception cref="LadderResolutionException">A case's ladder path cannot be resolved from its grid (the desk then evaluates the batch case by case and records the failure on that case).</exception>
    /// <exception cref="EscalationException">A rule's move is inconsistent with the ladder.</exception>
    public ValueTask<IReadOnlyList<IReadOnlyList<CasePolicyAction>>> EvaluateManyAsync(IReadOnlyList<CasePolicyArguments> arguments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        cancellationToken.ThrowIfCancellationRequested();
        var decided = new IReadOnlyList<CasePolicyAction>[arguments.Count];
        for (var i = 0; i < decided.Length; i++)
        {
            RequireCase(arguments[i]);
            decided[i] = Evaluate(arguments[i]);
        }

        return ValueTask.FromResult<IReadOnlyList<IReadOnlyList<CasePolicyAction>>>(decided);
    }

    /// <summary>Builds the escalation facts of a case as this policy sees them, for explanations (<see cref="EscalationPolicy.Explain"/>).</summary>
    /// <param name="arguments">The case, the instant and the event just accepted.</param>
    /// <returns>The facts and the case's ladder path, or <see langword="null"/> when the case has no holding unit on its path.</returns>
    /// <exception cref="LadderResolutionException">The case's ladder path cannot be resolved from its grid.</exception>
    /// <exception cref="ArgumentException"><paramref name="arguments"/> is the default value, with no case.</exception>
    public (EscalationFacts Facts, LadderPath Path)? Read(CasePolicyArguments arguments)
    {
        var c = RequireCase(arguments);
        var declaring = CannotResolve.DeclaringUnit(arguments.LastEvent);
        // A registered case nobody has accepted is held by the unit that registered it while its accept clock runs (受理时限).
        var acceptClock = c.State == CaseState.Registered ? c.Clock(CaseClockKind.Accept) : null;
        if ((declaring ?? c.HoldingUnit ?? (acceptClock is null ? null : c.RegisteringUnit)) is not { } holder)
        {
            return null;
        }

        var path = PathOf(c, holder);
        if (path.StepOf(holder) is null)
        {
            return null;
        }

        var now = arguments.Now;
        var last = arguments.LastEvent;
        var unitClock = c.Clock(CaseClockKind.Unit);
        var handlingClock = acceptClock ?? unitClock;
        var stage = declaring is null && handlingClock is { State: SlaClockState.Running } ? handlingClock.At(now).Stage : SlaStage.OnTrack;
        // Relay budgets: the holder's level has a cumulative share of the time; whichever runs out first is the holder's lateness.
        if (declaring is null && acceptClock is null && c.Clock(CaseClockKind.Relay) is { State: SlaClockState.Running } levelClock && levelClock.At(now).Stage > stage)
        {
            stage = levelClock.At(now).Stage;
        }

        var citizenClock = c.Clock(CaseClockKind.Citizen);
        var citizenStage = citizenClock is { State: SlaClockState.Running } ? citizenClock.At(now).Stage : SlaStage.OnTrack;
        var reports = ImmutableArray.CreateBuilder<Instant>(1 + c.JoinedReportTimes.Length);
        reports.Add(c.RegisteredAt);
        reports.AddRange(c.JoinedReportTimes);

        var deputyReopened = last is { Payload: CaseReopened, Actor.Kind: CaseActorKind.Deputy };
        OrgUnitId? closedBy = c.State is CaseState.Rated or CaseState.Closed || deputyReopened ? c.HoldingUnit : null;
        LeaderInstruction? instruction = null;
        if (last is { Payload: CaseInstructed, Actor: { Kind: CaseActorKind.Staff, Unit: { } leaderUnit } }
            && path.StepOf(leaderUnit) is { } leaderStep)
        {
            // An instruction that sets its own limit (and names a unit) is followed up within that limit; else the policy's.
            var limit = ((CaseInstructed)last.Payload).Limit ?? instructionLimit;
            instruction = new LeaderInstruction(leaderStep.Level.Key, limit, last.At, issuedBy: last.Actor.Id);
        }

        var text = c.Report.Text;
        var facts = new EscalationFacts(c.Id, c.Report.Category, holder, now)
        {
            Priority = c.Report.Priority,
            Tier = c.Tier,
            RegisteredMonth = c.RegisteredAt.InZone(c.Calendar.Zone).Month,
            Keywords = [.. keywords.Where(k => text.Contains(k, StringComparison.Ordinal))],
            DeclaredUnresolvable = declaring is not null,
            HandlingStage = stage,
            CitizenStage = citizenStage,
            SameMatterReports = reports.MoveToImmutable(),
            LatestRating = c.CurrentRating,
            RatedBy = c.CurrentRatedBy == CaseActorKind.Deputy ? RaterKind.Deputy : RaterKind.Citizen,
            ClosedBy = closedBy is { } closer && path.StepOf(closer) is not null ? closer : null,
            ReopenedByDeputy = deputyReopened,
            PendingInstruction = instruction,
            LastMovedUpAt = c.EscalationCount > 0 ? unitClock?.StartedAt : null,
        };
        return (facts, path);
    }

    private static Case RequireCase(CasePolicyArguments arguments) =>
        arguments.Case ?? throw new ArgumentException("The policy arguments carry no case (a default CasePolicyArguments); build them with a case.", nameof(arguments));

    private static Dictionary<string, string> CaseFacts(EscalationFacts facts)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["category"] = facts.Category.Key,
            ["priority"] = facts.Priority.ToString(),
            ["holder"] = facts.Holder.Value,
            ["handling-stage"] = facts.HandlingStage.ToString(),
            ["same-matter-reports"] = facts.SameMatterReports.Length.ToString(CultureInfo.InvariantCulture),
        };
        if (facts.Tier is { } tier)
        {
            d["tier"] = tier.ToString();
        }

        if (!facts.Keywords.IsEmpty)
        {
            d["keywords"] = string.Join(",", facts.Keywords);
        }

        if (facts.DeclaredUnresolvable)
        {
            d["declared-unresolvable"] = "true";
        }

        if (facts.LatestRating != CaseRating.NotRated)
        {
            d["rating"] = facts.LatestRating.ToString();
            d["rated-by"] = facts.RatedBy.ToString();
        }

        if (facts.ClosedBy is { } closer)
        {
            d["closed-by"] = closer.Value;
        }

        if (facts.ReopenedByDeputy)
        {
            d["reopened-by-deputy"] = "true";
        }

        if (facts.PendingInstruction is { } instruction)
        {
            d["instruction"] = instruction.ToString();
        }

        if (facts.LastMovedUpAt is { } moved)
        {
            d["last-moved-up"] = InstantPattern.ExtendedIso.Format(moved);
        }

        return d;
    }

    private CasePolicyAction[] Evaluate(CasePolicyArguments arguments)
    {
        var c = arguments.Case;
        if (c.State is CaseState.Declined or CaseState.Merged or CaseState.Withdrawn)
        {
            return [];
        }

        // After its own step (and the follow-up it asked for with it) only the desk rules may act: one move per run.
        if (arguments.RequestedBy != Name && Read(arguments) is var (facts, path) && Policy.Decide(facts, path) is { } move && Act(c, move, arguments.LastEvent) is { Length: > 0 } moved)
        {
            return moved;
        }

        return DeskRulesFor(c, arguments.Now);
    }

    private CasePolicyAction[] Act(Case c, EscalationMove move, CaseEvent? last)
    {
        var cause = Cause(move);
        var reason = move.ToString();
        switch (move.Kind)
        {
            case EscalationDecisionKind.Supervise when Permitted(c, CaseTrigger.Supervise, null, reason):
                // A leader's instruction: tracked, by the instructing level, with the instruction's own limit and grade, on the
                // unit it names (请市住建局即刻处理) or else on the holder; linked to the instruction, so that a report back closes it.
                if (move.Supervision is { } terms && move.SupervisionIssuer is { } issuer && c.HoldingUnit is { } holder)
                {
                    var named = last is { Payload: CaseInstructed { Unit: { } unit } } ? unit : (OrgUnitId?)null;
                    return [new CasePolicyAction(new CaseSupervisionIssued(issuer.Unit.Id, named ?? holder, terms.Limit, terms.Grade, reason)
                    {
                        Instruction = named is null ? null : last!.Version,
                    }, cause)];
                }

                return [new CasePolicyAction(new CaseSupervised(reason), cause)];
            case EscalationDecisionKind.Supervise:
                return [];
            case EscalationDecisionKind.ReopenAboveCloser when Permitted(c, CaseTrigger.Reopen, null, reason):
                // Reopen, then escalate to the unit above the closer: both steps asked for together.
                return
                [
                    new CasePolicyAction(new CaseReopened(reason), cause),
                    new CasePolicyAction(new CaseEscalated(move.To.Unit.Id, reason), Step(cause, "escalate-after-reopen")),
                ];
            default:
                var target = TargetOf(move);
                if (!Permitted(c, CaseTrigger.Escalate, target, reason))
                {
                    return [];
                }

                var escalate = new CasePolicyAction(new CaseEscalated(target, reason), cause);
                if (move.Supervision is not { } supervision)
                {
                    return [escalate];
                }

                // The overdue rule: the new holder is supervised too — tracked, by the rule's issuer with the policy's
                // supervision limit, when the rule names one; else a note.
                var text = "督办: " + SupervisionText(supervision, move.SupervisionIssuer);
                CaseTransition supervise = move.SupervisionIssuer is { } by
                    ? new CaseSupervisionIssued(by.Unit.Id, target, supervisionLimit, supervision.Grade, text)
                    : new CaseSupervised(text);
                return [escalate, new CasePolicyAction(supervise, Step(cause, "supervise-after-escalation"))];
        }
    }

    private CasePolicyAction[] DeskRulesFor(Case c, Instant now)
    {
        if (c.HoldingUnit is not { } holder || !Permitted(c, CaseTrigger.Supervise, null, null)
            || (!c.Supervisions.Any(s => s.IsOpen && s.OverdueRecordedAt is not null)
                && !c.Summonses.Any(s => s.IsOpen && s.Departments.Any(d => d.NoShowRecordedAt is not null && !d.HasReported && d.NoShowSupervision is null))))
        {
            return [];
        }

        var path = PathOf(c, holder);
        return SupervisionOverdue(c, path, now) is { } reissue ? [reissue]
            : WhistleNoShow(c, path, now) is { } noShow ? [noShow]
            : [];
    }

    private (TrackedDeadline Fact, string RuleId, LadderStep To)? Decide(TrackedDeadline fact, Case c)
    {
        if (!deskRules.Evaluate(fact).TryGetFirst(out var match))
        {
            return null;
        }

        var to = match.Decision;
        if (fact.Owner is not { } owner || to is null || to.Index <= owner.Index)
        {
            throw new EscalationException(
                $"Case '{c.Id}': desk rule '{match.Rule.Id}' decided that '{to?.Unit.Id.ToString() ?? "nobody"}' takes up {fact.Kind} #{fact.Sequence} of '{fact.Target}', which is not above '{fact.Owner?.Unit.Id.ToString() ?? "an issuer off the ladder"}'; supervision only moves up.",
                c.Id, match.Rule.Id, fact.Target);
        }

        return (fact, match.Rule.Id, to);
    }

    private static TrackedDeadline Fact(TrackedDeadlineKind kind, Case c, int sequence, OrgUnitId target, OrgUnitId owner, LadderPath path, Instant deadline)
    {
        var step = path.StepOf(owner);
        var above = step is not null && step.Index + 1 < path.Steps.Length ? path.Steps[step.Index + 1] : null;
        return new TrackedDeadline(kind, c.Id, sequence, target, step, above, deadline);
    }

    // supervision-overdue: an open supervision whose deadline the sweep recorded passing is re-issued, one grade higher
    // (SupervisionOrder.CheckOverdue), by the step the desk rules decide (the level above its issuer by default); an
    // issuer at the top, or off the case's ladder path, matches no default rule and the supervision simply stays overdue.
    private CasePolicyAction? SupervisionOverdue(Case c, LadderPath path, Instant now)
    {
        foreach (var s in c.Supervisions)
        {
            if (!s.IsOpen || s.OverdueRecordedAt is null
                || Decide(Fact(TrackedDeadlineKind.Supervision, c, s.Sequence, s.TargetUnit, s.IssuingUnit, path, s.Deadline), c) is not var (fact, ruleId, to))
            {
                continue;
            }

            var order = SupervisionOrder.Issue(
                c.Id, fact.Owner!, s.TargetUnit, new SupervisionTerms(s.Grade, s.Limit), c.Calendar, s.IssuedAt, s.RuleId ?? ruleId);
            var escalation = order.CheckOverdue(Instant.Max(now, s.OverdueRecordedAt.Value), path);
            var grade = escalation is null ? s.Grade : escalation.Grade;
            var facts = new Dictionary<string, string>(StringComparer.Ordinal)
            {
                [PolicyFact] = Name,
                ["ladder"] = path.Ladder.Key,
                ["supervision"] = s.Sequence.ToString(CultureInfo.InvariantCulture),
                ["target"] = s.TargetUnit.Value,
                ["deadline"] = InstantPattern.ExtendedIso.Format(s.Deadline),
                ["from"] = fact.Owner!.Unit.Id.Value,
                ["from-level"] = fact.Owner.Level.Key,
                ["to"] = to.Unit.Id.Value,
                ["to-level"] = to.Level.Key,
                ["grade"] = $"{s.Grade} -> {grade}",
                ["because"] = "an open supervision (督办) went overdue",
            };
            var note = escalation?.ToString() ?? $"case {c.Id}: {ruleId}: supervision #{s.Sequence} of {s.TargetUnit} re-issued by {to.Unit.Id}";
            return new CasePolicyAction(
                new CaseSupervisionIssued(to.Unit.Id, s.TargetUnit, supervisionLimit, grade, note, Supersedes: s.Sequence, Summons: s.Summons) { Instruction = s.Instruction },
                new CaseEventCause(ruleId, facts));
        }

        return null;
    }

    // whistle-no-show: a summoned department the sweep recorded as not reporting in by its deadline is supervised,
    // once, by the step the desk rules decide (the level above the caller by default, as WhistleCall.Escalations
    // names it); a caller at the top or off the path matches no default rule.
    private CasePolicyAction? WhistleNoShow(Case c, LadderPath path, Instant now)
    {
        foreach (var summons in c.Summonses)
        {
            if (!summons.IsOpen)
            {
                continue;
            }

            foreach (var d in summons.Departments)
            {
                if (d.NoShowRecordedAt is null || d.HasReported || d.NoShowSupervision is not null
                    || Decide(Fact(TrackedDeadlineKind.SummonedDepartment, c, summons.Sequence, d.Department, summons.CallingUnit, path, d.Deadline), c)
                        is not var (fact, ruleId, to))
                {
                    continue;
                }

                var call = WhistleCall.Blow(c.Id, path, summons.CallingUnit, summons.Departments.Select(x => x.Department), c.Calendar, summons.SummonedAt, summons.Limit);
                foreach (var reported in summons.Departments.Where(x => x.ReportedAt is not null))
                {
                    call = call.ReportIn(reported.Department, reported.ReportedAt!.Value);
                }

                var escalation = call.Escalations(Instant.Max(now, d.NoShowRecordedAt.Value)).FirstOrDefault(e => e.Department == d.Department);
                var facts = new Dictionary<string, string>(StringComparer.Ordinal)
                {
                    [PolicyFact] = Name,
                    ["ladder"] = path.Ladder.Key,
                    ["summons"] = summons.Sequence.ToString(CultureInfo.InvariantCulture),
                    ["caller"] = fact.Owner!.Unit.Id.Value,
                    ["caller-level"] = fact.Owner.Level.Key,
                    ["department"] = d.Department.Value,
                    ["deadline"] = InstantPattern.ExtendedIso.Format(d.Deadline),
                    ["to"] = to.Unit.Id.Value,
                    ["to-level"] = to.Level.Key,
                    ["because"] = "a summoned department did not report in (报到) by the deadline",
                };
                var note = escalation?.ToString() ?? $"case {c.Id}: {ruleId}: {d.Department} did not report in to {summons.CallingUnit}; supervised by {to.Unit.Id}";
                return new CasePolicyAction(
                    new CaseSupervisionIssued(to.Unit.Id, d.Department, supervisionLimit, CaseSupervisionGrade.Yellow, note, Summons: summons.Sequence),
                    new CaseEventCause(ruleId, facts));
            }
        }

        return null;
    }

    private static CaseEventCause Step(CaseEventCause own, string step) =>
        new(own.RuleId, own.Facts.SetItem("step", step));

    private static string SupervisionText(SupervisionTerms terms, LadderStep? issuer) => string.Create(CultureInfo.InvariantCulture,
        $"{terms.Grade.ToString().ToLowerInvariant()} within {terms.Limit}{(issuer is null ? "" : $" by {issuer.Unit.Id} ({issuer.Level.Key})")}");

    private CaseEventCause Cause(EscalationMove move)
    {
        var d = CaseFacts(move.Facts);
        d[PolicyFact] = Name;
        d["ladder"] = move.Path.Ladder.Key;
        d["from"] = move.From.Unit.Id.Value;
        d["from-level"] = move.From.Level.Key;
        d["to"] = move.To.Unit.Id.Value;
        d["to-level"] = move.To.Level.Key;
        d["because"] = string.Join("; ", move.Because);
        if (move.Department is { } department)
        {
            d["department"] = department;
        }

        if (move.Supervision is { } terms)
        {
            d["supervision"] = SupervisionText(terms, move.SupervisionIssuer);
        }

        return new CaseEventCause(move.RuleId, d);
    }

    private OrgUnitId TargetOf(EscalationMove move)
    {
        if (move.Department is { } department && move.To.Level.Key == departmentLevel && DepartmentTagged(department) is { } unit)
        {
            return unit;
        }

        return move.To.Unit.Id;
    }

    private bool Permitted(Case c, CaseTrigger trigger, OrgUnitId? target, string? text) =>
        lifecycle.CanFire(c.State, trigger, new CaseTransitionArgs
        {
            TargetUnit = target,
            Reason = text,
            Actor = CaseActor.System,
            Case = c,
        });

    private LadderPath PathOf(Case c, OrgUnitId holder)
    {
        var grid = c.Report.Location.Grid;
        var index = ladder.IndexOf(departmentLevel);
        OrgUnitId? department = null;
        if (index >= 0)
        {
            // A case held by a department (dispatched there, or moved there by a rule naming it) climbs through that department.
            department = tree.Find(holder) is { } held && ladder.Levels[index].IsServedBy(held) ? holder : DepartmentOf(c);
        }

        return paths.GetOrAdd((grid, department), key =>
            ladder.Resolve(tree, key.Grid, level => level.Key == departmentLevel ? key.Department : null));
    }

    private OrgUnitId? DepartmentOf(Case c)
    {
        if (routing is null)
        {
            return departmentFor(c.Report.Category);
        }

        var r = c.Report;
        // The month matters only to month rows: without them every case routes as if registered in January.
        var on = routingByMonth ? c.RegisteredAt.InZone(c.Calendar.Zone).Date : new LocalDate(2000, 1, 1);
        return routed.GetOrAdd((r.Category.Key, r.Channel, r.Priority, r.Location.Grid, on.Month, r.Tier), _ =>
        {
            try
            {
                return routing.Route(tree, ladder, r, on, departmentLevel).Department;
            }
            catch (Routing.RoutingException)
            {
                // Registered before the county's routing covered it: the department the category's tag names, if any.
                return departmentFor(r.Category);
            }
        });
    }

    private OrgUnitId? DepartmentTagged(string tag)
    {
        var index = ladder.IndexOf(departmentLevel);
        if (index < 0)
        {
            return null;
        }

        var level = ladder.Levels[index];
        var found = tree.Units.Where(u => u.HasTag(tag) && level.IsServedBy(u)).Take(2).ToList();
        return found.Count == 1 ? found[0].Id : null;
    }
}
