using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Escalation.Rules;
using Fengqiao.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.Escalation.Tests.Rules;

public class EscalationPolicyPropertyTests
{
    private static readonly Gen<(LadderCounty County, EscalationFacts Facts)> CountyAndFacts =
        from county in FengqiaoArbitraries.LadderCounties().Generator
        from facts in FengqiaoArbitraries.EscalationFactsFor(county)
        select (county, facts);

    private static readonly string[] Ids =
    [
        EscalationRuleIds.LeaderInstruction, EscalationRuleIds.MustStartHigh, EscalationRuleIds.WageArrears,
        EscalationRuleIds.ReopenAboveCloser, EscalationRuleIds.RepeatComplaint, EscalationRuleIds.Overdue,
        EscalationRuleIds.CannotResolve,
    ];

    private static EscalationPolicy PolicyFor(LadderCounty county) =>
        new(DefaultEscalationRules.Create(county.Options, county.Ladder));

    [Fact]
    public void Decide_RandomCountiesAndFacts_OnlyUpSkipsOnlyByNameStopsAtTopNamesRuleAndFacts()
    {
        PropertyCheck.ForAll(CountyAndFacts, input =>
        {
            var (county, facts) = input;
            var policy = PolicyFor(county);
            var holder = county.Path.StepOf(facts.Holder)!;

            var move = policy.Decide(facts, county.Path);
            if (move is null)
            {
                return;
            }

            Assert.True(policy.Rules.TryGetRule(move.RuleId, out _), $"move names unknown rule {move.RuleId}");
            Assert.Same(facts, move.Facts);
            Assert.NotEmpty(move.Because);
            Assert.Equal([move.RuleId], move.Explain().AppliedRuleIds);
            if (move.Kind == EscalationDecisionKind.Supervise)
            {
                Assert.Equal(holder, move.From);
                Assert.Equal(move.From, move.To);
                Assert.True(move.SupervisionIssuer!.Index >= holder.Index);
                return;
            }

            Assert.Equal(move.Kind == EscalationDecisionKind.ReopenAboveCloser ? county.Path.StepOf(facts.ClosedBy!.Value) : holder, move.From);
            Assert.True(move.To.Index > move.From.Index, $"{move} does not move up");
            Assert.True(move.To.Index > holder.Index, $"{move} moves the case below or to its holder {holder.Unit.Id}");
            Assert.True(move.From.Index < county.Path.Steps.Length - 1, $"{move} moves from the top");
            if (move.LevelsClimbed > 1)
            {
                Assert.Contains(move.Kind, new[] { EscalationDecisionKind.ToLevel, EscalationDecisionKind.StartAt });
                Assert.Equal(move.Decision.TargetLevel, move.To.Level.Key);
            }
        });
    }

    [Fact]
    public void Decide_AppliedRepeatedly_ClimbsStrictlyAndStopsWithoutLooping()
    {
        PropertyCheck.ForAll(CountyAndFacts, input =>
        {
            var (county, facts) = input;
            var policy = PolicyFor(county);
            var levels = county.Path.Steps.Length;
            var visited = new List<string> { facts.Holder.Value };
            var supervisions = 0;

            for (var round = 0; ; round++)
            {
                Assert.True(round <= levels + 1, $"no fixed point after {round} rounds: {string.Join(" → ", visited)}");
                var move = policy.Decide(facts, county.Path);
                if (move is null)
                {
                    break;
                }

                if (move.Kind == EscalationDecisionKind.Supervise)
                {
                    supervisions++;
                    Assert.True(supervisions == 1, "the same instruction supervised twice");
                    facts = facts with { PendingInstruction = null };
                    continue;
                }

                var before = county.Path.StepOf(facts.Holder)!.Index;
                Assert.True(move.To.Index > before, $"{move} after {string.Join(" → ", visited)}");
                visited.Add(move.To.Unit.Id.Value);
                facts = move.Kind == EscalationDecisionKind.ReopenAboveCloser
                    ? facts with { Holder = move.To.Unit.Id, ClosedBy = null, LatestRating = CaseRating.NotRated, ReopenedByDeputy = false }
                    : facts with { Holder = move.To.Unit.Id };
            }

            Assert.Equal(visited.Count, visited.Distinct().Count());
        });
    }

