namespace Fengqiao.Rules;

/// <summary>Checks rule ids (and other names) for the shapes traces and profile files can carry.</summary>
internal static class RuleIds
{
    public static string? Problem(string id, string what = "A rule id")
    {
        if (id.Length == 0)
        {
            return $"{what} must not be empty.";
        }

        if (char.IsWhiteSpace(id[0]) || char.IsWhiteSpace(id[^1]))
        {
            return $"{what} must not start or end with white space: '{id}'.";
        }

        foreach (var c in id)
        {
            if (char.IsControl(c))
            {
                return $"{what} must not contain control characters: '{id.Replace("\n", "\\n", StringComparison.Ordinal)}'.";
            }
        }

        return null;
    }
}
