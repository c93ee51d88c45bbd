using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace Fengqiao.TestSupport;

/// <summary>
/// Renders the public surface of an assembly as stable, sorted, C#-like text: each public type with its kind,
/// base type, interfaces and generic constraints, then each public or protected member's full signature with
/// nullability, default values, <c>params</c>, <c>ref</c>/<c>out</c>/<c>in</c> and the attributes that matter.
/// </summary>
public static class PublicApiRenderer
{
    private static readonly Dictionary<Type, string> Keywords = new()
    {
        [typeof(void)] = "void",
        [typeof(object)] = "object",
        [typeof(string)] = "string",
        [typeof(bool)] = "bool",
        [typeof(byte)] = "byte",
        [typeof(sbyte)] = "sbyte",
        [typeof(char)] = "char",
        [typeof(short)] = "short",
        [typeof(ushort)] = "ushort",
        [typeof(int)] = "int",
        [typeof(uint)] = "uint",
        [typeof(long)] = "long",
        [typeof(ulong)] = "ulong",
        [typeof(float)] = "float",
        [typeof(double)] = "double",
        [typeof(decimal)] = "decimal",
        [typeof(nint)] = "nint",
        [typeof(nuint)] = "nuint",
    };

    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    /// <summary>Renders every exported type of an assembly.</summary>
    public static string Render(Assembly assembly) => Render(assembly.GetExportedTypes());

    /// <summary>Renders the given types (those visible outside their assembly), sorted by full name.</summary>
    public static string Render(IEnumerable<Type> types)
    {
        var sb = new StringBuilder();
        var context = new NullabilityInfoContext();
        foreach (var type in types.Where(IsVisible).OrderBy(t => TypeName(t, null, qualify: true), StringComparer.Ordinal))
        {
            if (sb.Length > 0)
            {
                sb.Append('\n');
            }

            sb.Append(TypeHeader(type, context)).Append('\n');
            foreach (var member in Members(type, context).Order(StringComparer.Ordinal))
            {
                sb.Append("  ").Append(member).Append('\n');
            }
        }

        return sb.ToString();
    }

    private static bool IsVisible(Type type) =>
        type.IsPublic || (type.IsNestedPublic && IsVisible(type.DeclaringType!))
        || ((type.IsNestedFamily || type.IsNestedFamORAssem) && IsVisible(type.DeclaringType!) && !type.DeclaringType!.IsSealed);

    private static string TypeHeader(Type type, NullabilityInfoContext context)
    {
        var sb = new StringBuilder();
        sb.Append(Attributes(type.GetCustomAttributesData()));
        sb.Append(type.IsPublic || type.IsNestedPublic ? "public " : "protected ");
        var isRecord = type.GetMethod("<Clone>$", BindingFlags.Public | BindingFlags.Instance) is not null
            || (type.IsValueType && type.GetProperty("EqualityContract", Declared) is not null)
            || IsRecordStruct(type);
        if (typeof(Delegate).IsAssignableFrom(type) && type != typeof(Delegate) && type != typeof(MulticastDelegate))
        {
            var invoke = type.GetMethod("Invoke")!;
            sb.Append("delegate ").Append(TypeName(invoke.ReturnType, context.Create(invoke.ReturnParameter), qualify: true))
              .Append(' ').Append(TypeName(type, null, qualify: true)).Append('(').Append(Parameters(invoke, context)).Append(')')
              .Append(Constraints(type.GetGenericArguments()));
            return sb.ToString();
        }

        if (type.IsEnum)
        {
            sb.Append("enum ").Append(TypeName(type, null, qualify: true)).Append(" : ").Append(TypeName(Enum.GetUnderlyingType(type), null, true));
            return sb.ToString();
        }

        if (type.IsInterface)
        {
            sb.Append("interface ");
        }
        else if (type.IsValueType)
        {
            if (type.GetCustomAttributesData().Any(a => a.AttributeType.FullName == "System.Runtime.CompilerServices.IsReadOnlyAttribute"))
            {
                sb.Append("readonly ");
            }

            if (type.IsByRefLike)
            {
                sb.Append("ref ");
            }

            sb.Append(isRecord ? "record struct " : "struct ");
        }
        else
        {
            if (type.IsAbstract && type.IsSealed)
            {
                sb.Append("static ");
            }
            else if (type.IsAbstract)
            {
                sb.Append("abstract ");
            }
            else if (type.IsSealed)
            {
                sb.Append("sealed ");
            }

            sb.Append(isRecord ? "record " : "class ");
        }

        sb.Append(TypeName(type, null, qualify: true));
        var bases = new List<string>();
        if (type.BaseType is { } baseType && baseType != typeof(object) && baseType != typeof(ValueType))
        {
            bases.Add(TypeName(baseType, null, qualify: true));
        }

        var inherited = type.BaseType?.GetInterfaces() ?? [];
        bases.AddRange(type.GetInterfaces()
            .Where(i => !inherited.Contains(i) && (i.IsPublic || i.IsNestedPublic))
            .Select(i => TypeName(i, null, qualify: true))
            .Order(StringComparer.Ordinal));
        if (bases.Count > 0)
        {
            sb.Append(" : ").Append(string.Join(", ", bases));
        }

        sb.Append(Constraints(type.IsGenericType ? type.GetGenericArguments() : []));
        return sb.ToString();
    }

