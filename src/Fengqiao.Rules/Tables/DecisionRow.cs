namespace Fengqiao.Rules.Tables;

/// <summary>One row (rule) of a decision table as plain data: id, description, salience, condition, action.</summary>
/// <remarks>Checked against the schema and targets when the table is built, not here.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class DecisionRow
{
    /// <summary>Creates a row.</summary>
    /// <param name="id">The rule's stable id.</param>
    /// <param name="description">What the rule means, for people.</param>
    /// <param name="condition">When the row matches.</param>
    /// <param name="action">What it decides.</param>
    /// <param name="salience">Its weight under <see cref="HitPolicy.Priority"/>.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DecisionRow(string id, string description, TableCondition condition, TableAction action, int salience = 0)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(description);
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(action);
        Id = id;
        Description = description;
        Condition = condition;
        Action = action;
        Salience = salience;
    }

    /// <summary>Gets the rule's id.</summary>
    public string Id { get; }

    /// <summary>Gets the description.</summary>
    public string Description { get; }

    /// <summary>Gets the condition.</summary>
    public TableCondition Condition { get; }

    /// <summary>Gets the action.</summary>
    public TableAction Action { get; }

    /// <summary>Gets the salience.</summary>
    public int Salience { get; }

    /// <summary>Returns the row on one line.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Id}: when {Condition} then {Action}";
}
