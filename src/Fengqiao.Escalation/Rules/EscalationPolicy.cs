using Fengqiao.Escalation.Ladders;
using Fengqiao.Rules;
using Fengqiao.Rules.Evaluation;

namespace Fengqiao.Escalation.Rules;

/// <summary>
/// Decides who must take a case over (升级): evaluates an escalation rule set on a case's
/// <see cref="EscalationFacts"/> and binds the winning decision to the case's <see cref="LadderPath"/>.
/// </summary>
/// <remarks>
/// <para>This is the whole of escalation as a pure function: the same facts and path always give the same move, and
/// nothing is stored. The case desk's adapter calls <see cref="Decide"/> on each due case in a sweep and records the
/// move (rule id, facts, from, to) as the case event.</para>
/// <para>Guarantees, whatever rules the set holds:</para>
/// <list type="bullet">
/// <item><description>a move only goes up the ladder: <see cref="EscalationMove.To"/> is above
/// <see cref="EscalationMove.From"/>, or equal to it for a supervision;</description></item>
/// <item><description>it climbs more than one level only for a decision that names the target level
/// (<see cref="EscalationDecisionKind.ToLevel"/>, <see cref="EscalationDecisionKind.StartAt"/>), and then to exactly
/// that level;</description></item>
/// <item><description>at the top of the ladder nothing moves: a next-level decision there gives no move, so repeated
/// sweeps can never loop;</description></item>
/// <item><description>every move names its rule and carries its facts and the trace that explains it.</description></item>
/// </list>
/// <para>A decision that names a level at the holder's own level gives no move (the case is already there); one that
/// names a level below the holder, or a level the ladder does not have, is a rule error and throws. A reopening one
/// level above the closer gives no move when the case is already held at or above that level (another rule moved the
/// closed case up first), so no move ever takes a case below its holder.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe; share one instance.</threadsafety>
public sealed class EscalationPolicy
{
    /// <summary>Creates a policy over a rule set.</summary>
    /// <param name="rules">The rules, e.g. <c>DefaultEscalationRules.Create().With(county)</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="rules"/> is null.</exception>
    /// <exception cref="ArgumentException">The rule set's hit policy is <see cref="HitPolicy.Collect"/>: a policy
    /// takes exactly one decision per evaluation.</exception>
    public EscalationPolicy(RuleSet<EscalationSituation, EscalationDecision> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.HitPolicy == HitPolicy.Collect)
        {
            throw new ArgumentException($"Rule set '{rules.Name}' collects every match; an escalation policy needs one decision per case (first, priority or unique).", nameof(rules));
        }