    [Fact]
    public void Decide_AsTheDeskReevaluatesAfterEachMove_ReachesAFixedPointWithinTwoMoves()
    {
        // What ICasePolicy asks of a policy: after acting, the next snapshot shows it. The desk resets what belongs to
        // the holder (its 无法解决 declaration, its handling clock), records the move instant and consumes the
        // instruction; the policy must then stop after the moves that sticky facts (category, keywords) still justify.
        PropertyCheck.ForAll(CountyAndFacts, input =>
        {
            var (county, facts) = input;
            var policy = PolicyFor(county);
            var moves = new List<string>();
            for (var round = 0; round < 10; round++)
            {
                var move = policy.Decide(facts, county.Path);
                if (move is null)
                {
                    return;
                }

                if (move.Kind == EscalationDecisionKind.Supervise)
                {
                    facts = facts with { PendingInstruction = null };
                    continue;
                }

                moves.Add(move.RuleId);
                Assert.True(moves.Count <= 2, $"more than two moves in one sweep: {string.Join(", ", moves)}");
                facts = facts with
                {
                    Holder = move.To.Unit.Id,
                    DeclaredUnresolvable = false,
                    HandlingStage = Sla.SlaStage.OnTrack,
                    LastMovedUpAt = facts.AsOf,
                    ClosedBy = null,
                    LatestRating = CaseRating.NotRated,
                    ReopenedByDeputy = false,
                };
            }

            Assert.Fail($"no fixed point after 10 evaluations: {string.Join(", ", moves)}");
        });
    }

    [Fact]
    public void With_RandomLayer_ChangesOnlyTheRulesItNames()
    {
        var gen =
            from input in CountyAndFacts
            from changes in Gen.ArrayOf(Gen.Choose(0, 2), Ids.Length)
            from holds in Gen.ArrayOf(Gen.Elements(true, false), Ids.Length)
            from saliences in Gen.ArrayOf(Gen.Choose(0, 70), Ids.Length)
            select (input.County, input.Facts, changes, holds, saliences);

        PropertyCheck.ForAll(gen, input =>
        {
            var (county, facts, changes, holds, saliences) = input;
            var baseRules = DefaultEscalationRules.Create(county.Options, county.Ladder);
            var layer = new RuleOverridesBuilder<EscalationSituation, EscalationDecision>(RuleOrigin.County("Random"));
            var named = new HashSet<string>();
            for (var i = 0; i < Ids.Length; i++)
            {
                var held = holds[i];
                if (changes[i] == 1)
                {
                    layer.Disable(Ids[i], "random");
                    named.Add(Ids[i]);
                }
                else if (changes[i] == 2)
                {
                    layer.Replace(new Rule<EscalationSituation, EscalationDecision>(
                        Ids[i], "replacement", Condition.Part<EscalationSituation>("replacement holds", _ => held), _ => EscalationDecision.NextLevel(), saliences[i]));
                    named.Add(Ids[i]);
                }
            }

            var layered = baseRules.With(layer.Build());
            var before = new EscalationPolicy(baseRules).Explain(facts, county.Path);
            var after = new EscalationPolicy(layered).Explain(facts, county.Path);

            foreach (var id in Ids.Where(id => !named.Contains(id)))
            {
                Assert.True(baseRules.TryGetRule(id, out var b) && layered.TryGetRule(id, out var a) && ReferenceEquals(b.Rule, a.Rule) && b.Position == a.Position);
                Assert.Equal(before[id].ConditionHeld, after[id].ConditionHeld);
                Assert.Equal(before[id].Parts.Select(p => p.Outcome), after[id].Parts.Select(p => p.Outcome));
            }

            var w0 = before.AppliedRuleIds.SingleOrDefault();
            var w1 = after.AppliedRuleIds.SingleOrDefault();
            if (w0 != w1)
            {
                Assert.True((w0 is not null && named.Contains(w0)) || (w1 is not null && named.Contains(w1)), $"winner changed from {w0} to {w1}, neither named by the layer");
            }
            else if (w0 is not null && !named.Contains(w0))
            {
                Assert.Equal(
                    new EscalationPolicy(baseRules).Decide(facts, county.Path)?.ToString(),
                    new EscalationPolicy(layered).Decide(facts, county.Path)?.ToString());
            }
        });
    }
}