    private static bool IsRecordStruct(Type type) =>
        type.IsValueType && type.GetMethod("PrintMembers", Declared) is { } m && m.IsPrivate && IsCompilerGenerated(m);

    private static IEnumerable<string> Members(Type type, NullabilityInfoContext context)
    {
        if (type.IsEnum)
        {
            foreach (var field in type.GetFields(BindingFlags.Public | BindingFlags.Static))
            {
                yield return $"{Attributes(field.GetCustomAttributesData())}{field.Name} = {Convert.ToString(field.GetRawConstantValue(), System.Globalization.CultureInfo.InvariantCulture)}";
            }

            yield break;
        }

        if (typeof(Delegate).IsAssignableFrom(type))
        {
            yield break;
        }

        foreach (var ctor in type.GetConstructors(Declared).Where(IsVisibleMember))
        {
            if (type.IsAbstract && type.IsSealed)
            {
                continue;
            }

            yield return $"{Attributes(ctor.GetCustomAttributesData())}{Access(ctor)}{TypeName(type, null, qualify: false).Split('<')[0]}({Parameters(ctor, context)})";
        }

        foreach (var method in type.GetMethods(Declared).Where(m => IsVisibleMember(m) && !m.IsSpecialName || IsVisibleMember(m) && m.Name.StartsWith("op_", StringComparison.Ordinal)))
        {
            if (IsHiddenCompilerMember(method))
            {
                continue;
            }

            var name = method.Name.StartsWith("op_", StringComparison.Ordinal) ? "operator " + method.Name[3..] : method.Name;
            var generic = method.IsGenericMethodDefinition
                ? "<" + string.Join(", ", method.GetGenericArguments().Select(a => a.Name)) + ">"
                : "";
            var extension = method.IsDefined(typeof(ExtensionAttribute), false) ? "this " : "";
            yield return $"{Attributes(method.GetCustomAttributesData())}{Access(method)}{Modifiers(method, type)}"
                + $"{ReturnPrefix(method.ReturnParameter)}{TypeName(method.ReturnType, context.Create(method.ReturnParameter), qualify: true)} "
                + $"{name}{generic}({extension}{Parameters(method, context)}){Constraints(method.IsGenericMethodDefinition ? method.GetGenericArguments() : [])}";
        }

        foreach (var property in type.GetProperties(Declared))
        {
            var getter = property.GetMethod is { } g && IsVisibleMember(g) ? g : null;
            var setter = property.SetMethod is { } s && IsVisibleMember(s) ? s : null;
            if (getter is null && setter is null || IsHiddenCompilerMember(property))
            {
                continue;
            }

            var any = (getter ?? setter)!;
            var accessors = new List<string>();
            if (getter is not null)
            {
                accessors.Add("get;");
            }

            if (setter is not null)
            {
                var isInit = setter.ReturnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.CompilerServices.IsExternalInit");
                accessors.Add((setter.IsFamily && getter is { IsPublic: true } ? "protected " : "") + (isInit ? "init;" : "set;"));
            }

            var indexParameters = property.GetIndexParameters();
            var name = indexParameters.Length > 0
                ? "this[" + string.Join(", ", indexParameters.Select(p => Parameter(p, context))) + "]"
                : property.Name;
            yield return $"{Attributes(property.GetCustomAttributesData())}{Access(any)}{Modifiers(any, type)}"
                + $"{TypeName(property.PropertyType, context.Create(property), qualify: true)} {name} {{ {string.Join(" ", accessors)} }}";
        }

        foreach (var field in type.GetFields(Declared).Where(f => f.IsPublic || f.IsFamily || f.IsFamilyOrAssembly))
        {
            if (IsCompilerGenerated(field))
            {
                continue;
            }

            var access = field.IsPublic ? "public " : "protected ";
            var modifier = field.IsLiteral ? "const " : (field.IsStatic ? "static " : "") + (field.IsInitOnly ? "readonly " : "");
            var value = field.IsLiteral ? " = " + Literal(field.GetRawConstantValue()) : "";
            yield return $"{Attributes(field.GetCustomAttributesData())}{access}{modifier}{TypeName(field.FieldType, context.Create(field), qualify: true)} {field.Name}{value}";
        }

        foreach (var ev in type.GetEvents(Declared))
        {
            var add = ev.AddMethod;
            if (add is null || !IsVisibleMember(add))
            {
                continue;
            }

            yield return $"{Attributes(ev.GetCustomAttributesData())}{Access(add)}{Modifiers(add, type)}event {TypeName(ev.EventHandlerType!, context.Create(ev), qualify: true)} {ev.Name}";
        }
    }

