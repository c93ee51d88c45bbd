using System.Security.Cryptography;

namespace Fengqiao.Cases.QueryCodes;

/// <summary>Generates new query codes (查询码) from a cryptographic random number generator.</summary>
/// <remarks>
/// <para>
/// Each code carries 85 random bits: guessing a valid code is hopeless, and among a billion codes the chance that
/// any two are the same is below one in 70 million. A host should still store codes with a unique index and draw
/// again on the (practically impossible) conflict. Codes take no input, so they can never be derived from a case id.
/// </para>
/// </remarks>
/// <threadsafety>
/// Thread-safe with the default source (<see cref="RandomNumberGenerator.Fill(Span{byte})"/>); with a source of
/// your own, as thread-safe as that source (the platform's <see cref="RandomNumberGenerator.Create()"/> is).
/// </threadsafety>
public sealed class QueryCodeGenerator
{
    private const int RandomBytes = 11;
    private readonly RandomNumberGenerator? source;

    /// <summary>Creates a generator using the operating system's cryptographic random number generator.</summary>
    public QueryCodeGenerator()
    {
    }

    /// <summary>Creates a generator drawing from <paramref name="source"/> (e.g. a hardware security module's generator).</summary>
    /// <param name="source">A cryptographic random number generator; the generator does not dispose it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    public QueryCodeGenerator(RandomNumberGenerator source)
    {
        ArgumentNullException.ThrowIfNull(source);
        this.source = source;
    }

    /// <summary>Generates a new query code.</summary>
    /// <returns>A code with 85 fresh random bits and its check symbol.</returns>
    public QueryCode Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        bytes.Clear();
        var random = bytes[..RandomBytes];
        if (source is null)
        {
            RandomNumberGenerator.Fill(random);
        }
        else
        {
            source.GetBytes(random);
        }

        var low = BitConverter.ToUInt64(bytes[..8]);
        var high = BitConverter.ToUInt64(bytes[8..]);
        return QueryCode.FromRandom(new UInt128(high, low));
    }
}
