using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Events;
using Fengqiao.Cases.Lifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Cases.Policies;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
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
/// <see cref="EscalationCasePolicyOptions.DepartmentFor"/> of the category) and maps the <see cref="EscalationMove"/> to one desk action:
/// </para>
/// <list type="bullet">
/// <item>a move up → <see cref="CaseTrigger.Escalate"/> to the new level's unit; when the move carries supervision
/// (督办, the overdue rule), a <see cref="CaseTrigger.Supervise"/> follows as the next step;</item>
/// <item>reopen above the closer → <see cref="CaseTrigger.Reopen"/> (its event names the target unit), followed by
/// <see cref="CaseTrigger.Escalate"/> to that unit; a case a deputy already reopened is escalated directly;</item>
/// <item>supervision alone (a leader's instruction) → <see cref="CaseTrigger.Supervise"/>.</item>
/// </list>
/// <para>
/// Every action carries <see cref="CaseEventCause"/> with the rule id and the facts (<c>from</c>, <c>to</c>, levels,
/// the condition parts that held, and the case facts), plus <c>policy</c> naming this policy. The desk fires the first
/// action only and evaluates again; the follow-up steps are derived from that event, so nothing is remembered here.
/// </para>
/// <para>
/// Never loops: it does nothing for a case without a holding unit (unless the event just accepted is a 无法解决
/// return), in a terminal state, whose holder is not on its ladder path, or where the lifecycle does not permit the
/// action now; after its own event it only takes the follow-up step, so one evaluation run moves a case at most once;
/// and the moves themselves only go up and stop at the top. A sweep escalates an overdue case when its unit clock's
/// overdue stage is recorded; the new holder's clock starts afresh, so the next sweep at the same instant finds nothing due.
/// </para>
/// <para>
/// Limits of what a case snapshot tells: the times of joined reports are not on the case, so only the one joining now
/// is dated exactly and earlier ones are dated at registration (the repeat rule may then fire later than it should,
/// never earlier); the rater is known only when the rating is the event just accepted (a deputy's), else taken to be the
/// citizen; the last move up is the start of the current unit clock once the case has been escalated.
/// </para>
/// </remarks>
/// <threadsafety>Immutable after construction apart from a concurrent path cache; safe to evaluate concurrently.</threadsafety>
public sealed class EscalationCasePolicy : ICasePolicy
{
    private const string PolicyFact = "policy";
    private readonly OrgTree tree;
    private readonly Ladder ladder;
    private readonly Lifecycle<CaseState, CaseTrigger, CaseTransitionArgs> lifecycle;
    private readonly string departmentLevel;
    private readonly Func<CaseCategory, OrgUnitId?> departmentFor;
    private readonly ImmutableArray<string> keywords;
    private readonly TimeLimit instructionLimit;
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
            || options.InstructionLimit is null || options.Keywords.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("The escalation case policy options need a name, a lifecycle, a department level, an instruction limit and non-empty keywords.", nameof(options));
        }

        this.tree = tree;
        this.ladder = ladder;
        Policy = policy ?? new EscalationPolicy(DefaultEscalationRules.Create(null, ladder));
        Name = options.Name;
        lifecycle = options.Lifecycle;
        departmentLevel = options.DepartmentLevel;
        departmentFor = options.DepartmentFor ?? (category => DepartmentTagged(category.Key));
        keywords = [.. options.Keywords];
        instructionLimit = options.InstructionLimit;
    }

    /// <inheritdoc />
    public string Name { get; }

    /// <summary>Gets the escalation rules this policy asks.</summary>
    public EscalationPolicy Policy { get; }

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

    /// <summary>Builds the escalation facts of a case as this policy sees them, for explanations (<see cref="EscalationPolicy.Explain"/>).</summary>
    /// <param name="arguments">The case, the instant and the event just accepted.</param>
    /// <returns>The facts and the case's ladder path, or <see langword="null"/> when the case has no holding unit on its path.</returns>
    /// <exception cref="LadderResolutionException">The case's ladder path cannot be resolved from its grid.</exception>
    /// <exception cref="ArgumentException"><paramref name="arguments"/> is the default value, with no case.</exception>
    public (EscalationFacts Facts, LadderPath Path)? Read(CasePolicyArguments arguments)
    {
        var c = RequireCase(arguments);
        var declaring = CannotResolve.DeclaringUnit(arguments.LastEvent);
        if ((declaring ?? c.HoldingUnit) is not { } holder)
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
        var stage = declaring is null && unitClock is { State: SlaClockState.Running } ? unitClock.At(now).Stage : SlaStage.OnTrack;
        var reports = ImmutableArray.CreateBuilder<Instant>(1 + c.JoinedReports.Length);
        reports.Add(c.RegisteredAt);
        for (var i = 0; i < c.JoinedReports.Length; i++)
        {
            var exact = i == c.JoinedReports.Length - 1 && last is { Kind: CaseEventKind.ReportJoined };
            reports.Add(exact ? last!.At : c.RegisteredAt);
        }

        var deputyReopened = last is { Kind: CaseEventKind.Transition, Trigger: CaseTrigger.Reopen, Actor.Kind: CaseActorKind.Deputy };
        OrgUnitId? closedBy = c.State is CaseState.Rated or CaseState.Closed || deputyReopened ? c.HoldingUnit : null;
        LeaderInstruction? instruction = null;
        if (last is { Kind: CaseEventKind.Transition, Trigger: CaseTrigger.Instruct, Actor: { Kind: CaseActorKind.Staff, Unit: { } leaderUnit } }
            && path.StepOf(leaderUnit) is { } leaderStep)
        {
            instruction = new LeaderInstruction(leaderStep.Level.Key, last.Limit ?? instructionLimit, last.At, issuedBy: last.Actor.Id);
        }

        var text = c.Report.Text;
        var facts = new EscalationFacts(c.Id, c.Report.Category, holder, now)
        {
            Priority = c.Report.Priority,
            Keywords = [.. keywords.Where(k => text.Contains(k, StringComparison.Ordinal))],
            DeclaredUnresolvable = declaring is not null,
            HandlingStage = stage,
            SameMatterReports = reports.MoveToImmutable(),
            LatestRating = c.CurrentRating,
            RatedBy = last is { Kind: CaseEventKind.Transition, Trigger: CaseTrigger.Rate, Actor.Kind: CaseActorKind.Deputy } ? RaterKind.Deputy : RaterKind.Citizen,
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

        if (arguments.LastEvent is { Actor.Kind: CaseActorKind.System, Cause: { } own } last && own.Facts.TryGetValue(PolicyFact, out var by) && by == Name)
        {
            return FollowUp(c, last, own);
        }

        if (Read(arguments) is not var (facts, path) || Policy.Decide(facts, path) is not { } move)
        {
            return [];
        }

        var cause = Cause(move);
        var reason = move.ToString();
        switch (move.Kind)
        {
            case EscalationDecisionKind.Supervise:
                return Permitted(c, CaseTrigger.Supervise, null, reason) ? [new CasePolicyAction(CaseTrigger.Supervise, cause) { Text = reason }] : [];
            case EscalationDecisionKind.ReopenAboveCloser when Permitted(c, CaseTrigger.Reopen, null, reason):
                // The Reopen event names the unit; the follow-up escalates the case to it.
                return [new CasePolicyAction(CaseTrigger.Reopen, cause) { Text = reason, TargetUnit = move.To.Unit.Id }];
            default:
                var target = TargetOf(move);
                return Permitted(c, CaseTrigger.Escalate, target, reason)
                    ? [new CasePolicyAction(CaseTrigger.Escalate, cause) { Text = reason, TargetUnit = target }]
                    : [];
        }
    }

    private CasePolicyAction[] FollowUp(Case c, CaseEvent last, CaseEventCause own)
    {
        if (last.Trigger == CaseTrigger.Reopen && last.TargetUnit is { } target && own.Facts.ContainsKey("to")
            && Permitted(c, CaseTrigger.Escalate, target, last.Text))
        {
            return [new CasePolicyAction(CaseTrigger.Escalate, Step(own, "escalate-after-reopen")) { Text = last.Text, TargetUnit = target }];
        }

        if (last.Trigger == CaseTrigger.Escalate && own.Facts.TryGetValue("supervision", out var supervision) && !own.Facts.ContainsKey("step")
            && Permitted(c, CaseTrigger.Supervise, null, supervision))
        {
            return [new CasePolicyAction(CaseTrigger.Supervise, Step(own, "supervise-after-escalation")) { Text = "督办: " + supervision }];
        }

        return [];
    }

    private static CaseEventCause Step(CaseEventCause own, string step) =>
        new(own.RuleId, own.Facts.SetItem("step", step));

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

        if (move.Supervision is { } terms && move.SupervisionIssuer is { } issuer)
        {
            d["supervision"] = string.Create(CultureInfo.InvariantCulture,
                $"{terms.Grade.ToString().ToLowerInvariant()} within {terms.Limit} by {issuer.Unit.Id} ({issuer.Level.Key})");
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
            department = tree.Find(holder) is { } held && ladder.Levels[index].IsServedBy(held) ? holder : departmentFor(c.Report.Category);
        }

        return paths.GetOrAdd((grid, department), key =>
            ladder.Resolve(tree, key.Grid, level => level.Key == departmentLevel ? key.Department : null));
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
