using System.Collections;
using System.Collections.Immutable;
using System.Globalization;
using System.Reflection;
using Fengqiao.Sla;

namespace Fengqiao.Testing;

/// <summary>
/// Compares two values by their public properties, treating a default <see cref="ImmutableArray{T}"/> as empty and
/// comparing sequences and dictionaries element by element; names the first difference by its path.
/// </summary>
internal static class Structural
{
    private const int MaxDepth = 6;

    public static string? FirstDifference(object? expected, object? actual, string path) => Compare(expected, actual, path, 0);

    private static string? Compare(object? a, object? b, string path, int depth)
    {
        a = Normalise(a);
        b = Normalise(b);
        if (a is null || b is null)
        {
            return a is null && b is null ? null : Describe(path, a, b);
        }

        if (a.GetType() != b.GetType())
        {
            return $"{path}: a {a.GetType().Name} ({Show(a)}) vs a {b.GetType().Name} ({Show(b)})";
        }

        // A calendar is shared configuration, not case data: the same instance or equal by its own judgement.
        if (a is BusinessCalendar)
        {
            return ReferenceEquals(a, b) || a.Equals(b) ? null : $"{path}: different calendars";
        }

        if (a is string || a.GetType().IsPrimitive || a.GetType().IsEnum)
        {
            return a.Equals(b) ? null : Describe(path, a, b);
        }

        if (a is IDictionary da && b is IDictionary db)
        {
            var keys = da.Keys.Cast<object>().Concat(db.Keys.Cast<object>()).Distinct().OrderBy(k => k.ToString(), StringComparer.Ordinal);
            foreach (var key in keys)
            {
                var d = Compare(da.Contains(key) ? da[key] : null, db.Contains(key) ? db[key] : null, $"{path}[{key}]", depth + 1);
                if (d is not null)
                {
                    return d;
                }
            }

            return null;
        }

        if (a is IEnumerable ea && b is IEnumerable eb)
        {
            var la = ea.Cast<object?>().ToList();
            var lb = eb.Cast<object?>().ToList();
            for (var i = 0; i < Math.Min(la.Count, lb.Count); i++)
            {
                var d = Compare(la[i], lb[i], $"{path}[{i}]", depth + 1);
                if (d is not null)
                {
                    return d;
                }
            }

            return la.Count == lb.Count ? null : $"{path}: {la.Count} items vs {lb.Count} items";
        }

        if (a.Equals(b))
        {
            return null;
        }

        // An entry of a read-only dictionary that is not an IDictionary (a case's clocks): its key, then its value.
        if (a.GetType().IsGenericType && a.GetType().GetGenericTypeDefinition() == typeof(KeyValuePair<,>))
        {
            var type = a.GetType();
            return Compare(type.GetProperty("Key")!.GetValue(a), type.GetProperty("Key")!.GetValue(b), $"{path}.Key", depth + 1)
                ?? Compare(type.GetProperty("Value")!.GetValue(a), type.GetProperty("Value")!.GetValue(b), $"{path}.Value", depth + 1);
        }

        var properties = a.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetIndexParameters().Length == 0 && p.Name != "EqualityContract")
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ToArray();
        if (depth >= MaxDepth || properties.Length == 0 || a.GetType().IsValueType || !IsOurs(a.GetType()))
        {
            return Describe(path, a, b);
        }

        foreach (var p in properties)
        {
            var d = Compare(p.GetValue(a), p.GetValue(b), $"{path}.{p.Name}", depth + 1);
            if (d is not null)
            {
                return d;
            }
        }

        return null;
    }

    private static bool IsOurs(Type type) => type.Namespace?.StartsWith("Fengqiao.", StringComparison.Ordinal) == true;

    // Default ImmutableArrays (an uninitialised field in a hand-made event) read as empty; boxing keeps the rest.
    private static object? Normalise(object? value)
    {
        if (value is null)
        {
            return null;
        }

        var type = value.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(ImmutableArray<>))
        {
            var isDefault = (bool)type.GetProperty(nameof(ImmutableArray<int>.IsDefault))!.GetValue(value)!;
            return isDefault ? Array.Empty<object>() : ((IEnumerable)value).Cast<object?>().ToArray();
        }

        return value;
    }

    private static string Describe(string path, object? a, object? b) => $"{path}: expected {Show(a)}, actual {Show(b)}";

    private static string Show(object? value) => value switch
    {
        null => "null",
        string s => "\"" + s + "\"",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? value.GetType().Name,
    };
}
