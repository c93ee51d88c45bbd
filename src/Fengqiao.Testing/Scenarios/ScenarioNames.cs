using System.Globalization;
using System.Text;
using NodaTime;

namespace Fengqiao.Testing;

/// <summary>Kebab-case names of enum members, as scenarios write them.</summary>
internal static class ScenarioNames
{
    public static string Kebab(string pascal)
    {
        var builder = new StringBuilder(pascal.Length + 4);
        for (var i = 0; i < pascal.Length; i++)
        {
            if (char.IsUpper(pascal[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(pascal[i]));
        }

        return builder.ToString();
    }

    /// <summary>Folds a name for a loose comparison: <c>PetitionMediationFirst</c> = <c>petition-mediation-first</c>.</summary>
    public static string Fold(string name) =>
        new([.. name.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);

    public static string Format(LocalDateTime value) =>
        value.ToString("uuuu'-'MM'-'dd'T'HH':'mm", CultureInfo.InvariantCulture);
}
