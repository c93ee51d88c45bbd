using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Testing;

/// <content>Random ladders bound to random trees.</content>
public static partial class FengqiaoArbitraries
{
    private static readonly Gen<LadderCounty> LadderCountyGen =
        from levels in Gen.Choose(2, 7)
        from fillers in Gen.ArrayOf(Gen.Choose(0, 2), 7)
        from branches in Gen.Choose(1, 3)
        from branch in Gen.Choose(0, branches - 1)
        from startHigh in Gen.Choose(0, levels - 1)
        from wages in Gen.Choose(0, levels - 1)
        from repeat in Gen.Choose(-1, levels - 1)
        select LadderCounty.Create(levels, [.. fillers], branches, branch, startHigh, wages, repeat);

    /// <summary>
    /// Random ladders of 2–7 levels bound to random org trees (1–3 branches, 0–2 filler posts between levels), with the
    /// escalation rules' levels set on them (<see cref="LadderCounty"/>).
    /// </summary>
    /// <returns>The arbitrary; shrinks to fewer levels, fewer branches, no fillers and the lowest rule levels, and prints
    /// as <c>LadderCounty.Create(...)</c>.</returns>
    public static Arbitrary<LadderCounty> LadderCounties() => Arb.From(LadderCountyGen, ShrinkLadderCounty);

    /// <summary>
    /// Escalation facts for a case held on a <see cref="LadderCounty"/>'s path, as of <see cref="LadderCounty.FactsAsOf"/>:
    /// a stage, keywords, repeat reports over 60 days, a rating by the citizen or a deputy, a closure and a deputy's
    /// reopening, a pending leader instruction at a ladder level and when the case last moved up.
    /// </summary>
    /// <param name="county">The county.</param>
    /// <returns>The generator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="county"/> is null.</exception>
    public static Gen<EscalationFacts> EscalationFactsFor(LadderCounty county)
    {
        ArgumentNullException.ThrowIfNull(county);
        var now = LadderCounty.FactsAsOf;
        var n = county.Path.Steps.Length;
        return
            from holder in Gen.Choose(0, n - 1)
            from unresolvable in Gen.Elements(true, false)
            from stage in Gen.Elements(SlaStage.OnTrack, SlaStage.Warning, SlaStage.Overdue)
            from category in Gen.Elements("safety-risk", "wage-arrears", "dispute", "livelihood")
            from keywordCount in Gen.Choose(0, 2)
            from keywords in Gen.ArrayOf(Gen.Elements("火灾", "拖欠工资", "噪音", "停水"), keywordCount)
            from reportCount in Gen.Choose(0, 5)
            from reportDays in Gen.ArrayOf(Gen.Choose(0, 60), reportCount)
            from rating in Gen.Elements(CaseRating.NotRated, CaseRating.Satisfied, CaseRating.BasicallySatisfied, CaseRating.Unsatisfied)
            from rater in Gen.Elements(RaterKind.Citizen, RaterKind.Deputy)
            from closed in Gen.Elements(true, false)
            from deputy in Gen.Elements(true, false)
            from instructionLevel in Gen.Choose(-1, n - 1)
            from instructionDays in Gen.Choose(1, 5)
            from lastMovedDays in Gen.Choose(-1, 60)
            select new EscalationFacts(new CaseId("c-random"), new CaseCategory(category), county.Path.Steps[holder].Unit.Id, now)
            {
                DeclaredUnresolvable = unresolvable,
                HandlingStage = stage,
                Keywords = [.. keywords],
                SameMatterReports = [.. reportDays.Select(d => now - Duration.FromDays(d))],
                LatestRating = rating,
                RatedBy = rater,
                ClosedBy = closed ? county.Path.Steps[holder].Unit.Id : null,
                ReopenedByDeputy = closed && deputy,
                PendingInstruction = instructionLevel < 0
                    ? null
                    : new LeaderInstruction(county.Ladder.Levels[instructionLevel].Key, TimeLimit.WorkingDays(instructionDays), now),
                LastMovedUpAt = lastMovedDays < 0 ? null : now - Duration.FromDays(lastMovedDays),
            };
    }

    private static IEnumerable<LadderCounty> ShrinkLadderCounty(LadderCounty c)
    {
        if (c.Levels > 2)
        {
            var top = c.Levels - 2;
            yield return LadderCounty.Create(c.Levels - 1, c.Fillers, c.Branches, c.Branch, Math.Min(c.StartHigh, top), Math.Min(c.Wages, top), Math.Min(c.Repeat, top));
        }

        if (c.Branches > 1)
        {
            yield return LadderCounty.Create(c.Levels, c.Fillers, c.Branches - 1, Math.Min(c.Branch, c.Branches - 2), c.StartHigh, c.Wages, c.Repeat);
        }

        for (var i = 0; i < c.Fillers.Length; i++)
        {
            if (c.Fillers[i] > 0)
            {
                yield return LadderCounty.Create(c.Levels, c.Fillers.SetItem(i, 0), c.Branches, c.Branch, c.StartHigh, c.Wages, c.Repeat);
            }
        }

        if (c.Repeat >= 0)
        {
            yield return LadderCounty.Create(c.Levels, c.Fillers, c.Branches, c.Branch, c.StartHigh, c.Wages, -1);
        }

        if (c.StartHigh > 0 || c.Wages > 0 || c.Branch > 0)
        {
            yield return LadderCounty.Create(c.Levels, c.Fillers, c.Branches, 0, 0, 0, c.Repeat);
        }
    }
}
