using System.Collections.ObjectModel;
using Fengqiao.Rules.Layering;

namespace Fengqiao.Rules.Tables;

/// <summary>
/// Rules as data: a checked decision table — schema, hit policy, declared targets and rows — that compiles into a
/// <see cref="RuleSet{TFact, TDecision}"/> over <see cref="FactRecord"/>s. Build one with
/// <see cref="DecisionTableBuilder"/>.
/// </summary>
/// <remarks>
/// <para>A table is always valid: <see cref="DecisionTableBuilder.Build"/> refuses one with problems. Everything it
/// holds is plain data (ids, field names, operators, literal strings), so a profile writer can write it back out
/// and <see cref="ToBuilder"/> rebuilds an equal table.</para>
/// <para>Compile once with <see cref="ToRuleSet"/> and share the rule set: it reads fields by position through
/// delegates bound at compile time.</para>
/// </remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class DecisionTable
{
    internal DecisionTable(string name, FactSchema schema, HitPolicy hitPolicy, string[] targets, DecisionRow[] rows)
    {
        Name = name;
        Schema = schema;
        HitPolicy = hitPolicy;
        Targets = new ReadOnlyCollection<string>(targets);
        Rows = new ReadOnlyCollection<DecisionRow>(rows);
    }

    /// <summary>Gets the table's name.</summary>
    public string Name { get; }

    /// <summary>Gets the fact schema the table reads.</summary>
    public FactSchema Schema { get; }

    /// <summary>Gets the hit policy.</summary>
    public HitPolicy HitPolicy { get; }

    /// <summary>Gets the targets actions may name, in declaration order.</summary>
    public IReadOnlyList<string> Targets { get; }

    /// <summary>Gets the rows in declaration order.</summary>
    public IReadOnlyList<DecisionRow> Rows { get; }

    /// <summary>Compiles the table into a rule set whose rules report <paramref name="origin"/>.</summary>
    /// <param name="origin">Where the rules come from; <see cref="RuleOrigin.Default"/> when null.</param>
    /// <returns>A rule set with one rule per row (same ids, descriptions, saliences and order); each rule's condition
    /// parts are named after the tests (e.g. <c>repeats &gt;= 3</c>) and its decision is a shared
    /// <see cref="TableDecision"/>.</returns>
    /// <remarks>Facts must be records of this table's <see cref="Schema"/> instance; a record of another schema makes
    /// evaluation throw a <see cref="Evaluation.RuleEvaluationException"/> naming the rule and part.</remarks>
    public RuleSet<FactRecord, TableDecision> ToRuleSet(RuleOrigin? origin = null) =>
        TableCompiler.Compile(this, origin ?? RuleOrigin.Default);

    /// <summary>Compiles some rows into a layer of overrides for a rule set compiled from a lower layer's table.</summary>
    /// <param name="origin">The layer's origin (e.g. the county).</param>
    /// <param name="replace">Ids of rows of this table that replace rules of the same id below.</param>
    /// <param name="disable">Ids (of rules below) that the layer disables, with the reason.</param>
    /// <returns>The layer: rows named in <paramref name="replace"/> replace, the other rows are added.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">A replaced id is not a row of this table.</exception>
    /// <exception cref="RuleSetException">An id is named twice in the layer.</exception>
    public RuleOverrides<FactRecord, TableDecision> ToOverrides(
        RuleOrigin origin,
        IEnumerable<string> replace,
        IEnumerable<KeyValuePair<string, string>> disable)
    {
        ArgumentNullException.ThrowIfNull(origin);
        ArgumentNullException.ThrowIfNull(replace);
        ArgumentNullException.ThrowIfNull(disable);
        var replaced = new HashSet<string>(replace, StringComparer.Ordinal);
        foreach (var id in replaced)
        {
            if (!Rows.Any(r => r.Id == id))
            {
                throw new ArgumentException($"Table '{Name}' has no row '{id}' to replace with.", nameof(replace));
            }
        }

        var layer = new RuleOverridesBuilder<FactRecord, TableDecision>(origin);
        foreach (var (id, reason) in disable)
        {
            layer.Disable(id, reason);
        }

        foreach (var row in Rows)
        {
            var rule = TableCompiler.CompileRow(Schema, row);
            if (replaced.Contains(row.Id))
            {
                layer.Replace(rule);
            }
            else
            {
                layer.Add(rule);
            }
        }

        return layer.Build();
    }

    /// <summary>Starts a builder holding this table's settings, targets and rows, e.g. to change a copy.</summary>
    /// <returns>A new builder.</returns>
    public DecisionTableBuilder ToBuilder()
    {
        var builder = new DecisionTableBuilder(Name, Schema) { HitPolicy = HitPolicy }.AddTargets([.. Targets]);
        foreach (var row in Rows)
        {
            builder.AddRow(row);
        }

        return builder;
    }

    /// <summary>Returns the name, policy and number of rows.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Name} ({HitPolicy}, {Rows.Count} rows)";
}
