using System.Text;

namespace Fengqiao.Cli.Tests.Reliability;

/// <summary>Probes: hostile profiles through every command that reads one.</summary>
public partial class ReliabilityProbeTests
{
    private const string Head = "name: x\ntime-zone: Asia/Shanghai\n";

    public static TheoryData<string, string, string> HostileProfiles()
    {
        var data = new TheoryData<string, string, string>();
        var bomb = new StringBuilder(Head).Append("org:\n  generate:\n    - &g {id: 'grid-{n}', name: 'G{n}', kind: grid, count: 100000}\n");
        for (var i = 0; i < 300; i++)
        {
            bomb.Append("    - *g\n");
        }

        foreach (var command in new[] { "check", "show", "simulate" })
        {
            data.Add(command, Head + "org: " + new string('[', 30_000) + new string(']', 30_000) + "\n", "more than 64 deep");
            // simulate prints the first three problems; the bomb's ladder problems come first at line 1.
            data.Add(command, bomb.ToString(), command == "simulate" ? "the profile has 6 problem(s)" : "at most 100,000 units");
            data.Add(command, Head + "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                              + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", "aliases (*name) are expanded");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(HostileProfiles))]
    public void Profile_HostileInput_ExitsOneWithTheProblemAtItsPlace(string command, string yaml, string expected)
    {
        var path = Path.Combine(Folder(), "hostile.yaml");
        File.WriteAllText(path, yaml);

        var (code, _, error) = command == "simulate"
            ? CliRun.Invoke("simulate", "--days", "1", "--profile", path)
            : CliRun.Invoke("profile", command, path);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains(expected, error);
        Assert.Matches($@"{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: ", error);
    }

    [Theory]
    [InlineData("check")]
    [InlineData("show")]
    public void Profile_DevZero_StopsAtTheSizeLimit(string command)
    {
        var (code, _, error) = CliRun.Invoke("profile", command, "/dev/zero");

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains("/dev/zero:0:0: the file is larger than 2 MiB", error);
    }

    [Fact]
    public void ProfileCheck_ControlCharactersInTheName_AreEscapedOnTheTerminal()
    {
        var path = Path.Combine(Folder(), "ansi.yaml");
        var yaml = File.ReadAllText(Saybagh);
        var name = yaml.Split('\n').First(l => l.StartsWith("name:", StringComparison.Ordinal));
        File.WriteAllText(path, yaml.Replace(name, "name: \"\\e[2J\\e[31mFake county\\u202E\\x07\"", StringComparison.Ordinal));

        var (code, output, _) = CliRun.Invoke("profile", "check", path);

        Assert.Equal(FengqiaoCli.Ok, code);
        Assert.Contains(@"\u{1B}[2J\u{1B}[31mFake county\u{202E}\u{7}", output);
        Assert.DoesNotContain(output, c => c is '\u001b' or '\u0007' or '\u202E');
    }

    [Fact]
    public void ProfileCheck_ControlCharactersInAProblem_AreEscapedOnTheTerminal()
    {
        var path = Path.Combine(Folder(), "ansi.yaml");
        File.WriteAllText(path, Head + "\"\\e]0;owned\\a\": 1\norg: {units: [{id: c, name: C, kind: community}]}\n");

        var (code, _, error) = CliRun.Invoke("profile", "check", path);

        Assert.Equal(FengqiaoCli.Invalid, code);
        Assert.Contains(@"unknown field '\u{1B}]0;owned\u{7}'", error);
        Assert.DoesNotContain(error, c => c is '\u001b' or '\u0007');
    }
}
