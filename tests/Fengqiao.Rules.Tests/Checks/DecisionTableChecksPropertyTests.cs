using System.Globalization;
using Fengqiao.Rules.Checks;
using Fengqiao.Rules.Evaluation;
using Fengqiao.Rules.Tables;
using Fengqiao.TestSupport;
using Fengqiao.Testing;
using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.Rules.Tests.Checks;

/// <summary>Overlap and gap checks agree with evaluation on random tables over enumerable fields.</summary>
public class DecisionTableChecksPropertyTests
{
    private static readonly FactSchema Schema = new FactSchemaBuilder()
        .AddEnumeration("colour", "red", "green", "blue")
        .AddBoolean("flag")
        .AddNumber("n")
        .Build();

    private static readonly decimal[] Numbers = [-1m, 0m, 0.5m, 1m, 1.5m, 2m, 2.5m, 3m, 3.5m, 4m, 4.5m, 5m];

    public sealed record Fact(string Colour, bool Flag, decimal N)
    {
        public FactRecord ToRecord() => Schema.CreateRecord().Set("colour", Colour).Set("flag", Flag).Set("n", N).Build();
    }

    public sealed record Sample(TableCondition[] Rows, Fact[] Facts)
    {
        public override string ToString() => string.Join(" | ", Rows.Select(r => r.ToString())) + " ; " + string.Join(", ", Facts.Select(f => f.ToString()));
    }

    private static readonly Gen<TableCondition> TestGen = Gen.OneOf(
        from op in Gen.Elements(ConditionOperator.Equal, ConditionOperator.In, ConditionOperator.NotIn)
        from values in Gen.SubListOf("red", "green", "blue").Where(v => v.Count > 0)
        select TableCondition.Test("colour", op, op == ConditionOperator.Equal ? [values[0]] : [.. values]),
        from b in Gen.Elements(true, false) select TableCondition.Equal("flag", b),
        from op in Gen.Elements(ConditionOperator.Equal, ConditionOperator.LessThan, ConditionOperator.LessThanOrEqual, ConditionOperator.GreaterThan, ConditionOperator.GreaterThanOrEqual)
        from t in Gen.Choose(0, 4)
        select TableCondition.Test("n", op, t.ToString(CultureInfo.InvariantCulture)),
        from lo in Gen.Choose(0, 3) from width in Gen.Choose(0, 2) select TableCondition.Between("n", lo, lo + width));

    private static readonly Gen<TableCondition> RowGen =
        from kind in Gen.Elements(TableConditionKind.All, TableConditionKind.Any)
        from tests in TestGen.ArrayOf().Where(t => t.Length is >= 1 and <= 3)
        select kind == TableConditionKind.All ? TableCondition.All(tests) : TableCondition.Any(tests);

    private static readonly Gen<Fact> FactGen =
        from c in Gen.Elements("red", "green", "blue")
        from f in Gen.Elements(true, false)
        from n in Gen.Elements(Numbers)
        select new Fact(c, f, n);

    private static readonly Gen<Sample> SampleGen =
        from rows in RowGen.ArrayOf().Where(r => r.Length <= 5)
        from facts in FactGen.ArrayOf().Where(f => f.Length >= 1)
        select new Sample(rows, facts);

    private static DecisionTable Table(Sample sample, HitPolicy policy)
    {
        var builder = new DecisionTableBuilder("random", Schema) { HitPolicy = policy }.AddTargets("t");
        for (var i = 0; i < sample.Rows.Length; i++)
        {
            builder.AddRow($"r{i}", "", sample.Rows[i], new TableAction("t"));
        }

        return builder.Build();
    }

    private static FactRecord FromSamples(IReadOnlyList<FieldSample> samples, Fact fill)
    {
        var record = Schema.CreateRecord().Set("colour", fill.Colour).Set("flag", fill.Flag).Set("n", fill.N);
        foreach (var s in samples)
        {
            _ = s.Field switch
            {
                "colour" => record.Set("colour", s.Value),
                "flag" => record.Set("flag", bool.Parse(s.Value)),
                _ => record.Set("n", decimal.Parse(s.Value, CultureInfo.InvariantCulture)),
            };
        }

        return record.Build();
    }

    [Fact]
    public void Check_AgreesWithEvaluation()
    {
        PropertyCheck.ForAll(SampleGen, sample =>
        {
            var table = Table(sample, HitPolicy.Collect);
            var rules = table.ToRuleSet();
            var report = DecisionTableChecks.Check(table);
            Assert.True(report.IsExhaustive);

            // Every witness really makes both rows match, whatever the fields it leaves out.
            foreach (var overlap in report.Overlaps)
            {
                foreach (var fill in sample.Facts)
                {
                    var matched = rules.Evaluate(FromSamples(overlap.Witness, fill)).Matches.Select(m => m.RuleId).ToArray();
                    Assert.Contains(overlap.FirstRuleId, matched);
                    Assert.Contains(overlap.SecondRuleId, matched);
                }
            }

            // Every gap really matches no row, whatever the fields it leaves out.
            foreach (var gap in report.Gaps)
            {
                foreach (var fill in sample.Facts)
                {
                    Assert.False(rules.Evaluate(FromSamples(gap.Values, fill)).HasMatch, $"gap {gap} filled with {fill}");
                }
            }

            // Nothing is missed: any fact that matches no row, or two rows, is reported.
            var pairs = report.Overlaps.Select(o => (o.FirstRuleId, o.SecondRuleId)).ToHashSet();
            foreach (var fact in sample.Facts)
            {
                var matched = rules.Evaluate(fact.ToRecord()).Matches.Select(m => m.RuleId).ToArray();
                if (matched.Length == 0)
                {
                    Assert.NotEmpty(report.Gaps);
                }

                for (var a = 0; a < matched.Length; a++)
                {
                    for (var b = a + 1; b < matched.Length; b++)
                    {
                        Assert.Contains((matched[a], matched[b]), pairs);
                    }
                }
            }
        });
    }

    [Fact]
    public void Unique_ThrowsExactlyWhenTwoRowsMatch()
    {
        PropertyCheck.ForAll(SampleGen, sample =>
        {
            var unique = Table(sample, HitPolicy.Unique).ToRuleSet();
            var collect = Table(sample, HitPolicy.Collect).ToRuleSet();
            foreach (var fact in sample.Facts.Select(f => f.ToRecord()))
            {
                var all = collect.Evaluate(fact).Matches.Select(m => m.RuleId).ToArray();
                if (all.Length > 1)
                {
                    Assert.Equal(all, Assert.Throws<RuleConflictException>(() => unique.Evaluate(fact)).RuleIds);
                }
                else
                {
                    Assert.Equal(all, unique.Evaluate(fact).Matches.Select(m => m.RuleId));
                }
            }
        });
    }
}