    private static bool IsVisibleMember(MethodBase method) =>
        method.IsPublic || ((method.IsFamily || method.IsFamilyOrAssembly) && !method.DeclaringType!.IsSealed);

    private static bool IsCompilerGenerated(MemberInfo member) =>
        member.IsDefined(typeof(CompilerGeneratedAttribute), false);

    private static bool IsHiddenCompilerMember(MemberInfo member) =>
        member.Name.Contains('<', StringComparison.Ordinal)
        || (member.Name is "EqualityContract" or "PrintMembers" && IsCompilerGenerated(member));

    private static string Access(MethodBase method) =>
        method.IsPublic ? "public " : "protected ";

    private static string Modifiers(MethodInfo method, Type declaring)
    {
        if (declaring.IsInterface)
        {
            return method.IsStatic ? (method.IsAbstract ? "static abstract " : "static ") : "";
        }

        if (method.IsStatic)
        {
            return "static ";
        }

        if (method.IsAbstract)
        {
            return "abstract ";
        }

        if (method.IsVirtual && !method.IsFinal)
        {
            return method.GetBaseDefinition() != method ? "override " : "virtual ";
        }

        if (method.IsVirtual && method.IsFinal && method.GetBaseDefinition() != method)
        {
            return "sealed override ";
        }

        return "";
    }

    private static string ReturnPrefix(ParameterInfo returnParameter) =>
        returnParameter.ParameterType.IsByRef
            ? (returnParameter.GetRequiredCustomModifiers().Any(m => m.FullName == "System.Runtime.InteropServices.InAttribute") ? "ref readonly " : "ref ")
            : "";

    private static string Parameters(MethodBase method, NullabilityInfoContext context) =>
        string.Join(", ", method.GetParameters().Select(p => Parameter(p, context)));

    private static string Parameter(ParameterInfo parameter, NullabilityInfoContext context)
    {
        var sb = new StringBuilder();
        sb.Append(Attributes(parameter.GetCustomAttributesData()));
        if (parameter.IsDefined(typeof(ParamArrayAttribute), false)
            || parameter.GetCustomAttributesData().Any(a => a.AttributeType.Name == "ParamCollectionAttribute"))
        {
            sb.Append("params ");
        }

        var type = parameter.ParameterType;
        if (type.IsByRef)
        {
            sb.Append(parameter.IsOut ? "out " : parameter.IsIn ? "in " : "ref ");
        }

        sb.Append(TypeName(type, context.Create(parameter), qualify: true)).Append(' ').Append(parameter.Name);
        if (parameter.HasDefaultValue)
        {
            var raw = parameter.RawDefaultValue;
            var underlying = Nullable.GetUnderlyingType(type) ?? type;
            sb.Append(" = ").Append(
                underlying.IsEnum && raw is not null ? EnumLiteral(underlying, raw)
                : raw is null && type.IsValueType && Nullable.GetUnderlyingType(type) is null ? "default"
                : Literal(raw));
        }

        return sb.ToString();
    }

    private static string EnumLiteral(Type enumType, object raw)
    {
        var value = Enum.ToObject(enumType, raw);
        var name = Enum.GetName(enumType, value);
        return TypeName(enumType, null, qualify: true) + "." + (name ?? Literal(raw));
    }

    private static string Literal(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        bool b => b ? "true" : "false",
        char c => "'" + c + "'",
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "null",
    };

