namespace Fengqiao.TestSupport;

/// <summary>Finds files of this repository from a running test.</summary>
public static class RepositoryPaths
{
    private static readonly Lazy<string> LazyRoot = new(FindRoot);

    /// <summary>Gets the repository root: the nearest folder above the test binaries holding Fengqiao.sln.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>Gets the absolute path of a path given relative to the repository root.</summary>
    public static string Combine(params string[] relative) =>
        Path.Combine([Root, .. relative]);

    /// <summary>
    /// Maps a <c>[CallerFilePath]</c> to a real path. Deterministic CI builds rewrite source paths
    /// to <c>/_/…</c>; those are resolved against the repository root.
    /// </summary>
    public static string FromCallerFilePath(string callerFilePath)
    {
        var normalised = callerFilePath.Replace('\\', '/');
        if (normalised.StartsWith("/_/", StringComparison.Ordinal))
        {
            return Path.Combine(Root, normalised[3..]);
        }

        return callerFilePath;
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Fengqiao.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException(
            $"No Fengqiao.sln above '{AppContext.BaseDirectory}': tests must run from inside the repository.");
    }
}
