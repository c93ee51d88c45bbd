using System.Runtime.CompilerServices;

namespace Fengqiao.TestSupport;

/// <summary>
/// Approved-file snapshot tests for text (diagrams, reports, error messages):
/// <c>&lt;TestClass&gt;.&lt;TestMethod&gt;.approved.txt</c> beside the test file.
/// </summary>
public static class Snapshot
{
    /// <summary>Checks text against <c>&lt;TestClass&gt;.&lt;TestMethod&gt;[.&lt;name&gt;].approved.txt</c>.</summary>
    /// <param name="received">The text produced now.</param>
    /// <param name="name">An optional suffix when one test checks several snapshots.</param>
    /// <param name="testFile">Filled in by the compiler: the test's source file, named after its class.</param>
    /// <param name="testMethod">Filled in by the compiler: the test method.</param>
    public static void Match(
        string received,
        string? name = null,
        [CallerFilePath] string testFile = "",
        [CallerMemberName] string testMethod = "")
    {
        var file = RepositoryPaths.FromCallerFilePath(testFile);
        var directory = Path.GetDirectoryName(file)
            ?? throw new InvalidOperationException($"No folder for test file '{testFile}'.");
        var testClass = Path.GetFileNameWithoutExtension(file);
        var stem = name is null ? $"{testClass}.{testMethod}" : $"{testClass}.{testMethod}.{name}";
        ApprovalFile.Verify(Path.Combine(directory, stem + ".approved.txt"), received, $"Snapshot {stem}");
    }
}