    private static string Attributes(IEnumerable<CustomAttributeData> attributes)
    {
        var sb = new StringBuilder();
        foreach (var attribute in attributes)
        {
            var name = attribute.AttributeType.FullName;
            if (name == typeof(ObsoleteAttribute).FullName)
            {
                var args = attribute.ConstructorArguments.Select(a => Literal(a.Value));
                sb.Append("[Obsolete(").Append(string.Join(", ", args)).Append(")] ");
            }
            else if (name == typeof(FlagsAttribute).FullName)
            {
                sb.Append("[Flags] ");
            }
        }

        return sb.ToString();
    }

    private static string Constraints(Type[] genericArguments)
    {
        var sb = new StringBuilder();
        foreach (var argument in genericArguments.Where(a => a.IsGenericParameter))
        {
            var parts = new List<string>();
            var attributes = argument.GenericParameterAttributes;
            var isUnmanaged = argument.GetCustomAttributesData().Any(a => a.AttributeType.Name == "IsUnmanagedAttribute");
            if (isUnmanaged)
            {
                parts.Add("unmanaged");
            }
            else if ((attributes & GenericParameterAttributes.NotNullableValueTypeConstraint) != 0)
            {
                parts.Add("struct");
            }
            else if ((attributes & GenericParameterAttributes.ReferenceTypeConstraint) != 0)
            {
                parts.Add("class");
            }
            else if (argument.GetCustomAttributesData().Any(a => a.AttributeType.Name == "NullableAttribute" && a.ConstructorArguments.Count == 1 && Equals(a.ConstructorArguments[0].Value, (byte)1)))
            {
                parts.Add("notnull");
            }

            parts.AddRange(argument.GetGenericParameterConstraints().Where(c => c != typeof(ValueType)).Select(c => TypeName(c, null, qualify: true)).Order(StringComparer.Ordinal));
            if ((attributes & GenericParameterAttributes.DefaultConstructorConstraint) != 0
                && (attributes & GenericParameterAttributes.NotNullableValueTypeConstraint) == 0)
            {
                parts.Add("new()");
            }

            if (parts.Count > 0)
            {
                sb.Append(" where ").Append(argument.Name).Append(" : ").Append(string.Join(", ", parts));
            }
        }

        return sb.ToString();
    }

    /// <summary>Renders a type name the way C# writes it, with nullability where it is known.</summary>
    public static string TypeName(Type type, NullabilityInfo? nullability, bool qualify)
    {
        if (type.IsByRef)
        {
            return TypeName(type.GetElementType()!, nullability, qualify);
        }

        if (type.IsArray)
        {
            var rank = type.GetArrayRank();
            var element = TypeName(type.GetElementType()!, nullability?.ElementType, qualify);
            return element + "[" + new string(',', rank - 1) + "]" + Suffix(nullability);
        }

        if (type.IsPointer)
        {
            return TypeName(type.GetElementType()!, null, qualify) + "*";
        }

        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            var inner = nullability?.GenericTypeArguments.Length > 0 ? nullability.GenericTypeArguments[0] : null;
            return TypeName(underlying, inner, qualify) + "?";
        }

        if (type.IsGenericParameter)
        {
            return type.Name + Suffix(nullability);
        }

        if (Keywords.TryGetValue(type, out var keyword))
        {
            return keyword + Suffix(nullability);
        }

        var name = new StringBuilder();
        if (type.IsNested)
        {
            name.Append(TypeName(type.DeclaringType!, null, qualify)).Append('.');
        }
        else if (qualify && type.Namespace is { Length: > 0 } ns)
        {
            name.Append(ns).Append('.');
        }

        var simple = type.Name;
        var tick = simple.IndexOf('`', StringComparison.Ordinal);
        if (tick >= 0)
        {
            simple = simple[..tick];
        }

        name.Append(simple);
        var all = type.GetGenericArguments();
        var ownStart = type.IsNested ? type.DeclaringType!.GetGenericArguments().Length : 0;
        if (all.Length > ownStart)
        {
            var own = all[ownStart..];
            var args = nullability?.GenericTypeArguments ?? [];
            name.Append('<');
            for (var i = 0; i < own.Length; i++)
            {
                if (i > 0)
                {
                    name.Append(", ");
                }

                var argNullability = args.Length == all.Length ? args[ownStart + i] : (args.Length == own.Length ? args[i] : null);
                name.Append(TypeName(own[i], argNullability, qualify));
            }

            name.Append('>');
        }

        return name + (type.IsValueType ? "" : Suffix(nullability));
    }

    private static string Suffix(NullabilityInfo? nullability) =>
        nullability is not null && (nullability.ReadState == NullabilityState.Nullable || nullability.WriteState == NullabilityState.Nullable)
            && !nullability.Type.IsValueType
            ? "?"
            : "";
}
