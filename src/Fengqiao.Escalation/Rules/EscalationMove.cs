using Fengqiao.Cases;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Rules;
using Fengqiao.Rules.Evaluation;

namespace Fengqiao.Escalation.Rules;

/// <summary>
/// An escalation (升级) decided for one case and bound to its ladder path: from which unit to which, by which rule,
/// on which facts, with any supervision (督办) to issue — the answer to "why did this case go to the street?".
/// </summary>
/// <remarks>
/// <para><see cref="EscalationPolicy.Decide"/> returns one only when something is to happen: the case moves up
/// (<see cref="To"/> above <see cref="From"/>), or it is supervised where it is
/// (<see cref="EscalationDecisionKind.Supervise"/>: <see cref="To"/> equals <see cref="From"/>).</para>
/// <para><see cref="Explain"/> gives the full trace of the rule set on the same facts (every rule, every condition
/// part); it is computed on first use and then kept, and is the same every time because the rule set and the facts
/// are immutable.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe (the explanation is computed at most once, under a lock-free race that
/// yields equal results).</threadsafety>
public sealed class EscalationMove
{
    private readonly RuleSet<EscalationSituation, EscalationDecision> _rules;
    private readonly EscalationSituation _situation;
    private RuleSetExplanation<EscalationSituation, EscalationDecision>? _explanation;

    internal EscalationMove(
        RuleSet<EscalationSituation, EscalationDecision> rules,
        EscalationSituation situation,
        Rule<EscalationSituation, EscalationDecision> rule,
        EscalationDecision decision,
        LadderStep from,
        LadderStep to,
        LadderStep? supervisionIssuer)
    {
        _rules = rules;
        _situation = situation;
        RuleId = rule.Id;
        RuleDescription = rule.Description;
        Decision = decision;
        From = from;
        To = to;
        SupervisionIssuer = supervisionIssuer;
    }

    /// <summary>Gets the case.</summary>
    public CaseId CaseId => _situation.Facts.CaseId;

    /// <summary>Gets the kind of decision behind the move.</summary>
    public EscalationDecisionKind Kind => Decision.Kind;

    /// <summary>Gets the id of the rule that decided.</summary>
    public string RuleId { get; }

    /// <summary>Gets the description of the rule that decided.</summary>
    public string RuleDescription { get; }

    /// <summary>Gets the rule's decision as stated before it was bound to the path.</summary>
    public EscalationDecision Decision { get; }

    /// <summary>Gets the step the case moves from: the holder, or for a reopening the unit that closed it.</summary>
    public LadderStep From { get; }

    /// <summary>Gets the step the case moves to (equal to <see cref="From"/> for a supervision).</summary>
    public LadderStep To { get; }

    /// <summary>Gets how many levels the move climbs: 0 for a supervision, 1 for a move to the next level, more only
    /// when the rule names the target level.</summary>
    public int LevelsClimbed => To.Index - From.Index;

    /// <summary>Gets the department the case must go to at <see cref="To"/>, or null (see
    /// <see cref="EscalationDecision.Department"/>).</summary>
    public string? Department => Decision.Department;

    /// <summary>Gets the terms of the supervision (督办) to issue with the move, or null.</summary>
    public SupervisionTerms? Supervision => Decision.Supervision;

    /// <summary>Gets the step of the level that issues the supervision, or null when there is none.</summary>
    public LadderStep? SupervisionIssuer { get; }

    /// <summary>Gets the facts that made the rule fire.</summary>
    public EscalationFacts Facts => _situation.Facts;

    /// <summary>Gets the ladder path the move was bound to.</summary>
    public LadderPath Path => _situation.Path;

    /// <summary>Gets the names of the condition parts of the deciding rule that held (computed with
    /// <see cref="Explain"/>).</summary>
    public IReadOnlyList<string> Because =>
        Explain()[RuleId].Parts.Where(p => p.Outcome == PartOutcome.Held && !p.IsNegated).Select(p => p.Name).ToArray();

    /// <summary>Explains the decision: every rule of the set on the same facts, each condition part's outcome, the
    /// winner and why the others did not apply.</summary>
    /// <returns>The explanation.</returns>
    public RuleSetExplanation<EscalationSituation, EscalationDecision> Explain() =>
        _explanation ??= _rules.Explain(_situation);

    /// <summary>Returns the move on one line, e.g.
    /// <c>case c-1: overdue moves community-a (community) → street-a (street) + yellow supervision …</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString()
    {
        var what = Kind == EscalationDecisionKind.Supervise
            ? $"supervises {From.Unit.Id} ({From.Level.Key}) from {SupervisionIssuer!.Unit.Id} ({SupervisionIssuer.Level.Key})"
            : $"moves {From.Unit.Id} ({From.Level.Key}) → {To.Unit.Id} ({To.Level.Key})";
        var extra = Department is null ? "" : $", department '{Department}'";
        if (Supervision is not null && Kind != EscalationDecisionKind.Supervise)
        {
            extra += $" + {Supervision.Grade.ToString().ToLowerInvariant()} supervision within {Supervision.Limit} by {SupervisionIssuer!.Unit.Id}";
        }
        else if (Supervision is not null)
        {
            extra += $" ({Supervision.Grade.ToString().ToLowerInvariant()}, within {Supervision.Limit})";
        }

        return $"case {CaseId}: {RuleId} {what}{extra}";
    }
}
