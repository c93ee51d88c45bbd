namespace Fengqiao.Rules;

/// <summary>
/// Creates <see cref="Condition{TFact}"/> trees: named parts combined with <see cref="All{TFact}"/>,
/// <see cref="Any{TFact}"/> and <see cref="Not{TFact}"/>.
/// </summary>
/// <remarks>
/// <para>Name each part after what it says about the fact ("handling clock overdue", "reported 3+ times in 30 days"):
/// traces report every part by that name as held, failed or not evaluated.</para>
/// <para>Conditions are compiled into delegates when they are created; evaluating one never uses reflection.</para>
/// <example>
/// <code>
/// var overdue = Condition.All(
///     Condition.Part&lt;CaseFacts&gt;("handling clock overdue", f =&gt; f.Overdue),
///     Condition.Not(Condition.Part&lt;CaseFacts&gt;("at top of ladder", f =&gt; f.AtTop)));
/// </code>
/// </example>
/// </remarks>
/// <threadsafety>All members are thread-safe; the conditions they return are immutable.</threadsafety>
public static class Condition
{
    /// <summary>Creates a named part: one predicate over the fact.</summary>
    /// <typeparam name="TFact">The type of fact the condition reads.</typeparam>
    /// <param name="name">The part's name, as traces and renderings show it. Not empty or white space.</param>
    /// <param name="predicate">The test. It must not change the fact and should not throw; an exception it throws
    /// is reported as a <see cref="Evaluation.RuleEvaluationException"/> naming the rule and the part.</param>
    /// <returns>A condition with one part.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="name"/> or <paramref name="predicate"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="name"/> is empty or white space.</exception>
    public static Condition<TFact> Part<TFact>(string name, Func<TFact, bool> predicate)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(predicate);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new ArgumentException("A condition part needs a name that traces can show; got an empty one.", nameof(name));
        }

        return Condition<TFact>.CreatePart(name, predicate);
    }

    /// <summary>Creates a condition that holds when every one of <paramref name="parts"/> holds.</summary>
    /// <typeparam name="TFact">The type of fact the condition reads.</typeparam>
    /// <param name="parts">The conditions to combine, evaluated in order; evaluation stops at the first that fails.
    /// With none, the condition always holds (a rule that always applies).</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or one of its elements is null.</exception>
    public static Condition<TFact> All<TFact>(params Condition<TFact>[] parts)
        where TFact : notnull =>
        Condition<TFact>.CreateGroup(ConditionKind.All, Copy(parts));

    /// <summary>Creates a condition that holds when at least one of <paramref name="parts"/> holds.</summary>
    /// <typeparam name="TFact">The type of fact the condition reads.</typeparam>
    /// <param name="parts">The conditions to combine, evaluated in order; evaluation stops at the first that holds.
    /// With none, the condition never holds.</param>
    /// <returns>The combined condition.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="parts"/> or one of its elements is null.</exception>
    public static Condition<TFact> Any<TFact>(params Condition<TFact>[] parts)
        where TFact : notnull =>
        Condition<TFact>.CreateGroup(ConditionKind.Any, Copy(parts));

    /// <summary>Creates a condition that holds when <paramref name="part"/> does not.</summary>
    /// <typeparam name="TFact">The type of fact the condition reads.</typeparam>
    /// <param name="part">The condition to negate.</param>
    /// <returns>The negated condition. Its parts are still reported with their own outcome in traces.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="part"/> is null.</exception>
    public static Condition<TFact> Not<TFact>(Condition<TFact> part)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(part);
        return Condition<TFact>.CreateGroup(ConditionKind.Not, [part]);
    }

    /// <summary>Creates a condition that always holds: a rule that applies to every fact.</summary>
    /// <typeparam name="TFact">The type of fact the condition reads.</typeparam>
    /// <returns>An empty <see cref="ConditionKind.All"/> condition.</returns>
    public static Condition<TFact> Always<TFact>()
        where TFact : notnull =>
        Condition<TFact>.CreateGroup(ConditionKind.All, []);

    private static Condition<TFact>[] Copy<TFact>(Condition<TFact>[] parts)
        where TFact : notnull
    {
        ArgumentNullException.ThrowIfNull(parts);
        var copy = new Condition<TFact>[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            copy[i] = parts[i] ?? throw new ArgumentNullException(nameof(parts), $"Condition part at index {i} is null.");
        }

        return copy;
    }
}
