using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Fengqiao.Cases.QueryCodes;

/// <summary>
/// The keyed digest of a query code (查询码): what a case, its events and every store keep in place of the code, so
/// that a copy of the database does not reveal the codes citizens hold.
/// </summary>
/// <remarks>
/// <para>
/// Made only by <see cref="QueryCodeKey.Digest"/> (HMAC-SHA-256 under the county's key over the code's canonical text)
/// or read back from storage with <see cref="Parse"/>. Written as 64 upper-case hexadecimal digits. A digest cannot be
/// turned back into the code; a citizen's code is given to them once, on the registration receipt
/// (<c>CaseRegistrationResult.QueryCode</c>), and found again by digesting what they type.
/// </para>
/// <para>Equality compares in constant time, so an authoriser comparing digests reveals nothing through timing.
/// The default value holds no digest and equals only itself; <see cref="ToString"/> then returns an empty string.</para>
/// </remarks>
/// <threadsafety>An immutable value: thread-safe.</threadsafety>
public readonly struct QueryCodeDigest : IEquatable<QueryCodeDigest>
{
    /// <summary>The number of hexadecimal digits in a digest's text.</summary>
    public const int TextLength = 64;

    private readonly string? hex;

    private QueryCodeDigest(string hex)
    {
        this.hex = hex;
    }

    /// <summary>Compares two digests.</summary>
    /// <param name="left">A digest.</param>
    /// <param name="right">Another digest.</param>
    /// <returns><see langword="true"/> when they are the same digest.</returns>
    public static bool operator ==(QueryCodeDigest left, QueryCodeDigest right) => left.Equals(right);

    /// <summary>Compares two digests.</summary>
    /// <param name="left">A digest.</param>
    /// <param name="right">Another digest.</param>
    /// <returns><see langword="true"/> when they differ.</returns>
    public static bool operator !=(QueryCodeDigest left, QueryCodeDigest right) => !left.Equals(right);

    /// <summary>Reads a digest as stored: 64 hexadecimal digits, either case.</summary>
    /// <param name="text">The digest's text.</param>
    /// <returns>The digest.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="FormatException">The text is not 64 hexadecimal digits; the message does not repeat it.</exception>
    public static QueryCodeDigest Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var digest)
            ? digest
            : throw new FormatException($"A query code digest is {TextLength} hexadecimal digits; this text has {text.Length} characters or a character that is not a hexadecimal digit.");
    }

    /// <summary>Reads a digest, reporting failure as <see langword="false"/> instead of an exception.</summary>
    /// <param name="text">The digest's text.</param>
    /// <param name="digest">The digest when the text is valid; otherwise the default value.</param>
    /// <returns><see langword="true"/> when the text is 64 hexadecimal digits.</returns>
    public static bool TryParse([NotNullWhen(true)] string? text, out QueryCodeDigest digest)
    {
        digest = default;
        if (text is null || text.Length != TextLength || !text.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        digest = new QueryCodeDigest(text.ToUpperInvariant());
        return true;
    }

    /// <summary>Compares with another digest, in time that does not depend on where they differ.</summary>
    /// <param name="other">The other digest.</param>
    /// <returns><see langword="true"/> when they are the same digest.</returns>
    public bool Equals(QueryCodeDigest other) =>
        hex is null || other.hex is null
            ? hex is null && other.hex is null
            : CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hex), Encoding.ASCII.GetBytes(other.hex));

    /// <summary>Compares with another object.</summary>
    /// <param name="obj">The object.</param>
    /// <returns><see langword="true"/> when it is the same digest.</returns>
    public override bool Equals(object? obj) => obj is QueryCodeDigest other && Equals(other);

    /// <summary>Gets a hash code.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => hex is null ? 0 : StringComparer.Ordinal.GetHashCode(hex);

    /// <summary>Formats the digest as stored: 64 upper-case hexadecimal digits (empty for the default value).</summary>
    /// <returns>The text; <see cref="Parse"/> reads it back.</returns>
    public override string ToString() => hex ?? "";

    internal static QueryCodeDigest FromBytes(ReadOnlySpan<byte> bytes) => new(Convert.ToHexString(bytes));
}
