using System.Security.Cryptography;

namespace Fengqiao.Testing;

/// <summary>
/// A <see cref="RandomNumberGenerator"/> that repeats from a seed, for <see cref="Fengqiao.Cases.QueryCodes.QueryCodeGenerator"/>
/// in tests: two desks given the same seed draw the same query codes, run after run.
/// </summary>
/// <remarks>Never use it outside tests: its output is predictable by design, and query codes are the citizen's secret.</remarks>
/// <threadsafety>Thread-safe: draws are serialised, so concurrent callers get disjoint bytes (in an unspecified order).</threadsafety>
public sealed class SeededRandomNumberSource : RandomNumberGenerator
{
    private readonly Random random;
    private readonly object gate = new();

    /// <summary>Creates the source.</summary>
    /// <param name="seed">The seed; the same seed gives the same bytes.</param>
    public SeededRandomNumberSource(int seed)
    {
        Seed = seed;
        random = new Random(seed);
    }

    /// <summary>Gets the seed.</summary>
    public int Seed { get; }

    /// <inheritdoc />
    public override void GetBytes(byte[] data)
    {
        ArgumentNullException.ThrowIfNull(data);
        GetBytes(data.AsSpan());
    }

    /// <inheritdoc />
    public override void GetBytes(Span<byte> data)
    {
        lock (gate)
        {
#pragma warning disable CA5394 // Predictable on purpose: tests need repeatable query codes.
            random.NextBytes(data);
#pragma warning restore CA5394
        }
    }
}
