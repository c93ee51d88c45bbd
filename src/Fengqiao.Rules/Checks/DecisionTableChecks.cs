using System.Globalization;
using Fengqiao.Rules.Tables;

namespace Fengqiao.Rules.Checks;

/// <summary>Finds the rows of a decision table that overlap (both match some input) and the inputs no row covers.</summary>
/// <remarks>
/// <para>The check is exhaustive over a finite set of representative values per field that some row reads:
/// booleans — true and false; enumerations — every declared value; numbers — every literal the table compares the
/// field with, a value between each two neighbours, and one below and one above them all (so every range the
/// comparisons can tell apart is tried); texts — every literal and keyword, plus one text equal to none and containing
/// none; text lists — the empty list and each keyword alone. Fields no row reads are fixed and not reported.</para>
/// <para>Each combination is tested with the compiled rules themselves, so the check and evaluation cannot disagree.
/// For texts and text lists the representatives are a heuristic (a text may contain two keywords at once); for
/// booleans, enumerations and numbers the result is exact.</para>
/// <para>Cost: the product of the fields' representative counts, each tested against every row; the check stops after
/// <c>maxCombinations</c> and says so (<see cref="TableCheckReport.IsExhaustive"/>).</para>
/// </remarks>
/// <threadsafety>All members are thread-safe.</threadsafety>
internal static class DecisionTableChecks
{
    /// <summary>Checks a table for overlapping rows and uncovered inputs.</summary>
    /// <param name="table">The table.</param>
    /// <param name="maxCombinations">The most combinations to examine; at least 1. Default 100 000.</param>
    /// <returns>The overlaps (one witness per pair of rows) and gaps found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="table"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCombinations"/> is below 1.</exception>
    public static TableCheckReport Check(DecisionTable table, long maxCombinations = 100_000)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCombinations, 1);

        var schema = table.Schema;
        var rules = table.ToRuleSet().Rules.Select(e => e.Rule).ToArray();
        var fieldsByRow = table.Rows.Select(r => FieldsOf(r.Condition)).ToArray();
        var used = schema.Fields.Where(f => fieldsByRow.Any(s => s.Contains(f.Name))).ToArray();
        var domains = used.Select(f => Domain(f, table.Rows)).ToArray();

        long combinations = 1;
        foreach (var domain in domains)
        {
            combinations = combinations > long.MaxValue / domain.Length ? long.MaxValue : combinations * domain.Length;
        }

        var overlaps = new List<RuleOverlap>();
        var seenPairs = new HashSet<(int, int)>();
        var gapDigits = new List<int[]>();
        var digits = new int[domains.Length];
        var matching = new List<int>();
        long examined = 0;
        while (examined < Math.Min(combinations, maxCombinations))
        {
            var record = schema.CreateRecord();
            foreach (var field in schema.Fields)
            {
                var u = Array.IndexOf(used, field);
                if (u >= 0)
                {
                    domains[u][digits[u]].Set(record);
                }
                else
                {
                    SetDefault(record, field);
                }
            }

            var fact = record.Build();
            matching.Clear();
            for (var i = 0; i < rules.Length; i++)
            {
                if (rules[i].Matches(fact))
                {
                    matching.Add(i);
                }
            }

            if (matching.Count == 0)
            {
                gapDigits.Add((int[])digits.Clone());
            }

            for (var a = 0; a < matching.Count; a++)
            {
                for (var b = a + 1; b < matching.Count; b++)
                {
                    var (x, y) = (matching[a], matching[b]);
                    if (seenPairs.Add((x, y)))
                    {
                        overlaps.Add(new RuleOverlap(rules[x].Id, rules[y].Id,
                            Samples(used, domains, digits, f => fieldsByRow[x].Contains(f) || fieldsByRow[y].Contains(f))));
                    }
                }
            }

            examined++;
            for (var d = digits.Length - 1; d >= 0; d--)
            {
                if (++digits[d] < domains[d].Length)
                {
                    break;
                }

                digits[d] = 0;
            }
        }

        overlaps.Sort((p, q) =>
        {
            var first = Array.FindIndex(rules, r => r.Id == p.FirstRuleId).CompareTo(Array.FindIndex(rules, r => r.Id == q.FirstRuleId));
            return first != 0 ? first : Array.FindIndex(rules, r => r.Id == p.SecondRuleId).CompareTo(Array.FindIndex(rules, r => r.Id == q.SecondRuleId));
        });
        var gaps = Merge(gapDigits, domains)
            .Select(g => new CoverageGap(Samples(used, domains, g, _ => true)))
            .ToArray();
        return new TableCheckReport(table.Name, overlaps.AsReadOnly(), Array.AsReadOnly(gaps), combinations, examined);
    }

    /// <summary>Collapses gaps that differ only in one field and cover all its values into one gap where that field
    /// is free (-1), field by field, keeping the order of first appearance.</summary>
    private static List<int[]> Merge(List<int[]> gaps, Representative[][] domains)
    {
        for (var d = 0; d < domains.Length; d++)
        {
            var groups = new Dictionary<string, List<int[]>>(StringComparer.Ordinal);
            var order = new List<string>();
            foreach (var gap in gaps)
            {
                var key = string.Join(",", gap.Select((v, i) => i == d ? "_" : v.ToString(CultureInfo.InvariantCulture)));
                if (!groups.TryGetValue(key, out var group))
                {
                    groups[key] = group = [];
                    order.Add(key);
                }

                group.Add(gap);
            }

            var merged = new List<int[]>();
            foreach (var key in order)
            {
                var group = groups[key];
                if (group.All(g => g[d] >= 0) && group.Select(g => g[d]).Distinct().Count() == domains[d].Length)
                {
                    var free = (int[])group[0].Clone();
                    free[d] = -1;
                    merged.Add(free);
                }
                else
                {
                    merged.AddRange(group);
                }
            }

            gaps = merged;
        }

        return gaps;
    }

    private static FieldSample[] Samples(FactField[] used, Representative[][] domains, int[] digits, Func<string, bool> include)
    {
        var samples = new List<FieldSample>();
        for (var u = 0; u < used.Length; u++)
        {
            if (digits[u] >= 0 && include(used[u].Name))
            {
                var r = domains[u][digits[u]];
                samples.Add(new FieldSample(used[u].Name, r.Value, r.Description));
            }
        }

        return [.. samples];
    }

    private static HashSet<string> FieldsOf(TableCondition condition)
    {
        var fields = new HashSet<string>(StringComparer.Ordinal);
        void Walk(TableCondition c)
        {
            if (c.Kind == TableConditionKind.Test)
            {
                fields.Add(c.Field!);
            }

            foreach (var child in c.Children)
            {
                Walk(child);
            }
        }

        Walk(condition);
        return fields;
    }

    private static IEnumerable<TableCondition> Tests(TableCondition condition, string field) =>
        condition.Kind == TableConditionKind.Test
            ? condition.Field == field ? [condition] : []
            : condition.Children.SelectMany(c => Tests(c, field));

    private static Representative[] Domain(FactField field, IReadOnlyList<DecisionRow> rows)
    {
        var name = field.Name;
        var literals = rows.SelectMany(r => Tests(r.Condition, name)).SelectMany(t => t.Values).Distinct(StringComparer.Ordinal).ToArray();
        switch (field.Type)
        {
            case FieldType.Boolean:
                return [new(name, b => b.Set(name, false), "false", "= false"), new(name, b => b.Set(name, true), "true", "= true")];
            case FieldType.Enumeration:
                return [.. field.Values.Select(v => new Representative(name, b => b.Set(name, v), v, "= " + v))];
            case FieldType.Number:
                var points = literals.Select(v => decimal.Parse(v, NumberStyles.Number, CultureInfo.InvariantCulture)).Distinct().Order().ToArray();
                if (points.Length == 0)
                {
                    return [Number(name, 0m, "= 0")];
                }

                var domain = new List<Representative> { Number(name, points[0] - 1, "< " + Text(points[0])) };
                for (var i = 0; i < points.Length; i++)
                {
                    domain.Add(Number(name, points[i], "= " + Text(points[i])));
                    if (i + 1 < points.Length)
                    {
                        domain.Add(Number(name, (points[i] + points[i + 1]) / 2, $"between {Text(points[i])} and {Text(points[i + 1])} (exclusive)"));
                    }
                }

                domain.Add(Number(name, points[^1] + 1, "> " + Text(points[^1])));
                return [.. domain];
            case FieldType.TextList:
                return [new(name, b => b.Set(name, Array.Empty<string>()), "[]", "= [] (none of the keywords)"),
                    .. literals.Select(k => new Representative(name, b => b.Set(name, [k]), "[" + k + "]", "contains " + k))];
            default:
                var other = "(other)";
                while (literals.Any(l => l.Length > 0 && other.Contains(l, StringComparison.Ordinal)) || literals.Contains(other, StringComparer.Ordinal))
                {
                    other += "~";
                }

                return [.. literals.Select(l => new Representative(name, b => b.Set(name, l), l, "= " + l)),
                    new(name, b => b.Set(name, other), other, "= (any other text)")];
        }
    }

    private static Representative Number(string name, decimal value, string description) =>
        new(name, b => b.Set(name, value), Text(value), description);

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private static void SetDefault(FactRecordBuilder record, FactField field)
    {
        switch (field.Type)
        {
            case FieldType.Number:
                record.Set(field.Name, 0m);
                break;
            case FieldType.Boolean:
                record.Set(field.Name, false);
                break;
            case FieldType.Enumeration:
                record.Set(field.Name, field.Values[0]);
                break;
            case FieldType.TextList:
                record.Set(field.Name, Array.Empty<string>());
                break;
            default:
                record.Set(field.Name, "");
                break;
        }
    }

    private sealed record Representative(string Field, Action<FactRecordBuilder> Set, string Value, string Description);
}
