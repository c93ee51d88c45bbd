namespace Fengqiao.Rules.Tables;

/// <summary>
/// Thrown when a decision table or fact schema is not valid; lists every problem at once, each naming the rule id,
/// row and field concerned.
/// </summary>
/// <remarks>Thrown by <see cref="DecisionTableBuilder.Build"/> and <see cref="FactSchemaBuilder.Build"/>; to get the same problems without an exception, call <see cref="DecisionTableBuilder.Validate"/>. Each <see cref="RuleProblem"/> carries the row (from 1), rule id and field separately for tools (a profile checker can map rows back to file lines).</remarks>
/// <threadsafety>Immutable once thrown.</threadsafety>
public sealed class DecisionTableException : FengqiaoException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public DecisionTableException()
        : this("The decision table is not valid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public DecisionTableException(string message)
        : base(FengqiaoErrorKind.Configuration, message)
    {
        TableName = "";
        Problems = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public DecisionTableException(string message, Exception innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
        TableName = "";
        Problems = [];
    }

    /// <summary>Creates the exception for a table and its problems.</summary>
    /// <param name="tableName">The table's name (or "fact schema").</param>
    /// <param name="problems">Every problem found.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public DecisionTableException(string tableName, IReadOnlyList<RuleProblem> problems)
        : base(FengqiaoErrorKind.Configuration, BuildMessage(tableName, problems))
    {
        TableName = tableName;
        Problems = [.. problems];
    }

    /// <summary>Gets the table's name.</summary>
    public string TableName { get; }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<RuleProblem> Problems { get; }

    private static string BuildMessage(string name, IReadOnlyList<RuleProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(problems);
        return $"Decision table '{name}' has {problems.Count} problem(s):" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p.Message));
    }
}
