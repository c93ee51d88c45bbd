using System.Collections.Immutable;

namespace Fengqiao.Profiles;

/// <summary>Thrown when a county profile cannot be loaded; carries every problem found, not just the first.</summary>
public sealed class ProfileLoadException : FengqiaoException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="problems">The problems, in file order.</param>
    public ProfileLoadException(IEnumerable<ProfileProblem> problems)
        : this([.. problems ?? []])
    {
    }

    private ProfileLoadException(ImmutableArray<ProfileProblem> problems)
        : base(FengqiaoErrorKind.Configuration, $"The county profile has {problems.Length} problem(s):{Environment.NewLine}" + string.Join(Environment.NewLine, problems))
    {
        Problems = problems;
    }

    /// <summary>Gets the problems, in file order.</summary>
    public ImmutableArray<ProfileProblem> Problems { get; }
}
