using System.Text;

namespace Fengqiao.Profiles.Loading;

/// <summary>Enum values as profiles write them: kebab-case (<c>task-force</c> for <c>TaskForce</c>).</summary>
internal static class KebabNames
{
    public static string Of<T>(T value)
        where T : struct, Enum
    {
        var name = value.ToString();
        var sb = new StringBuilder();
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0 && !char.IsDigit(name[i - 1]))
            {
                sb.Append('-');
            }

            sb.Append(char.ToLowerInvariant(name[i]));
        }

        return sb.ToString();
    }

    public static IEnumerable<string> All<T>()
        where T : struct, Enum => Enum.GetValues<T>().Select(Of);

    public static T Parse<T>(string text)
        where T : struct, Enum
    {
        foreach (var value in Enum.GetValues<T>())
        {
            if (Of(value) == text)
            {
                return value;
            }
        }

        throw new FormatException($"expected one of {string.Join(", ", All<T>())}{Suggest.DidYouMean(text, All<T>())}");
    }
}
