using System.Globalization;
using Fengqiao.Rules.Layering;

namespace Fengqiao.Rules.Tables;

/// <summary>Checks decision tables against their schema and compiles them into rule sets.</summary>
internal static class TableCompiler
{
    public static List<RuleProblem> Validate(FactSchema schema, IReadOnlyList<string> targets, IReadOnlyList<DecisionRow> rows)
    {
        var problems = new List<RuleProblem>();
        var targetSet = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            if (RuleIds.Problem(target, "A target's name") is { } p)
            {
                problems.Add(new RuleProblem(RuleProblemKind.InvalidId, null, null, null, $"Target '{target}': {p}"));
            }
            else if (!targetSet.Add(target))
            {
                problems.Add(new RuleProblem(RuleProblemKind.DuplicateTarget, null, null, null, $"Target '{target}' is declared more than once."));
            }
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var r = 0; r < rows.Count; r++)
        {
            var row = rows[r];
            var rowNumber = r + 1;
            if (RuleIds.Problem(row.Id) is { } idProblem)
            {
                problems.Add(new RuleProblem(RuleProblemKind.InvalidId, row.Id, rowNumber, null, $"Row {rowNumber}: {idProblem}"));
            }
            else if (!ids.Add(row.Id))
            {
                problems.Add(new RuleProblem(RuleProblemKind.DuplicateRuleId, row.Id, rowNumber, null,
                    $"{RuleProblem.Location(rowNumber, row.Id, null)}: the id is already used by an earlier row."));
            }

            ValidateCondition(schema, row.Condition, row.Id, rowNumber, problems);
            if (!targetSet.Contains(row.Action.Target))
            {
                problems.Add(new RuleProblem(RuleProblemKind.UnknownTarget, row.Id, rowNumber, null,
                    $"{RuleProblem.Location(rowNumber, row.Id, null)}: the action names target '{row.Action.Target}', which the table does not declare; declared targets: [{string.Join(", ", targets)}]."));
            }
        }

