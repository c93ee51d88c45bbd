namespace Fengqiao.Cli.Tests;

public sealed class GeneratedProfileCheckTests
{
    [Fact]
    public void ProfileCheck_GeneratedCounties_AreValid()
    {
        var folder = Directory.CreateTempSubdirectory("fengqiao-cli-recipes-").FullName;
        try
        {
            foreach (var recipe in new[] { Fengqiao.Testing.CountyRecipe.Plainest, new Fengqiao.Testing.CountyRecipe(3, 2, 3, 3, 4, 10, true), new Fengqiao.Testing.CountyRecipe(2, 3, 1, 2, 3, 2, false) })
            {
                var path = Path.Combine(folder, "county.yaml");
                File.WriteAllText(path, recipe.ToYaml());

                var (code, output, error) = CliRun.Invoke("profile", "check", path);

                Assert.True(code == FengqiaoCli.Ok, $"{recipe}: {error}");
                Assert.Contains("valid", output, StringComparison.Ordinal);
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
