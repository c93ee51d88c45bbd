using Fengqiao.Cases;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Supervision;

/// <summary>A supervision (督办) that went overdue, escalating to the level above its issuer one grade higher
/// (rule <see cref="EscalationRuleIds.SupervisionOverdue"/>).</summary>
/// <remarks>Returned by <see cref="SupervisionOrder.CheckOverdue"/>; apply it with <see cref="Reissue"/>.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
internal sealed class SupervisionEscalation
{
    internal SupervisionEscalation(SupervisionOrder overdue, LadderStep from, LadderStep to, CaseSupervisionGrade grade)
    {
        Overdue = overdue;
        From = from;
        To = to;
        Grade = grade;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId => Overdue.CaseId;

    /// <summary>Gets the rule id cited: <see cref="EscalationRuleIds.SupervisionOverdue"/>.</summary>
    public string RuleId { get; } = EscalationRuleIds.SupervisionOverdue;

    /// <summary>Gets the order that went overdue.</summary>
    public SupervisionOrder Overdue { get; }

    /// <summary>Gets the step of the overdue order's issuer.</summary>
    public LadderStep From { get; }

    /// <summary>Gets the step directly above the issuer, which takes the supervision over.</summary>
    public LadderStep To { get; }

    /// <summary>Gets the grade of the new order: one higher than the overdue one's (yellow → red → listed 挂牌).</summary>
    public CaseSupervisionGrade Grade { get; }

    /// <summary>Issues the higher order and closes the overdue one.</summary>
    /// <param name="at">The instant of the re-issue (at or after the overdue order's last change).</param>
    /// <param name="limit">The new order's limit, or null for the overdue order's own limit.</param>
    /// <returns>The new, open order, issued by <see cref="To"/>, on the same unit; its
    /// <see cref="SupervisionOrder.Previous"/> is the overdue order, closed at <paramref name="at"/>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="at"/> is before the overdue order's last change.</exception>
    /// <exception cref="CalendarCoverageException">The deadline needs a date the calendar does not cover.</exception>
    public SupervisionOrder Reissue(Instant at, TimeLimit? limit = null) =>
        Overdue.Supersede(To, Grade, limit ?? Overdue.Clock.Limit, at);

    /// <summary>Returns the escalation on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() =>
        $"case {CaseId}: {RuleId}: supervision by {From.Unit.Id} ({From.Level.Key}) overdue since {Overdue.Deadline}; {To.Unit.Id} ({To.Level.Key}) takes it over, {Grade.ToString().ToLowerInvariant()}";
}
