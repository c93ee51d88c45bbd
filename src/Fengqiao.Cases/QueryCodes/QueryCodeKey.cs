using System.Security.Cryptography;
using System.Text;

namespace Fengqiao.Cases.QueryCodes;

/// <summary>
/// A county's secret key for query-code digests: the desk digests every code it hands out or is shown with it, and
/// keeps only the <see cref="QueryCodeDigest"/>.
/// </summary>
/// <remarks>
/// <para>
/// The digest is HMAC-SHA-256 over the code's canonical text (<see cref="QueryCode.ToString"/>). Without the key a
/// stolen database cannot be used to test guessed codes; with it, still only by trying codes of 85 random bits.
/// Keep the key outside the database (a key file or a secret store), the same for every desk and store of a county:
/// a desk with another key finds none of the cases registered under this one.
/// </para>
/// <para>The key bytes are copied; the object never prints them (<see cref="ToString"/>).</para>
/// </remarks>
/// <threadsafety>Immutable; <see cref="Digest"/> may be called concurrently from any thread.</threadsafety>
public sealed class QueryCodeKey
{
    /// <summary>The fewest key bytes accepted.</summary>
    public const int MinimumLength = 16;

    private readonly byte[] key;

    /// <summary>Creates a key from its bytes.</summary>
    /// <param name="key">At least <see cref="MinimumLength"/> secret bytes, e.g. 32 from a cryptographic generator; copied.</param>
    /// <exception cref="ArgumentException"><paramref name="key"/> is shorter than <see cref="MinimumLength"/> bytes.</exception>
    public QueryCodeKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < MinimumLength)
        {
            throw new ArgumentException($"A query-code key needs at least {MinimumLength} bytes; this one has {key.Length}.", nameof(key));
        }

        this.key = key.ToArray();
    }

    /// <summary>Digests a query code.</summary>
    /// <param name="code">The code.</param>
    /// <returns>HMAC-SHA-256 of the code's canonical text under this key.</returns>
    public QueryCodeDigest Digest(QueryCode code)
    {
        Span<byte> hash = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(key, Encoding.ASCII.GetBytes(code.ToString()), hash);
        return QueryCodeDigest.FromBytes(hash);
    }

    /// <summary>Describes the key without its bytes.</summary>
    /// <returns>For example <c>QueryCodeKey(32 bytes)</c>.</returns>
    public override string ToString() => $"QueryCodeKey({key.Length} bytes)";
}
