using System.Reflection;

namespace Fengqiao.Rules.Tests;

/// <summary>Rules every public type of the package keeps (STYLE.md §9).</summary>
public class ConsistencyTests
{
    private static readonly Type[] PublicTypes = typeof(HitPolicy).Assembly.GetExportedTypes();

    [Fact]
    public void PublicClasses_AreSealedOrStatic()
    {
        var open = PublicTypes.Where(t => t.IsClass && !t.IsSealed && !(t.IsAbstract && t.IsSealed)).Select(t => t.FullName);
        Assert.Empty(open);
    }

    [Fact]
    public void PublicTypes_LiveInTheirFolderNamespace()
    {
        var root = RepositoryPathsRoot();
        foreach (var type in PublicTypes)
        {
            var relative = type.Namespace!["Fengqiao.Rules".Length..].TrimStart('.').Replace('.', '/');
            var name = type.Name.Split('`')[0];
            var file = Path.Combine(root, relative, name + ".cs");
            var genericFile = Path.Combine(root, relative, name + ".TFact.cs");
            Assert.True(File.Exists(file) || File.Exists(genericFile), $"{type.FullName} should be in {file}");
        }
    }

    [Fact]
    public void PublicValueTypes_AreEquatable()
    {
        foreach (var type in PublicTypes.Where(t => t.IsValueType && !t.IsEnum))
        {
            Assert.Contains(type.GetInterfaces(), i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEquatable<>));
            Assert.NotNull(type.GetMethod("op_Equality", BindingFlags.Public | BindingFlags.Static));
        }
    }

    [Fact]
    public void RuleSet_EvaluatedConcurrently_GivesTheSameResults()
    {
        var set = Samples.Escalation(HitPolicy.Collect);
        var facts = Enumerable.Range(0, 64).Select(i => new CaseFacts(i % 2 == 0, i % 3 == 0, i % 5, i % 7 == 0 ? "safety" : "noise", i % 11 == 0)).ToArray();
        var expected = facts.Select(f => set.Evaluate(f)).ToArray();
        Parallel.For(0, 2000, i =>
        {
            var k = i % facts.Length;
            Assert.Equal(expected[k], set.Evaluate(facts[k]));
            Assert.Equal(expected[k], set.Explain(facts[k]).Result);
        });
    }

    private static string RepositoryPathsRoot() => Fengqiao.TestSupport.RepositoryPaths.Combine("src", "Fengqiao.Rules");
}
