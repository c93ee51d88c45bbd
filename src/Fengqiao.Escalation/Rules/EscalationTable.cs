using System.Globalization;
using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Escalation.Ladders;
using Fengqiao.Escalation.Supervision;
using Fengqiao.Rules;
using Fengqiao.Rules.Layering;
using Fengqiao.Rules.Tables;
using Fengqiao.Sla;
using NodaTime;

namespace Fengqiao.Escalation.Rules;

/// <summary>
/// Escalation rules (升级规则) as data: the fact schema and targets a county profile's decision table uses, the default
/// rules stated as such a table, and the bridge that turns a table into rules an <see cref="EscalationPolicy"/> runs.
/// </summary>
/// <remarks>
/// <para>The schema (<see cref="SchemaFor"/>) depends on the ladder: besides the case's fields it has one boolean
/// field <c>below_&lt;level&gt;</c> per ladder level ("the holder sits below that level"), so a row can say
/// <c>below_task-force = true</c>. Fields: <c>category</c> (text), <c>keywords</c> (text list, exact match),
/// <c>keyword_text</c> (the keywords joined, for substring matching with contains-any, as the code-first rules do),
/// <c>priority</c> (normal/urgent/emergency), <c>holder_level</c> (the ladder's level keys), <c>holder_at_top</c>,
/// <c>declared_unresolvable</c>, <c>handling_stage</c> (on-track/warning/overdue: the holder's clock, or its relay level's budget when that is later), <c>citizen_stage</c> (the citizen clock from registration, which no move resets), <c>repeats</c> (reports of the same
/// matter within the window given to <see cref="ToRuleSet"/> and since the case last moved up,
/// <see cref="EscalationFacts.RepeatReports"/>), <c>rating</c>
/// (not-rated/satisfied/basically-satisfied/unsatisfied), <c>rated_by</c> (citizen/deputy), <c>closer_below_top</c>,
/// <c>deputy_reopened</c>, <c>instruction_pending</c>, <c>instruction_at_or_above_holder</c>, <c>tier</c>
/// (none/simple/complex/difficult, <see cref="EscalationFacts.Tier"/>) and <c>month</c> (the month of registration, 1–12,
/// in the county's time zone, <see cref="EscalationFacts.RegisteredMonth"/>; a profile's <c>season</c> is written as
/// months).</para>
/// <para>Targets (<see cref="Targets"/>) are the decision kinds: <c>stay</c>, <c>next-level</c>, <c>to-level</c>,
/// <c>start-at</c>, <c>reopen-above-closer</c> and <c>supervise-as-instructed</c>. Parameters: <c>level</c> (for
/// to-level and start-at), <c>department</c>, and for attached supervision <c>supervision</c>
/// (yellow/red/listed), <c>supervision_limit</c> (a <see cref="TimeLimit"/> text such as <c>3 working days</c>) and
/// optionally <c>supervision_by</c> (a level key).</para>
/// <para>A table-compiled rule reads a <see cref="FactRecord"/> made from the situation on each test, so it is slower
/// than the code-first rules of <see cref="DefaultEscalationRules"/>; both decide the same for the default rules
/// (a property test checks it on random ladders and facts).</para>
/// </remarks>
/// <threadsafety>All members are thread-safe; what they return is immutable.</threadsafety>
public static class EscalationTable
{
    /// <summary>Gets the targets a table's actions may name.</summary>
    public static IReadOnlyList<string> Targets { get; } =
        ["stay", "next-level", "to-level", "start-at", "reopen-above-closer", "supervise-as-instructed"];

