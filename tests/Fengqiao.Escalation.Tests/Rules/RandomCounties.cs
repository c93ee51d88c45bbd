using System.Collections.Immutable;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Rules;
using Fengqiao.Sla;
using FsCheck;
using FsCheck.Fluent;
using NodaTime;

namespace Fengqiao.Escalation.Tests.Rules;

/// <summary>A random ladder bound to a random org tree, with default rules configured for it.</summary>
internal sealed record RandomCounty(Ladder Ladder, OrgTree Tree, LadderPath Path, EscalationRuleOptions Options)
{
    public override string ToString() =>
        $"ladder {Ladder.Key} ({Ladder.Levels.Length} levels), path {Path.Describe()}, start-high '{Options.MustStartHighLevel}', wages '{Options.WageArrearsLevel}', repeat '{Options.RepeatTargetLevel}'";
}

/// <summary>Generators of random counties and random fact histories for the escalation properties.</summary>
internal static class RandomCounties
{
    // EscalationSamples.Monday, kept here so that the Profiles tests can compile this generator too.
    private static readonly Instant Now = Instant.FromUtc(2026, 3, 2, 1, 0);

    /// <summary>2–7 levels; 1–3 branches under one top unit; 0–2 untagged filler posts between levels.</summary>
    public static Gen<RandomCounty> County { get; } =
        from levels in Gen.Choose(2, 7)
        from fillers in Gen.ArrayOf(Gen.Choose(0, 2), 7)
        from branches in Gen.Choose(1, 3)
        from branch in Gen.Choose(0, branches - 1)
        from startHigh in Gen.Choose(0, levels - 1)
        from wages in Gen.Choose(0, levels - 1)
        from repeat in Gen.Choose(-1, levels - 1)
        select Build(levels, fillers, branches, branch, startHigh, wages, repeat);

    public static Gen<EscalationFacts> Facts(RandomCounty county)
    {
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
            select new EscalationFacts(new CaseId("c-random"), new CaseCategory(category), county.Path.Steps[holder].Unit.Id, Now)
            {
                DeclaredUnresolvable = unresolvable,
                HandlingStage = stage,
                Keywords = [.. keywords],
                SameMatterReports = [.. reportDays.Select(d => Now - Duration.FromDays(d))],
                LatestRating = rating,
                RatedBy = rater,
                ClosedBy = closed ? county.Path.Steps[holder].Unit.Id : null,
                ReopenedByDeputy = closed && deputy,
                PendingInstruction = instructionLevel < 0
                    ? null
                    : new LeaderInstruction(county.Ladder.Levels[instructionLevel].Key, TimeLimit.WorkingDays(instructionDays), Now),
                LastMovedUpAt = lastMovedDays < 0 ? null : Now - Duration.FromDays(lastMovedDays),
            };
    }

    public static Gen<(RandomCounty County, EscalationFacts Facts)> CountyAndFacts { get; } =
        from county in County
        from facts in Facts(county)
        select (county, facts);

    private static RandomCounty Build(int levels, int[] fillers, int branches, int branch, int startHigh, int wages, int repeat)
    {
        var keys = Enumerable.Range(0, levels).Select(i => $"l{i}").ToArray();
        var ladder = new Ladder(
            $"random-{levels}",
            "random ladder",
            keys.Select((k, i) => new LadderLevel(k, $"Level {i}", i == 0 ? [OrgUnitKind.Grid] : ImmutableArray<OrgUnitKind>.Empty)));
        var builder = new OrgTreeBuilder();
        var top = new OrgUnitId("top");
        builder.AddUnit(top, "top", OrgUnitKind.Post, null, [keys[^1]]);
        for (var b = 0; b < branches; b++)
        {
            var parent = top;
            for (var i = levels - 2; i >= 0; i--)
            {
                for (var f = 0; f < fillers[i]; f++)
                {
                    var filler = new OrgUnitId($"b{b}-f{i}-{f}");
                    builder.AddUnit(filler, "filler", OrgUnitKind.Post, parent);
                    parent = filler;
                }

                var unit = new OrgUnitId($"b{b}-l{i}");
                builder.AddUnit(unit, $"branch {b} level {i}", i == 0 ? OrgUnitKind.Grid : OrgUnitKind.Post, parent, i == 0 ? null : [keys[i]]);
                parent = unit;
            }
        }

        var tree = builder.Build();
        var path = ladder.Resolve(tree, new OrgUnitId($"b{branch}-l0"));
        var options = new EscalationRuleOptions
        {
            MustStartHighLevel = keys[startHigh],
            WageArrearsLevel = keys[wages],
            RepeatTargetLevel = repeat < 0 ? null : keys[repeat],
        };
        return new RandomCounty(ladder, tree, path, options);
    }
}
