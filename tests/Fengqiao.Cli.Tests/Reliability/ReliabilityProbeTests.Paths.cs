using Fengqiao.TestSupport;

namespace Fengqiao.Cli.Tests.Reliability;

/// <summary>
/// The probes of issue 15 replayed: each one once destroyed data, crashed or ran away with memory; each must now end
/// in one clear line and the right exit code, with every input left as it was. This part: paths the CLI writes to.
/// </summary>
public partial class ReliabilityProbeTests
{
    private static readonly string Saybagh = RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml");

    [Fact]
    public void Simulate_DatabaseAlsoTheReport_IsRefusedBeforeAnythingIsWritten()
    {
        var folder = Folder();
        var path = Path.Combine(folder, "s.db");

        var (code, output, error) = CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "5", "--database", path, "--report", path);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("--report", error);
        Assert.Contains("same file as --database", error);
        Assert.Equal("", output);
        Assert.False(File.Exists(path));
        AssertOneLine(error);
    }

    [Fact]
    public void Simulate_ReportOverTheProfile_IsRefusedAndTheProfileKept()
    {
        var profile = Path.Combine(Folder(), "p.yaml");
        File.Copy(Saybagh, profile);
        var before = File.ReadAllText(profile);

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--profile", profile, "--report", profile);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains($"--report '{profile}' is the same file as --profile", error);
        Assert.Equal(before, File.ReadAllText(profile));
    }

    [Fact]
    public void Simulate_ReportThroughASymlinkToTheProfile_IsRefused()
    {
        var folder = Folder();
        var profile = Path.Combine(folder, "p.yaml");
        File.Copy(Saybagh, profile);
        var before = File.ReadAllText(profile);
        var linkedFolder = Path.Combine(folder, "linked");
        Directory.CreateSymbolicLink(linkedFolder, folder);

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--profile", profile, "--report", Path.Combine(linkedFolder, "p.yaml"));

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("same file as --profile", error);
        Assert.Equal(before, File.ReadAllText(profile));
    }

    [Fact]
    public void Simulate_ReportOverAFileItDidNotWrite_IsRefusedAndTheFileKept()
    {
        var path = Path.Combine(Folder(), "notes.html");
        File.WriteAllText(path, "<p>my notes</p>");

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--report", path);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains("already exists and is not a report from fengqiao simulate", error);
        Assert.Equal("<p>my notes</p>", File.ReadAllText(path));
    }

    [Fact]
    public void Simulate_ReportOverAPreviousReport_ReplacesIt()
    {
        var path = Path.Combine(Folder(), "report.html");
        Assert.Equal(FengqiaoCli.Ok, CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "10", "--seed", "1", "--report", path).ExitCode);
        var first = File.ReadAllText(path);

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--cases-per-day", "10", "--seed", "2", "--report", path);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Equal("", error);
        Assert.NotEqual(first, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(path)!));
    }

    [Theory]
    [InlineData("folder", "is a folder")]
    [InlineData("missing-parent", "does not exist")]
    [InlineData("unwritable", "cannot write in the folder")]
    public void Simulate_BadReportPath_IsFoundBeforeTheSimulationRuns(string kind, string expected)
    {
        var folder = Folder();
        var path = kind switch
        {
            "folder" => folder,
            "missing-parent" => Path.Combine(folder, "no-such-folder", "report.html"),
            _ => "/proc/self/report.html", // a folder no one may create files in, even root
        };

        // A run this size takes many seconds; the refusal must come first, with nothing printed on standard output.
        var (code, output, error) = CliRun.Invoke("simulate", "--days", "3650", "--cases-per-day", "1000000", "--report", path);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Equal("", output);
        Assert.Contains("--report", error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("internal error", error);
        AssertOneLine(error);
    }

    [Theory]
    [InlineData("folder", "is a folder")]
    [InlineData("missing-parent", "does not exist")]
    [InlineData("unwritable", "cannot write in the folder")]
    public void Simulate_UnopenableDatabasePath_ExitsTwoNamingThePath(string kind, string expected)
    {
        var folder = Folder();
        var path = kind switch
        {
            "folder" => folder,
            "missing-parent" => Path.Combine(folder, "no-such-folder", "s.db"),
            _ => "/proc/self/s.db",
        };

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--database", path);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains($"--database '{path}'", error);
        Assert.Contains(expected, error);
        Assert.DoesNotContain("internal error", error);
        AssertOneLine(error);
    }

    [Fact]
    public void Simulate_ProfileThatIsAFolder_ExitsTwoNamingIt()
    {
        var folder = Folder();

        var (code, _, error) = CliRun.Invoke("simulate", "--days", "1", "--profile", folder);

        Assert.Equal(FengqiaoCli.Usage, code);
        Assert.Contains($"--profile '{folder}' is a folder", error);
    }

    private static string Folder() => Directory.CreateTempSubdirectory("fengqiao-probe-").FullName;

    private static void AssertOneLine(string error) =>
        Assert.Single(error.TrimEnd('\n').Split('\n'));
}
