using System.Collections.Immutable;

namespace Fengqiao.Escalation.Ladders;

/// <summary>Thrown when a ladder definition is invalid; lists every problem.</summary>
public sealed class LadderDefinitionException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="ladderKey">The ladder's key.</param>
    /// <param name="problems">One sentence per problem.</param>
    public LadderDefinitionException(string ladderKey, IEnumerable<string> problems)
        : this(ladderKey, [.. problems ?? []])
    {
    }

    private LadderDefinitionException(string ladderKey, ImmutableArray<string> problems)
        : base(FengqiaoErrorKind.Configuration, $"Ladder '{ladderKey}' has {problems.Length} problem(s):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, one sentence each.</summary>
    public ImmutableArray<string> Problems { get; }
}
