namespace Fengqiao.Rules.Evaluation;

/// <summary>
/// Thrown when a rule's condition part or action throws while a fact is evaluated; names the rule and the part.
/// </summary>
/// <remarks>The original exception is the <see cref="Exception.InnerException"/>. Predicates and actions should not
/// throw: test facts for the conditions a part relies on in an earlier part of the same <c>All</c>.</remarks>
/// <threadsafety>Immutable once thrown.</threadsafety>
public sealed class RuleEvaluationException : FengqiaoException
{
    /// <summary>Creates the exception with a generic message.</summary>
    public RuleEvaluationException()
        : this("A rule failed while a fact was evaluated.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">The message.</param>
    public RuleEvaluationException(string message)
        : base(FengqiaoErrorKind.Configuration, message)
    {
        RuleId = "";
    }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleEvaluationException(string message, Exception innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
        RuleId = "";
    }

    /// <summary>Creates the exception for a rule and, when known, the condition part that threw.</summary>
    /// <param name="ruleId">The rule's id.</param>
    /// <param name="partName">The part that threw, or null when the action threw.</param>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public RuleEvaluationException(string ruleId, string? partName, string message, Exception innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
        RuleId = ruleId;
        PartName = partName;
    }

    /// <summary>Gets the id of the rule that failed.</summary>
    public string RuleId { get; }

    /// <summary>Gets the condition part that threw, or null when the action threw (or the part is unknown).</summary>
    public string? PartName { get; }

    internal static RuleEvaluationException ForCondition<TFact, TDecision>(Rule<TFact, TDecision> rule, TFact fact, Exception cause)
        where TFact : notnull
    {
        // The fast path does not track parts; find the part again by tracing (predicates are meant to be pure).
        var outcomes = new PartOutcome[rule.Condition.PartCount];
        var failing = -1;
        try
        {
            rule.Condition.Trace(fact, outcomes, 0, ref failing);
            failing = -1;
        }
#pragma warning disable CA1031 // We are already reporting the first failure; a second one only helps find the part.
        catch (Exception)
#pragma warning restore CA1031
        {
        }

        return ForPart(rule.Id, failing >= 0 ? rule.Condition.PartNames[failing] : null, cause);
    }

    internal static RuleEvaluationException ForPart(string ruleId, string? part, Exception cause) =>
        new(ruleId, part, part is null
            ? $"Rule '{ruleId}': its condition threw {cause.GetType().Name}: {cause.Message}"
            : $"Rule '{ruleId}', condition part '{part}': threw {cause.GetType().Name}: {cause.Message}", cause);
}
