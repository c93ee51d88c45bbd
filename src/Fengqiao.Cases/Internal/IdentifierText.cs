namespace Fengqiao.Cases.Internal;

/// <summary>The one rule for identifier text (ids, keys): not empty, no surrounding white space.</summary>
internal static class IdentifierText
{
    /// <summary>Returns <paramref name="value"/> when it is a valid identifier, else throws naming what it was for.</summary>
    /// <exception cref="ArgumentException">The text is null, empty, or padded with white space.</exception>
    public static string Require(string value, string what, string parameterName)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Trim().Length != value.Length)
        {
            throw new ArgumentException($"{what} must be non-empty text without surrounding spaces; got '{value}'.", parameterName);
        }

        return value;
    }
}
