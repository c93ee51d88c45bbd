using Fengqiao.Profiles;
using Fengqiao.TestSupport;

namespace Fengqiao.Testing.Tests;

public class ProfileComparisonTests
{
    private static string BaiyinPath => RepositoryPaths.Combine("samples", "profiles", "baiyin.yaml");

    [Fact]
    public void Difference_SameYamlLoadedTwice_IsNone()
    {
        var text = File.ReadAllText(BaiyinPath);

        Assert.Null(ProfileComparison.Difference(CountyProfileLoader.Parse(text, "a.yaml"), CountyProfileLoader.Parse(text, "b.yaml")));
    }

    [Fact]
    public void Difference_ChangedLimit_NamesTheLineWithBothValues()
    {
        var text = File.ReadAllText(BaiyinPath);
        const string Rules = "\nsla:\n  name: Baiyin handling limits\n  rules:\n";
        Assert.Contains(Rules, text, StringComparison.Ordinal);
        var changed = text.Replace(Rules, Rules + "    - category: dispute\n      limits:\n        handle: 3 working days\n", StringComparison.Ordinal);

        var difference = ProfileComparison.Difference(CountyProfileLoader.Parse(text, "a.yaml"), CountyProfileLoader.Parse(changed, "b.yaml"));

        Assert.NotNull(difference);
        Assert.Matches("^profile '.+' line [0-9]+: expected '.*', actual '.*'$", difference);
        var failure = Assert.Throws<CaseComparisonException>(() =>
            ProfileComparison.AssertSame(CountyProfileLoader.Parse(text, "a.yaml"), CountyProfileLoader.Parse(changed, "b.yaml")));
        Assert.Equal(difference, failure.Difference);
    }

    [Fact]
    public void Difference_OneMissing_SaysWhichOne()
    {
        var profile = CountyProfileLoader.LoadFile(BaiyinPath);

        Assert.Equal($"expected profile '{profile.Name}', actual no profile", ProfileComparison.Difference(profile, null));
        Assert.Null(ProfileComparison.Difference(null, null));
    }
}
