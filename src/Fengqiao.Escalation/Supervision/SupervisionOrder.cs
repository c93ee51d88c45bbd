using Fengqiao.Cases;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Supervision;

/// <summary>
/// A supervision order (督办单): a level of the ladder supervises the unit holding a case, with its own deadline
/// (an <see cref="SlaClock"/>) and grade; closed when the case is resolved, escalated further when it goes overdue.
/// </summary>
/// <remarks>
/// <para>Issue one from an <see cref="EscalationMove"/> that carries supervision terms (<see cref="FromMove"/>) or
/// directly (<see cref="Issue"/>). The order is separate from the case's own handling clock: it runs on its own limit
/// from its own issue instant.</para>
/// <para>Every change returns a new order. <see cref="CheckOverdue"/> reports, once the deadline has passed on an open
/// order, an escalation to the level above the issuer; <see cref="SupervisionEscalation.Reissue"/> then issues the
/// higher order and closes this one. An order issued by the top of the ladder never escalates.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class SupervisionOrder
{
    private SupervisionOrder(CaseId caseId, LadderStep issuer, OrgUnitId target, CaseSupervisionGrade grade, SlaClock clock, string ruleId, SupervisionOrder? previous)
    {
        CaseId = caseId;
        Issuer = issuer;
        Target = target;
        Grade = grade;
        Clock = clock;
        RuleId = ruleId;
        Previous = previous;
    }

    /// <summary>Gets the case supervised.</summary>
    public CaseId CaseId { get; }

    /// <summary>Gets the ladder step (level and unit) that issued the order.</summary>
    public LadderStep Issuer { get; }

    /// <summary>Gets the unit supervised (the case's holder when the order was issued).</summary>
    public OrgUnitId Target { get; }

    /// <summary>Gets the grade.</summary>
    public CaseSupervisionGrade Grade { get; }

    /// <summary>Gets the order's own clock: started at issue on the order's limit, stopped at close.</summary>
    public SlaClock Clock { get; }

    /// <summary>Gets the instant the order was issued.</summary>
    public Instant IssuedAt => Clock.StartedAt;

    /// <summary>Gets the order's deadline.</summary>
    public Instant Deadline => Clock.Deadline;

    /// <summary>Gets the id of the rule that caused the order (an escalation rule, or
    /// <see cref="EscalationRuleIds.SupervisionOverdue"/> for a re-issued order).</summary>
    public string RuleId { get; }

    /// <summary>Gets whether the order is closed.</summary>
    public bool IsClosed => Clock.State == SlaClockState.Stopped;

    /// <summary>Gets the lower order this one replaced when that went overdue, or null.</summary>
    public SupervisionOrder? Previous { get; }

    /// <summary>Issues an order.</summary>
    /// <param name="caseId">The case.</param>
    /// <param name="issuer">The issuing level's step on the case's path.</param>
    /// <param name="target">The unit supervised.</param>
    /// <param name="terms">The grade and limit (the terms' issuer level, if any, must be <paramref name="issuer"/>'s).</param>
    /// <param name="calendar">The county's calendar, on which the limit counts.</param>
    /// <param name="at">The instant of issue.</param>
    /// <param name="ruleId">The rule that caused it.</param>
    /// <returns>An open order.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="caseId"/> or <paramref name="target"/> is the default
    /// value, <paramref name="ruleId"/> is empty, or the terms name another issuer level than
    /// <paramref name="issuer"/>'s.</exception>
    /// <exception cref="CalendarCoverageException">The deadline needs a date the calendar does not cover.</exception>
    public static SupervisionOrder Issue(CaseId caseId, LadderStep issuer, OrgUnitId target, SupervisionTerms terms, BusinessCalendar calendar, Instant at, string ruleId)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        ArgumentNullException.ThrowIfNull(terms);
        ArgumentNullException.ThrowIfNull(calendar);
        ArgumentNullException.ThrowIfNull(ruleId);
        if (caseId.Value is null)
        {
            throw new ArgumentException("A supervision order needs a case id; got the default (empty) CaseId.", nameof(caseId));
        }

        if (target.Value is null)
        {
            throw new ArgumentException($"Supervision of case '{caseId}' needs the supervised unit; got the default (empty) OrgUnitId.", nameof(target));
        }

        if (string.IsNullOrWhiteSpace(ruleId))
        {
            throw new ArgumentException($"Supervision of case '{caseId}' must name the rule that caused it.", nameof(ruleId));
        }

        if (terms.IssuerLevel is { } level && level != issuer.Level.Key)
        {
            throw new ArgumentException($"Supervision of case '{caseId}' by rule '{ruleId}': the terms name issuer level '{level}', but the issuer given is at level '{issuer.Level.Key}' ({issuer.Unit.Id}).", nameof(terms));
        }

        return new SupervisionOrder(caseId, issuer, target, terms.Grade, SlaClock.Start(calendar, at, terms.Limit), ruleId, null);
    }

    /// <summary>Issues the order an escalation move asks for: by its supervision issuer, on the unit the case moves
    /// to, citing the move's rule.</summary>
    /// <param name="move">The move; it must carry supervision terms.</param>
    /// <param name="calendar">The county's calendar.</param>
    /// <param name="at">The instant of issue (normally when the move is applied).</param>
    /// <returns>An open order.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EscalationException">The move carries no supervision; the message names the case and rule.</exception>
    /// <exception cref="CalendarCoverageException">The deadline needs a date the calendar does not cover.</exception>
    public static SupervisionOrder FromMove(EscalationMove move, BusinessCalendar calendar, Instant at)
    {
        ArgumentNullException.ThrowIfNull(move);
        ArgumentNullException.ThrowIfNull(calendar);
        if (move.Supervision is not { } terms || move.SupervisionIssuer is not { } issuer)
        {
            throw new EscalationException($"Case '{move.CaseId}': the move by rule '{move.RuleId}' carries no supervision (督办) to issue.", move.CaseId, move.RuleId, move.To.Unit.Id);
        }

        return new SupervisionOrder(move.CaseId, issuer, move.To.Unit.Id, terms.Grade, SlaClock.Start(calendar, at, terms.Limit), move.RuleId, null);
    }

    /// <summary>Reads how the order stands at an instant.</summary>
    /// <param name="at">The instant.</param>
    /// <returns>On track, warning or overdue (frozen at the close for a closed order).</returns>
    /// <exception cref="CalendarCoverageException"><paramref name="at"/> is outside the calendar's range.</exception>
    public SlaStage StageAt(Instant at) => Clock.At(at).Stage;

    /// <summary>Closes the order: the case was resolved, or a higher order replaced it.</summary>
    /// <param name="at">The instant of closing.</param>
    /// <returns>A closed order.</returns>
    /// <exception cref="EscalationException">The order is already closed; the message names the case and issuer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the issue.</exception>
    public SupervisionOrder Close(Instant at)
    {
        if (IsClosed)
        {
            throw new EscalationException($"Case '{CaseId}': the supervision by '{Issuer.Unit.Id}' is already closed.", CaseId, RuleId, Issuer.Unit.Id);
        }

        return new SupervisionOrder(CaseId, Issuer, Target, Grade, Clock.Stop(at), RuleId, Previous);
    }

    /// <summary>Checks whether the order has gone overdue and says where it escalates: to the level above the issuer,
    /// one grade higher.</summary>
    /// <param name="at">The instant of the check (the sweep's "now").</param>
    /// <param name="path">The case's ladder path; the issuer must be on it.</param>
    /// <returns>The escalation, or null when the order is closed, not overdue at <paramref name="at"/>, or issued by
    /// the top of the ladder (nowhere further to go).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="path"/> is null.</exception>
    /// <exception cref="EscalationException">The issuer is not on <paramref name="path"/>.</exception>
    /// <exception cref="CalendarCoverageException"><paramref name="at"/> is outside the calendar's range.</exception>
    public SupervisionEscalation? CheckOverdue(Instant at, LadderPath path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var issuer = path.StepOf(Issuer.Unit.Id)
            ?? throw new EscalationException(
                $"Case '{CaseId}': the supervision issuer '{Issuer.Unit.Id}' is not on the case's ladder path ({path.Describe()}).",
                CaseId, RuleId, Issuer.Unit.Id);
        if (IsClosed || StageAt(at) != SlaStage.Overdue || issuer.Index + 1 >= path.Steps.Length)
        {
            return null;
        }

        return new SupervisionEscalation(this, issuer, path.Steps[issuer.Index + 1], Raise(Grade));
    }

    /// <summary>Re-issues this order from a higher step: used by <see cref="SupervisionEscalation.Reissue"/>.</summary>
    internal SupervisionOrder Supersede(LadderStep issuer, CaseSupervisionGrade grade, TimeLimit limit, Instant at) =>
        new(CaseId, issuer, Target, grade, SlaClock.Start(Clock.Calendar, at, limit), EscalationRuleIds.SupervisionOverdue, IsClosed ? this : Close(at));

    /// <summary>Returns the order on one line.</summary>
    /// <returns>E.g. <c>case c-1: yellow supervision of community-a by street-a (street), due …, open</c>.</returns>
    public override string ToString() =>
        $"case {CaseId}: {Grade.ToString().ToLowerInvariant()} supervision (督办) of {Target} by {Issuer.Unit.Id} ({Issuer.Level.Key}), due {Deadline}, {(IsClosed ? "closed" : "open")} [rule {RuleId}]";

    private static CaseSupervisionGrade Raise(CaseSupervisionGrade grade) => grade switch
    {
        CaseSupervisionGrade.Yellow => CaseSupervisionGrade.Red,
        _ => CaseSupervisionGrade.Named,
    };
}