        Rules = rules;
    }

    /// <summary>Gets a policy over the default rules with the default options
    /// (<see cref="DefaultEscalationRules.Create"/>).</summary>
    public static EscalationPolicy Default { get; } = new(DefaultEscalationRules.Create());

    /// <summary>Gets the rule set.</summary>
    public RuleSet<EscalationSituation, EscalationDecision> Rules { get; }

    /// <summary>Decides what happens to a case now.</summary>
    /// <param name="facts">The case's facts.</param>
    /// <param name="path">The case's ladder path (its grid's chain, with its department chosen).</param>
    /// <returns>The move, or null when no rule applies, the winning rule says to stay, or the move would go past the
    /// top or to the level the case is already at.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EscalationException">The holder or the closer is not on the path; or the winning rule names a
    /// level the ladder does not have, a level below the holder, or a reopening without a closer. The message names
    /// the case, the rule and the unit.</exception>
    /// <exception cref="RuleEvaluationException">A rule's condition or action threw; the exception names the rule and
    /// the part.</exception>
    /// <exception cref="RuleConflictException">The rule set's policy is unique and several rules matched.</exception>
    public EscalationMove? Decide(EscalationFacts facts, LadderPath path)
    {
        var situation = Situate(facts, path);
        var result = Rules.Evaluate(situation);
        return result.TryGetFirst(out var match) ? Bind(situation, match.Rule, match.Decision) : null;
    }

    /// <summary>Explains what the rules make of a case, whether or not anything moves.</summary>
    /// <param name="facts">The case's facts.</param>
    /// <param name="path">The case's ladder path.</param>
    /// <returns>Every rule with its condition parts, the winner and why the others did not apply.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="EscalationException">The holder or the closer is not on the path.</exception>
    /// <exception cref="RuleEvaluationException">A rule's condition or action threw.</exception>
    /// <exception cref="RuleConflictException">The rule set's policy is unique and several rules matched.</exception>
    public RuleSetExplanation<EscalationSituation, EscalationDecision> Explain(EscalationFacts facts, LadderPath path) =>
        Rules.Explain(Situate(facts, path));

    private static EscalationSituation Situate(EscalationFacts facts, LadderPath path)
    {
        ArgumentNullException.ThrowIfNull(facts);
        ArgumentNullException.ThrowIfNull(path);
        var holder = path.StepOf(facts.Holder)
            ?? throw new EscalationException(
                $"Case '{facts.CaseId}': the holding unit '{facts.Holder}' is not on the case's ladder path ({path.Ladder.Key}: {path.Describe()}); resolve the path from the case's grid.",
                facts.CaseId, unit: facts.Holder);
        LadderStep? closer = null;
        if (facts.ClosedBy is { } closedBy)
        {
            closer = path.StepOf(closedBy)
                ?? throw new EscalationException(
                    $"Case '{facts.CaseId}': the closing unit '{closedBy}' is not on the case's ladder path ({path.Ladder.Key}: {path.Describe()}).",
                    facts.CaseId, unit: closedBy);
        }

        return new EscalationSituation(facts, path, holder, closer);
    }

    private EscalationMove? Bind(EscalationSituation situation, Rule<EscalationSituation, EscalationDecision> rule, EscalationDecision decision)
    {
        var path = situation.Path;
        var holder = situation.HolderStep;
        var caseId = situation.Facts.CaseId;
        LadderStep from = holder;
        LadderStep? to;
        switch (decision.Kind)
        {
            case EscalationDecisionKind.None:
                return null;
            case EscalationDecisionKind.NextLevel:
                to = Above(path, holder);
                break;
            case EscalationDecisionKind.ReopenAboveCloser:
                from = situation.CloserStep
                    ?? throw new EscalationException(
                        $"Case '{caseId}': rule '{rule.Id}' reopens the case above the unit that closed it, but the case has no closing unit (held by '{holder.Unit.Id}').",
                        caseId, rule.Id, holder.Unit.Id);
                to = Above(path, from);
                if (to is not null && to.Index <= holder.Index)
                {
                    // The case already sits at or above the level it would reopen at: reopening there would move it down.
                    return null;
                }

                break;
            case EscalationDecisionKind.ToLevel:
            case EscalationDecisionKind.StartAt:
                var target = StepAt(path, decision.TargetLevel!, caseId, rule.Id, holder);
                if (target.Index < holder.Index)
                {
                    throw new EscalationException(
                        $"Case '{caseId}': rule '{rule.Id}' would move the case down from '{holder.Unit.Id}' (level '{holder.Level.Key}') to level '{target.Level.Key}'; escalation only moves up. Add a condition part such as \"holder below level '{target.Level.Key}'\".",
                        caseId, rule.Id, holder.Unit.Id);
                }

                to = target.Index == holder.Index ? null : target;
                break;
            default:
                to = holder;
                break;
        }

        if (to is null)
        {
            return null;
        }

        LadderStep? issuer = null;
        if (decision.Supervision is { } terms)
        {
            issuer = terms.IssuerLevel is null ? to : StepAt(path, terms.IssuerLevel, caseId, rule.Id, holder);
            if (issuer.Index < to.Index)
            {
                throw new EscalationException(
                    $"Case '{caseId}': rule '{rule.Id}' asks level '{issuer.Level.Key}' to supervise a case held at level '{to.Level.Key}', below it; supervision (督办) comes from at or above the holder.",
                    caseId, rule.Id, to.Unit.Id);
            }
        }

        return new EscalationMove(Rules, situation, rule, decision, from, to, issuer);
    }

    private static LadderStep? Above(LadderPath path, LadderStep step) =>
        step.Index + 1 < path.Steps.Length ? path.Steps[step.Index + 1] : null;

    private static LadderStep StepAt(LadderPath path, string level, Fengqiao.Cases.CaseId caseId, string ruleId, LadderStep holder)
    {
        var index = path.Ladder.IndexOf(level);
        return index >= 0
            ? path.Steps[index]
            : throw new EscalationException(
                $"Case '{caseId}': rule '{ruleId}' names level '{level}', which ladder '{path.Ladder.Key}' does not have ({string.Join(", ", path.Ladder.Levels.Select(l => l.Key))}); the case is held by '{holder.Unit.Id}'.",
                caseId, ruleId, holder.Unit.Id);
    }
}
