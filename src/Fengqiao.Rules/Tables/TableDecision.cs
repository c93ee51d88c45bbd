namespace Fengqiao.Rules.Tables;

/// <summary>The decision a compiled decision-table row yields: the row's id, its target and parameters.</summary>
/// <remarks>One instance per row is made when the table is compiled and returned on every hit, so evaluating a table
/// allocates nothing for its decisions.</remarks>
/// <threadsafety>Immutable and thread-safe.</threadsafety>
public sealed class TableDecision
{
    internal TableDecision(string ruleId, TableAction action)
    {
        RuleId = ruleId;
        Target = action.Target;
        Parameters = action.Parameters;
    }

    /// <summary>Gets the id of the row that decided.</summary>
    public string RuleId { get; }

    /// <summary>Gets the target (one of the table's declared targets).</summary>
    public string Target { get; }

    /// <summary>Gets the action's parameters.</summary>
    public IReadOnlyDictionary<string, string> Parameters { get; }

    /// <summary>Returns the target and parameters.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Parameters.Count == 0
        ? Target
        : $"{Target} ({string.Join(", ", Parameters.Select(p => p.Key + "=" + p.Value))})";
}
