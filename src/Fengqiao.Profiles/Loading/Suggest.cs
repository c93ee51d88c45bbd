namespace Fengqiao.Profiles.Loading;

/// <summary>"Did you mean …?" for unknown names, by edit distance.</summary>
internal static class Suggest
{
    public static string DidYouMean(string given, IEnumerable<string> known)
    {
        var candidates = known.ToList();
        var extended = given.Length >= 2
            ? candidates.Where(k => k.StartsWith(given, StringComparison.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).FirstOrDefault()
            : null;
        if (extended is not null && extended != given)
        {
            return $" (did you mean '{extended}'?)";
        }

        var best = candidates
            .Select(k => (Key: k, Distance: Distance(given.ToUpperInvariant(), k.ToUpperInvariant())))
            .Where(c => c.Distance <= Math.Max(2, given.Length / 3))
            .OrderBy(c => c.Distance)
            .ThenBy(c => c.Key, StringComparer.Ordinal)
            .FirstOrDefault();
        return best.Key is null ? "" : $" (did you mean '{best.Key}'?)";
    }

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
