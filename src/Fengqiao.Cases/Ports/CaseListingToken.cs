using System.Globalization;
using System.Text;
using NodaTime;

namespace Fengqiao.Cases.Ports;

/// <summary>A keyset position in a case listing (registration instant, then case id): where the next page starts.</summary>
/// <remarks>
/// <para>Hosts treat it as opaque: pass <see cref="ToString"/> to the browser and <see cref="Parse"/> it back. The text
/// is URL-safe; it names a case id but nothing personal. Stores read <see cref="RegisteredAt"/> and <see cref="CaseId"/>
/// to continue strictly after that position, so a token stays valid however the cases change.</para>
/// </remarks>
/// <threadsafety>Immutable value; safe to share across threads.</threadsafety>
public readonly record struct CaseListingToken
{
    private const string Prefix = "c1.";

    /// <summary>Creates a position.</summary>
    /// <param name="registeredAt">The registration instant of the last entry listed.</param>
    /// <param name="caseId">The id of the last entry listed.</param>
    public CaseListingToken(Instant registeredAt, CaseId caseId)
    {
        RegisteredAt = registeredAt;
        CaseId = caseId;
    }

    /// <summary>Gets the registration instant of the last entry listed.</summary>
    public Instant RegisteredAt { get; }

    /// <summary>Gets the id of the last entry listed.</summary>
    public CaseId CaseId { get; }

    /// <summary>Reads a token written by <see cref="ToString"/>.</summary>
    /// <param name="text">The token text.</param>
    /// <returns>The position.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="CaseListingTokenFormatException">The text is not a listing token (the message says why, without repeating it).</exception>
    public static CaseListingToken Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CaseListingTokenFormatException("The listing continuation does not start with 'c1.'; use the continuation of a page as it was given.");
        }

        string decoded;
        try
        {
            var base64 = text[Prefix.Length..].Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            decoded = Encoding.UTF8.GetString(Convert.FromBase64String(base64));
        }
        catch (FormatException e)
        {
            throw new CaseListingTokenFormatException("The listing continuation is not valid base64url text.", e);
        }

        var bar = decoded.IndexOf('|', StringComparison.Ordinal);
        if (bar < 1 || !long.TryParse(decoded.AsSpan(0, bar), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var ticks)
            || bar == decoded.Length - 1)
        {
            throw new CaseListingTokenFormatException("The listing continuation does not hold a registration instant and a case id.");
        }

        try
        {
            return new(Instant.FromUnixTimeTicks(ticks), new CaseId(decoded[(bar + 1)..]));
        }
        catch (Exception e) when (e is ArgumentException)
        {
            throw new CaseListingTokenFormatException($"The listing continuation holds an invalid position: {e.Message}", e);
        }
    }

    /// <summary>Writes the token as URL-safe text.</summary>
    /// <returns>The text, for example <c>c1.MTc5…</c>.</returns>
    public override string ToString()
    {
        var raw = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{RegisteredAt.ToUnixTimeTicks()}|{CaseId.Value}"));
        return Prefix + Convert.ToBase64String(raw).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>Tells whether an entry lies strictly after this position in listing order.</summary>
    /// <param name="registeredAt">The entry's registration instant.</param>
    /// <param name="caseId">The entry's id.</param>
    /// <returns>Whether it comes after.</returns>
    public bool Precedes(Instant registeredAt, CaseId caseId) =>
        registeredAt > RegisteredAt || (registeredAt == RegisteredAt && string.CompareOrdinal(caseId.Value, CaseId.Value) > 0);
}
