using System.Text.RegularExpressions;
using Fengqiao.TestSupport;

namespace Fengqiao.Conventions.Tests;

/// <summary>
/// XML docs and package READMEs ship to users, so they cite only what ships: the fact itself, a law and article, or a
/// page under docs/. The team's design notes and issue numbers do not ship and must not be cited.
/// </summary>
public partial class DocReferenceTests
{
    [Fact]
    public void XmlDocComments_InSource_CiteNoDesignNotesOrIssues()
    {
        var offenders = new List<string>();
        foreach (var file in SourceFiles("*.cs"))
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                var trimmed = lines[i].TrimStart();
                if (trimmed.StartsWith("///", StringComparison.Ordinal) && Unshipped().Match(trimmed) is { Success: true } m)
                {
                    offenders.Add($"{Relative(file)}:{i + 1}: '{m.Value}'");
                }
            }
        }

        Assert.True(offenders.Count == 0, "XML docs cite what does not ship:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    [Fact]
    public void PackageReadmes_CiteNoDesignNotesOrIssues()
    {
        var offenders = SourceFiles("README.md")
            .SelectMany(file => File.ReadAllLines(file).Select((line, i) => (file, line, i)))
            .Where(x => Unshipped().IsMatch(x.line))
            .Select(x => $"{Relative(x.file)}:{x.i + 1}: '{Unshipped().Match(x.line).Value}'")
            .ToList();

        Assert.True(offenders.Count == 0, "Package READMEs cite what does not ship:" + Environment.NewLine + string.Join(Environment.NewLine, offenders));
    }

    [Theory]
    [InlineData("/// <remarks>Counting follows DOMAIN §3.</remarks>")]
    [InlineData("/// (see DOMAIN.md §1 D)")]
    [InlineData("/// the shape in ARCHITECTURE.md")]
    [InlineData("/// practice (issue 6)")]
    [InlineData("/// fixed for Issue #12")]
    [InlineData("/// as the design notes say")]
    [InlineData("/// not in the domain notes")]
    [InlineData("/// see STYLE.md")]
    [InlineData("/// regressed in (#34)")]
    public void Unshipped_Reference_IsFound(string line)
    {
        Assert.Matches(Unshipped(), line);
    }

    [Theory]
    [InlineData("/// <returns>For example <c>督办#1 Yellow of community-1</c>.</returns>")]
    [InlineData("/// such as <c>Append #2: conflict</c>")]
    [InlineData("/// statutory days (民法典 art.201–203); see docs/calendar.md")]
    [InlineData("/// the domain's own term")]
    public void Unshipped_FactOrShippedPage_IsNotFound(string line)
    {
        Assert.DoesNotMatch(Unshipped(), line);
    }

    [Fact]
    public void SourceFiles_FindTheShippedPackages_SoTheRulesAreNotVacuous()
    {
        Assert.True(SourceFiles("*.cs").Count() > 300);
        Assert.True(SourceFiles("README.md").Count() >= 10);
    }

    private static IEnumerable<string> SourceFiles(string pattern) =>
        Directory.EnumerateFiles(RepositoryPaths.Combine("src"), pattern, SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

    private static string Relative(string file) => Path.GetRelativePath(RepositoryPaths.Root, file).Replace('\\', '/');

    [GeneratedRegex(@"\b(?:DOMAIN|ARCHITECTURE|STYLE)(?:\.md|\s*§)|\b(?:domain|design) notes\b|\b[Ii]ssues?\s*#?\d+|\(#\d+\)")]
    private static partial Regex Unshipped();
}
