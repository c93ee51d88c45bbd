using System.Reflection;
using PublicApiGenerator;

namespace Fengqiao.TestSupport;

/// <summary>Checks a package's public surface against <c>src/&lt;Package&gt;/PublicAPI.approved.txt</c>.</summary>
/// <remarks>
/// The listing comes from PublicApiGenerator (C#-like text, types sorted by full name, members by name, nullable
/// annotations and default values included). Assembly attributes are left out: they carry build details (the
/// target framework, the informational version with a commit hash) that are not API. So are the compiler's
/// async and iterator state-machine attributes: they name generated types (<c>&lt;ReadHistoriesAsync&gt;d__99</c>)
/// whose numbers move whenever a member is added to the class, which made every merge conflict.
/// </remarks>
public static class ApiApproval
{
    private static readonly ApiGeneratorOptions Options = new()
    {
        IncludeAssemblyAttributes = false,
        TreatRecordsAsClasses = false,
        ExcludeAttributes =
        [
            "System.Runtime.CompilerServices.AsyncIteratorStateMachineAttribute",
            "System.Runtime.CompilerServices.AsyncStateMachineAttribute",
            "System.Runtime.CompilerServices.IteratorStateMachineAttribute",
        ],
    };

    /// <summary>
    /// Renders the public API of <paramref name="assembly"/> and compares it with the package's approved file.
    /// An unplanned change fails with a diff naming the members; <c>FENGQIAO_ACCEPT=1</c> re-approves it.
    /// </summary>
    public static void Verify(Assembly assembly)
    {
        var name = assembly.GetName().Name
            ?? throw new InvalidOperationException("The assembly has no name.");
        var path = RepositoryPaths.Combine("src", name, "PublicAPI.approved.txt");
        ApprovalFile.Verify(path, Render(assembly), $"Public API of {name}");
    }

    /// <summary>Renders the public API of an assembly loaded from a file (PublicApiGenerator reads its metadata from <see cref="Assembly.Location"/>).</summary>
    public static string Render(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        if (string.IsNullOrEmpty(assembly.Location))
        {
            throw new ArgumentException($"Assembly {assembly.GetName().Name} was not loaded from a file; PublicApiGenerator reads the file.", nameof(assembly));
        }

        return assembly.GeneratePublicApi(Options);
    }
}
