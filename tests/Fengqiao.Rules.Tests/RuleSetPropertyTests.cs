using Fengqiao.Rules.Layering;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.Rules.Tests;

/// <summary>Properties of evaluation and layering over random rule sets on a fact of four small integers.</summary>
public class RuleSetPropertyTests
{
    private const int Fields = 4;

    /// <summary>A condition as data, so that a failing case prints readably.</summary>
    public sealed record Spec(string Kind, int Field, int Threshold, Spec[] Children)
    {
        public Condition<int[]> ToCondition(string prefix, ref int counter)
        {
            switch (Kind)
            {
                case "part":
                    var (field, threshold) = (Field, Threshold);
                    return Condition.Part<int[]>($"{prefix}.p{counter++}: x{field} >= {threshold}", x => x[field] >= threshold);
                case "not":
                    return Condition.Not(Children[0].ToCondition(prefix, ref counter));
                default:
                    var parts = new Condition<int[]>[Children.Length];
                    for (var i = 0; i < parts.Length; i++)
                    {
                        parts[i] = Children[i].ToCondition(prefix, ref counter);
                    }

                    return Kind == "all" ? Condition.All(parts) : Condition.Any(parts);
            }
        }

        public bool Holds(int[] x) => Kind switch
        {
            "part" => x[Field] >= Threshold,
            "not" => !Children[0].Holds(x),
            "all" => Children.All(c => c.Holds(x)),
            _ => Children.Any(c => c.Holds(x)),
        };
    }

    public sealed record RuleSpec(Spec Condition, int Salience);

    public sealed record Sample(RuleSpec[] Rules, int[][] Facts, int[] Touched);

    private static Gen<Spec> SpecGen(int depth)
    {
        var part = from f in Gen.Choose(0, Fields - 1)
                   from t in Gen.Choose(0, 4)
                   select new Spec("part", f, t, []);
        if (depth == 0)
        {
            return part;
        }

        var group = from kind in Gen.Elements("all", "any", "not")
                    from n in Gen.Choose(0, 3)
                    from children in SpecGen(depth - 1).ArrayOf(kind == "not" ? 1 : n)
                    select new Spec(kind, 0, 0, children);
        return Gen.Frequency((3, part), (2, group));
    }

    private static readonly Gen<Sample> CaseGen =
        from n in Gen.Choose(0, 8)
        from rules in (from c in SpecGen(2) from s in Gen.Choose(-2, 2) select new RuleSpec(c, s)).ArrayOf(n)
        from facts in Gen.Choose(0, 4).ArrayOf(Fields).ArrayOf(5)
        from touched in Gen.Choose(0, 2).ArrayOf(n)
        select new Sample(rules, facts, touched);

    private static RuleSet<int[], int> Build(RuleSpec[] rules, HitPolicy policy)
    {
        var builder = new RuleSetBuilder<int[], int>("random") { HitPolicy = policy };
        for (var i = 0; i < rules.Length; i++)
        {
            var counter = 0;
            var index = i;
            builder.Add($"r{i}", "", rules[i].Condition.ToCondition($"r{i}", ref counter), _ => index, rules[i].Salience);
        }

        return builder.Build();
    }

    [Fact]
    public void Collect_ReturnsExactlyTheRulesWhoseConditionsHold()
    {
        PropertyCheck.ForAll(CaseGen, c =>
        {
            var set = Build(c.Rules, HitPolicy.Collect);
            foreach (var fact in c.Facts)
            {
                var expected = set.Rules.Where(r => r.Rule.Matches(fact)).Select(r => r.Id).ToArray();
                var byModel = Enumerable.Range(0, c.Rules.Length).Where(i => c.Rules[i].Condition.Holds(fact)).Select(i => $"r{i}").ToArray();
                Assert.Equal(byModel, expected);
                Assert.Equal(expected, set.Evaluate(fact).Matches.Select(m => m.RuleId).ToArray());
                Assert.Equal(expected, set.Explain(fact).AppliedRuleIds);
            }
        });
    }

