using System.Text;

namespace Fengqiao.Lifecycles;

/// <summary>
/// Thrown by <see cref="LifecycleBuilder{TState, TTrigger, TArgs}.Build"/> when the definition has mistakes; lists
/// every one of them at once.
/// </summary>
/// <remarks>The message has one line per problem; <see cref="Problems"/> gives them as data.</remarks>
/// <threadsafety>Immutable after construction.</threadsafety>
public sealed class LifecycleDefinitionException : FengqiaoException
{
    /// <summary>Creates the exception with a default message and no problems.</summary>
    public LifecycleDefinitionException()
        : this("The lifecycle definition is invalid.")
    {
    }

    /// <summary>Creates the exception with a message and no problems.</summary>
    /// <param name="message">The message.</param>
    public LifecycleDefinitionException(string message)
        : this(message, null)
    {
    }

    /// <summary>Creates the exception with a message, a cause and no problems.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause, if any.</param>
    public LifecycleDefinitionException(string message, Exception? innerException)
        : base(FengqiaoErrorKind.Configuration, message, innerException)
    {
        Problems = [];
    }

    /// <summary>Creates the exception listing <paramref name="problems"/>.</summary>
    /// <param name="problems">Every mistake found; at least one.</param>
    /// <exception cref="ArgumentNullException"><paramref name="problems"/> is null.</exception>
    public LifecycleDefinitionException(IReadOnlyList<LifecycleDefinitionProblem> problems)
        : base(FengqiaoErrorKind.Configuration, Format(problems))
    {
        Problems = problems;
    }

    /// <summary>Gets every mistake found, in a stable order (by state declaration order, then kind).</summary>
    public IReadOnlyList<LifecycleDefinitionProblem> Problems { get; }

    private static string Format(IReadOnlyList<LifecycleDefinitionProblem> problems)
    {
        ArgumentNullException.ThrowIfNull(problems);
        var sb = new StringBuilder();
        sb.Append("The lifecycle definition has ").Append(problems.Count).Append(problems.Count == 1 ? " problem:" : " problems:");
        foreach (var problem in problems)
        {
            sb.Append('\n').Append("  - ").Append(problem);
        }

        return sb.ToString();
    }
}
