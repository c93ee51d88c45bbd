using Fengqiao.Cases;
using Fengqiao.Cases.CaseLifecycle;
using Fengqiao.Cases.Organisation;
using Fengqiao.TestSupport;

namespace Fengqiao.Testing.Tests;

public class CountyRecipeTests
{
    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)], RunsScale = 0.2)]
    public void Counties_AnyRecipe_LoadsAndPassesTheCountySelfChecks(CountyRecipe recipe)
    {
        var profile = recipe.Build();

        Assert.Empty(CountySelfChecks.Run(profile));
        Assert.Equal(recipe.Streets * recipe.CommunitiesPerStreet * recipe.GridsPerCommunity, profile.BuildOrgTree().Units.Count(u => u.Kind == OrgUnitKind.Grid));
    }

    [FengqiaoProperty(Arbitrary = [typeof(FengqiaoArbitraries)], RunsScale = 0.1)]
    public async Task Counties_AnyRecipe_ComposesADeskThatTakesAReportInEveryCategory(CountyRecipe recipe)
    {
        await using var county = TestCounty.FromProfile(recipe.Build());
        var grid = recipe.GridIds().Last();

        foreach (var category in CountyRecipe.CategoryKeys.Take(recipe.Categories))
        {
            var report = new CaseReport(CaseChannel.QrCode, new CaseCategory(category), CasePriority.Normal, new CaseLocation(new OrgUnitId(grid)), Reporter.Anonymous, "test");
            var registered = await county.Desk.RegisterAsync(report, CaseActor.Channel(CaseChannel.QrCode));
            Assert.Equal(CaseState.Registered, registered.Case.State);
        }
    }

    [Fact]
    public void Counties_Shrinker_ReachesThePlainestCounty()
    {
        var recipe = new CountyRecipe(3, 3, 3, 3, 4, 10, true);
        var shrinker = FengqiaoArbitraries.Counties().Shrinker;

        for (var steps = 0; steps < 50 && recipe != CountyRecipe.Plainest; steps++)
        {
            recipe = shrinker(recipe).First();
        }

        Assert.Equal(CountyRecipe.Plainest, recipe);
        Assert.Empty(shrinker(CountyRecipe.Plainest));
    }

    [Fact]
    public void ToString_PrintsTheCSharpThatRebuildsIt() =>
        Assert.Equal("new CountyRecipe(2, 1, 3, 1, 2, 5, true)", new CountyRecipe(2, 1, 3, 1, 2, 5, true).ToString());

    [Fact]
    public void ToYaml_CountOutOfRange_IsRefused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => (CountyRecipe.Plainest with { Categories = 5 }).ToYaml());
}
