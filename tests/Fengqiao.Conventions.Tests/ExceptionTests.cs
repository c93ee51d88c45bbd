namespace Fengqiao.Conventions.Tests;

/// <summary>Every exception a shipped package makes public derives from the one base, <see cref="FengqiaoException"/>.</summary>
public class ExceptionTests
{
    [Theory]
    [MemberData(nameof(ShippedAssemblies.All), MemberType = typeof(ShippedAssemblies))]
    public void PublicExceptions_DeriveFromFengqiaoException(string assemblyName)
    {
        var strays = ShippedAssemblies.Load(assemblyName).GetExportedTypes()
            .Where(t => typeof(Exception).IsAssignableFrom(t) && !typeof(FengqiaoException).IsAssignableFrom(t))
            .Select(t => $"{t.FullName} : {t.BaseType?.FullName}")
            .ToList();

        Assert.True(strays.Count == 0, $"Public exceptions that do not derive from Fengqiao.FengqiaoException: {string.Join(", ", strays)}");
    }

    [Fact]
    public void PublicExceptions_ExistInEveryPackageThatThrows_SoTheRuleIsNotVacuous()
    {
        var exceptions = ShippedAssemblies.Names
            .SelectMany(n => ShippedAssemblies.Load(n).GetExportedTypes())
            .Count(t => typeof(FengqiaoException).IsAssignableFrom(t) && !t.IsAbstract);

        Assert.True(exceptions >= 35, $"Only {exceptions} public Fengqiao exception types were found; the assemblies did not load as expected.");
    }
}
