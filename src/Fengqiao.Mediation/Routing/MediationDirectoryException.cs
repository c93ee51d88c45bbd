using System.Collections.Immutable;

namespace Fengqiao.Mediation.Routing;

/// <summary>Thrown when a mediation directory cannot be built; lists every problem.</summary>
public sealed class MediationDirectoryException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">One sentence per problem, naming the body or mediator.</param>
    public MediationDirectoryException(IEnumerable<string> problems)
        : this([.. problems ?? []])
    {
    }

    private MediationDirectoryException(ImmutableArray<string> problems)
        : base(FengqiaoErrorKind.Configuration, $"The mediation directory has {problems.Length} problem(s):{Environment.NewLine}- " + string.Join(Environment.NewLine + "- ", problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, one sentence each.</summary>
    public ImmutableArray<string> Problems { get; }
}
