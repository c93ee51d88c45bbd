using YamlDotNet.Core;

namespace Fengqiao.Profiles.Loading;

/// <summary>Collects problems while a profile is read, so loading reports all of them at once.</summary>
internal sealed class ProblemSink(string file)
{
    private readonly List<ProfileProblem> problems = [];

    public string File { get; } = file;

    public IReadOnlyList<ProfileProblem> Problems => problems;

    public bool HasProblems => problems.Count > 0;

    public void Add(Mark mark, string path, string message) =>
        problems.Add(new ProfileProblem(File, (int)mark.Line, (int)mark.Column, path, message));

    /// <summary>The provenance recorded so far, in reading order.</summary>
    public List<ProvenanceEntry> Provenance { get; } = [];

    public void Add(ProfileProblem problem) => problems.Add(problem);

    /// <summary>The seasons rows may name (built in and the profile's own <c>seasons:</c>), once read.</summary>
    public System.Collections.Immutable.ImmutableSortedDictionary<string, System.Collections.Immutable.ImmutableArray<int>> Seasons { get; set; } = CountyProfileLoader.BuiltInSeasons;

    public void AddWholeFile(string message) => problems.Add(new ProfileProblem(File, 0, 0, "", message));

    public IEnumerable<ProfileProblem> Ordered() =>
        problems.OrderBy(p => p.Line).ThenBy(p => p.Column);
}
