using System.Reflection;

namespace Fengqiao.Conventions.Tests;

/// <summary>Shape rules for the public types of every shipped package (STYLE.md, conventions 9 and 12).</summary>
public class TypeShapeTests
{
    [Theory]
    [MemberData(nameof(ShippedAssemblies.All), MemberType = typeof(ShippedAssemblies))]
    public void PublicClasses_AreSealedAbstractOrStatic(string assemblyName)
    {
        var open = ShippedAssemblies.Load(assemblyName).GetExportedTypes()
            .Where(t => t.IsClass && !t.IsSealed && !t.IsAbstract && !typeof(Exception).IsAssignableFrom(t))
            .Select(t => t.FullName)
            .ToList();

        Assert.True(open.Count == 0, $"Public classes open to inheritance without being designed for it: {string.Join(", ", open)}");
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies.All), MemberType = typeof(ShippedAssemblies))]
    public void PublicTypes_ExposeNoMutableFields(string assemblyName)
    {
        var mutable = ShippedAssemblies.Load(assemblyName).GetExportedTypes()
            .SelectMany(t => t.GetFields(BindingFlags.Public | BindingFlags.Static | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(f => !f.IsInitOnly && !f.IsLiteral && !t.IsEnum)
                .Select(f => $"{t.FullName}.{f.Name}"))
            .ToList();

        Assert.True(mutable.Count == 0, $"Public mutable fields: {string.Join(", ", mutable)}");
    }

    [Theory]
    [MemberData(nameof(ShippedAssemblies.All), MemberType = typeof(ShippedAssemblies))]
    public void PublicMembers_ExposeNoSubjectsAndNoDateTime(string assemblyName)
    {
        var offenders = new List<string>();
        foreach (var type in ShippedAssemblies.Load(assemblyName).GetExportedTypes())
        {
            foreach (var member in type.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            {
                foreach (var exposed in ExposedTypes(member))
                {
                    if (exposed == typeof(DateTime) || exposed == typeof(DateTimeOffset)
                        || exposed.Name.StartsWith("Subject", StringComparison.Ordinal) || exposed.Name.StartsWith("ISubject", StringComparison.Ordinal))
                    {
                        offenders.Add($"{type.FullName}.{member.Name} exposes {exposed.Name}");
                    }
                }
            }
        }

        Assert.True(offenders.Count == 0, string.Join(Environment.NewLine, offenders));
    }

    private static IEnumerable<Type> ExposedTypes(MemberInfo member)
    {
        IEnumerable<Type> direct = member switch
        {
            PropertyInfo p => [p.PropertyType],
            FieldInfo f => [f.FieldType],
            MethodInfo m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType),
            ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
            _ => [],
        };
        return direct.SelectMany(Unwrap);
    }

    private static IEnumerable<Type> Unwrap(Type type)
    {
        var t = type.IsByRef || type.IsArray ? type.GetElementType()! : type;
        yield return Nullable.GetUnderlyingType(t) ?? t;
        if (t.IsGenericType)
        {
            foreach (var argument in t.GetGenericArguments().SelectMany(Unwrap))
            {
                yield return argument;
            }
        }
    }
}
