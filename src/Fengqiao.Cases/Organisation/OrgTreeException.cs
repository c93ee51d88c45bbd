using System.Collections.Immutable;

namespace Fengqiao.Cases.Organisation;

/// <summary>Thrown when an org tree cannot be built; lists every problem found.</summary>
public sealed class OrgTreeException : FengqiaoException
{
    /// <summary>Creates the exception from the problems found.</summary>
    /// <param name="problems">One sentence per problem, naming the unit or member.</param>
    public OrgTreeException(IEnumerable<string> problems)
        : this([.. problems ?? []])
    {
    }

    private OrgTreeException(ImmutableArray<string> problems)
        : base(FengqiaoErrorKind.Configuration, $"The org tree has {problems.Length} problem(s):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, one sentence each.</summary>
    public ImmutableArray<string> Problems { get; }
}
