using Fengqiao.TestSupport;
using NodaTime;

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
    public void Check_FourWeeksBeforeTheCalendarDataEnds_WarnsButExitsZero()
    {
        var path = RepositoryPaths.Combine("samples", "profiles", "yumen.yaml");

        var (code, output, error) = CliRun.InvokeAt(Instant.FromUtc(2026, 12, 4, 1, 0), "profile", "check", path);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("valid — ", output);
        Assert.Contains($"{path}: warning: the calendar's verified data ends on 2026-12-31 (27 days from today, 2026-12-04)", error);
        Assert.Contains("handle 60 days (petition-remedy): provisional already", error);
        Assert.Contains("handle 5 working days (*): provisional from 2026-12-25", error);
    }

    [Fact]
    public void Check_KorlaSample_PrintsWhereADispatchToEachStationedDepartmentReachesThisWeek()
    {
        var path = RepositoryPaths.Combine("samples", "profiles", "korla.yaml");

        // Monday 2 November 2026: the housing bureau's desk is staffed on Tuesday and Thursday only.
        var (code, output, _) = CliRun.InvokeAt(Instant.FromUtc(2026, 11, 2, 1, 0), "profile", "check", path);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains("  dept-justice at centre, stationed 常驻: Mon → centre-justice-desk, Tue → centre-justice-desk", output, StringComparison.Ordinal);
        Assert.Contains("  dept-housing at centre, rotating 轮驻 (Tuesday, Thursday): Mon → dept-housing, Tue → centre-housing-desk, Wed → dept-housing, Thu → centre-housing-desk", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Check_InvalidNoticeFile_ListsItsProblemsWithFileAndLine()
    {
        var folder = Directory.CreateTempSubdirectory("fengqiao-cli-").FullName;
        var notice = Path.Combine(folder, "2027.csv");
        File.WriteAllText(notice, Fengqiao.TestSupport.HypotheticalNotices.Year2027.Replace("2027-10-03,holiday", "2027-10-03,rest", StringComparison.Ordinal));
        var profile = Path.Combine(folder, "county.yaml");
        File.WriteAllText(profile, File.ReadAllText(RepositoryPaths.Combine("samples", "profiles", "yumen.yaml"))
            .Replace("  strict: false", "  strict: false\n  notice-files: [2027.csv]", StringComparison.Ordinal));

        var (code, _, error) = CliRun.Invoke("profile", "check", profile);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains($"{notice}:27:1: calendar.notice-files[0]: kind 'rest'", error);
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
        var text = File.ReadAllText(Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "saybagh.yaml"));
        text = System.Text.RegularExpressions.Regex.Replace(text, "    - category: hardship\n      kind: community\n      department: dept-civil-affairs\n      assumption: [^\n]*\n", "");
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

    [Fact]
    public void Show_Provenance_ListsEveryAssumptionWithItsLineAndCountsTheQuotes()
    {
        var path = Fengqiao.TestSupport.RepositoryPaths.Combine("samples", "profiles", "baiyin.yaml");
        var profile = Fengqiao.Profiles.CountyProfileLoader.LoadFile(path);

        var (code, output, error) = CliRun.Invoke("profile", "show", path, "--provenance");

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Equal("", error);
        var assumptions = profile.Assumptions.ToList();
        Assert.NotEmpty(assumptions);
        Assert.Contains($"{profile.Provenance.Length - assumptions.Count} element(s) quote the county's article", output);
        Assert.All(assumptions, a => Assert.Contains($"{a.Element}: {a.Assumption}", output));
        Assert.Contains("time-zone: the article names no time zone", output);
        Assert.DoesNotContain("name: ", output);
    }
}
