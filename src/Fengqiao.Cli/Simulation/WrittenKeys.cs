using Fengqiao.Cases;

namespace Fengqiao.Cli.Simulation;

/// <summary>
/// What a pipelined <see cref="GroupedAppendStore"/> has written to its new store, kept as a bit filter: the case ids,
/// the query codes (a registration's and every joined report's) and the matter keys of the new cases. A "no" is
/// certain (nothing under that key was ever written, so the store cannot know it); a "maybe" sends the question to the
/// store, after everything before it is committed.
/// </summary>
/// <remarks>
/// <para>Two bit positions a key (from one 64-bit FNV-1a hash, mixed) in a table of 2^26 bits (8 MiB): at 30 × 600
/// (≈ 70,000 keys) a "maybe" for an unknown key is about one in 200,000; at 1.48 million cases (≈ 4.5 million keys) about one in
/// 60. A wrong "maybe" costs one wait for the writer, never a wrong answer. Keys are only added, never removed (an
/// erased or closed case's keys stay: the filter may only be wider than the store).</para>
/// <para>Not thread-safe: the view uses it under its gate.</para>
/// </remarks>
internal sealed class WrittenKeys
{
    private const int Log2Bits = 26;
    private const ulong Mask = (1UL << Log2Bits) - 1;

    private readonly ulong[] bits = new ulong[1 << (Log2Bits - 6)];

    /// <summary>Whether the store may hold a case with this id, or a case (or joined report) with this query code.</summary>
    /// <param name="registered">A new case.</param>
    /// <returns>False when certainly neither.</returns>
    public bool MayHoldCase(Case registered) =>
        MayHold('i', registered.Id.Value) || MayHold('c', registered.QueryCodeDigest.ToString());

    /// <summary>Whether any of a report's matter keys (<see cref="Fengqiao.Cases.Ports.ReportMatterKey.Text"/>) may have
    /// been written with a new case.</summary>
    /// <param name="keys">The keys.</param>
    /// <returns>False when certainly none.</returns>
    public bool MayHoldAny(string[] keys)
    {
        foreach (var key in keys)
        {
            if (MayHold('m', key))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds a new case: its id, its query code and its report's matter keys.</summary>
    /// <param name="registered">The new case.</param>
    /// <param name="keys">Its report's matter keys.</param>
    public void AddCase(Case registered, string[] keys)
    {
        Add('i', registered.Id.Value);
        foreach (var key in keys)
        {
            Add('m', key);
        }

        AddCodes(registered);
    }

    /// <summary>Adds a case's query code and those of the reports joined to it.</summary>
    /// <param name="latest">The case after an append.</param>
    public void AddCodes(Case latest)
    {
        Add('c', latest.QueryCodeDigest.ToString());
        foreach (var joined in latest.JoinedQueryCodeDigests)
        {
            Add('c', joined.ToString());
        }
    }

    private bool MayHold(char kind, string key)
    {
        var (a, b) = Positions(kind, key);
        return (bits[a >> 6] & (1UL << (int)(a & 63))) != 0 && (bits[b >> 6] & (1UL << (int)(b & 63))) != 0;
    }

    private void Add(char kind, string key)
    {
        var (a, b) = Positions(kind, key);
        bits[a >> 6] |= 1UL << (int)(a & 63);
        bits[b >> 6] |= 1UL << (int)(b & 63);
    }

    private static (ulong A, ulong B) Positions(char kind, string key)
    {
        unchecked
        {
            var h = 14695981039346656037UL;
            h = (h ^ kind) * 1099511628211UL;
            foreach (var c in key)
            {
                h = (h ^ c) * 1099511628211UL;
            }

            // MurmurHash3's finaliser spreads the bits, so the two halves make two positions.
            h ^= h >> 33;
            h *= 0xff51afd7ed558ccdUL;
            h ^= h >> 33;
            h *= 0xc4ceb9fe1a85ec53UL;
            h ^= h >> 33;
            return (h & Mask, (h >> 32) & Mask);
        }
    }
}
