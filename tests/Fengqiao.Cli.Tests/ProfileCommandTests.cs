namespace Fengqiao.Cli.Tests;

public class ProfileCommandTests
{
    private const string Valid = """
        name: Test county
        time-zone: Asia/Shanghai
        org:
          units:
            - id: street
              name: 街道
              kind: street
          generate:
            - id: grid-{n}
              name: 网格{n}
              kind: grid
              count: 3
              parents: [street]
        ladder:
          key: two
          name: Two levels
          levels:
            - key: grid
              name: Grid
              kinds: [grid]
            - key: street
              name: Street
              kinds: [street]
        rules:
          escalation:
            levels:
              must-start-high: street
              wage-arrears: street
              repeat-complaint: street
        """;

    private static string Write(string text)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-profile-").FullName, "county.yaml");
        File.WriteAllText(path, text);
        return path;
    }

    [Fact]
    public void Check_ValidProfile_ExitsZero()
    {
        var (code, output, error) = CliRun.Invoke("profile", "check", Write(Valid));

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("valid — Test county, 4 org units", output);
        Assert.Empty(error);
    }

    [Fact]
    public void Check_InvalidProfile_ListsProblemsAndExitsOne()
    {
        var path = Write(Valid.Replace("kind: street", "kind: stret").Replace("name: Test county", "nmae: Test county"));

        var (code, _, error) = CliRun.Invoke("profile", "check", path);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains("county.yaml:1:1: nmae: unknown field 'nmae' (did you mean 'name'?)", error);
        Assert.Contains(":7:13: org.units[0].kind:", error);
        Assert.DoesNotContain("   at ", error);
    }

    [Fact]
    public void Check_SaybaghWithACategoryNoRoutingRowCovers_NamesItsLineAndColumnAndExitsOne()
    {
        var text = File.ReadAllText(Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"))
            .Replace("    - category: hardship\n      kind: community\n      department: dept-civil-affairs\n", "", StringComparison.Ordinal);
        var line = Array.IndexOf(text.Split('\n'), "  - key: hardship") + 1;
        var path = Path.Combine(Path.GetTempPath(), $"fengqiao-unroutable-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, text);
        try
        {
            var (code, _, error) = CliRun.Invoke("profile", "check", path);

            Assert.Equal(FengqiaoCli.Invalid, code);
            Assert.Contains($"{path}:{line}:5: categories[3]: routing: No routing row covers a 'hardship' case", error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Check_MissingFile_ExitsOneNamingIt()
    {
        var (code, _, error) = CliRun.Invoke("profile", "check", "/no/such/county.yaml");

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains("/no/such/county.yaml", error);
    }

    [Fact]
    public void Show_PrintsTheEffectiveProfileWithDefaults()
    {
        var (code, output, _) = CliRun.Invoke("profile", "show", Write(Valid));

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("default: \"09:00-12:00,13:30-17:30\"", output);
        Assert.Contains("region: none", output);
        Assert.Contains("count: 3", output);
    }

    [Fact]
    public void Show_KorlaSample_PrintsItsRulesWithTheHandOffRows()
    {
        var (code, output, error) = CliRun.Invoke("profile", "show", Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "korla.yaml"));

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Equal("", error);
        Fengqiao.TestSupport.Snapshot.Match(output[output.IndexOf("\nrules:\n", StringComparison.Ordinal)..].TrimStart('\n'));
    }
}