    /// <summary>Creates the fact schema for tables over a ladder.</summary>
    /// <param name="ladder">The ladder.</param>
    /// <returns>The schema (see the type's remarks for its fields).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ladder"/> is null.</exception>
    internal static FactSchema SchemaFor(Ladder ladder)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        var builder = new FactSchemaBuilder()
            .AddText("category")
            .AddTextList("keywords")
            .AddText("keyword_text")
            .AddEnumeration("priority", "normal", "urgent", "emergency")
            .AddEnumeration("holder_level", [.. ladder.Levels.Select(l => l.Key)])
            .AddBoolean("holder_at_top")
            .AddBoolean("declared_unresolvable")
            .AddEnumeration("handling_stage", "on-track", "warning", "overdue")
            .AddEnumeration("citizen_stage", "on-track", "warning", "overdue")
            .AddNumber("repeats")
            .AddEnumeration("rating", "not-rated", "satisfied", "basically-satisfied", "unsatisfied")
            .AddEnumeration("rated_by", "citizen", "deputy")
            .AddBoolean("closer_below_top")
            .AddBoolean("deputy_reopened")
            .AddBoolean("instruction_pending")
            .AddBoolean("instruction_at_or_above_holder")
            .AddEnumeration("tier", "none", "simple", "complex", "difficult")
            .AddNumber("month");
        foreach (var level in ladder.Levels)
        {
            builder.AddBoolean("below_" + level.Key);
        }

