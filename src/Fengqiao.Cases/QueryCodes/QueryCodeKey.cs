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
/// <para>The key bytes are copied; the object never prints them (<see cref="ToString"/>). Each key has an
/// <see cref="Id"/>, a fingerprint that names it in configuration, logs and the CLI without revealing it.</para>
/// <para>Rotation: a desk digests new codes with its current key and looks codes up under the current key, then under
/// each retired key (<see cref="Desk.CaseDeskOptions.RetiredQueryCodeKeys"/>). Stored digests are never re-digested:
/// the codes themselves are not stored, so they cannot be. A retired key stays configured for as long as citizens may
/// still look up cases registered under it.</para>
/// </remarks>
/// <threadsafety>Immutable; <see cref="Digest"/> may be called concurrently from any thread.</threadsafety>
public sealed class QueryCodeKey
{
    /// <summary>The fewest key bytes accepted.</summary>
    public const int MinimumLength = 16;

    private const int IdBytes = 8;

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
        Span<byte> print = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(this.key, "fengqiao query-code key id"u8, print);
        Id = Convert.ToHexString(print[..IdBytes]).ToLowerInvariant();
    }

    /// <summary>Gets the key's id: 16 lower-case hexadecimal digits, a keyed fingerprint of the key (HMAC-SHA-256 of a
    /// fixed label under the key, cut to 8 bytes).</summary>
    /// <value>The same for the same key bytes on every machine; it reveals nothing of the key and cannot digest codes.</value>
    public string Id { get; }

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
    /// <returns>For example <c>QueryCodeKey(9f3c0a1b2d4e5f60, 32 bytes)</c>: the <see cref="Id"/> and the length.</returns>
    public override string ToString() => $"QueryCodeKey({Id}, {key.Length} bytes)";
}
