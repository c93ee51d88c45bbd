namespace Fengqiao.Rules;

/// <summary>
/// Thrown when a rule set or a layer cannot be built or applied: duplicate ids, a layer naming an unknown rule id…
/// Lists every problem at once.
/// </summary>
/// <remarks>Thrown by <see cref="RuleSetBuilder{TFact, TDecision}.Build"/>, <see cref="Layering.RuleOverridesBuilder{TFact, TDecision}.Build"/> and <see cref="RuleSet{TFact, TDecision}.With"/>. Each <see cref="RuleProblem"/> names the rule id concerned.</remarks>
/// <threadsafety>Immutable once thrown.</threadsafety>
public sealed class RuleSetException : FengqiaoException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RuleSetException()
        : this("The rule set is not valid.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RuleSetException(string message)
        : base(FengqiaoErrorKind.Configuration, message)
    {
        RuleSetName = "";
        Problems = [];
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleSetException(string message, Exception innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
        RuleSetName = "";
        Problems = [];
    }

    /// <summary>Creates the exception for a rule set (or layer) and its problems.</summary>
    /// <param name="ruleSetName">What was being built, e.g. <c>escalation</c>.</param>
    /// <param name="problems">Every problem found.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    public RuleSetException(string ruleSetName, IReadOnlyList<RuleProblem> problems)
        : base(FengqiaoErrorKind.Configuration, BuildMessage(ruleSetName, problems))
    {
        RuleSetName = ruleSetName;
        Problems = [.. problems];
    }

    /// <summary>Gets the name of the rule set or layer.</summary>
    public string RuleSetName { get; }

    /// <summary>Gets every problem found.</summary>
    public IReadOnlyList<RuleProblem> Problems { get; }

    private static string BuildMessage(string name, IReadOnlyList<RuleProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(problems);
        return $"Rule set '{name}' has {problems.Count} problem(s):" + string.Concat(problems.Select(p => Environment.NewLine + "  - " + p.Message));
    }
}
