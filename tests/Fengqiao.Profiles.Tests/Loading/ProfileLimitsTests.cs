using System.Text;

namespace Fengqiao.Profiles.Tests.Loading;

/// <summary>The loader's bounds (docs/profiles.md, "Limits"): each hostile input is one clear problem, read in little memory.</summary>
public class ProfileLimitsTests
{
    private const string Head = "name: x\ntime-zone: Asia/Shanghai\n";

    // Far more than the loader needs for any of these inputs, far less than the gigabytes they once took.
    private const long AllocationBudget = 300L * 1024 * 1024;

    [Fact]
    public void Parse_NestedThirtyThousandDeep_ReportsTheDepthWhereItIsCrossed()
    {
        var yaml = Head + "org: " + new string('[', 30_000) + new string(']', 30_000) + "\n";

        var problem = SingleProblem(yaml);

        Assert.Equal(3, problem.Line);
        Assert.Equal(5 + 64, problem.Column);
        Assert.Contains("more than 64 deep", problem.Message);
    }

    [Fact]
    public void Parse_NestedMappingsSixtyFiveDeep_ReportsTheDepth()
    {
        var yaml = Head + "org: " + string.Concat(Enumerable.Repeat("{a: ", 65)) + "1" + new string('}', 65) + "\n";

        Assert.Contains("more than 64 deep", SingleProblem(yaml).Message);
    }

    [Fact]
    public void Parse_AliasesOfAliases_ReportsTheExpansionWhereItCrossesTheLimit()
    {
        var yaml = new StringBuilder(Head).Append("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i <= 8; i++)
        {
            yaml.Append(System.Globalization.CultureInfo.InvariantCulture, $"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]\n");
        }

        var problem = SingleProblem(yaml.Append("org: *a8\n").ToString());

        Assert.Equal(8, problem.Line);
        Assert.Contains("more than 250,000 values once its aliases", problem.Message);
    }

    [Fact]
    public void Parse_AGenerateEntryAliasedThreeHundredTimes_IsRefusedAtTheEntryThatCrossesTheUnitLimit()
    {
        var yaml = new StringBuilder(Head).Append("org:\n  generate:\n    - &g {id: 'grid-{n}', name: 'G{n}', kind: grid, count: 40000}\n");
        for (var i = 0; i < 300; i++)
        {
            yaml.Append("    - *g\n");
        }

        var problems = Problems(yaml.ToString());

        var limit = Assert.Single(problems, p => p.Message.Contains("at most 100,000 units", StringComparison.Ordinal));
        Assert.Equal("org.generate[2]", limit.Path);
        Assert.Equal(5, limit.Line); // an alias has no position of its own: the problem points at the node it stands for
        Assert.Contains("120,000 units", limit.Message);
    }

    [Fact]
    public void Parse_GeneratedMembersPastTheLimit_IsRefused()
    {
        var members = string.Join(", ", Enumerable.Range(1, 5).Select(i => $"{{id: 'w{i}-{{n}}', name: 'W{i}', roles: [worker]}}"));
        var yaml = Head + $"org:\n  generate:\n    - {{id: 'grid-{{n}}', name: 'G{{n}}', kind: grid, count: 60000, members: [{members}]}}\n";

        Assert.Contains(Problems(yaml), p => p.Message.Contains("300,000 members", StringComparison.Ordinal) && p.Line == 5);
    }

    [Fact]
    public void Parse_TextOverTheSizeLimit_IsOneWholeFileProblem()
    {
        var yaml = Head + "# " + new string('x', 2 * 1024 * 1024) + "\n";

        var problem = SingleProblem(yaml);

        Assert.Equal(0, problem.Line);
        Assert.Contains("larger than 2 MiB", problem.Message);
    }

    [Fact]
    public void LoadFile_DevZero_StopsAtTheSizeLimit()
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.LoadFile("/dev/zero"));

        Assert.Contains("larger than 2 MiB", Assert.Single(e.Problems).Message);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 16L * 1024 * 1024);
    }

    [Fact]
    public void LoadFile_NotUtf8_NamesTheEncoding()
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("fengqiao-limits-").FullName, "gbk.yaml");
        File.WriteAllBytes(path, [.. Encoding.ASCII.GetBytes("name: "), 0xC4, 0xE3, 0xBA, 0xC3, 0xFF, (byte)'\n']);

        var e = Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.LoadFile(path));

        Assert.Contains("not UTF-8 text", Assert.Single(e.Problems).Message);
    }

    [Theory]
    [InlineData("deep")]
    [InlineData("laughs")]
    [InlineData("generate-bomb")]
    [InlineData("large")]
    public void Parse_EveryProbe_AllocatesAFewHundredMegabytesAtMost(string probe)
    {
        var yaml = probe switch
        {
            "deep" => Head + "org: " + new string('[', 30_000) + new string(']', 30_000),
            "laughs" => Head + "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                        + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n",
            "generate-bomb" => Head + "org:\n  generate:\n    - &g {id: 'grid-{n}', name: 'G{n}', kind: grid, count: 100000}\n" + string.Concat(Enumerable.Repeat("    - *g\n", 300)),
            _ => Head + "categories:\n" + string.Concat(Enumerable.Range(0, 60_000).Select(i => $"  - {{key: k{i}, name: n{i}}}\n")),
        };
        var before = GC.GetAllocatedBytesForCurrentThread();

        Assert.NotEmpty(Problems(yaml));

        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, AllocationBudget);
    }

    private static ProfileProblem SingleProblem(string yaml) => Assert.Single(Problems(yaml));

    private static IReadOnlyList<ProfileProblem> Problems(string yaml) =>
        Assert.Throws<ProfileLoadException>(() => CountyProfileLoader.Parse(yaml, "probe.yaml")).Problems;
}
