namespace Fengqiao.Rules.Evaluation;

/// <summary>
/// Thrown when more than one rule of a <see cref="HitPolicy.Unique"/> rule set matches a fact; names every one.
/// </summary>
/// <remarks>Find such overlaps before they happen with tests over the rule set's inputs.</remarks>
/// <threadsafety>Immutable once thrown.</threadsafety>
public sealed class RuleConflictException : FengqiaoException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RuleConflictException()
        : this("More than one rule of a unique-hit rule set matched.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RuleConflictException(string message)
        : base(FengqiaoErrorKind.Configuration, message)
    {
        RuleSetName = "";
        RuleIds = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleConflictException(string message, Exception innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
        RuleSetName = "";
        RuleIds = [];
    }

    /// <summary>Creates the exception for a rule set and the rules that matched together.</summary>
    /// <param name="ruleSetName">The rule set's name.</param>
    /// <param name="ruleIds">The ids of every matching rule, in declaration order.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RuleConflictException(string ruleSetName, IReadOnlyList<string> ruleIds)
        : base(FengqiaoErrorKind.Configuration, BuildMessage(ruleSetName, ruleIds))
    {
        RuleSetName = ruleSetName;
        RuleIds = [.. ruleIds];
    }

    /// <summary>Gets the name of the rule set.</summary>
    public string RuleSetName { get; }

    /// <summary>Gets the ids of every rule that matched, in declaration order.</summary>
    public IReadOnlyList<string> RuleIds { get; }

    private static string BuildMessage(string ruleSetName, IReadOnlyList<string> ruleIds)
    {
        ArgumentNullException.ThrowIfNull(ruleSetName);
        ArgumentNullException.ThrowIfNull(ruleIds);
        return $"Rule set '{ruleSetName}' has the unique hit policy, but {ruleIds.Count} rules matched the same fact: "
            + string.Join(", ", ruleIds.Select(id => "'" + id + "'")) + ".";
    }
}
