namespace Fengqiao.Rules.Tables;

/// <summary>Collects a decision table's targets and rows, checks them against the fact schema, and builds a
/// <see cref="DecisionTable"/>.</summary>
/// <remarks>
/// <para>Defaults: <see cref="HitPolicy"/> is <see cref="Rules.HitPolicy.Unique"/> (as in DMN). Rows keep the order in
/// which they are added.</para>
/// <para><see cref="Validate"/> and <see cref="Build"/> report every problem at once, each naming the row, rule id and
/// field: duplicate or invalid ids, unknown fields, operators that do not fit the field's type, the wrong number of
/// values, values that are not of the field's type or outside an enumeration, inverted ranges, and actions naming
/// targets the table does not declare.</para>
/// <example>
/// <code>
/// var table = new DecisionTableBuilder("starts-high", schema) { HitPolicy = HitPolicy.Priority }
///     .AddTargets("community", "street", "department", "secretary")
///     .AddRow("safety", "Safety risks start at the street", TableCondition.In("category", "safety", "fire"),
///             new TableAction("street"), salience: 50)
///     .Build();
/// var rules = table.ToRuleSet();
/// </code>
/// </example>
/// </remarks>
/// <threadsafety>Not thread-safe: build on one thread. The product is immutable and thread-safe.</threadsafety>
public sealed class DecisionTableBuilder
{
    private readonly List<string> _targets = [];
    private readonly List<DecisionRow> _rows = [];
    private HitPolicy _hitPolicy = HitPolicy.Unique;

    /// <summary>Creates a builder for a table over a schema.</summary>
    /// <param name="name">The table's name; it becomes the rule set's name.</param>
    /// <param name="schema">The fields the table's conditions may read.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty, has surrounding white space or control
    /// characters.</exception>
    public DecisionTableBuilder(string name, FactSchema schema)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(schema);
        if (RuleIds.Problem(name, "A decision table's name") is { } problem)
        {
            throw new ArgumentException(problem, nameof(name));
        }

        Name = name;
        Schema = schema;
    }

    /// <summary>Gets the table's name.</summary>
    public string Name { get; }

    /// <summary>Gets the table's schema.</summary>
    public FactSchema Schema { get; }

    /// <summary>Gets or sets the hit policy.</summary>
    /// <value>Default <see cref="Rules.HitPolicy.Unique"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined policy.</exception>
    public HitPolicy HitPolicy
    {
        get => _hitPolicy;
        set => _hitPolicy = Enum.IsDefined(value) ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "Not a defined hit policy.");
    }

    /// <summary>Declares targets that actions may name.</summary>
    /// <param name="targets">The targets' names.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="targets"/> or a target is null.</exception>
    public DecisionTableBuilder AddTargets(params string[] targets)
    {
        ArgumentNullException.ThrowIfNull(targets);
        if (Array.IndexOf(targets, null) is var i and >= 0)
        {
            throw new ArgumentNullException(nameof(targets), $"Target at index {i} is null.");
        }

        _targets.AddRange(targets);
        return this;
    }

    /// <summary>Adds a row at the end.</summary>
    /// <param name="row">The row.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="row"/> is null.</exception>
    public DecisionTableBuilder AddRow(DecisionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        _rows.Add(row);
        return this;
    }

    /// <summary>Creates a row and adds it at the end.</summary>
    /// <param name="id">The rule's stable id.</param>
    /// <param name="description">What the rule means.</param>
    /// <param name="condition">When it matches.</param>
    /// <param name="action">What it decides.</param>
    /// <param name="salience">Its weight under <see cref="Rules.HitPolicy.Priority"/>.</param>
    /// <returns>This builder.</returns>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DecisionTableBuilder AddRow(string id, string description, TableCondition condition, TableAction action, int salience = 0) =>
        AddRow(new DecisionRow(id, description, condition, action, salience));

    /// <summary>Checks the table without building it.</summary>
    /// <returns>Every problem found, in row order (table-level problems first); empty when the table is valid.</returns>
    public IReadOnlyList<RuleProblem> Validate() => TableCompiler.Validate(Schema, _targets, _rows);

    /// <summary>Checks the table and builds it.</summary>
    /// <returns>The table.</returns>
    /// <exception cref="DecisionTableException">The table has problems; every one is listed (see
    /// <see cref="Validate"/>).</exception>
    public DecisionTable Build()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new DecisionTableException(Name, problems);
        }

        return new DecisionTable(Name, Schema, _hitPolicy, [.. _targets], [.. _rows]);
    }
}