    [Fact]
    public void Priority_ReturnsTheFirstDeclaredMatchingRuleOfMaximumSalience()
    {
        PropertyCheck.ForAll(CaseGen, c =>
        {
            var set = Build(c.Rules, HitPolicy.Priority);
            foreach (var fact in c.Facts)
            {
                var matching = Enumerable.Range(0, c.Rules.Length).Where(i => c.Rules[i].Condition.Holds(fact)).ToArray();
                var result = set.Evaluate(fact);
                if (matching.Length == 0)
                {
                    Assert.False(result.HasMatch);
                    continue;
                }

                var max = matching.Max(i => c.Rules[i].Salience);
                var expected = matching.First(i => c.Rules[i].Salience == max);
                Assert.Equal(expected, result[0].Decision);
                Assert.Equal(result, set.Explain(fact).Result);
            }
        });
    }

    [Fact]
    public void First_ReturnsTheFirstDeclaredMatchingRule()
    {
        PropertyCheck.ForAll(CaseGen, c =>
        {
            var set = Build(c.Rules, HitPolicy.First);
            foreach (var fact in c.Facts)
            {
                var expected = Enumerable.Range(0, c.Rules.Length).Where(i => c.Rules[i].Condition.Holds(fact)).Select(i => (int?)i).FirstOrDefault();
                var result = set.Evaluate(fact);
                Assert.Equal(expected, result.HasMatch ? result[0].Decision : null);
            }
        });
    }

    [Fact]
    public void With_EmptyLayer_IsIdentity()
    {
        PropertyCheck.ForAll(CaseGen, c =>
        {
            var set = Build(c.Rules, HitPolicy.Collect);
            var same = set.With(new RuleOverridesBuilder<int[], int>(RuleOrigin.County("x")).Build());
            Assert.Equal(set.Rules, same.Rules);
            foreach (var fact in c.Facts)
            {
                Assert.Equal(set.Evaluate(fact), same.Evaluate(fact));
            }
        });
    }

    [Fact]
    public void With_Layer_ChangesOnlyTheRulesItNames()
    {
        PropertyCheck.ForAll(CaseGen, c =>
        {
            var set = Build(c.Rules, HitPolicy.Collect);
            var county = RuleOrigin.County("Moyu");
            var layer = new RuleOverridesBuilder<int[], int>(county);
            var named = new HashSet<string>();
            for (var i = 0; i < c.Rules.Length; i++)
            {
                var id = $"r{i}";
                switch (c.Touched[i])
                {
                    case 1:
                        layer.Disable(id, "county says no");
                        named.Add(id);
                        break;
                    case 2:
                        layer.Replace(new Rule<int[], int>(id, "replaced", Condition.Always<int[]>(), _ => -1));
                        named.Add(id);
                        break;
                }
            }

            layer.Add(new Rule<int[], int>("added", "", Condition.Always<int[]>(), _ => 100));
            var effective = set.With(layer.Build());

            Assert.Equal(set.Rules.Count + 1, effective.Rules.Count);
            for (var i = 0; i < set.Rules.Count; i++)
            {
                var before = set.Rules[i];
                var after = effective.Rules[i];
                Assert.Equal(before.Id, after.Id);
                if (!named.Contains(before.Id))
                {
                    Assert.Same(before, after);
                }
                else
                {
                    Assert.True(after.Origin == county || after.DisabledBy == county);
                }
            }

            foreach (var fact in c.Facts)
            {
                var untouchedBefore = set.Evaluate(fact).Matches.Where(m => !named.Contains(m.RuleId)).Select(m => m.RuleId);
                var untouchedAfter = effective.Evaluate(fact).Matches.Where(m => !named.Contains(m.RuleId) && m.RuleId != "added").Select(m => m.RuleId);
                Assert.Equal(untouchedBefore, untouchedAfter);
            }
        });
    }
}