        return builder.Build();
    }

    /// <summary>States the default escalation rules as a decision table over a ladder (priority hit policy, the same
    /// ids, descriptions and saliences as <see cref="DefaultEscalationRules.Create"/>).</summary>
    /// <param name="ladder">The ladder.</param>
    /// <param name="options">The parameters; the documented defaults when null. The repeat window is not part of the
    /// table: pass <see cref="EscalationRuleOptions.RepeatWindow"/> to <see cref="ToRuleSet"/>.</param>
    /// <returns>The table.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="ladder"/> is null.</exception>
    /// <exception cref="EscalationException">The options are invalid for the ladder (as for
    /// <see cref="DefaultEscalationRules.Create"/>).</exception>
    public static DecisionTable CreateDefault(Ladder ladder, EscalationRuleOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(ladder);
        options ??= new EscalationRuleOptions();
        var reference = DefaultEscalationRules.Create(options, ladder);
        string Description(string id) => reference.TryGetRule(id, out var r) ? r.Rule.Description : id;

        var notAtTop = TableCondition.Equal("holder_at_top", false);
        var repeatGuard = options.RepeatTargetLevel is { } repeatLevel ? TableCondition.Equal("below_" + repeatLevel, true) : notAtTop;
        return new DecisionTableBuilder(DefaultEscalationRules.RuleSetName, SchemaFor(ladder)) { HitPolicy = HitPolicy.Priority }
            .AddTargets([.. Targets])
            .AddRow(EscalationRuleIds.LeaderInstruction, Description(EscalationRuleIds.LeaderInstruction),
                TableCondition.All(TableCondition.Equal("instruction_pending", true), TableCondition.Equal("instruction_at_or_above_holder", true)),
                new TableAction("supervise-as-instructed"), 60)
            .AddRow(EscalationRuleIds.MustStartHigh, Description(EscalationRuleIds.MustStartHigh),
                TableCondition.All(
                    TableCondition.Any(TableCondition.In("category", [.. options.MustStartHighCategories]), TableCondition.ContainsAny("keyword_text", [.. options.MustStartHighKeywords])),
                    TableCondition.Equal("below_" + options.MustStartHighLevel, true)),
                new TableAction("start-at", [new("level", options.MustStartHighLevel), .. SupervisionParameters(options.MustStartHighSupervision)]), 50)
            .AddRow(EscalationRuleIds.WageArrears, Description(EscalationRuleIds.WageArrears),
                TableCondition.All(
                    TableCondition.Any(TableCondition.In("category", [.. options.WageArrearsCategories]), TableCondition.ContainsAny("keyword_text", [.. options.WageArrearsKeywords])),
                    TableCondition.Equal("below_" + options.WageArrearsLevel, true)),
                new TableAction("start-at", [new("level", options.WageArrearsLevel), .. options.WageArrearsDepartment is { } d ? [new KeyValuePair<string, string>("department", d)] : Array.Empty<KeyValuePair<string, string>>()]), 45)
            .AddRow(EscalationRuleIds.ReopenAboveCloser, Description(EscalationRuleIds.ReopenAboveCloser),
                TableCondition.All(
                    TableCondition.Equal("closer_below_top", true),
                    TableCondition.Any(TableCondition.Equal("rating", "unsatisfied"), TableCondition.Equal("deputy_reopened", true))),
                new TableAction("reopen-above-closer"), 40)
            .AddRow(EscalationRuleIds.RepeatComplaint, Description(EscalationRuleIds.RepeatComplaint),
                TableCondition.All(TableCondition.GreaterThanOrEqual("repeats", options.RepeatThreshold), repeatGuard),
                options.RepeatTargetLevel is { } level ? new TableAction("to-level", [new("level", level)]) : new TableAction("next-level"), 30)
            .AddRow(EscalationRuleIds.Overdue, Description(EscalationRuleIds.Overdue),
                TableCondition.All(TableCondition.Equal("handling_stage", "overdue"), notAtTop),
                new TableAction("next-level", SupervisionParameters(options.OverdueSupervision)), 20)
            .AddRow(EscalationRuleIds.CannotResolve, Description(EscalationRuleIds.CannotResolve),
                TableCondition.All(TableCondition.Equal("declared_unresolvable", true), notAtTop),
                new TableAction("next-level"), 10)
            .Build();
    }

    /// <summary>Compiles a table into rules an <see cref="EscalationPolicy"/> runs.</summary>
    /// <param name="table">A table over <see cref="SchemaFor"/> of <paramref name="ladder"/>'s schema, naming
    /// <see cref="Targets"/>.</param>
    /// <param name="ladder">The ladder the table was written for; facts on another ladder's path are refused.</param>
    /// <param name="repeatWindow">The window the <c>repeats</c> field counts reports in.</param>
    /// <param name="origin">Where the rules come from; <see cref="RuleOrigin.Default"/> when null.</param>
    /// <returns>A rule set with one rule per row (same id, description, salience and order); each rule has one part,
    /// named after the row's condition.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="repeatWindow"/> is not positive.</exception>
    /// <exception cref="EscalationException">The table names a target outside <see cref="Targets"/>, an action lacks or
    /// mis-states a parameter, or the table's schema has a field <see cref="SchemaFor"/> does not; every problem is
    /// listed with its row id.</exception>
    public static RuleSet<EscalationSituation, EscalationDecision> ToRuleSet(DecisionTable table, Ladder ladder, Duration repeatWindow, RuleOrigin? origin = null)
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(ladder);
        if (repeatWindow <= Duration.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(repeatWindow), repeatWindow, "The repeat-complaint window must be positive.");
        }

        var schema = table.Schema;
        var expected = SchemaFor(ladder);
        var problems = new List<string>();
        foreach (var field in schema.Fields)
        {
            if (!expected.TryGetField(field.Name, out var known) || known.Type != field.Type)
            {
                problems.Add($"table '{table.Name}': field '{field.Name}' ({field.Type}) is not a field of the escalation schema for ladder '{ladder.Key}'.");
            }
        }

        var compiled = table.ToRuleSet(origin);
        var builder = new RuleSetBuilder<EscalationSituation, EscalationDecision>(table.Name) { HitPolicy = table.HitPolicy, Origin = origin ?? RuleOrigin.Default };
        foreach (var entry in compiled.Rules)
        {
            var row = table.Rows.First(r => r.Id == entry.Id);
            var decision = ToDecision(row.Id, row.Action, ladder, problems);
            var rule = entry.Rule;
            builder.Add(
                row.Id,
                row.Description,
                Condition.Part<EscalationSituation>(row.Condition.ToString(), s => rule.Matches(ToRecord(schema, ladder, s, repeatWindow))),
                decision is null ? _ => EscalationDecision.None : s => decision(s),
                row.Salience);
        }

        if (problems.Count > 0)
        {
            throw new EscalationException(
                $"Decision table '{table.Name}' cannot be used as escalation rules; {problems.Count} problem(s):{Environment.NewLine}- {string.Join(Environment.NewLine + "- ", problems)}",
                ruleId: table.Rows.FirstOrDefault(r => problems[0].Contains($"'{r.Id}'", StringComparison.Ordinal))?.Id);
        }

        return builder.Build();
    }

    /// <summary>Makes the record a table reads from a situation.</summary>
    /// <param name="schema">The table's schema (from <see cref="SchemaFor"/>).</param>
    /// <param name="ladder">The ladder the schema was made for.</param>
    /// <param name="situation">The situation.</param>
    /// <param name="repeatWindow">The window for <c>repeats</c>.</param>
    /// <returns>The record.</returns>
    /// <exception cref="ArgumentNullException">A reference argument is null.</exception>
    /// <exception cref="EscalationException">The situation's path is on another ladder.</exception>
    public static FactRecord ToRecord(FactSchema schema, Ladder ladder, EscalationSituation situation, Duration repeatWindow)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(ladder);
        ArgumentNullException.ThrowIfNull(situation);
        var facts = situation.Facts;
        if (!string.Equals(situation.Path.Ladder.Key, ladder.Key, StringComparison.Ordinal))
        {
            throw new EscalationException($"Case '{facts.CaseId}': its path is on ladder '{situation.Path.Ladder.Key}', but the table was written for ladder '{ladder.Key}'.", facts.CaseId, unit: facts.Holder);
        }

        var record = schema.CreateRecord();
        Set(record, schema, "category", facts.Category.Key);
        SetList(record, schema, "keywords", facts.Keywords);
        Set(record, schema, "keyword_text", string.Join('\u001F', facts.Keywords));
        Set(record, schema, "priority", facts.Priority switch { CasePriority.Urgent => "urgent", CasePriority.Emergency => "emergency", _ => "normal" });
        Set(record, schema, "holder_level", situation.HolderStep.Level.Key);
        Set(record, schema, "holder_at_top", situation.HolderAtTop);
        Set(record, schema, "declared_unresolvable", facts.DeclaredUnresolvable);
        Set(record, schema, "handling_stage", facts.HandlingStage switch { SlaStage.Overdue => "overdue", SlaStage.Warning => "warning", _ => "on-track" });
        if (schema.TryGetField("citizen_stage", out _))
        {
            Set(record, schema, "citizen_stage", facts.CitizenStage switch { SlaStage.Overdue => "overdue", SlaStage.Warning => "warning", _ => "on-track" });
        }
        if (schema.TryGetField("repeats", out _))
        {
            record.Set("repeats", (decimal)facts.RepeatReports(repeatWindow));
        }

        Set(record, schema, "rating", facts.LatestRating switch
        {
            CaseRating.Satisfied => "satisfied",
            CaseRating.BasicallySatisfied => "basically-satisfied",
            CaseRating.Unsatisfied => "unsatisfied",
            _ => "not-rated",
        });
        Set(record, schema, "rated_by", facts.RatedBy == RaterKind.Deputy ? "deputy" : "citizen");
        Set(record, schema, "closer_below_top", situation.CloserBelowTop);
        Set(record, schema, "deputy_reopened", facts.ReopenedByDeputy);
        Set(record, schema, "instruction_pending", facts.PendingInstruction is not null);
        Set(record, schema, "instruction_at_or_above_holder", facts.PendingInstruction is { } i && ladder.IndexOf(i.Level) >= situation.HolderStep.Index);
        Set(record, schema, "tier", facts.Tier switch { CaseTier.Simple => "simple", CaseTier.Complex => "complex", CaseTier.Difficult => "difficult", _ => "none" });
        if (schema.TryGetField("month", out _))
        {
            record.Set("month", (decimal)facts.RegisteredMonth);
        }

        foreach (var level in ladder.Levels)
        {
            Set(record, schema, "below_" + level.Key, situation.HolderStep.Index < ladder.IndexOf(level.Key));
        }

        return record.Build();
    }

    private static void Set(FactRecordBuilder record, FactSchema schema, string field, string value)
    {
        if (schema.TryGetField(field, out _))
        {
            record.Set(field, value);
        }
    }

    private static void Set(FactRecordBuilder record, FactSchema schema, string field, bool value)
    {
        if (schema.TryGetField(field, out _))
        {
            record.Set(field, value);
        }
    }

    private static void SetList(FactRecordBuilder record, FactSchema schema, string field, IEnumerable<string> values)
    {
        if (schema.TryGetField(field, out _))
        {
            record.Set(field, values);
        }
    }

    private static KeyValuePair<string, string>[] SupervisionParameters(SupervisionTerms? terms)
    {
        if (terms is null)
        {
            return [];
        }

        var parameters = new List<KeyValuePair<string, string>>
        {
            new("supervision", terms.Grade.ToString().ToLowerInvariant()),
            new("supervision_limit", terms.Limit.ToString()),
        };
        if (terms.IssuerLevel is { } by)
        {
            parameters.Add(new("supervision_by", by));
        }

        return [.. parameters];
    }

    private static Func<EscalationSituation, EscalationDecision>? ToDecision(string rowId, TableAction action, Ladder ladder, List<string> problems)
    {
        var p = action.Parameters;
        string? Level(string name)
        {
            if (!p.TryGetValue(name, out var level))
            {
                return null;
            }

            if (ladder.IndexOf(level) < 0)
            {
                problems.Add($"row '{rowId}': parameter {name} '{level}' is not a level of ladder '{ladder.Key}'.");
            }

            return level;
        }

        SupervisionTerms? terms = null;
        if (p.TryGetValue("supervision", out var gradeText))
        {
            var grade = gradeText switch
            {
                "yellow" => CaseSupervisionGrade.Yellow,
                "red" => CaseSupervisionGrade.Red,
                "listed" or "named" => CaseSupervisionGrade.Named,
                _ => (CaseSupervisionGrade?)null,
            };
            if (grade is null)
            {
                problems.Add($"row '{rowId}': supervision '{gradeText}' is not yellow, red or listed.");
            }

            if (!p.TryGetValue("supervision_limit", out var limitText) || !TimeLimit.TryParse(limitText, out var limit))
            {
                problems.Add($"row '{rowId}': supervision needs a supervision_limit such as '3 working days'.");
                limit = null;
            }

            var by = Level("supervision_by");
            if (grade is { } g && limit is not null)
            {
                terms = new SupervisionTerms(g, limit, by);
            }
        }

        var department = p.TryGetValue("department", out var dept) ? dept : null;
        switch (action.Target)
        {
            case "stay":
                return null;
            case "next-level":
                var next = EscalationDecision.NextLevel(terms);
                return _ => next;
            case "reopen-above-closer":
                var reopen = EscalationDecision.ReopenAboveCloser(terms);
                return _ => reopen;
            case "to-level" or "start-at":
                if (Level("level") is not { } target)
                {
                    problems.Add($"row '{rowId}': target '{action.Target}' needs a parameter level.");
                    return null;
                }

                var named = action.Target == "to-level" ? EscalationDecision.ToLevel(target, department, terms) : EscalationDecision.StartAt(target, department, terms);
                return _ => named;
            case "supervise-as-instructed":
                return s => s.Facts.PendingInstruction is { } i
                    ? EscalationDecision.Supervise(new SupervisionTerms(i.Grade, i.Limit, i.Level))
                    : throw new EscalationException($"Case '{s.Facts.CaseId}': row '{rowId}' supervises as instructed, but no leader's instruction (批示) is pending; add instruction_pending = true to its condition.", s.Facts.CaseId, rowId, s.Facts.Holder);
            default:
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"row '{rowId}': target '{action.Target}' is not one of {string.Join(", ", Targets)}."));
                return null;
        }
    }
}