        return problems;
    }

    public static RuleSet<FactRecord, TableDecision> Compile(DecisionTable table, RuleOrigin origin)
    {
        var builder = new RuleSetBuilder<FactRecord, TableDecision>(table.Name) { HitPolicy = table.HitPolicy, Origin = origin };
        foreach (var row in table.Rows)
        {
            builder.Add(CompileRow(table.Schema, row));
        }

        return builder.Build();
    }

    public static Rule<FactRecord, TableDecision> CompileRow(FactSchema schema, DecisionRow row)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        var decision = new TableDecision(row.Id, row.Action);
        return new Rule<FactRecord, TableDecision>(row.Id, row.Description, CompileCondition(schema, row.Condition, names), _ => decision, row.Salience);
    }

    private static Condition<FactRecord> CompileCondition(FactSchema schema, TableCondition condition, HashSet<string> names)
    {
        switch (condition.Kind)
        {
            case TableConditionKind.All:
                return Condition.All([.. condition.Children.Select(c => CompileCondition(schema, c, names))]);
            case TableConditionKind.Any:
                return Condition.Any([.. condition.Children.Select(c => CompileCondition(schema, c, names))]);
            default:
                var name = condition.ToString();
                for (var n = 2; !names.Add(name); n++)
                {
                    name = $"{condition} #{n}";
                }

                return Condition.Part(name, CompileTest(schema, schema[condition.Field!], condition.Operator, condition.Values));
        }
    }

    private static Func<FactRecord, bool> CompileTest(FactSchema schema, FactField field, ConditionOperator op, IReadOnlyList<string> values)
    {
        var i = field.Index;
        switch (field.Type)
        {
            case FieldType.Number:
                var numbers = values.Select(v => decimal.Parse(v, NumberStyles.Number, CultureInfo.InvariantCulture)).ToArray();
                var v0 = numbers.Length > 0 ? numbers[0] : 0m;
                var v1 = numbers.Length > 1 ? numbers[1] : 0m;
                return op switch
                {
                    ConditionOperator.Equal => r => Check(r, schema) && r.NumberAt(i) == v0,
                    ConditionOperator.In => r => Check(r, schema) && Array.IndexOf(numbers, r.NumberAt(i)) >= 0,
                    ConditionOperator.NotIn => r => Check(r, schema) && Array.IndexOf(numbers, r.NumberAt(i)) < 0,
                    ConditionOperator.LessThan => r => Check(r, schema) && r.NumberAt(i) < v0,
                    ConditionOperator.LessThanOrEqual => r => Check(r, schema) && r.NumberAt(i) <= v0,
                    ConditionOperator.GreaterThan => r => Check(r, schema) && r.NumberAt(i) > v0,
                    ConditionOperator.GreaterThanOrEqual => r => Check(r, schema) && r.NumberAt(i) >= v0,
                    _ => r => Check(r, schema) && r.NumberAt(i) >= v0 && r.NumberAt(i) <= v1,
                };
            case FieldType.Boolean:
            case FieldType.Enumeration:
                var size = field.Type == FieldType.Boolean ? 2 : field.Values.Count;
                var accepted = new bool[size];
                foreach (var v in values)
                {
                    accepted[field.Type == FieldType.Boolean ? (ParseBoolean(v) == true ? 1 : 0) : field.ValueIndex[v]] = true;
                }

                if (op == ConditionOperator.NotIn)
                {
                    for (var k = 0; k < size; k++)
                    {
                        accepted[k] = !accepted[k];
                    }
                }

                return r => Check(r, schema) && accepted[r.CodeAt(i)];
            case FieldType.TextList:
                var keywordSet = new HashSet<string>(values, StringComparer.Ordinal);
                return r =>
                {
                    Check(r, schema);
                    foreach (var item in r.ListAt(i))
                    {
                        if (keywordSet.Contains(item))
                        {
                            return true;
                        }
                    }

                    return false;
                };
            default:
                var texts = values.ToArray();
                var textSet = new HashSet<string>(texts, StringComparer.Ordinal);
                return op switch
                {
                    ConditionOperator.Equal => r => Check(r, schema) && string.Equals(r.TextAt(i), texts[0], StringComparison.Ordinal),
                    ConditionOperator.In => r => Check(r, schema) && textSet.Contains(r.TextAt(i)),
                    ConditionOperator.NotIn => r => Check(r, schema) && !textSet.Contains(r.TextAt(i)),
                    _ => r =>
                    {
                        Check(r, schema);
                        var text = r.TextAt(i);
                        foreach (var keyword in texts)
                        {
                            if (text.Contains(keyword, StringComparison.Ordinal))
                            {
                                return true;
                            }
                        }

                        return false;
                    },
                };
        }
    }

    private static bool Check(FactRecord record, FactSchema schema)
    {
        if (!ReferenceEquals(record.Schema, schema))
        {
            throw new ArgumentException("The fact record was built from another fact schema than the table's; create records with the table's Schema.CreateRecord().", nameof(record));
        }

        return true;
    }

    internal static bool? ParseBoolean(string value) =>
        value.Equals("true", StringComparison.OrdinalIgnoreCase) ? true
        : value.Equals("false", StringComparison.OrdinalIgnoreCase) ? false
        : null;

    internal static bool Allows(FieldType type, ConditionOperator op) => op switch
    {
        ConditionOperator.Equal or ConditionOperator.In or ConditionOperator.NotIn => type != FieldType.TextList,
        ConditionOperator.ContainsAny => type is FieldType.Text or FieldType.TextList,
        _ => type == FieldType.Number,
    };

    private static void ValidateCondition(FactSchema schema, TableCondition condition, string ruleId, int row, List<RuleProblem> problems)
    {
        if (condition.Kind != TableConditionKind.Test)
        {
            foreach (var child in condition.Children)
            {
                ValidateCondition(schema, child, ruleId, row, problems);
            }

            return;
        }

        var name = condition.Field!;
        void Add(RuleProblemKind kind, string text) =>
            problems.Add(new RuleProblem(kind, ruleId, row, name, $"{RuleProblem.Location(row, ruleId, name)}: {text}"));

        if (!schema.TryGetField(name, out var field))
        {
            Add(RuleProblemKind.UnknownField, $"the fact schema has no such field; it has: {string.Join(", ", schema.Fields.Select(f => f.Name))}.");
            return;
        }

        var op = condition.Operator;
        if (!Enum.IsDefined(op))
        {
            Add(RuleProblemKind.InvalidCondition, $"operator {(int)op} is not a defined condition operator.");
            return;
        }

        var opText = TableCondition.OperatorText(op);
        if (!Allows(field.Type, op))
        {
            var fits = string.Join(", ", Enum.GetValues<FieldType>().Where(t => Allows(t, op)).Select(FactField.TypeText));
            Add(RuleProblemKind.OperatorNotAllowed, $"operator '{opText}' does not apply to a field of type {FactField.TypeText(field.Type)}; it applies to: {fits}.");
            return;
        }

        var values = condition.Values;
        var (min, max) = op switch
        {
            ConditionOperator.In or ConditionOperator.NotIn or ConditionOperator.ContainsAny => (1, int.MaxValue),
            ConditionOperator.Between => (2, 2),
            _ => (1, 1),
        };
        if (values.Count < min || values.Count > max)
        {
            Add(RuleProblemKind.WrongValueCount, $"operator '{opText}' takes {(min == max ? min.ToString(CultureInfo.InvariantCulture) : "at least " + min.ToString(CultureInfo.InvariantCulture))} value(s), got {values.Count}.");
            return;
        }

        var parsed = new List<decimal>();
        foreach (var value in values)
        {
            switch (field.Type)
            {
                case FieldType.Number when decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                    parsed.Add(number);
                    break;
                case FieldType.Number:
                    Add(RuleProblemKind.ValueNotOfFieldType, $"value '{value}' is not a number (write numbers like 3 or 2.5).");
                    break;
                case FieldType.Boolean when ParseBoolean(value) is null:
                    Add(RuleProblemKind.ValueNotOfFieldType, $"value '{value}' is not a boolean (true or false).");
                    break;
                case FieldType.Enumeration when !field.ValueIndex.ContainsKey(value):
                    Add(RuleProblemKind.ValueOutsideEnumeration, $"value '{value}' is not one of the enumeration's values [{string.Join(", ", field.Values)}].");
                    break;
                case FieldType.Text or FieldType.TextList when op == ConditionOperator.ContainsAny && value.Length == 0:
                    Add(RuleProblemKind.InvalidCondition, "an empty keyword would match every text.");
                    break;
            }
        }

        if (op == ConditionOperator.Between && parsed.Count == 2 && parsed[0] > parsed[1])
        {
            Add(RuleProblemKind.InvalidRange, $"between {values[0]} and {values[1]}: the lower bound is above the upper bound.");
        }
    }
}
