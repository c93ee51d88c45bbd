using FsCheck;
using FsCheck.Fluent;

namespace Fengqiao.Testing;

/// <content>Valid county profiles.</content>
public static partial class FengqiaoArbitraries
{
    /// <summary>Valid county profiles as <see cref="CountyRecipe"/>s (<c>recipe.Build()</c> loads one, <c>recipe.ToYaml()</c> writes it).</summary>
    /// <returns>The arbitrary; shrinks towards <see cref="CountyRecipe.Plainest"/> (fewer units, categories and days, Beijing time).</returns>
    public static Arbitrary<CountyRecipe> Counties() => Arb.From(CountyGen, ShrinkCounty);

    private static Gen<CountyRecipe> CountyGen =>
        from streets in Gen.Choose(1, 3)
        from communities in Gen.Choose(1, 3)
        from grids in Gen.Choose(1, 3)
        from departments in Gen.Choose(1, 3)
        from categories in Gen.Choose(1, CountyRecipe.CategoryKeys.Count)
        from days in Gen.Choose(1, 10)
        from xinjiang in Gen.Elements(false, true)
        select new CountyRecipe(streets, communities, grids, departments, categories, days, xinjiang);

    private static IEnumerable<CountyRecipe> ShrinkCounty(CountyRecipe recipe)
    {
        if (recipe.Xinjiang)
        {
            yield return recipe with { Xinjiang = false };
        }

        if (recipe.Streets > 1)
        {
            yield return recipe with { Streets = recipe.Streets - 1 };
        }

        if (recipe.CommunitiesPerStreet > 1)
        {
            yield return recipe with { CommunitiesPerStreet = recipe.CommunitiesPerStreet - 1 };
        }

        if (recipe.GridsPerCommunity > 1)
        {
            yield return recipe with { GridsPerCommunity = recipe.GridsPerCommunity - 1 };
        }

        if (recipe.Departments > 1)
        {
            yield return recipe with { Departments = recipe.Departments - 1 };
        }

        if (recipe.Categories > 1)
        {
            yield return recipe with { Categories = recipe.Categories - 1 };
        }

        if (recipe.HandleWorkingDays > 1)
        {
            yield return recipe with { HandleWorkingDays = 1 };
            if (recipe.HandleWorkingDays > 2)
            {
                yield return recipe with { HandleWorkingDays = recipe.HandleWorkingDays / 2 };
            }
        }
    }
}
