using System.Reflection;

namespace Fengqiao.TestSupport;

/// <summary>Checks a package's public surface against <c>src/&lt;Package&gt;/PublicAPI.approved.txt</c>.</summary>
public static class ApiApproval
{
    /// <summary>
    /// Renders the public API of <paramref name="assembly"/> and compares it with the package's approved file.
    /// An unplanned change fails with a diff naming the members; <c>FENGQIAO_ACCEPT=1</c> re-approves it.
    /// </summary>
    public static void Verify(Assembly assembly)
    {
        var name = assembly.GetName().Name
            ?? throw new InvalidOperationException("The assembly has no name.");
        var path = RepositoryPaths.Combine("src", name, "PublicAPI.approved.txt");
        ApprovalFile.Verify(path, PublicApiRenderer.Render(assembly), $"Public API of {name}");
    }
}
