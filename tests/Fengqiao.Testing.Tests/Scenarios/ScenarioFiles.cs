using Fengqiao.TestSupport;

namespace Fengqiao.Testing.Tests.Scenarios;

/// <summary>Scenario text written to a temporary folder beside copies of the sample profiles, so relative paths resolve.</summary>
internal sealed class ScenarioFiles : IDisposable
{
    public ScenarioFiles()
    {
        Folder = Path.Combine(Path.GetTempPath(), $"fengqiao-scenarios-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Folder, "scenarios"));
        Directory.CreateDirectory(Path.Combine(Folder, "profiles"));
        foreach (var profile in Directory.GetFiles(RepositoryPaths.Combine("samples", "profiles"), "*.yaml"))
        {
            File.Copy(profile, Path.Combine(Folder, "profiles", Path.GetFileName(profile)));
        }
    }

    public string Folder { get; }

    public static string SamplesFolder => RepositoryPaths.Combine("samples", "scenarios");

    public static string Sample(string name) => Path.Combine(SamplesFolder, name);

    public string Write(string name, string yaml)
    {
        var path = Path.Combine(Folder, "scenarios", name);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    /// <summary>Copies a sample scenario, replacing <paramref name="find"/> with <paramref name="replace"/> (which must occur).</summary>
    public string Break(string sample, string find, string replace)
    {
        var text = File.ReadAllText(Sample(sample));
        Assert.Contains(find, text, StringComparison.Ordinal);
        return Write(sample, text.Replace(find, replace, StringComparison.Ordinal));
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still open on a slow file system: the temp folder is cleaned by the OS.
        }
    }
}
